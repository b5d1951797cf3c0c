import Foundation
import ReportModel

/// Finds the title line: `{agency}{year}年政府信息公开工作年度报告` (or the year first), by the
/// patterns derived from the forms' title templates.
enum TitleReader {
    /// A title found in the text.
    struct Title: Equatable {
        let agency: String
        let year: Int
        /// 1-based line of the title (its first line when wrapped).
        let line: Int
    }

    /// A year found outside the title, with its line.
    struct StatedYear: Equatable {
        let year: Int
        /// 1-based line.
        let line: Int
    }

    /// One pattern per distinct title template of the shipped forms (the title is read
    /// before the form is known).
    static let patterns: [TitlePattern] = {
        var seen: Set<String> = []
        return FormCatalog.all.map(\.titleTemplate).filter { seen.insert($0).inserted }.compactMap(TitlePattern.init(template:))
    }()

    /// The title among the first lines, or nil.
    static func title(in lines: [String]) -> Title? {
        // Only the lines looked at are cleaned (the first 80 and the next non-empty one after
        // each): cleaning every line of a long report cost more than reading the title.
        var cleaned = [String?](repeating: nil, count: lines.count)
        func line(_ index: Int) -> String {
            if let text = cleaned[index] { return text }
            let text = clean(lines[index])
            cleaned[index] = text
            return text
        }
        // An empty line is passed over: joined with the next it would put the title on itself.
        for index in lines.indices.prefix(80) where !line(index).isEmpty {
            let next = ((index + 1)..<lines.count).lazy.map(line).first { !$0.isEmpty } ?? ""
            // A title wrapped over two lines (PDF text) is read joined.
            for text in [line(index), line(index) + next] {
                guard var title = match(text, line: index + 1) else { continue }
                if title.agency.isEmpty {
                    // `洪泽区人民政府` on its own line above `2023 年政府信息公开工作年度报告`.
                    let above = (0..<index).reversed().lazy.map(line).first { !$0.isEmpty } ?? ""
                    if above.count <= 30, !TextSearch.contains(above, "。"), !TextSearch.contains(above, "，") {
                        title = Title(agency: above.replacingOccurrences(of: " ", with: ""), year: title.year, line: title.line)
                    }
                }
                return title
            }
        }
        return nil
    }

    /// A line without Markdown marks, site prefixes (`标题：`) or metadata cells.
    static func clean(_ line: String) -> String {
        // Split at the TAB byte (a TAB is never part of another character): walking the line's
        // Characters, or `components(separatedBy:)`, cost more, on every line of the report.
        let pieces = line.utf8.contains(UInt8(ascii: "\t"))
            ? line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            : [line]
        var text = pieces.lazy.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.last ?? ""
        while text.hasPrefix("#") { text.removeFirst() }
        text = text.trimmingWhitespace()
        for prefix in ["标题：", "标题:", "名称：", "名称:", "题名：", "题名:"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        return text.trimmingWhitespace()
    }

    /// The title in one cleaned line: a short line that one of the patterns matches, with an
    /// agency of plausible length.
    static func match(_ text: String, line: Int) -> Title? {
        guard text.count <= 80 else { return nil }
        for pattern in patterns {
            guard let parts = pattern.match(text) else { continue }
            let prefix = parts.agencyBefore.trimmingWhitespace()
            let middle = parts.agencyAfter.trimmingWhitespace()
            guard prefix.count <= 40, middle.count <= 40 else { return nil }
            let agency = prefix.isEmpty ? middle : prefix
            return Title(agency: agency.replacingOccurrences(of: " ", with: ""), year: parts.year, line: line)
        }
        return nil
    }

    /// The year of `统计期限为2023年1月1日至2023年12月31日` when there is no title.
    private static let statisticsPeriod = NSRegularExpression.constant(#"(\d{4})\s*年\s*1\s*月\s*1\s*日\s*起?\s*[至到-]"#)

    /// The year of the first statistics period stated in the text, with its line.
    static func statisticsYear(in lines: [String]) -> StatedYear? {
        let pattern = statisticsPeriod
        for (index, line) in lines.enumerated() {
            let range = NSRange(line.startIndex..., in: line)
            if let match = pattern?.firstMatch(in: line, range: range), let year = Range(match.range(at: 1), in: line), let value = Int(line[year]) {
                return StatedYear(year: value, line: index + 1)
            }
        }
        return nil
    }
}

/// The regular expression of a title, derived from a form's `titleTemplate`
/// (`{agency}{year}年政府信息公开工作年度报告`) with the tolerances published titles need:
/// spaces, `年度` for `年`, the agency before or after the year, and the template's closing
/// words loosened by `closingWords`.
struct TitlePattern {
    /// The parts of a title that the pattern matched.
    struct Match: Equatable {
        /// The text before the year (the agency, when the title names it first).
        let agencyBefore: String
        let year: Int
        /// The text between the year and the title's subject (the agency of a year-first title).
        let agencyAfter: String
    }

    /// The template the pattern was derived from.
    let template: String
    /// The regular expression's source, for tests and messages.
    let source: String
    private let regex: NSRegularExpression

    /// The word after `{year}` (`2023年`).
    static let yearUnit = "年"
    /// The noun a title ends with (`报告`).
    static let noun = "报告"
    /// Words before the noun that published titles leave out or swap (`…公开年度报告`,
    /// `…公开年度工作报告`, `…公开报告`); the one next to the noun may shorten with it
    /// to their first characters (`年度报告` → `年报`).
    static let qualifiers = ["工作", "年度"]

    /// The pattern of `template`; nil when it lacks `{agency}` or `{year}`.
    init?(template: String) {
        guard let year = template.range(of: "{year}"), template.contains("{agency}") else { return nil }
        let before = String(template[..<year.lowerBound]).replacingOccurrences(of: "{agency}", with: "")
        var after = String(template[year.upperBound...]).replacingOccurrences(of: "{agency}", with: "")
        var yearPattern = #"(\d{4})"#
        if after.hasPrefix(Self.yearUnit) {
            after.removeFirst(Self.yearUnit.count)
            yearPattern += #"\s*"# + Self.escaped(Self.yearUnit) + "度?"
        }
        // The agency may stand before or after the year, whatever the template's order.
        let source = "^" + Self.escaped(before) + "(.*?)" + yearPattern + "(.*?)" + Self.closingWords(after)
        guard let regex = NSRegularExpression.constant(source) else { return nil }
        self.template = template
        self.source = source
        self.regex = regex
    }

    /// The agency and year of `text` when it is such a title.
    func match(_ text: String) -> Match? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range),
            let before = Range(match.range(at: 1), in: text), let yearRange = Range(match.range(at: 2), in: text),
            let after = Range(match.range(at: 3), in: text), let year = Int(text[yearRange])
        else { return nil }
        return Match(agencyBefore: String(text[before]), year: year, agencyAfter: String(text[after]))
    }

    /// The template's words after the year as a pattern: the subject (`政府信息公开`) as
    /// written, then its trailing qualifiers in any order or left out, then the noun; or the
    /// last qualifier and the noun shortened (`年报`). Spaces may part the words.
    static func closingWords(_ words: String) -> String {
        guard words.hasSuffix(noun) else { return escaped(words) }
        var subject = String(words.dropLast(noun.count))
        var present: [String] = []
        while let word = qualifiers.first(where: { subject.hasSuffix($0) && !present.contains($0) }) {
            present.insert(word, at: 0)
            subject.removeLast(word.count)
        }
        guard let last = present.last, let shortQualifier = last.first, let shortNoun = noun.first else {
            return escaped(words)
        }
        let orders = arrangements(of: present).map { $0.map(escaped).joined(separator: #"\s*"#) }
        let others = present.dropLast().map { "(?:" + escaped($0) + #")?\s*"# }.joined()
        let full = "(?:" + orders.joined(separator: "|") + #")?\s*"# + escaped(noun)
        let short = others + escaped(String([shortQualifier, shortNoun]))
        return escaped(subject) + #"\s*(?:"# + full + "|" + short + ")"
    }

    /// Every non-empty arrangement of some of `words`, longest first (`工作年度`, `年度工作`,
    /// `工作`, `年度`).
    static func arrangements(of words: [String]) -> [[String]] {
        var result: [[String]] = []
        func extend(_ chosen: [String], _ rest: [String]) {
            if !chosen.isEmpty { result.append(chosen) }
            for (index, word) in rest.enumerated() {
                var remaining = rest
                remaining.remove(at: index)
                extend(chosen + [word], remaining)
            }
        }
        extend([], words)
        return result.sorted { $0.count > $1.count }
    }

    private static func escaped(_ text: String) -> String {
        NSRegularExpression.escapedPattern(for: text)
    }
}
