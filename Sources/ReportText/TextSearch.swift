import Foundation

/// Substring search on UTF-8 bytes (or scalars), for the hot paths of the parser: Foundation's
/// `String.contains` / `range(of:)` goes through `CFStringFind` and Unicode folding for every
/// call, a hundred times the cost for the CJK labels and ASCII digits the parser looks for
/// (which have one spelling each, so a byte match is a match). Public for the web-page reader,
/// which searches the same way.
public enum TextSearch {
    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        firstOffset(of: needle, in: haystack[...]) != nil
    }

    /// The offset (from the slice's start) of the first occurrence of `needle` in `haystack`.
    public static func firstOffset(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        // Horspool's skips for a long text: the plain scan stops at nearly every byte of
        // Chinese text, whose characters begin with one of a few lead bytes.
        guard needle.count >= 4, haystack.count >= 256 else { return firstIndex(of: needle, in: haystack) }
        let last = needle.count - 1
        var skip = [Int](repeating: needle.count, count: 256)
        for index in 0..<last { skip[Int(needle[index])] = last - index }
        let start = haystack.startIndex
        var end = start + last
        while end < haystack.endIndex {
            var offset = 0
            while offset <= last, haystack[end - offset] == needle[last - offset] { offset += 1 }
            if offset > last { return end - last - start }
            end += skip[Int(haystack[end])]
        }
        return nil
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { text in needle.withUTF8 { word in firstIndex(of: word, in: text) != nil } }
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`.
    static func firstIndex<Element: Equatable, Text: RandomAccessCollection<Element>, Word: RandomAccessCollection<Element>>(
        of needle: Word, in haystack: Text) -> Int?
    where Text.Index == Int, Word.Index == Int {
        guard let first = needle.first else { return 0 }
        let count = needle.count
        guard haystack.count >= count else { return nil }
        let last = haystack.startIndex + haystack.count - count
        var index = haystack.startIndex
        scan: while index <= last {
            guard haystack[index] == first else { index += 1; continue }
            var offset = 1
            while offset < count {
                if haystack[index + offset] != needle[needle.startIndex + offset] { index += 1; continue scan }
                offset += 1
            }
            return index - haystack.startIndex
        }
        return nil
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs: what `trimmingCharacters(in:
    /// .whitespaces)` gives (Unicode spaces, category Zs, which include the no-break and
    /// ideographic spaces, and TAB), without Foundation's conversion of every cell to UTF-16.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpaceOrTab }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.isSpaceOrTab }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        // Through a Substring of the same scalars: its bytes are copied at once, not scalar by scalar.
        return String(Substring(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space (ICU's `\s`, what `properties.isWhitespace` answers), from its
    /// list of 25 scalars instead of the property tables, which cost more than the readers'
    /// own work on every scalar of a page or a line.
    @inlinable @inline(__always)
    public var isWhiteSpace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return value == 0x85 || value == 0xA0 || value == 0x1680 || (0x2000...0x200A).contains(value) || value == 0x2028
            || value == 0x2029 || value == 0x202F || value == 0x205F || value == 0x3000
    }

    /// A space (Unicode category Zs) or TAB: the members of `CharacterSet.whitespaces`.
    var isSpaceOrTab: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        // Han and the CJK and full-width punctuation have no space but U+3000: no lookup for them.
        if (0x4E00...0x9FFF).contains(value) || (0x3001...0x303F).contains(value) || (0xFF00...0xFFEF).contains(value) { return false }
        return properties.generalCategory == .spaceSeparator
    }
}
