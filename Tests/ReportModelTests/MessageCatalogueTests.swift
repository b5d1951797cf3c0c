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
}
