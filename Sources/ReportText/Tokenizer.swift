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
enum Tokenizer {
    private static let units = PrintedUnits.shipped
    private static let pageNumber = NSRegularExpression.constant(#"^[-—–－]\s*\d{1,3}\s*[-—–－]$|^第\s*\d+\s*页(共\s*\d+\s*页)?$"#)
    /// A cell holding one number, with its unit or count word and a note (`22（其中修订 16 件）`):
    /// the expression `NumberCell` matches by hand (kept for the tests that compare the two).
    static let numberCell = NSRegularExpression.constant(
        #"^([+\-−－]?\d{1,15}(?:\.\d{1,6})?)\s*((?:"# + PrintedUnits.alternation(units.amounts + units.counts) + #")?\s*(?:[（(][^）)]*[）)])?)$"#)
    /// Words after a number in a sentence (`21 人`, `3 月`), besides the count words and the
    /// converted units (`元`): a number followed by one is prose, not a cell.
    private static let proseMeasureWords = "人篇期家名余场份年月日号时分秒"
    /// Words right after digits that make them part of a word (`2023年`, `第3页`), besides
    /// the count words (`第20条`).
    private static let wordSuffixes = "年月日号页%％人"

    /// The tokens of `lines`, each carrying its 1-based line number.
    static func tokens(of lines: [String]) -> [Token] {
        var tokens: [Token] = []
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.utf8.contains(UInt8(ascii: "\r")) ? raw.replacingOccurrences(of: "\r", with: "") : raw
            let trimmedLine = line.trimmingWhitespace()
            if trimmedLine.isEmpty { continue }
            if isSeparatorRow(line) || SectionReader.isPageFurniture(line) { continue }
            let cells: [String]
            let separated: Bool
            if line.utf8.contains(UInt8(ascii: "\t")) {
                // A TAB (a control character) is always a Character of its own, so splitting at
                // the Character is `components(separatedBy:)`, at a twentieth of the cost.
                cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                separated = true
            } else if line.utf8.lazy.filter({ $0 == UInt8(ascii: "|") }).count >= 2 || trimmedLine.hasSuffix("|") {
                // `|` is ASCII: counted on the bytes, not by walking the line's Characters.
                var trimmed = trimmedLine
                if trimmed.hasPrefix("|") { trimmed.removeFirst() }
                if trimmed.hasSuffix("|") { trimmed.removeLast() }
                cells = trimmed.components(separatedBy: "|")
                separated = true
            } else {
                // pdftotext -layout: two or more spaces part columns; one space parts the
                // words of a wrapped label.
                var spaced = joinNotes(line)
                if spaced.unicodeScalars.contains(where: { $0 == "\u{3000}" || $0 == "\u{00A0}" }) {
                    spaced = spaced.replacingOccurrences(of: "\u{3000}", with: "  ").replacingOccurrences(of: "\u{00A0}", with: " ")
                }
                let columns = Self.columns(of: spaced).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                for (columnIndex, column) in columns.enumerated() {
                    for (pieceIndex, piece) in column.split(separator: " ").enumerated() {
                        var pieceTokens = cellTokens(String(piece), line: number, separated: false)
                        if columnIndex > 0 && pieceIndex == 0, !pieceTokens.isEmpty { pieceTokens[0].inCell = true }
                        tokens.append(contentsOf: pieceTokens)
                    }
                }
                continue
            }
            for cell in cells {
                var cellTokens = cellTokens(cell, line: number, separated: separated)
                if separated { for index in cellTokens.indices { cellTokens[index].inCell = true } }
                tokens.append(contentsOf: cellTokens)
            }
        }
        return proseNumbersAsText(tokens)
    }

    /// `规章 22 件` in a paragraph: a number followed by a measure word is prose, not a value.
    private static func proseNumbersAsText(_ tokens: [Token]) -> [Token] {
        var tokens = tokens
        for index in tokens.indices.dropLast() where tokens[index].isNumber && !tokens[index].inCell && !tokens[index].glued {
            let next = tokens[index + 1]
            guard next.line == tokens[index].line, let text = next.text, let first = text.first, case .number(let digits) = tokens[index].kind else { continue }
            // `21 件`, `1 月`, or a number between words of a sentence.
            let measured = proseMeasureWords.contains(first) || (units.counts + units.conversions).contains { $0.first == first }
            let between = index > 0 && tokens[index - 1].line == next.line && tokens[index - 1].text != nil
            guard measured || between else { continue }
            tokens[index].kind = .text(digits + tokens[index].suffix)
        }
        return tokens
    }

    /// The tokens of one cell (or one word of a layout line).
    private static func cellTokens(_ cell: String, line number: Int, separated: Bool) -> [Token] {
        var trimmed = asciiDigits(cell.trimmingWhitespace())
        // `1,234`: thousands separators.
        if trimmed.utf8.contains(UInt8(ascii: ",")), let grouped = thousands, grouped.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)) != nil {
            trimmed = trimmed.replacingOccurrences(of: ",", with: "")
        }
        if trimmed.isEmpty { return separated ? [Token(kind: .empty, line: number)] : [] }
        let range = NSRange(trimmed.startIndex..., in: trimmed)
        // The regular expressions only where the first character allows a match.
        if SectionReader.startsWithOneOf("-—–－第", trimmed), pageNumber?.firstMatch(in: trimmed, range: range) != nil { return [] }
        if mayBeNumber(trimmed), let (digits, rest) = NumberCell.match(trimmed) {
            var value = digits
            if !value.utf8.allSatisfy({ $0 < 0x80 }) {
                value = value.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "－", with: "-")
            }
            return [Token(kind: .number(value), line: number, suffix: rest)]
        }
        if trimmed == "-" || trimmed == "—" || trimmed == "/" || trimmed == "无" { return [Token(kind: .empty, line: number)] }
        // A table cell is one thing: text with digits in it (`数据1`) is a label.
        return separated ? [Token(kind: .text(trimmed), line: number)] : splitGlued(trimmed, line: number)
    }

    /// Whether `numberCell` can match: the cell begins with a sign or a digit (of any script,
    /// as `\d` allows).
    private static func mayBeNumber(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first(where: { !$0.properties.isWhitespace }) else { return false }
        return "+-−－".unicodeScalars.contains(first) || first.properties.numericType == .decimal
    }

    /// The pieces of a layout line between runs of two spaces, as `components(separatedBy:
    /// "  ")` gives them (a run of three leaves a piece with one space, trimmed later).
    private static func columns(of line: String) -> [String] {
        // On the UTF-8 bytes: a space is one byte that never falls inside another character.
        let bytes = Array(line.utf8)
        let space = UInt8(ascii: " ")
        var pieces: [String] = []
        var start = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == space && bytes[index + 1] == space {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }

    /// A Markdown table's `| --- |` row.
    private static func isSeparatorRow(_ line: String) -> Bool {
        // Most lines have no `-` at all.
        guard line.utf8.contains(UInt8(ascii: "-")) else { return false }
        let set = Set(line.filter { !$0.isWhitespace })
        return !set.isEmpty && set.isSubset(of: ["|", "-", ":"]) && set.contains("-")
    }

    private static let thousands = NSRegularExpression.constant(#"^[+\-]?\d{1,3}(,\d{3})+(\.\d+)?\s*("# + PrintedUnits.alternation(units.amounts) + #")?$"#)

    /// Full-width digits, signs and points as ASCII (`２１` → `21`).
    static func asciiDigits(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xFF0B...0xFF19).contains($0.value) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF10...0xFF19: return Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? scalar
            case 0xFF0B: return "+"
            case 0xFF0D: return "-"
            case 0xFF0E: return "."
            default: return scalar
            }
        }))
    }

    private static let unitAfterSpace = NSRegularExpression.constant(#"(\d)\s+("# + PrintedUnits.alternation(units.amounts) + #")(?![\p{Han}])"#)
    private static let numberNote = NSRegularExpression.constant(#"(\d)\s*([（(](?:其中|含|包括|另)[^）)]*[）)])"#)

    /// Puts a number's unit and note in parentheses next to it, so whitespace splitting keeps
    /// them together (`199.2 万元`, `22（其中修订 16 件）`).
    private static func joinNotes(_ line: String) -> String {
        var text = line
        if units.amounts.contains(where: { TextSearch.contains(text, $0) }), let unitAfterSpace {
            text = unitAfterSpace.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1$2")
        }
        guard TextSearch.contains(text, "(") || TextSearch.contains(text, "（") else { return text }
        // A note in parentheses right after a number: drop its inner spaces.
        let pattern = numberNote
        let range = NSRange(text.startIndex..., in: text)
        var result = ""
        var last = text.startIndex
        for match in pattern?.matches(in: text, range: range) ?? [] {
            guard let whole = Range(match.range, in: text), let digit = Range(match.range(at: 1), in: text), let note = Range(match.range(at: 2), in: text) else { continue }
            result += text[last..<whole.lowerBound] + text[digit] + text[note].filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{3000}" }
            last = whole.upperBound
        }
        result += text[last...]
        return result
    }

    /// Text with digits glued to it (`规章000行政规范性文件6233440`): text and digit runs as
    /// separate tokens. Digits that are part of a label (`1.属于`, `第3页`, `2023年`) stay text.
    private static func splitGlued(_ cell: String, line: Int) -> [Token] {
        let chars = Array(cell)
        var tokens: [Token] = []
        var textBuffer = ""
        var index = 0
        func flushText() {
            if !textBuffer.isEmpty { tokens.append(Token(kind: .text(textBuffer), line: line)) }
            textBuffer = ""
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
                    tokens.append(Token(kind: .number(digits), line: line, glued: true, suffix: unit))
                    index += unit.count
                }
                if let enumerator { textBuffer.append(enumerator) }
            }
        }
        flushText()
        return tokens
    }

    /// The run of digits at `index`: part of a word, or a number and the enumerator digit of
    /// the next label glued to it.
    private enum DigitRun {
        case word(end: Int)
        case number(String, end: Int, enumerator: Character?)
    }

    /// What the digits starting at `index` of `chars` are.
    private static func digitRun(_ chars: [Character], at index: Int, signed: Bool) -> DigitRun {
        var end = index + 1
        while end < chars.count, chars[end].isASCIIDigit || (chars[end] == "." && end + 1 < chars.count && chars[end + 1].isASCIIDigit) { end += 1 }
        var digits = String(chars[index..<end])
        let next: Character? = end < chars.count ? chars[end] : nil
        // `…公开00000003.危及`: the last digit is the enumerator of the next label.
        var enumerator: Character?
        if let next, next == "." || next == "、", !digits.contains(".") {
            if digits.count == 1 && !signed { return .word(end: end) }
            enumerator = digits.removeLast()
        }
        // Digits inside words (2023年, 第20条, 12345热线) are prose, not values.
        if let next, enumerator == nil, isWordSuffix(next) || (next.isLetter && !next.isHanCharacter) { return .word(end: end) }
        return .number(digits, end: end, enumerator: enumerator)
    }

    /// Whether `char` after digits makes them part of a word: a date or page word, or a count word (`5件`).
    private static func isWordSuffix(_ char: Character) -> Bool {
        wordSuffixes.contains(char) || units.counts.contains { $0.count == 1 && $0.first == char }
    }

    /// The amount unit printed at `index` of `chars` (`万元`, `元`), or "" when there is none.
    private static func amountUnit(in chars: [Character], at index: Int) -> String {
        units.amounts.first { unit in
            index + unit.count <= chars.count && String(chars[index..<(index + unit.count)]) == unit
        } ?? ""
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
            if let end = noteEnd(scalars, from: index + unit.count) { return (text(scalars[..<numberEnd]), text(scalars[restStart..<end])) }
        }
        guard let end = noteEnd(scalars, from: index) else { return nil }
        return (text(scalars[..<numberEnd]), text(scalars[restStart..<end]))
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
    private static func isEnd(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        if index == scalars.count { return true }
        guard index == scalars.count - 1 else { return false }
        return ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalars[index])
    }

    /// `\d`: a decimal digit of any script.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (0x30...0x39).contains(scalar.value) }
        return scalar.properties.generalCategory == .decimalNumber
    }

    /// `\s` of ICU: Unicode's White_Space (which has U+0085 and the line separators).
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    private static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}
