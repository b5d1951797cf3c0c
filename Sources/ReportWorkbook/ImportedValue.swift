import Foundation
import ReportModel
import XLSX

/// How the importer reads one value cell: numbers and the numeric text people type
/// (`" 12 "`, `"1,234"`, full-width `１２`, `"199.2万元"`), the placeholders that mean blank
/// (`无`, `-`, `/`), and anything else as an error that quotes what was found.
enum ImportedValue {
    /// What a cell's content means for a value of `kind`.
    enum Reading: Equatable {
        case blank
        /// Blank, but written as a placeholder the user should know was dropped.
        case placeholder(String)
        case value(Decimal)
        /// Not a value of the kind: the text of what was found.
        case invalid(found: String)
        /// A number beyond `ValueKind.largestMagnitude`: the text of what was found.
        case tooLarge(found: String)
    }

    /// Placeholders for "nothing" (compared after trimming).
    static let placeholders: Set<String> = ["无", "-", "/", "—", "－", "／", "——", "--", "N/A", "n/a", "不适用"]

    /// Reads a cell (nil when the cell is absent) as a value of `kind`.
    static func read(_ cell: Cell?, kind: ValueKind) -> Reading {
        guard let cell else { return .blank }
        let parsed: Decimal
        switch cell.value {
        case .empty: return .blank
        case .boolean(let flag): return .invalid(found: flag ? "TRUE" : "FALSE")
        case .error(let code): return .invalid(found: code)
        case .number(let text):
            // A number the file stores but `Decimal` cannot hold (1E+200) is out of range.
            guard let number = number(text) else { return isNumberText(text) && Double(text) != nil ? .tooLarge(found: text) : .invalid(found: text) }
            parsed = number
        case .string(let raw):
            let text = trimmed(raw)
            if text.isEmpty { return .blank }
            if placeholders.contains(text) { return .placeholder(text) }
            guard let number = numericText(text, kind: kind) else { return .invalid(found: raw) }
            parsed = number
        }
        if kind.accepts(parsed) { return .value(parsed) }
        return ValueKind.isTooLarge(parsed) ? .tooLarge(found: cell.value.text) : .invalid(found: cell.value.text)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A number as the file stores it. A binary double written with 16 or 17 digits
    /// (libxlsxwriter's `%.16G` writes 9312036.2 as `9312036.199999999`) is read as the shortest
    /// decimal that gives the same double (9312036.2), which is the value that was written;
    /// what floating-point noise is left (`0.30000000000000004`, a sum) is rounded to 10
    /// decimals, far below any value a report can hold.
    static func number(_ text: String) -> Decimal? {
        // `Decimal(string:)` reads a prefix and ignores the rest ("12abc" is 12, "0x10" is 0):
        // only digits, sign, point and exponent may be there, so such text is an error.
        guard isNumberText(text), var value = Decimal(string: text, locale: posix), text.utf8.contains(where: { (48...57).contains($0) }) else { return nil }
        guard text.count > 15 else { return value }
        if let double = Double(text), double.isFinite, let shortest = Decimal(string: "\(double)", locale: posix) { value = shortest }
        var copy = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &copy, 10, .plain)
        return rounded
    }

    /// Whether the whole text is one decimal number: sign, digits with at most one point,
    /// then an optional exponent (`-1.5`, `.5`, `1.2E+3`).
    static func isNumberText(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { (48...57).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == 0x2D || bytes.first == 0x2B { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if bytes.first == 0x45 || bytes.first == 0x65 {
            bytes = bytes.dropFirst()
            if bytes.first == 0x2D || bytes.first == 0x2B { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// Numeric text: full-width characters folded, thousands separators dropped, `万元`
    /// allowed after an amount. nil when it is not a number.
    static func numericText(_ text: String, kind: ValueKind) -> Decimal? {
        var folded = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: folded.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? scalar)
            case 0xFF0E: folded.append(".")
            case 0xFF0C: folded.append(",")
            case 0xFF0D, 0x2212: folded.append("-")
            case 0xFF0B: folded.append("+")
            default: folded.unicodeScalars.append(scalar)
            }
        }
        // An amount typed with the forms' own unit (199.2万元) is that amount.
        if kind == .amount, let unit = FormCatalog.all.lazy.map(\.units.amount).first(where: { folded.hasSuffix($0) }) {
            folded = trimmed(String(folded.dropLast(unit.count)))
        }
        if folded.utf8.contains(UInt8(ascii: ",")) {
            // Only well-placed thousands separators: 1,234 and 12,345,678.5, not 1,2.
            let parts = folded.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            let head = groups[0].hasPrefix("-") || groups[0].hasPrefix("+") ? groups[0].dropFirst() : groups[0]
            guard (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            folded = folded.replacingOccurrences(of: ",", with: "")
        }
        guard !folded.isEmpty, folded.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            folded.filter({ $0 == "." }).count <= 1, !folded.dropFirst().contains(where: { $0 == "-" || $0 == "+" })
        else { return nil }
        return number(folded)
    }

    /// Without leading and trailing white space, full-width spaces and no-break spaces included.
    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}\u{FEFF}")))
    }
}

extension Decimal {
    /// Whether the value has no more than `decimals` digits after the point (4068.208 has 3).
    func hasAtMost(decimals: Int) -> Bool {
        var copy = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &copy, decimals, .plain)
        return rounded == self
    }
}
