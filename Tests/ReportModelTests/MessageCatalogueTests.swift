import Foundation
import ReportModel
import XCTest

/// The message catalogues (`templates/messages-*.json`): every sentence the code says has an
/// entry in both languages, with the same placeholders, and nothing in them is unused.
final class MessageCatalogueTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Keys the code builds at run time (`"severity.\(rawValue)"`), listed with what builds them.
    private let builtKeys: Set<String> = ["severity.error", "severity.warning"]

    /// Every `Messages.text("key"` in `Sources/`, with the file that says it.
    private func keysUsedInSources() throws -> [String: String] {
        var used: [String: String] = [:]
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let pattern = try NSRegularExpression(pattern: #"Messages\.text\(\s*"([a-z0-9_.]+)""#)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                used[String(text[range])] = file.lastPathComponent
            }
        }
        return used
    }

    func testBothLanguagesHaveTheSameKeysAndPlaceholders() {
        let chinese = Messages.catalogue(.chinese)
        let english = Messages.catalogue(.english)
        XCTAssertGreaterThan(chinese.count, 5)
        XCTAssertEqual(Set(chinese.keys).subtracting(english.keys).sorted(), [], "keys with no English sentence")
        XCTAssertEqual(Set(english.keys).subtracting(chinese.keys).sorted(), [], "keys with no Chinese sentence")
        for (key, sentence) in chinese {
            guard let other = english[key] else { continue }
            XCTAssertEqual(Messages.placeholders(in: sentence), Messages.placeholders(in: other), "placeholders of \(key)")
        }
    }

    func testEveryKeyTheCodeSaysIsInBothCataloguesAndEveryEntryIsSaid() throws {
        let used = try keysUsedInSources()
        let all = Set(used.keys).union(builtKeys)
        for language in Language.allCases {
            let catalogue = Messages.catalogue(language)
            for (key, file) in used.sorted(by: { $0.key < $1.key }) where catalogue[key] == nil {
                XCTFail("\(file) says \(key), which the \(language.rawValue) catalogue lacks")
            }
            XCTAssertEqual(Set(catalogue.keys).subtracting(all).sorted(), [], "entries of \(language.rawValue) nothing says")
        }
    }

    func testChineseSentencesAreChinese() {
        // A sentence with letters but no Chinese character is an English sentence left untranslated.
        for (key, sentence) in Messages.catalogue(.chinese) {
            var words = sentence
            for name in Messages.placeholders(in: sentence) { words = words.replacingOccurrences(of: "{\(name)}", with: "") }
            let hasLetters = words.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
            let hasChinese = words.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            XCTAssertTrue(!hasLetters || hasChinese, "\(key): “\(sentence)” is not Chinese")
        }
    }

    func testSentencesFillTheirPlaceholders() {
        XCTAssertEqual(Messages.text("place.cell", in: .chinese, ["sheet": "三、收到和处理政府信息公开申请情况", "cell": "D9"]),
                       "工作表「三、收到和处理政府信息公开申请情况」D9 单元格")
        XCTAssertEqual(Messages.text("place.cell", in: .english, ["sheet": "三", "cell": "D9"]), "sheet 三, cell D9")
        XCTAssertEqual(Messages.text("no.such.key", in: .chinese), "no.such.key")
    }

    func testTheEnvironmentChoosesTheLanguageChineseByDefault() {
        XCTAssertEqual(Language.fromEnvironment([:]), .chinese)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "C.UTF-8"]), .chinese)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]), .chinese)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "en_US.UTF-8"]), .english)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"]), .chinese)
        XCTAssertEqual(Language.fromEnvironment(["XXGK_LANG": "en", "LANG": "zh_CN.UTF-8"]), .english)
        XCTAssertEqual(Language.fromEnvironment(["XXGK_LANG": "", "LANG": "en_GB.UTF-8"]), .english)
        XCTAssertEqual(Language(code: "zh-Hans"), .chinese)
        XCTAssertNil(Language(code: "fr"))
    }
    /// Folders and files of `Sources/` whose messages are not yet in the catalogue; the lint
    /// below skips them. Empty: every source is converted, and a new one starts converted.
    static let unconvertedSources: [String] = []

    /// The constructors whose message a user reads: the model's, and the command line's
    /// usage errors (`ValidationError`) and `CommandFailure.inputsIncompatible`.
    private static let messageConstructors = [
        "Diagnostic", "ReportInputError", "Finding", "OutputError", "ReportSumError", "ComparisonError", "FormDefinitionError",
        "ValidationError", "inputsIncompatible", "ZipWriteError",
    ]

    func testMessagesAreBuiltFromTheCatalogueNotFromEnglishLiterals() throws {
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let call = try NSRegularExpression(pattern: #"\b(\#(Self.messageConstructors.joined(separator: "|")))\("#)
        var checked = 0
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let relative = String(file.path.dropFirst(sources.path.count + 1))
            guard !Self.unconvertedSources.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            let characters = Array(text)
            let utf16Offsets = Self.characterIndices(of: text)
            for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let start = utf16Offsets[match.range.location + match.range.length] else { continue }
                let lineStart = characters[..<start].lastIndex(of: "\n").map { $0 + 1 } ?? 0
                if String(characters[lineStart..<start]).trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                checked += 1
                for literal in Self.literals(ofCallFrom: start, in: characters) where Self.isEnglishSentence(literal) {
                    let line = characters[..<start].filter { $0 == "\n" }.count + 1
                    XCTFail("\(relative):\(line): “\(literal)” is an English message; say it with Messages.text(\"key\")")
                }
            }
        }
        XCTAssertGreaterThan(checked, 50, "the lint found too few message constructors to be looking in the right place")
    }

    /// Whether a literal (its interpolations removed) reads as English words: two words in a
    /// row. Keys, ids and JSON paths are single words (`year`, `report.date`), never flagged.
    static func isEnglishSentence(_ literal: String) -> Bool {
        literal.range(of: #"[A-Za-z]{2,}[ ,;:()]+[A-Za-z]{2,}"#, options: .regularExpression) != nil
    }

    /// The string literals among the arguments of the call whose arguments start at `start`,
    /// without their interpolations, leaving out those inside `Messages.text(…)`.
    static func literals(ofCallFrom start: Int, in characters: [Character]) -> [String] {
        var literals: [String] = []
        var index = start
        var depth = 1
        let catalogueCall = Array("Messages.text(")
        while index < characters.count {
            if characters[index...].starts(with: catalogueCall) {
                index = skipParentheses(from: index + catalogueCall.count - 1, in: characters)
                continue
            }
            switch characters[index] {
            case "\"":
                let (end, literal) = skipString(from: index, in: characters)
                literals.append(literal)
                index = end
                continue
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return literals }
            default: break
            }
            index += 1
        }
        return literals
    }

    /// The index after the parenthesis matching the one at `open`, strings skipped whole.
    private static func skipParentheses(from open: Int, in characters: [Character]) -> Int {
        var depth = 0
        var index = open
        while index < characters.count {
            switch characters[index] {
            case "\"":
                index = skipString(from: index, in: characters).end
                continue
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return index
    }

    /// The index after the string literal opening at `quote`, and its text without interpolations.
    private static func skipString(from quote: Int, in characters: [Character]) -> (end: Int, literal: String) {
        var literal = ""
        var index = quote + 1
        while index < characters.count, characters[index] != "\"", characters[index] != "\n" {
            if characters[index] == "\\", index + 1 < characters.count {
                if characters[index + 1] == "(" {
                    index = skipParentheses(from: index + 1, in: characters)
                    literal.append(" ")
                } else {
                    index += 2
                }
                continue
            }
            literal.append(characters[index])
            index += 1
        }
        return (index + 1, literal)
    }

    /// The character index of each UTF-16 offset that begins a character.
    private static func characterIndices(of text: String) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var offset = 0
        for (index, character) in text.enumerated() {
            result[offset] = index
            offset += character.utf16.count
        }
        result[offset] = text.count
        return result
    }

    func testTheLintTellsSentencesFromKeys() {
        let characters = Array(#"ReportInputError(at: .jsonPath("year"), "expected a year, found \(kind)") + Finding(rule: "report.date", message: Messages.text("check.report.date", ["date": date]))"#)
        XCTAssertEqual(Self.literals(ofCallFrom: 17, in: characters), ["year", "expected a year, found  "])
        XCTAssertTrue(Self.isEnglishSentence("expected a year, found  "))
        XCTAssertFalse(Self.isEnglishSentence("year"))
        XCTAssertFalse(Self.isEnglishSentence("report.date"))
        XCTAssertFalse(Self.isEnglishSentence("tables.applications.received"))
    }

    func testChineseSentencesOfRepresentativeMessages() {
        let count = Messages.text("form.expect.count", in: .chinese)
        XCTAssertEqual(count, "不小于 0 的整数")
        XCTAssertEqual(Messages.text("json.cell.unexpected", in: .chinese, ["expected": count, "found": "12.5"]),
                       "应填写不小于 0 的整数或 null，实际为 12.5")
        let place = Messages.text("place.rule_column", in: .chinese, ["name": "总计"])
        XCTAssertEqual(place, "总计列")
        XCTAssertEqual(Messages.text("place.rule_row", in: .chinese, ["name": "行政复议"]), "行政复议行")
        XCTAssertEqual(
            Messages.text("check.rule_fails", in: .chinese, [
                "table": "applications", "title": "收到申请数 = 办理结果数", "place": place, "values": "10 ≠ 9", "rule": "applications.balance",
            ]),
            "applications：总计列不满足“收到申请数 = 办理结果数”：10 ≠ 9 [applications.balance]")
        XCTAssertEqual(Messages.text("pdf.no_text_layer", in: .chinese), "PDF 没有文字层（可能是扫描图像）：请先进行文字识别（OCR）")
        XCTAssertEqual(Messages.text("xlsx.no_such_sheet", in: .chinese, ["name": "五", "available": "一、二"]),
                       "没有名为「五」的工作表；现有工作表为 一、二")
        // The English sentences stay those the English tests assert.
        XCTAssertEqual(Messages.text("json.cell.unexpected", in: .english, ["expected": Messages.text("form.expect.count", in: .english), "found": "12.5"]),
                       "expected a whole number ≥ 0 or null, found 12.5")
    }

    func testFindingMessagesEndWithTheirRuleInBothLanguages() {
        for language in Language.allCases {
            let catalogue = Messages.catalogue(language)
            for key in ["check.rule_fails", "check.rule_fails_across_years", "narrative.differs", "narrative.undetermined"] {
                XCTAssertTrue(catalogue[key]?.hasSuffix(" [{rule}]") ?? false, "\(language.rawValue) \(key)")
            }
            for (key, rule) in [("check.report.year_form", "report.year_form"), ("check.report.date", "report.date"), ("unresolved.finding", "report.unresolved")] {
                XCTAssertTrue(catalogue[key]?.hasSuffix(" [\(rule)]") ?? false, "\(language.rawValue) \(key)")
            }
        }
    }
}
