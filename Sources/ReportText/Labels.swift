import Foundation

/// Label comparison that tolerates how published reports write the fixed labels: bracket
/// styles, spacing, `1、` for `1.`, Markdown marks, and small typos.
enum Labels {
    /// Full-width forms mapped to ASCII, and characters that never matter dropped.
    static func normalize(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "\u{200B}", "\r", "\n", "*", "#", "›", "|", "`", "_", ">":
                continue
            case "（": out.append("(")
            case "）": out.append(")")
            case "：": out.append(":")
            case "，": out.append(",")
            case "．": out.append(".")
            case "／": out.append("/")
            case "＋": out.append("+")
            case "－", "−", "—", "–": out.append("-")
            case "\u{FF10}"..."\u{FF19}":
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let enumerator = NSRegularExpression.constant(#"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d{1,2}[.、])"#)
    private static let enumeratorAnywhere = NSRegularExpression.constant(#"\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|(?<![0-9])\d[.、](?=[^0-9])"#)

    /// The distinctive part of a normalized label: without its enumerator (`1.`, `（一）`, `一、`).
    static func core(_ normalized: String) -> String {
        let range = NSRange(normalized.startIndex..., in: normalized)
        guard let match = enumerator?.firstMatch(in: normalized, range: range), let found = Range(match.range, in: normalized) else {
            return normalized
        }
        return String(normalized[found.upperBound...])
    }

    /// The offsets (in characters) where an enumerator begins in `text`: the places a run of
    /// glued labels splits into labels.
    static func enumeratorStarts(_ text: String) -> [Int] {
        let range = NSRange(text.startIndex..., in: text)
        return (enumeratorAnywhere?.matches(in: text, range: range) ?? []).compactMap { match in
            Range(match.range, in: text).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
        }
    }

    /// How well a piece of text (a label as printed, normalized, enumerator removed) matches a
    /// form label's core: 1 exact; 0.9 when the text ends with the label (a label glued to
    /// header words); otherwise the longest common subsequence over the longer length.
    static func score(_ text: String, _ label: String) -> Double {
        if text == label { return 1 }
        if label.count >= 2, text.hasSuffix(label) { return 0.9 }
        // A fragment of a label wrapped over cells by a converter (`行政机关不再处理其政`).
        if text.count >= 5, text.count * 4 >= label.count, label.contains(text) { return 0.75 }
        let a = Array(text), b = Array(label)
        guard !a.isEmpty, !b.isEmpty, a.count <= 4 * b.count else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            previous = current
        }
        return Double(previous[b.count]) / Double(max(a.count, b.count))
    }
}

extension NSRegularExpression {
    /// A regular expression whose pattern is written in this module; nil only if the pattern
    /// itself is broken (the tests exercise every one), so input can never make it fail.
    static func constant(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }
}
