import Foundation

/// Label comparison that tolerates how published reports write the fixed labels: bracket
/// styles, spacing, `1、` for `1.`, Markdown marks, and small typos.
enum Labels {
    /// Full-width forms mapped to ASCII, and characters that never matter dropped.
    static func normalize(_ text: String) -> String {
        // Into UTF-8 bytes, made a string once: appending scalar by scalar to a String cost
        // more than the rest of the function (it runs on every label and on whole reports).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "\u{200B}", "\r", "\n", "*", "#", "›", "|", "`", "_", ">":
                continue
            case "（": out.append(UInt8(ascii: "("))
            case "）": out.append(UInt8(ascii: ")"))
            case "：": out.append(UInt8(ascii: ":"))
            case "，": out.append(UInt8(ascii: ","))
            case "．": out.append(UInt8(ascii: "."))
            case "／": out.append(UInt8(ascii: "/"))
            case "＋": out.append(UInt8(ascii: "+"))
            case "－", "−", "—", "–": out.append(UInt8(ascii: "-"))
            case "\u{FF10}"..."\u{FF19}":
                out.append(UInt8(scalar.value - 0xFF10 + 0x30))
            default:
                if scalar.isASCII { out.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { out.append($0) } }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The Chinese numerals of enumerators (`（三）`, `十二、`).
    private static let numerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The length (in scalars) of the enumerator at `start` of `scalars`, or nil: `(一)`,
    /// `一、` and (only when `anywhere` is false) `1.` / `12、`; with `anywhere`, a single digit
    /// not after an ASCII digit, before `.`/`、` and something that is not an ASCII digit.
    /// Written by hand over scalars: a regular expression per label, and then `Character`
    /// arrays (grapheme breaking of whole runs of text), were most of the cost of matching.
    private static func enumeratorLength(_ scalars: [Unicode.Scalar], at start: Int, anywhere: Bool) -> Int? {
        guard start < scalars.count else { return nil }
        let first = scalars[start]
        if first == "(" {
            var end = start + 1
            while end < scalars.count, numerals.contains(scalars[end]) { end += 1 }
            if end > start + 1, end < scalars.count, scalars[end] == ")" { return end + 1 - start }
            return nil
        }
        if numerals.contains(first) {
            var end = start + 1
            while end < scalars.count, numerals.contains(scalars[end]) { end += 1 }
            return end < scalars.count && scalars[end] == "、" ? end + 1 - start : nil
        }
        guard isDigit(first) else { return nil }
        func isMark(_ index: Int) -> Bool { index < scalars.count && (scalars[index] == "." || scalars[index] == "、") }
        func isASCIIDigit(_ index: Int) -> Bool { ("0"..."9").contains(scalars[index]) }
        if anywhere {
            guard start == 0 || !isASCIIDigit(start - 1), isMark(start + 1), start + 2 < scalars.count, !isASCIIDigit(start + 2) else { return nil }
            return 2
        }
        if start + 1 < scalars.count, isDigit(scalars[start + 1]), isMark(start + 2) { return 3 }
        return isMark(start + 1) ? 2 : nil
    }

    /// A decimal digit of any script, as `\d` of a regular expression.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType == .decimal
    }

    /// The distinctive part of a normalized label: without its enumerator (`1.`, `（一）`, `一、`).
    static func core(_ normalized: String) -> String {
        guard let first = normalized.unicodeScalars.first, first == "(" || numerals.contains(first) || isDigit(first) else { return normalized }
        let scalars = Array(normalized.unicodeScalars.prefix(64))
        guard let length = enumeratorLength(scalars, at: 0, anywhere: false) else { return normalized }
        return String(normalized.unicodeScalars.dropFirst(length))
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
        if a == b { return 1 }
        if b.count >= 2, a.count >= b.count, a[(a.count - b.count)...].elementsEqual(b) { return 0.9 }
        // A fragment of a label wrapped over cells by a converter (`行政机关不再处理其政`).
        if a.count >= 5, a.count * 4 >= b.count, contains(b, a) { return 0.75 }
        guard !a.isEmpty, !b.isEmpty, a.count <= 4 * b.count else { return 0 }
        // Longest common subsequence, one row of the table at a time.
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return Double(previous[b.count]) / Double(max(a.count, b.count))
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        TextSearch.firstIndex(of: needle, in: haystack) != nil
    }
}

extension NSRegularExpression {
    /// A regular expression whose pattern is written in this module; nil only if the pattern
    /// itself is broken (the tests exercise every one), so input can never make it fail.
    static func constant(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }
}
