import Foundation
import ReportModel

/// One piece of a text report: a label (text), a number, or an empty table cell.
struct Token {
    enum Kind: Equatable {
        case text(String)
        /// A number as printed (digits, optional sign and decimals) and its unit factor.
        case number(String)
        case empty
    }
    var kind: Kind
    /// 1-based line number.
    let line: Int
    /// True when the digits were glued to text with no separator (flattened text), so they
    /// may hold several cells.
    var glued = false
    /// Note or unit printed with the number (`万元`, `元`, `（其中修订 16 件）`).
    var suffix = ""
    /// True for a cell of a TAB or `|` row: a label of its own, never part of a wrapped label.
    var inCell = false

    var isValue: Bool {
        if case .text = kind { return false }
        return true
    }
    var isNumber: Bool {
        if case .number = kind { return true }
        return false
    }
    var text: String? {
        if case .text(let text) = kind { return text }
        return nil
    }
}

/// Stage 1 of reading a text report: the decoded text, its lines and their tokens.
struct TokenizedText {
    /// The whole text as decoded.
    let text: String
    /// The lines without their line ends; `lines[0]` is line 1.
    let lines: [String]
    /// The tokens of every line, in reading order.
    let tokens: [Token]

    /// The lines and tokens of a decoded text.
    init(text: String) {
        self.text = text
        // By UTF-8 bytes: `\r\n` is one Character, which a split at the Character `\n` misses,
        // and an ASCII byte never falls inside another character's bytes. Rebuilding each line
        // from scalars cost more than the split.
        let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        lines = Array(text.utf8).split(separator: newline, omittingEmptySubsequences: false).map { line in
            line.contains(carriageReturn)
                ? String(decoding: line.filter { $0 != carriageReturn }, as: UTF8.self)
                : String(decoding: line, as: UTF8.self)
        }
        tokens = Tokenizer.tokens(of: lines)
    }

    /// The lines and tokens of a file's bytes; throws when they are not a text report.
    init(data: Data) throws(ReportInputError) {
        self.init(text: try TextDecoding.decode(data))
    }
}

/// The units a published report prints beside its numbers, from the forms' `units`: the
/// tokenizer runs before the form is known, so it takes the union over every shipped form.
struct PrintedUnits {
    /// Units of amounts (the forms' own and those converted to it), longest first so `万元`
    /// is tried before `元`.
    let amounts: [String]
    /// Units other than the forms' own amount unit (`元`), which a sentence uses too.
    let conversions: [String]
    /// The words a count may be printed with (`件`, `条`).
    let counts: [String]

    /// The union of the units of `forms`.
    init(forms: [Form]) {
        func unique(_ words: [String]) -> [String] {
            var seen: Set<String> = []
            return words.filter { !$0.isEmpty && seen.insert($0).inserted }.sorted { $0.count > $1.count }
        }
        conversions = unique(forms.flatMap { $0.units.amountConversions.keys.sorted() })
        amounts = unique(forms.map(\.units.amount) + conversions)
        counts = unique(forms.flatMap(\.units.countWords))
    }

    /// The units of every shipped form.
    static let shipped = PrintedUnits(forms: FormCatalog.all)

    /// A regex alternation of `words` (`万元|元`).
    static func alternation(_ words: [String]) -> String {
        words.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
    }
}

/// Splits the lines of a report into tokens, as every shape of TEXT-SHAPES.md needs:
/// TAB or `|` cells (empty cells kept), or whitespace-separated pieces; numbers glued to
/// text split off; page numbers dropped; notes and units kept with their number.
///
/// It reads a line as Unicode scalars: grapheme breaking and the regular expressions cost
/// more than the rest of the parser's first stage. Where the text has only scalars that are a
/// Character of their own (`Unicode.Scalar.standsAlone`: ASCII, Han, CJK punctuation, as a
/// report's lines nearly always are), scalars and Characters are the same thing; a piece with
/// other scalars (a combining mark, an emoji sequence) is split by its Characters as before.
enum Tokenizer {
    private static let units = PrintedUnits.shipped
    /// A cell holding one number, with its unit or count word and a note (`22（其中修订 16 件）`):
    /// the expression `NumberCell` matches by hand (kept for the tests that compare the two).
    static let numberCell = NSRegularExpression.constant(
        #"^([+\-−－]?\d{1,15}(?:\.\d{1,6})?)\s*((?:"# + PrintedUnits.alternation(units.amounts + units.counts) + #")?\s*(?:[（(][^）)]*[）)])?)$"#)
    /// Words after a number in a sentence (`21 人`, `3 月`), besides the count words and the
    /// converted units (`元`): a number followed by one is prose, not a cell.
    private static let proseMeasureWords = "人篇期家名余场份年月日号时分秒"
    /// The first Characters of the words that make a number prose: computed once, not per token.
    private static let proseMeasureFirsts: [Character] = Array(proseMeasureWords) + (units.counts + units.conversions).compactMap(\.first)
    /// Words right after digits that make them part of a word (`2023年`, `第3页`), besides
    /// the count words (`第20条`).
    fileprivate static let wordSuffixes = "年月日号页%％人"
    /// The printed amount units as scalars, in the order of the expressions they replace.
    private static let amountScalars = units.amounts.map { Array($0.unicodeScalars) }
    /// The first scalars of the amount units: a line without one has no unit to join.
    private static let unitStarts = amountScalars.compactMap(\.first)
    /// The dashes around a page number (`— 3 —`).
    private static let pageDashes: [Unicode.Scalar] = ["-", "—", "–", "－"]

    /// The tokens of `lines`, each carrying its 1-based line number.
    static func tokens(of lines: [String]) -> [Token] {
        var tokens: [Token] = []
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            // Foundation's replacement, as before: it leaves a CR that a combining mark follows.
            let line = raw.utf8.contains(UInt8(ascii: "\r")) ? raw.replacingOccurrences(of: "\r", with: "") : raw
            let scalars = Array(line.unicodeScalars)
            guard scalars.contains(where: { !$0.isSpaceOrTab }) else { continue }
            if isSeparatorRow(line, scalars) || SectionReader.isPageFurniture(line) { continue }
            if scalars.contains("\t") {
                // A TAB (a control character) is always a Character of its own.
                for cell in scalars.split(separator: "\t", omittingEmptySubsequences: false) {
                    tokens.append(contentsOf: cellTokens(Array(cell), line: number, separated: true))
                }
            } else if isPipeRow(line, scalars) {
                guard !scalars.allSatisfy(\.standsAlone) else {
                    // Each scalar a Character: the bars at the ends and between cells are scalars too.
                    var row = Self.trimmed(scalars[...])
                    if row.first == "|" { row = row.dropFirst() }
                    if row.last == "|" { row = row.dropLast() }
                    for cell in row.split(separator: "|", omittingEmptySubsequences: false) {
                        tokens.append(contentsOf: cellTokens(Array(cell), line: number, separated: true))
                    }
                    continue
                }
                var trimmed = line.trimmingWhitespace()
                if trimmed.hasPrefix("|") { trimmed.removeFirst() }
                if trimmed.hasSuffix("|") { trimmed.removeLast() }
                for cell in trimmed.components(separatedBy: "|") {
                    tokens.append(contentsOf: cellTokens(Array(cell.unicodeScalars), line: number, separated: true))
                }
            } else {
                // pdftotext -layout: two or more spaces part columns; one space parts the
                // words of a wrapped label.
                let spaced = scalars.allSatisfy(\.standsAlone) ? widenedSpaces(joinNotes(scalars)) : Array(CharacterText.spaced(line).unicodeScalars)
                let columns = Self.columns(of: spaced).map(trimmed).filter { !$0.isEmpty }
                for (columnIndex, column) in columns.enumerated() {
                    for (pieceIndex, piece) in words(of: column).enumerated() {
                        var pieceTokens = cellTokens(piece, line: number, separated: false)
                        if columnIndex > 0 && pieceIndex == 0, !pieceTokens.isEmpty { pieceTokens[0].inCell = true }
                        tokens.append(contentsOf: pieceTokens)
                    }
                }
            }
        }
        return proseNumbersAsText(tokens)
    }

    /// Whether a line without TABs is a row of `|` cells: two bars, or one that ends it.
    private static func isPipeRow(_ line: String, _ scalars: [Unicode.Scalar]) -> Bool {
        let bars = scalars.lazy.filter { $0 == "|" }.count
        // The Character test only for the one line in many with a single bar.
        return bars >= 2 || (bars == 1 && line.trimmingWhitespace().hasSuffix("|"))
    }

    /// `规章 22 件` in a paragraph: a number followed by a measure word is prose, not a value.
    private static func proseNumbersAsText(_ tokens: [Token]) -> [Token] {
        var tokens = tokens
        for index in tokens.indices.dropLast() where tokens[index].isNumber && !tokens[index].inCell && !tokens[index].glued {
            let next = tokens[index + 1]
            guard next.line == tokens[index].line, let text = next.text, let first = text.first, case .number(let digits) = tokens[index].kind else { continue }
            // `21 件`, `1 月`, or a number between words of a sentence.
            let measured = proseMeasureFirsts.contains(first)
            let between = index > 0 && tokens[index - 1].line == next.line && tokens[index - 1].text != nil
            guard measured || between else { continue }
            tokens[index].kind = .text(digits + tokens[index].suffix)
        }
        return tokens
    }

    /// The tokens of one cell (or one word of a layout line); a TAB or `|` cell is `separated`.
    private static func cellTokens(_ cell: [Unicode.Scalar], line number: Int, separated: Bool) -> [Token] {
        var tokens = pieceTokens(cell, line: number, separated: separated)
        if separated { for index in tokens.indices { tokens[index].inCell = true } }
        return tokens
    }

    /// The tokens of one cell or word, before they are marked as cells.
    private static func pieceTokens(_ cell: [Unicode.Scalar], line number: Int, separated: Bool) -> [Token] {
        var trimmed = asciiDigits(Array(Self.trimmed(cell[...])))
        // `1,234`: thousands separators.
        if trimmed.contains(","), isGroupedNumber(trimmed) { trimmed.removeAll { $0 == "," } }
        if trimmed.isEmpty { return separated ? [Token(kind: .empty, line: number)] : [] }
        if isPageNumber(trimmed) { return [] }
        if mayBeNumber(trimmed), let (digits, rest) = NumberCell.ranges(trimmed) {
            let value = trimmed[digits].map { $0 == "−" || $0 == "－" ? "-" : $0 }
            return [Token(kind: .number(text(value[...])), line: number, suffix: text(trimmed[rest]))]
        }
        if trimmed.count == 1 {
            // Compared as Characters, as the text was: a compatibility ideograph equals its ideograph.
            let char = Character(trimmed[0])
            if char == "-" || char == "—" || char == "/" || char == "无" { return [Token(kind: .empty, line: number)] }
        }
        // A table cell is one thing: text with digits in it (`数据1`) is a label.
        if separated { return [Token(kind: .text(text(trimmed[...])), line: number)] }
        return trimmed.allSatisfy(\.standsAlone) ? splitGlued(trimmed, line: number) : splitGlued(Array(text(trimmed[...])), line: number)
    }

    /// Whether `numberCell` can match: the cell begins with a sign or a digit (of any script,
    /// as `\d` allows).
    private static func mayBeNumber(_ cell: [Unicode.Scalar]) -> Bool {
        guard let first = cell.first(where: { !NumberCell.isSpace($0) }) else { return false }
        // Neither an ASCII character nor a Han one needs the property lookup.
        if first.isASCII { return (0x30...0x39).contains(first.value) || first == "+" || first == "-" }
        if (0x4E00...0x9FFF).contains(first.value) { return false }
        return first == "−" || first == "－" || first.properties.numericType == .decimal
    }

    /// The pieces of a layout line between runs of two spaces, as `components(separatedBy:
    /// "  ")` gives them (a run of three leaves a piece with one space, trimmed later).
    private static func columns(of line: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var pieces: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var index = 0
        while index + 1 < line.count {
            if line[index] == " " && line[index + 1] == " " {
                pieces.append(line[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(line[start...])
        return pieces
    }

    /// The words of a column, split at the Character " " with empty words dropped.
    private static func words(of column: ArraySlice<Unicode.Scalar>) -> [[Unicode.Scalar]] {
        guard column.allSatisfy(\.standsAlone) else {
            // A space with a combining mark after it is not the Character " ".
            return text(column).split(separator: " ").map { Array($0.unicodeScalars) }
        }
        return column.split(separator: " ").map(Array.init)
    }

    /// The ideographic space as two spaces, the no-break space as one: pdftotext's column gaps.
    private static func widenedSpaces(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard line.contains(where: { $0 == "\u{3000}" || $0 == "\u{00A0}" }) else { return line }
        var widened: [Unicode.Scalar] = []
        widened.reserveCapacity(line.count + 8)
        for scalar in line {
            switch scalar {
            case "\u{3000}": widened.append(contentsOf: [" ", " "])
            case "\u{00A0}": widened.append(" ")
            default: widened.append(scalar)
            }
        }
        return widened
    }

    /// `text` without leading and trailing spaces and tabs, as `trimmingWhitespace()` trims.
    private static func trimmed(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        guard let first = text.firstIndex(where: { !$0.isSpaceOrTab }), let last = text.lastIndex(where: { !$0.isSpaceOrTab }) else { return [] }
        return text[first...last]
    }

    /// A Markdown table's `| --- |` row.
    private static func isSeparatorRow(_ line: String, _ scalars: [Unicode.Scalar]) -> Bool {
        // Most lines have no `-` at all.
        guard scalars.contains("-") else { return false }
        if scalars.allSatisfy(\.standsAlone) {
            return scalars.allSatisfy { $0 == "|" || $0 == "-" || $0 == ":" || Character($0).isWhitespace }
        }
        let set = Set(line.filter { !$0.isWhitespace })
        return !set.isEmpty && set.isSubset(of: ["|", "-", ":"]) && set.contains("-")
    }

    /// Whether `^[+\-]?\d{1,3}(,\d{3})+(\.\d+)?\s*(AMOUNTS)?$` matches: a number with thousands
    /// separators. No part can give back what it took and still match, so one greedy pass decides.
    private static func isGroupedNumber(_ cell: [Unicode.Scalar]) -> Bool {
        let count = cell.count
        var index = 0
        if index < count, cell[index] == "+" || cell[index] == "-" { index += 1 }
        let lead = index
        while index < count, index - lead < 3, NumberCell.isDigit(cell[index]) { index += 1 }
        guard index > lead else { return false }
        var groups = 0
        while index + 3 < count, cell[index] == ",", NumberCell.isDigit(cell[index + 1]), NumberCell.isDigit(cell[index + 2]), NumberCell.isDigit(cell[index + 3]) {
            index += 4
            groups += 1
        }
        guard groups > 0 else { return false }
        if index + 1 < count, cell[index] == ".", NumberCell.isDigit(cell[index + 1]) {
            index += 2
            while index < count, NumberCell.isDigit(cell[index]) { index += 1 }
        }
        while index < count, NumberCell.isSpace(cell[index]) { index += 1 }
        if NumberCell.isEnd(cell, index) { return true }
        return amountScalars.contains { unit in starts(cell, with: unit, at: index) && NumberCell.isEnd(cell, index + unit.count) }
    }

    /// Whether `^[-—–－]\s*\d{1,3}\s*[-—–－]$|^第\s*\d+\s*页(共\s*\d+\s*页)?$` matches: a page number.
    private static func isPageNumber(_ cell: [Unicode.Scalar]) -> Bool {
        let count = cell.count
        func skipSpaces(_ index: inout Int) { while index < count, NumberCell.isSpace(cell[index]) { index += 1 } }
        /// The digits at `index`, at most `limit` of them; false when there are none or more.
        func digits(_ index: inout Int, limit: Int) -> Bool {
            let start = index
            while index < count, NumberCell.isDigit(cell[index]) { index += 1 }
            return index > start && index - start <= limit
        }
        /// `\s*\d+\s*页` from `index`: where it ends, or nil.
        func pageWord(_ index: Int) -> Int? {
            var index = index
            skipSpaces(&index)
            guard digits(&index, limit: .max) else { return nil }
            skipSpaces(&index)
            return index < count && cell[index] == "页" ? index + 1 : nil
        }
        guard let first = cell.first else { return false }
        if pageDashes.contains(first) {
            var index = 1
            skipSpaces(&index)
            guard digits(&index, limit: 3) else { return false }
            skipSpaces(&index)
            return index < count && pageDashes.contains(cell[index]) && NumberCell.isEnd(cell, index + 1)
        }
        guard first == "第", let end = pageWord(1) else { return false }
        if NumberCell.isEnd(cell, end) { return true }
        guard end < count, cell[end] == "共", let total = pageWord(end + 1) else { return false }
        return NumberCell.isEnd(cell, total)
    }

    /// Whether `word` occurs in `text` at `index`.
    private static func starts(_ text: [Unicode.Scalar], with word: [Unicode.Scalar], at index: Int) -> Bool {
        index + word.count <= text.count && text[index..<(index + word.count)].elementsEqual(word)
    }

    /// Full-width digits, signs and points as ASCII (`２１` → `21`).
    static func asciiDigits(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard text.contains(where: { (0xFF0B...0xFF19).contains($0.value) }) else { return text }
        return text.map { scalar in
            switch scalar.value {
            case 0xFF10...0xFF19: return Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? scalar
            case 0xFF0B: return "+"
            case 0xFF0D: return "-"
            case 0xFF0E: return "."
            default: return scalar
            }
        }
    }

    /// `\p{Han}` for the scalars a report's text is made of, the expression for the rest.
    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x2E80, 0xFF00...0xFFEF: return false
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        default:
            let text = String(scalar)
            return han?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }
    private static let han = NSRegularExpression.constant(#"^\p{Han}"#)

    /// Puts a number's unit and note in parentheses next to it, so whitespace splitting keeps
    /// them together (`199.2 万元`, `22（其中修订 16 件）`): by hand, what the expressions
    /// `(\d)\s+(AMOUNTS)(?![\p{Han}])` → `$1$2` and `(\d)\s*([（(](?:其中|含|包括|另)[^）)]*[）)])`
    /// → the digit and the note without its spaces did, one after the other.
    private static func joinNotes(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var text = line
        if text.contains(where: unitStarts.contains) { text = unitsAfterSpaces(text) }
        guard text.contains(where: { $0 == "(" || $0 == "（" }) else { return text }
        return numberNotes(text)
    }

    /// `(\d)\s+(AMOUNTS)(?![\p{Han}])` replaced by `$1$2`: the spaces between a number and its unit dropped.
    private static func unitsAfterSpaces(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.count)
        var index = 0
        scan: while index < text.count {
            let scalar = text[index]
            if NumberCell.isDigit(scalar) {
                var start = index + 1
                while start < text.count, NumberCell.isSpace(text[start]) { start += 1 }
                // A unit never starts with a space, so the spaces give back nothing.
                if start > index + 1 {
                    for unit in amountScalars where starts(text, with: unit, at: start) {
                        let end = start + unit.count
                        guard end == text.count || !isHan(text[end]) else { continue }
                        result.append(scalar)
                        result.append(contentsOf: unit)
                        index = end
                        continue scan
                    }
                }
            }
            result.append(scalar)
            index += 1
        }
        return result
    }

    /// `(\d)\s*([（(](?:其中|含|包括|另)[^）)]*[）)])`: the digit, then the note without its spaces.
    private static func numberNotes(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let noteWords: [[Unicode.Scalar]] = [["其", "中"], ["含"], ["包", "括"], ["另"]]
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let scalar = text[index]
            result.append(scalar)
            index += 1
            guard NumberCell.isDigit(scalar) else { continue }
            var open = index
            while open < text.count, NumberCell.isSpace(text[open]) { open += 1 }
            guard open < text.count, text[open] == "（" || text[open] == "(",
                noteWords.contains(where: { starts(text, with: $0, at: open + 1) }),
                let close = text[(open + 1)...].firstIndex(where: { $0 == "）" || $0 == ")" })
            else { continue }
            result.append(contentsOf: withoutSpaces(text[open...close]))
            index = close + 1
        }
        return result
    }

    /// A note without its spaces (no-break and ideographic ones too): its scalars stand alone,
    /// so they are its Characters.
    private static func withoutSpaces(_ note: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        note.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{3000}" }
    }

    /// Text with digits glued to it (`规章000行政规范性文件6233440`): text and digit runs as
    /// separate tokens. Digits that are part of a label (`1.属于`, `第3页`, `2023年`) stay text.
    private static func splitGlued<Unit: GlyphUnit>(_ chars: [Unit], line: Int) -> [Token] {
        var tokens: [Token] = []
        var textBuffer: [Unit] = []
        var index = 0
        func flushText() {
            if !textBuffer.isEmpty { tokens.append(Token(kind: .text(Unit.text(textBuffer[...])), line: line)) }
            textBuffer = []
        }
        while index < chars.count {
            let char = chars[index]
            // A sign before digits starts a number, after digits too (`行政处罚2648-18538`).
            let signed = (char == "-" || char == "+") && index + 1 < chars.count && chars[index + 1].isASCIIDigit
            guard char.isASCIIDigit || signed else {
                textBuffer.append(char)
                index += 1
                continue
            }
            switch digitRun(chars, at: index, signed: signed) {
            case .word(let end):
                textBuffer.append(contentsOf: chars[index..<end])
                index = end
            case .number(let digits, let end, let enumerator):
                flushText()
                index = end
                if !digits.isEmpty {
                    let unit = amountUnit(in: chars, at: end)
                    tokens.append(Token(kind: .number(Unit.text(digits)), line: line, glued: true, suffix: unit.word))
                    index += unit.length
                }
                if let enumerator { textBuffer.append(enumerator) }
            }
        }
        flushText()
        return tokens
    }

    /// The run of digits at `index`: part of a word, or a number and the enumerator digit of
    /// the next label glued to it.
    private enum DigitRun<Unit: GlyphUnit> {
        case word(end: Int)
        case number(ArraySlice<Unit>, end: Int, enumerator: Unit?)
    }

    /// What the digits starting at `index` of `chars` are.
    private static func digitRun<Unit: GlyphUnit>(_ chars: [Unit], at index: Int, signed: Bool) -> DigitRun<Unit> {
        var end = index + 1
        while end < chars.count, chars[end].isASCIIDigit || (chars[end] == "." && end + 1 < chars.count && chars[end + 1].isASCIIDigit) { end += 1 }
        var digits = chars[index..<end]
        let next: Unit? = end < chars.count ? chars[end] : nil
        // `…公开00000003.危及`: the last digit is the enumerator of the next label.
        var enumerator: Unit?
        if let next, next == "." || next == "、", !digits.contains(".") {
            if digits.count == 1 && !signed { return .word(end: end) }
            enumerator = digits.removeLast()
        }
        // Digits inside words (2023年, 第20条, 12345热线) are prose, not values.
        if let next, enumerator == nil, next.isWordSuffix || next.isNonHanLetter { return .word(end: end) }
        return .number(digits, end: end, enumerator: enumerator)
    }

    /// The amount unit printed at `index` of `chars` (`万元`, `元`) and its length, or "" when there is none.
    private static func amountUnit<Unit: GlyphUnit>(in chars: [Unit], at index: Int) -> (word: String, length: Int) {
        for (word, unit) in Unit.amountUnits where index + unit.count <= chars.count && chars[index..<(index + unit.count)].elementsEqual(unit) {
            return (word, unit.count)
        }
        return ("", 0)
    }

    /// The text of `scalars`, encoded once.
    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                for byte in scalar.utf8 {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}

/// A layout line's notes joined and spaces widened as Characters and by the expressions, for
/// the lines with scalars that are not Characters of their own: where a match ends inside a
/// Character, the expressions' ranges and Foundation's replacement round to the Characters.
private enum CharacterText {
    private static let units = PrintedUnits.shipped
    private static let unitAfterSpace = NSRegularExpression.constant(#"(\d)\s+("# + PrintedUnits.alternation(units.amounts) + #")(?![\p{Han}])"#)
    private static let numberNote = NSRegularExpression.constant(#"(\d)\s*([（(](?:其中|含|包括|另)[^）)]*[）)])"#)

    /// The line with its notes joined to their numbers and its ideographic and no-break spaces widened.
    static func spaced(_ line: String) -> String {
        let spaced = joinNotes(line)
        guard spaced.unicodeScalars.contains(where: { $0 == "\u{3000}" || $0 == "\u{00A0}" }) else { return spaced }
        return spaced.replacingOccurrences(of: "\u{3000}", with: "  ").replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    /// `Tokenizer.joinNotes` by the expressions.
    private static func joinNotes(_ line: String) -> String {
        var text = line
        if units.amounts.contains(where: { TextSearch.contains(text, $0) }), let unitAfterSpace {
            text = unitAfterSpace.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1$2")
        }
        guard TextSearch.contains(text, "(") || TextSearch.contains(text, "（") else { return text }
        var result = ""
        var last = text.startIndex
        for match in numberNote?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? [] {
            guard let whole = Range(match.range, in: text), let digit = Range(match.range(at: 1), in: text), let note = Range(match.range(at: 2), in: text) else { continue }
            result += text[last..<whole.lowerBound] + text[digit] + text[note].filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{3000}" }
            last = whole.upperBound
        }
        result += text[last...]
        return result
    }
}

/// A unit of text as `Tokenizer.splitGlued` reads it: a Character, or a scalar of a piece whose
/// every scalar is a Character of its own (`Unicode.Scalar.standsAlone`), at a fraction of the cost.
protocol GlyphUnit: Equatable, ExpressibleByUnicodeScalarLiteral {
    var isASCIIDigit: Bool { get }
    /// A letter other than a Han character: digits before one are part of a word.
    var isNonHanLetter: Bool { get }
    /// A date or page word or a one-Character count word: digits before one are part of a word.
    var isWordSuffix: Bool { get }
    /// The printed amount units, longest first, each as its word and its units.
    static var amountUnits: [(String, [Self])] { get }
    /// The text of `units`.
    static func text(_ units: ArraySlice<Self>) -> String
}

extension Character: GlyphUnit {
    var isNonHanLetter: Bool { isLetter && !isHanCharacter }
    var isWordSuffix: Bool {
        Tokenizer.wordSuffixes.contains(self) || PrintedUnits.shipped.counts.contains { $0.count == 1 && $0.first == self }
    }
    static let amountUnits = PrintedUnits.shipped.amounts.map { ($0, Array($0)) }
    static func text(_ units: ArraySlice<Character>) -> String { String(units) }
}

extension Unicode.Scalar: GlyphUnit {
    var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
    var isNonHanLetter: Bool {
        if isASCII { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        return !(0x4E00...0x9FFF).contains(value) && Character(self).isLetter
    }
    var isWordSuffix: Bool { Self.wordSuffixes.contains(self) }
    /// `Character.isWordSuffix` for the Characters that are one scalar.
    private static let wordSuffixes: [Unicode.Scalar] = Array(Tokenizer.wordSuffixes.unicodeScalars)
        + PrintedUnits.shipped.counts.filter { $0.count == 1 && $0.unicodeScalars.count == 1 }.compactMap(\.unicodeScalars.first)
    static let amountUnits = PrintedUnits.shipped.amounts.map { ($0, Array($0.unicodeScalars)) }
    static func text(_ units: ArraySlice<Unicode.Scalar>) -> String { Tokenizer.text(units) }

    /// Whether the scalar is a Character of its own beside any other such scalar: no rule of
    /// grapheme breaking joins two of them (none extends, prepends, joins or pairs; CR is left
    /// out for CR LF), and none is canonically equivalent to another scalar (the compatibility
    /// ideographs are left out), so comparing them is comparing their Characters.
    var standsAlone: Bool {
        switch value {
        case 0x0D: return false
        case 0..<0x300, 0x2000...0x200B, 0x200E...0x206F, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return true
        default: return false
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isHanCharacter: Bool { unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false }
}

/// The match of `Tokenizer.numberCell` written by hand over the cell's scalars: the expression
/// cost more than the rest of the tokenizer, on every cell that starts with a digit.
///
/// `^([+\-−－]?\d{1,15}(?:\.\d{1,6})?)\s*((?:UNITS)?\s*(?:[（(][^）)]*[）)])?)$`: no part of it
/// can give back what it took and still match (a digit or point given back matches nothing that
/// may follow), so one greedy pass decides, trying the units in the expression's order.
enum NumberCell {
    /// The printed units, in the order of the expression's alternation.
    private static let units: [[Unicode.Scalar]] = {
        let units = PrintedUnits.shipped
        return (units.amounts + units.counts).map { Array($0.unicodeScalars) }
    }()

    /// The number (group 1) and its unit and note (group 2), or nil when the cell is not one number.
    static func match(_ cell: String) -> (String, String)? {
        let scalars = Array(cell.unicodeScalars)
        guard let (number, rest) = ranges(scalars) else { return nil }
        return (Tokenizer.text(scalars[number]), Tokenizer.text(scalars[rest]))
    }

    /// Where groups 1 and 2 are in `scalars`, or nil when the cell is not one number.
    static func ranges(_ scalars: [Unicode.Scalar]) -> (Range<Int>, Range<Int>)? {
        let count = scalars.count
        var index = 0
        if index < count, "+-−－".unicodeScalars.contains(scalars[index]) { index += 1 }
        let digitsStart = index
        while index < count, index - digitsStart < 15, isDigit(scalars[index]) { index += 1 }
        guard index > digitsStart else { return nil }
        if index + 1 < count, scalars[index] == ".", isDigit(scalars[index + 1]) {
            var end = index + 1
            while end < count, end - index - 1 < 6, isDigit(scalars[end]) { end += 1 }
            index = end
        }
        let numberEnd = index
        while index < count, isSpace(scalars[index]) { index += 1 }
        let restStart = index
        for unit in units where index + unit.count <= count && scalars[index..<(index + unit.count)].elementsEqual(unit) {
            if let end = noteEnd(scalars, from: index + unit.count) { return (0..<numberEnd, restStart..<end) }
        }
        guard let end = noteEnd(scalars, from: index) else { return nil }
        return (0..<numberEnd, restStart..<end)
    }

    /// `\s*(?:[（(][^）)]*[）)])?$` from `start`: where group 2 ends, or nil when it does not match.
    private static func noteEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count, isSpace(scalars[index]) { index += 1 }
        if isEnd(scalars, index) { return index }
        guard scalars[index] == "（" || scalars[index] == "(" else { return nil }
        index += 1
        while index < scalars.count, scalars[index] != "）", scalars[index] != ")" { index += 1 }
        guard index < scalars.count else { return nil }
        return isEnd(scalars, index + 1) ? index + 1 : nil
    }

    /// `$` without the multiline option: the end, or before a line terminator that ends the input.
    static func isEnd(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        if index == scalars.count { return true }
        guard index == scalars.count - 1 else { return false }
        return ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalars[index])
    }

    /// `\d`: a decimal digit of any script.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { Labels.isDigit(scalar) }

    /// `\s` of ICU: Unicode's White_Space (which has U+0085 and the line separators).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.isWhiteSpace }
}
