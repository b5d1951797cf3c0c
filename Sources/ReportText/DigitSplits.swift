import Foundation
import ReportModel

/// The ways the values printed for a row can be cut into cells: each glued run of digits
/// (flattened text, `21710000218`) split into numbers, every other token one value. Only the
/// splits with the most values (at most one per cell) are readings, so they are generated
/// directly, in the order the parser has always preferred (each token's shorter first number
/// first, the first token varying slowest), never by listing every shorter split and
/// throwing it away. A table of which digit suffixes can still make how many numbers keeps
/// the walk from entering a dead end, so its work is that of the splits it yields.
struct DigitSplits {
    /// One printed token: a value (or blank) as it stands, or digits that may be split.
    private enum Piece {
        case fixed(Decimal?, line: Int)
        case digits(Digits)
    }

    /// A glued digit run: its digits (ASCII, before any decimal point), the sign of its first
    /// number, the decimals of its last (`13575394432.52`), and the unit printed after it.
    private struct Digits {
        let bytes: [UInt8]
        let negative: Bool
        /// `.52` or empty.
        let fraction: String
        let suffix: String
        let line: Int
        /// `fits[position][count]`: the digits from `position` on can be cut into exactly
        /// `count` numbers (no leading zeros, at most 15 digits each).
        let fits: [[Bool]]
    }

    /// No cell holds more than 15 digits (`ValueKind.largestMagnitude`).
    static let longestNumber = 15
    /// The most steps of the walk: beyond it the splits are cut off (incomplete).
    static let stepLimit = 1_000_000

    private let pieces: [Piece]
    /// `reachable[index][total]`: the pieces from `index` on can give exactly `total` values.
    private let reachable: [[Bool]]
    private let units: Units
    /// The number of values of every split: the most the tokens can give, at most `target`.
    let valueCount: Int?
    /// No digits to split (the usual row): the one split is the tokens' values, and no
    /// `reachable` table is made.
    private let allFixed: Bool

    /// The splits of `tokens` into at most `target` values.
    init(tokens: [Token], target: Int, units: Units) {
        self.units = units
        let pieces = tokens.map { Self.piece($0, target: target, units: units) }
        allFixed = pieces.allSatisfy { piece in
            if case .fixed = piece { return true }
            return false
        }
        guard !allFixed else {
            self.pieces = pieces
            reachable = []
            // Each piece gives exactly one value.
            valueCount = pieces.count <= target ? pieces.count : nil
            return
        }
        var reachable = [[Bool]](repeating: [Bool](repeating: false, count: target + 1), count: pieces.count + 1)
        reachable[pieces.count][0] = true
        for index in pieces.indices.reversed() {
            let counts = Self.counts(pieces[index], target: target)
            for total in 0...target where reachable[index + 1][total] {
                for count in counts where total + count <= target { reachable[index][total + count] = true }
            }
        }
        self.pieces = pieces
        self.reachable = reachable
        valueCount = (0...target).last { reachable[0][$0] }
    }

    /// Calls `body` with the values and their lines of every split, preferred first, until it
    /// returns false; false when the splits were cut off (by `body` or the step bound).
    func forEach(_ body: (_ values: [Decimal?], _ lines: [Int]) -> Bool) -> Bool {
        guard let total = valueCount else { return true }
        if allFixed {
            var values: [Decimal?] = []
            var lines: [Int] = []
            for case .fixed(let value, let line) in pieces {
                values.append(value)
                lines.append(line)
            }
            return body(values, lines)
        }
        // The walk keeps `body` only while it runs.
        return withoutActuallyEscaping(body) { body in
            var walk = Walk(body: body)
            _ = descend(piece: 0, remaining: total, &walk)
            return !walk.cutOff
        }
    }

    /// The state of one walk: the values chosen so far and what `body` said.
    private struct Walk {
        let body: ([Decimal?], [Int]) -> Bool
        var values: [Decimal?] = []
        var lines: [Int] = []
        var steps = 0
        var cutOff = false
    }

    /// Splits of the pieces from `index` on into exactly `remaining` values; false to stop.
    private func descend(piece index: Int, remaining: Int, _ walk: inout Walk) -> Bool {
        walk.steps += 1
        if walk.steps > Self.stepLimit { walk.cutOff = true; return false }
        guard index < pieces.count else {
            guard remaining == 0 else { return true }
            if !walk.body(walk.values, walk.lines) { walk.cutOff = true; return false }
            return true
        }
        switch pieces[index] {
        case .fixed(let value, let line):
            guard remaining >= 1, reachable[index + 1][remaining - 1] else { return true }
            walk.values.append(value)
            walk.lines.append(line)
            defer { walk.values.removeLast(); walk.lines.removeLast() }
            return descend(piece: index + 1, remaining: remaining - 1, &walk)
        case .digits(let digits):
            return cut(digits, from: 0, piece: index, remaining: remaining, &walk)
        }
    }

    /// The numbers of a digit run from `position` on, then the pieces after it.
    private func cut(_ digits: Digits, from position: Int, piece index: Int, remaining: Int, _ walk: inout Walk) -> Bool {
        let count = digits.bytes.count
        if position == count { return descend(piece: index + 1, remaining: remaining, &walk) }
        guard remaining >= 1 else { return true }
        let maxEnd = digits.bytes[position] == UInt8(ascii: "0") ? position + 1 : min(count, position + Self.longestNumber)
        for end in (position + 1)...maxEnd {
            // Only where the rest of this run and the pieces after it can still fill the split.
            let rest = remaining - 1
            guard (0...rest).contains(where: { digits.fits[end][$0] && reachable[index + 1][rest - $0] }) else { continue }
            walk.values.append(value(digits, from: position, to: end))
            walk.lines.append(digits.line)
            let goOn = cut(digits, from: end, piece: index, remaining: rest, &walk)
            walk.values.removeLast()
            walk.lines.removeLast()
            if !goOn { return false }
        }
        return true
    }

    /// The number of the digits `start..<end` of a run: signed when first, with the run's
    /// decimals and unit when last. Built from its integer, exactly, not parsed from text.
    private func value(_ digits: Digits, from start: Int, to end: Int) -> Decimal? {
        var magnitude: Int64 = 0
        for byte in digits.bytes[start..<end] { magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0")) }
        let isLast = end == digits.bytes.count
        var value: Decimal
        if isLast, !digits.fraction.isEmpty {
            guard let exact = Decimal(string: String(magnitude) + digits.fraction) else { return nil }
            value = exact
        } else {
            value = Decimal(magnitude)
        }
        if start == 0, digits.negative, !value.isZero { value.negate() }
        return isLast ? ValueGroup.scaled(value, digits.suffix, units: units) : value
    }

    /// What a token contributes: glued digits (two or more before any point) may be split.
    private static func piece(_ token: Token, target: Int, units: Units) -> Piece {
        guard case .number(let text) = token.kind else { return .fixed(nil, line: token.line) }
        let signed = text.hasPrefix("-") || text.hasPrefix("+")
        let unsigned = signed ? text.dropFirst() : Substring(text)
        let integer = unsigned.prefix { $0 != "." }
        let bytes = Array(integer.utf8)
        guard token.glued, bytes.count > 1, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return .fixed(Self.number(text).map { ValueGroup.scaled($0, token.suffix, units: units) }, line: token.line)
        }
        return .digits(Digits(bytes: bytes, negative: text.hasPrefix("-"), fraction: String(unsigned.dropFirst(integer.count)),
            suffix: token.suffix, line: token.line, fits: fits(bytes, target: target)))
    }

    /// The `fits` table of a digit run: empty of possibilities when the run is too long to be
    /// `target` numbers at all (no table is built for a hostile run of thousands of digits).
    private static func fits(_ bytes: [UInt8], target: Int) -> [[Bool]] {
        let count = bytes.count
        guard count <= target * longestNumber else {
            return [[Bool]](repeating: [Bool](repeating: false, count: target + 1), count: 1)
        }
        var fits = [[Bool]](repeating: [Bool](repeating: false, count: target + 1), count: count + 1)
        fits[count][0] = true
        for position in stride(from: count - 1, through: 0, by: -1) {
            let maxEnd = bytes[position] == UInt8(ascii: "0") ? position + 1 : min(count, position + longestNumber)
            for end in (position + 1)...maxEnd {
                for parts in 0..<target where fits[end][parts] { fits[position][parts + 1] = true }
            }
        }
        return fits
    }

    /// How many values a piece can give.
    private static func counts(_ piece: Piece, target: Int) -> [Int] {
        switch piece {
        case .fixed: return [1]
        case .digits(let digits): return (0...target).filter { $0 > 0 && digits.fits[0].indices.contains($0) && digits.fits[0][$0] }
        }
    }

    /// A number as printed (`12`, `-18`, `+1036`, `4068.208`), exactly: whole numbers from
    /// their digits, decimals by `Decimal(string:)`.
    static func number(_ text: String) -> Decimal? {
        var magnitude: Int64 = 0
        var digits = 0
        var negative = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "+") where index == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9") where digits < 18:
                magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return Decimal(string: text)
            }
        }
        guard digits > 0 else { return Decimal(string: text) }
        return Decimal(negative ? -magnitude : magnitude)
    }
}
