import Foundation

/// A figure the narrative states: which declared figure, where, the words and the number.
public struct StatedFigure: Sendable, Equatable {
    /// The declared figure the phrase names.
    public let figure: NarrativeFigure
    /// The section id the sentence is in (`overview`).
    public let section: String
    /// The sentence, with spaces between Chinese characters removed.
    public let sentence: String
    /// The number as written (`34`, `二十三`).
    public let written: String
    /// The number's value; nil when the Chinese numeral cannot be read.
    public let value: Decimal?
    /// Where the number stands: paragraph index and UTF-16 offset in the normalised paragraph,
    /// so two figures claiming the same number can be told.
    let position: Position

    /// A number's place in a section: paragraph and UTF-16 offset.
    struct Position: Hashable, Sendable {
        let section: String
        let paragraph: Int
        let offset: Int
    }
}

/// Compares the figures the narrative sections state ("本年度共收到政府信息公开申请34件") with the
/// tables, using the phrases of the form's `narrative` list. A disagreement is a warning; a
/// figure stated twice with different numbers, a number two figures claim or a numeral that
/// cannot be read is reported as undetermined, never guessed.
public enum NarrativeCheck {
    /// The rule id of undetermined statements.
    public static let undeterminedRule = "narrative.undetermined"

    /// Every figure the narrative states, in section and text order.
    public static func statedFigures(in report: Report) -> [StatedFigure] {
        let form = report.form
        var found: [StatedFigure] = []
        let anchors = form.narrativeAnchors
        for section in report.allowedSectionIDs {
            guard let text = report.sections[section], !text.isEmpty else { continue }
            for (index, paragraph) in paragraphs(of: text).enumerated() {
                var seen = Set<String>()
                // One search per paragraph (each call of an expression has a fixed cost that
                // dominates short texts); a paragraph without a number right before a count
                // word (34件) states no figure and is not searched.
                do {
                    let normalized = normalize(paragraph)
                    if let anchors, !statesCount(normalized, before: anchors) { continue }
                    let whole = normalized as NSString
                    let bytes = Array(normalized.utf8CString)
                    for figure in form.narrative {
                        for expression in figure.expressions.candidates(in: bytes) {
                            for match in expression.matches(in: normalized, range: NSRange(location: 0, length: whole.length)) {
                                let number = match.range(withName: "n")
                                guard number.location != NSNotFound else { continue }
                                let lead = whole.substring(with: NSRange(location: match.range.location, length: number.location - match.range.location))
                                // Only the clause the number stands in decides: 同比增长 earlier in the
                                // sentence does not make "其中自然人30件" a change.
                                let clause = lead.split(whereSeparator: { "，,、：:".contains($0) }).last.map(String.init) ?? lead
                                if form.narrativeExclusions.contains(where: clause.contains) { continue }
                                let offset = number.location
                                guard seen.insert("\(figure.id)#\(offset)").inserted else { continue }
                                let written = whole.substring(with: number)
                                found.append(StatedFigure(
                                    figure: figure, section: section, sentence: sentence(around: match.range, in: whole),
                                    written: written, value: value(of: written),
                                    position: StatedFigure.Position(section: section, paragraph: index, offset: offset)))
                            }
                        }
                    }
                }
            }
        }
        // Section order, then text order; `seen` already drops a figure found twice at one place.
        let order = Dictionary(report.allowedSectionIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return found.sorted {
            (order[$0.position.section] ?? Int.max, $0.position.paragraph, $0.position.offset)
                < (order[$1.position.section] ?? Int.max, $1.position.paragraph, $1.position.offset)
        }
    }

    /// The narrative's findings: each stated figure that differs from the table, and each
    /// statement that cannot be settled.
    public static func check(_ report: Report) -> [Finding] {
        let stated = statedFigures(in: report)
        guard !stated.isEmpty else { return [] }
        var computed = report
        computed.computeTotals()
        var findings: [Finding] = []

        // A number claimed by figures of different cells cannot be tied to one of them.
        let claims = Dictionary(grouping: stated, by: \.position)
        let contested = Set(claims.filter { Set($0.value.map(\.figure.cells)).count > 1 }.keys)
        for position in contested.sorted(by: { ($0.section, $0.paragraph, $0.offset) < ($1.section, $1.paragraph, $1.offset) }) {
            guard let claimants = claims[position], let first = claimants.first else { continue }
            let names = claimants.map { label(of: $0.figure, in: report.form) }.joined(separator: Messages.text("narrative.or"))
            findings.append(undetermined(
                first, cells: claimants.flatMap(\.figure.cells), in: report,
                Messages.text("narrative.contested", ["section": heading(of: first.section, in: report.form), "written": first.written, "sentence": first.sentence, "names": names])))
        }

        let settled = stated.filter { !contested.contains($0.position) }
        for figure in report.form.narrative {
            let statements = settled.filter { $0.figure.id == figure.id }
            guard let first = statements.first else { continue }
            if let unreadable = statements.first(where: { $0.value == nil }) {
                findings.append(undetermined(
                    unreadable, cells: figure.cells, in: report,
                    Messages.text("narrative.unreadable", [
                        "section": heading(of: unreadable.section, in: report.form), "figure": label(of: figure, in: report.form),
                        "written": unreadable.written, "sentence": unreadable.sentence,
                    ])))
                continue
            }
            let values = Set(statements.compactMap(\.value))
            if values.count > 1 {
                let each = statements.map { Messages.text("narrative.statement", ["written": $0.written, "sentence": $0.sentence]) }.joined(separator: Messages.text("narrative.and"))
                findings.append(undetermined(
                    first, cells: figure.cells, in: report,
                    Messages.text("narrative.differently", ["figure": label(of: figure, in: report.form), "each": each])))
                continue
            }
            guard let value = first.value else { continue }
            let table = tableValue(of: figure.cells, in: report, computed: computed)
            if table ?? 0 == value && (table != nil || value == 0) { continue }
            let has = table.map { Messages.text("narrative.table_has", ["value": ReportJSON.format($0)]) } ?? Messages.text("narrative.table_has_none")
            var finding = Finding(
                rule: figure.ruleID, severity: .warning, cells: figure.cells, place: Messages.text("place.section", ["section": heading(of: first.section, in: report.form)]),
                found: value, expected: table,
                message: Messages.text("narrative.differs", [
                    "section": heading(of: first.section, in: report.form), "figure": label(of: figure, in: report.form),
                    "written": first.written, "sentence": first.sentence, "has": has, "rule": figure.ruleID,
                ]))
            finding.excerpt = first.sentence
            findings.append(finding)
        }
        return findings
    }

    /// The table's value of a figure: the sum of its cells as printed, a blank total taken from
    /// its parts (a report that leaves the 总计 column blank still states the parts); nil when
    /// every cell is blank.
    public static func tableValue(of cells: [CellKey], in report: Report) -> Decimal? {
        var computed = report
        computed.computeTotals()
        return tableValue(of: cells, in: report, computed: computed)
    }

    private static func tableValue(of cells: [CellKey], in report: Report, computed: Report) -> Decimal? {
        let values = cells.compactMap { report[$0] ?? computed[$0] }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    private static func undetermined(_ statement: StatedFigure, cells: [CellKey], in report: Report, _ text: String) -> Finding {
        var finding = Finding(
            rule: undeterminedRule, severity: .warning, cells: cells, place: Messages.text("place.section", ["section": heading(of: statement.section, in: report.form)]),
            found: statement.value, expected: nil, message: Messages.text("narrative.undetermined", ["what": text, "rule": undeterminedRule]))
        finding.excerpt = statement.sentence
        return finding
    }

    /// The figure's caption, or its cells' label paths (`三、本年度办理结果 › （七）总计 › 总计`) added up.
    private static func label(of figure: NarrativeFigure, in form: Form) -> String {
        if let label = figure.label { return label }
        return figure.cells.map(form.pathLabel).joined(separator: " + ")
    }

    /// The heading of a section (`一、总体情况`), or of the table a note section belongs to.
    private static func heading(of section: String, in form: Form) -> String {
        if let definition = form.sections.first(where: { $0.id == section }) { return definition.heading }
        if let table = form.sections.first(where: { $0.table != nil && Report.noteSectionID(forTable: $0.table ?? "") == section }) {
            return Messages.text("narrative.note_heading", ["heading": table.heading])
        }
        return section
    }


    /// Whether a digit or Chinese numeral stands right before one of `anchors` (件, 起).
    static func statesCount(_ text: String, before anchors: Set<Unicode.Scalar>) -> Bool {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if anchors.contains(scalar), let previous, (0x30...0x39).contains(previous.value) || numeralScalars.contains(previous) {
                return true
            }
            previous = scalar
        }
        return false
    }

    /// The characters of Chinese numerals.
    static let numeralScalars = Set("零〇一二两三四五六七八九十百千万".unicodeScalars)

    /// A section's paragraphs: a long line (20 characters or more) whose break does not end a
    /// sentence is a wrap of the extracted text (pdftotext, PDF→Markdown), so it is joined to
    /// the next; a short one is a heading (（一）主动公开方面) and stands alone.
    static func paragraphs(of text: String) -> [String] {
        // One pass over the scalars (not Characters, split or CharacterSet): this runs over
        // every section of every report.
        let ends = Set("。；！？：:;!?".unicodeScalars)
        var paragraphs: [String] = []
        var current = String.UnicodeScalarView()
        var visible = 0
        var last: Unicode.Scalar?
        func endLine() {
            if visible > 0 && (visible < 20 || last.map(ends.contains) == true) {
                paragraphs.append(String(current))
                current = String.UnicodeScalarView()
            }
            visible = 0
            last = nil
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                endLine()
                continue
            }
            current.append(scalar)
            if scalar != " " && scalar != "\t" && scalar != "\u{3000}" {
                visible += 1
                last = scalar
            }
        }
        endLine()
        if !current.isEmpty { paragraphs.append(String(current)) }
        return paragraphs
    }

    /// The sentence holding `range`: from the end of the previous sentence to the end of this one,
    /// at most 120 characters around the match.
    private static func sentence(around range: NSRange, in text: NSString) -> String {
        let ends = CharacterSet(charactersIn: "。；！？;!?")
        let before = text.rangeOfCharacter(from: ends, options: .backwards, range: NSRange(location: 0, length: range.location))
        let start = before.location == NSNotFound ? 0 : before.location + before.length
        let afterSearch = NSRange(location: range.location + range.length, length: text.length - range.location - range.length)
        let after = text.rangeOfCharacter(from: ends, range: afterSearch)
        let end = after.location == NSNotFound ? text.length : after.location + after.length
        var sentence = text.substring(with: NSRange(location: start, length: end - start))
        if sentence.count > 120 {
            let from = max(start, range.location - 50)
            let to = min(text.length, range.location + range.length + 20)
            sentence = "…" + text.substring(with: NSRange(location: from, length: to - from)) + "…"
        }
        return sentence.trimmingCharacters(in: .whitespaces)
    }

    /// A paragraph as the phrases match it: full-width digits as ASCII, and whitespace removed
    /// except between two ASCII letters or digits (pdftotext writes `申请 21 件`, `2023 年`).
    static func normalize(_ text: String) -> String {
        // Scalar tests by value: Foundation's CharacterSet builds a set on every access, which
        // made this the slowest part of the check.
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\u{A0}" }
        func isASCIIAlphanumeric(_ scalar: Unicode.Scalar?) -> Bool {
            guard let value = scalar?.value else { return false }
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        var last: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = true
                continue
            }
            var scalar = scalar
            if (0xFF10...0xFF19).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFF10 + 0x30) { scalar = ascii }
            // A run of spaces survives, as one, only between two ASCII letters or digits.
            if pendingSpace && isASCIIAlphanumeric(last) && isASCIIAlphanumeric(scalar) { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
            last = scalar
        }
        return String(result)
    }

    /// The value of a number as written: digits (`1,200`, `3.5`) or a Chinese numeral
    /// (`二十三`, `一百零五`, `两`); nil when it is not a well-formed number.
    public static func value(of written: String) -> Decimal? {
        if let first = written.unicodeScalars.first, first.isASCII {
            return Decimal(string: written.replacingOccurrences(of: ",", with: ""), locale: Locale(identifier: "en_US_POSIX"))
        }
        return chineseNumeral(written).map { Decimal($0) }
    }

    /// `二十三` → 23, `一百零五` → 105, `十二` → 12, `二〇二三` → 2023 (digit by digit); nil for
    /// anything malformed (`三三十`).
    static func chineseNumeral(_ text: String) -> Int? {
        let digits: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000]
        guard !text.isEmpty else { return nil }
        if !text.contains(where: { units[$0] != nil || $0 == "万" }) {
            // Digit by digit (二〇二三); a single digit is itself.
            return text.reduce(into: Optional(0)) { result, character in
                guard let value = result, let digit = digits[character] else { result = nil; return }
                result = value * 10 + digit
            }
        }
        var total = 0
        var section = 0
        var pending: Int?
        var lastUnit = Int.max
        for character in text {
            if let digit = digits[character] {
                guard pending == nil || pending == 0 || digit == 0 else { return nil }
                pending = digit
            } else if let unit = units[character] {
                guard unit < lastUnit else { return nil }
                section += (pending ?? (unit == 10 ? 1 : 0)) * unit
                guard pending != nil || unit == 10 else { return nil }
                pending = nil
                lastUnit = unit
            } else if character == "万" {
                guard total == 0 else { return nil }
                total = (section + (pending ?? 0)) * 10_000
                guard total > 0 else { return nil }
                section = 0
                pending = nil
                lastUnit = Int.max
            } else {
                return nil
            }
        }
        return total + section + (pending ?? 0)
    }
}

/// Finding a report's words in the text of its source file, for messages that name the line.
public enum SourceText {
    /// The 1-based line of `text` where `excerpt` begins, comparing without whitespace and with
    /// full-width digits as ASCII (so a sentence wrapped over lines, or spaced by pdftotext, is
    /// found); nil when it is not there.
    public static func line(of excerpt: String, in text: String) -> Int? {
        let needle = squeeze(excerpt.hasPrefix("…") ? String(excerpt.dropFirst()) : excerpt)
            .replacingOccurrences(of: "…", with: "")
        guard !needle.isEmpty else { return nil }
        var squeezed = ""
        var lineOfCharacter: [Int] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let part = squeeze(line)
            squeezed += part
            lineOfCharacter += Array(repeating: index + 1, count: part.count)
        }
        guard let range = squeezed.range(of: needle) else { return nil }
        let offset = squeezed.distance(from: squeezed.startIndex, to: range.lowerBound)
        return offset < lineOfCharacter.count ? lineOfCharacter[offset] : nil
    }

    /// The text without whitespace, full-width digits as ASCII.
    private static func squeeze(_ text: String) -> String {
        NarrativeCheck.normalize(text).filter { !$0.isWhitespace }
    }
}
