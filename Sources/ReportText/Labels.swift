import Foundation

/// Label comparison that tolerates how published reports write the fixed labels: bracket
/// styles, spacing, `1、` for `1.`, Markdown marks, and small typos.
enum Labels {
    /// Full-width forms mapped to ASCII, and characters that never matter dropped.
    static func normalize(_ text: String) -> String {
        // On the UTF-8 bytes, made a string once: decoding scalars, and appending them to a
        // String one by one, cost more than the rest (it runs on every token and heading).
        // The characters changed are ASCII or the 2- and 3-byte sequences below.
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            // The bytes kept are copied a run at a time, up to each character changed.
            var kept = 0
            var index = 0
            let count = bytes.count
            func change(_ width: Int, to replacement: UInt8) {
                if out.isEmpty { out.reserveCapacity(count) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<index]))
                if replacement != 0 { out.append(replacement) }
                kept = min(count, index + width)
            }
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    switch byte {
                    case 0x20, 0x09, 0x0D, 0x0A, 0x2A, 0x23, 0x7C, 0x60, 0x5F, 0x3E: change(1, to: 0)  // space TAB CR LF * # | ` _ >
                    default: break
                    }
                    index += 1
                    continue
                }
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if let replacement = replacement(byte, index + 1 < count ? bytes[index + 1] : 0, index + 2 < count ? bytes[index + 2] : 0) {
                    change(width, to: replacement)
                }
                index += width
            }
            // Nothing changed: the text itself, not a copy.
            guard kept > 0 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<count]))
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// What `normalize` makes of the character whose UTF-8 begins with `lead`, `second`,
    /// `third`: an ASCII byte, 0 (dropped), or nil (kept as it is).
    private static func replacement(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> UInt8? {
        switch (lead, second) {
        case (0xC2, 0xA0): return 0  // U+00A0 no-break space
        case (0xE3, 0x80) where third == 0x80: return 0  // U+3000 ideographic space
        case (0xE2, 0x80):
            switch third {
            case 0x82, 0x83, 0x8B, 0xBA: return 0  // U+2002, U+2003, U+200B, › U+203A
            case 0x93, 0x94: return UInt8(ascii: "-")  // – U+2013, — U+2014
            default: return nil
            }
        case (0xE2, 0x88) where third == 0x92: return UInt8(ascii: "-")  // − U+2212
        case (0xEF, 0xBC):
            switch third {
            case 0x88: return UInt8(ascii: "(")  // （
            case 0x89: return UInt8(ascii: ")")  // ）
            case 0x9A: return UInt8(ascii: ":")  // ：
            case 0x8C: return UInt8(ascii: ",")  // ，
            case 0x8E: return UInt8(ascii: ".")  // ．
            case 0x8F: return UInt8(ascii: "/")  // ／
            case 0x8B: return UInt8(ascii: "+")  // ＋
            case 0x8D: return UInt8(ascii: "-")  // －
            case 0x90...0x99: return third - 0x90 + UInt8(ascii: "0")  // ０…９
            default: return nil
            }
        default: return nil
        }
    }

    /// Whether `scalar` is one of the Chinese numerals of enumerators (`（三）`, `十二、`):
    /// a switch, not a `Set` (hashing every scalar of every run was a tenth of the walk).
    private static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }

    /// The length (in scalars) of the enumerator at `start` of `scalars`, or nil: `(一)`,
    /// `一、` and (only when `anywhere` is false) `1.` / `12、`; with `anywhere`, a single digit
    /// not after an ASCII digit, before `.`/`、` and something that is not an ASCII digit.
    /// Written by hand over scalars: a regular expression per label, and then `Character`
    /// arrays (grapheme breaking of whole runs of text), were most of the cost of matching.
    /// Only the scalars before `count` are looked at (`core` looks at the first 64).
    private static func enumeratorLength(_ scalars: [Unicode.Scalar], at start: Int, anywhere: Bool, count: Int? = nil) -> Int? {
        let count = count ?? scalars.count
        guard start < count else { return nil }
        let first = scalars[start]
        if first == "(" {
            var end = start + 1
            while end < count, isNumeral(scalars[end]) { end += 1 }
            if end > start + 1, end < count, scalars[end] == ")" { return end + 1 - start }
            return nil
        }
        if isNumeral(first) {
            var end = start + 1
            while end < count, isNumeral(scalars[end]) { end += 1 }
            return end < count && scalars[end] == "、" ? end + 1 - start : nil
        }
        guard isDigit(first) else { return nil }
        func isMark(_ index: Int) -> Bool { index < count && (scalars[index] == "." || scalars[index] == "、") }
        func isASCIIDigit(_ index: Int) -> Bool { ("0"..."9").contains(scalars[index]) }
        if anywhere {
            guard start == 0 || !isASCIIDigit(start - 1), isMark(start + 1), start + 2 < count, !isASCIIDigit(start + 2) else { return nil }
            return 2
        }
        if start + 1 < count, isDigit(scalars[start + 1]), isMark(start + 2) { return 3 }
        return isMark(start + 1) ? 2 : nil
    }

    /// A decimal digit of any script, as `\d` of a regular expression. ASCII and the CJK
    /// blocks (U+2E80–U+9FFF, no decimal digits there) are answered without the Unicode
    /// property tables, which cost more than the rest of cutting a run into labels.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        if value >= 0x2E80 && value <= 0x9FFF { return false }
        return scalar.properties.numericType == .decimal
    }

    /// The distinctive part of a normalized label: without its enumerator (`1.`, `（一）`, `一、`).
    static func core(_ normalized: String) -> String {
        guard let first = normalized.unicodeScalars.first, first == "(" || isNumeral(first) || isDigit(first) else { return normalized }
        let scalars = Array(normalized.unicodeScalars.prefix(64))
        guard let length = enumeratorLength(scalars, at: 0, anywhere: false) else { return normalized }
        return String(normalized.unicodeScalars.dropFirst(length))
    }

    /// `core(normalized)` as scalars, without making the string.
    static func coreScalars(_ normalized: String) -> [Unicode.Scalar] {
        let scalars = Array(normalized.unicodeScalars)
        guard let first = scalars.first, first == "(" || isNumeral(first) || isDigit(first),
            let length = enumeratorLength(scalars, at: 0, anywhere: false, count: min(64, scalars.count))
        else { return scalars }
        return Array(scalars[length...])
    }

    /// The offsets (in scalars) where an enumerator begins in `scalars`: the places a run of
    /// glued labels splits into labels.
    static func enumeratorStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
        var starts: [Int] = []
        var index = 0
        while index < scalars.count {
            if let length = enumeratorLength(scalars, at: index, anywhere: true) {
                starts.append(index)
                index += length
            } else {
                index += 1
            }
        }
        return starts
    }

    /// How well a piece of text (a label as printed, normalized, enumerator removed) matches a
    /// form label's core: 1 exact; 0.9 when the text ends with the label (a label glued to
    /// header words); otherwise the longest common subsequence over the longer length.
    static func score(_ text: String, _ label: String) -> Double {
        score(Array(text.unicodeScalars), Array(label.unicodeScalars))
    }

    /// `score` of texts given as their scalars (each label's once, not once per comparison).
    static func score(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        score(a, LabelPattern(b), atLeast: 0)
    }

    /// `score(a, label)` when it is at least `threshold`, else 0 (or any value below it):
    /// every caller but one only compares the score with a threshold, and most pairs of a
    /// text and a label are too different in length to reach it, which is known before the
    /// longest common subsequence is worked out.
    static func score(_ a: [Unicode.Scalar], _ label: LabelPattern, atLeast threshold: Double) -> Double {
        let b = label.scalars
        if a == b { return 1 }
        if b.count >= 2, a.count >= b.count, a[(a.count - b.count)...].elementsEqual(b) { return 0.9 }
        // A fragment of a label wrapped over cells by a converter (`行政机关不再处理其政`).
        if a.count >= 5, a.count * 4 >= b.count, a.count <= b.count, contains(b, a) { return 0.75 }
        guard !a.isEmpty, !b.isEmpty, a.count <= 4 * b.count else { return 0 }
        // The subsequence is no longer than the shorter text.
        let longer = max(a.count, b.count)
        guard Double(min(a.count, b.count)) / Double(longer) >= threshold else { return 0 }
        return Double(label.longestCommonSubsequence(with: a)) / Double(longer)
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        TextSearch.firstIndex(of: needle, in: haystack) != nil
    }
}

/// A label's scalars prepared for `Labels.score`: for a label of at most 64 scalars, the
/// positions of each of its scalars as a bit mask, for the bit-parallel longest common
/// subsequence (Allison–Dix, Hyyrö): one step per scalar of the text instead of one per pair
/// of scalars. Made once per form label (`Anchor`), not once per comparison.
struct LabelPattern: Sendable {
    let scalars: [Unicode.Scalar]
    /// An open-addressing table of the distinct scalars (`UInt32.max` marks a free slot) and,
    /// at the same index, the mask of the positions where each occurs; empty for a label
    /// longer than 64 scalars (the table by rows then).
    private let keys: [UInt32]
    private let masks: [UInt64]
    /// `keys.count - 1` (a power of two less one).
    private let slotMask: Int

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        guard !scalars.isEmpty, scalars.count <= 64 else {
            (keys, masks, slotMask) = ([], [], 0)
            return
        }
        var size = 4
        while size < 2 * scalars.count { size *= 2 }
        var keys = [UInt32](repeating: .max, count: size)
        var masks = [UInt64](repeating: 0, count: size)
        for (position, scalar) in scalars.enumerated() {
            var slot = Self.slot(scalar.value, size - 1)
            while keys[slot] != .max, keys[slot] != scalar.value { slot = (slot + 1) & (size - 1) }
            keys[slot] = scalar.value
            masks[slot] |= 1 << UInt64(position)
        }
        (self.keys, self.masks, slotMask) = (keys, masks, size - 1)
    }

    /// The first slot tried for a scalar (Fibonacci hashing: CJK scalars are dense runs).
    private static func slot(_ value: UInt32, _ slotMask: Int) -> Int {
        Int(truncatingIfNeeded: (value &* 0x9E37_79B1) >> 16) & slotMask
    }

    /// The positions of `scalar` in the label, as bits.
    private func positions(of scalar: Unicode.Scalar) -> UInt64 {
        var slot = Self.slot(scalar.value, slotMask)
        while true {
            let key = keys[slot]
            if key == scalar.value { return masks[slot] }
            if key == .max { return 0 }
            slot = (slot + 1) & slotMask
        }
    }

    /// The length of the longest common subsequence of `text` and the label.
    func longestCommonSubsequence(with text: [Unicode.Scalar]) -> Int {
        guard !keys.isEmpty else { return Self.longestCommonSubsequence(text, scalars) }
        // Bit j of `row` is 0 where the subsequence grows at label position j.
        var row = UInt64.max
        for scalar in text {
            let match = row & positions(of: scalar)
            row = (row &+ match) | (row & ~match)
        }
        let used = scalars.count == 64 ? UInt64.max : (1 << UInt64(scalars.count)) - 1
        return scalars.count - (row & used).nonzeroBitCount
    }

    /// The longest common subsequence by the table, one row at a time (for any lengths).
    static func longestCommonSubsequence(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension NSRegularExpression {
    /// A regular expression whose pattern is written in this module; nil only if the pattern
    /// itself is broken (the tests exercise every one), so input can never make it fail.
    static func constant(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }
}
