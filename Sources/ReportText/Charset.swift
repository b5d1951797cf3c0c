import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The legacy Chinese encodings of published reports, decoded with the C library's iconv.
///
/// The one place of the project that calls iconv: text files and HTML pages both decode
/// through it.
public enum Charset: String, Sendable, CaseIterable {
    /// GB18030, also read for pages labelled GB2312 or GBK (a superset of both).
    ///
    /// Pages labelled GB2312 routinely use GBK-only characters, so GB2312 is never decoded
    /// as itself.
    case gb18030 = "GB18030"

    /// The charset a page or file names (`gbk`, `GB2312`, `x-gbk`…); nil for UTF-8 and others.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "ms936", "euc-cn", "csgb2312", "chinese", "gb_2312-80", "iso-ir-58":
            self = .gb18030
        default:
            return nil
        }
    }

    /// The bytes decoded strictly: nil when they are not valid in this encoding.
    ///
    /// Strict because callers guess encodings: a wrong guess must fail rather than produce
    /// mojibake.
    /// The text of `bytes` as UTF-8 bytes, nil when any byte sequence is not of the charset.
    /// iconv writes UTF-8 only, so no string is made to check it (the web-page reader hands the
    /// bytes on to libxml2 as they are).
    public func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        guard let (text, replaced) = convertBytes(bytes, replacingInvalid: false), replaced == 0 else { return nil }
        return text
    }

    public func decode(_ bytes: [UInt8]) -> String? {
        guard let (text, replaced) = convert(bytes, replacingInvalid: false), replaced == 0 else { return nil }
        return text
    }

    /// The bytes decoded with broken bytes read as U+FFFD, and how many there were.
    ///
    /// Each byte that starts no valid sequence becomes one U+FFFD; nil only when the
    /// converter is missing. For pages that declare this encoding and have a few broken
    /// bytes (a CMS that cut a character in two).
    public func decodeReplacingInvalid(_ bytes: [UInt8]) -> (text: String, replaced: Int)? {
        convert(bytes, replacingInvalid: true)
    }

    private func convert(_ bytes: [UInt8], replacingInvalid: Bool) -> (String, Int)? {
        guard let (output, replaced) = convertBytes(bytes, replacingInvalid: replacingInvalid),
            let text = String(validating: output, as: UTF8.self)
        else { return nil }
        return (text, replaced)
    }

    private func convertBytes(_ bytes: [UInt8], replacingInvalid: Bool) -> ([UInt8], Int)? {
        guard !bytes.isEmpty else { return ([], 0) }
        #if canImport(Glibc) || canImport(Darwin)
        let converter = iconv_open("UTF-8", rawValue)
        // iconv_open signals failure with (iconv_t)-1, not NULL.
        guard let converter, converter != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { _ = iconv_close(converter) }
        // A GB18030 sequence of n bytes is at most n + 1 bytes of UTF-8 (2 → 3, 4 → 4), and a
        // replaced byte is 3 (U+FFFD): 3× the input always fits, so iconv never runs out of room.
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var input = bytes
        let replacement: [CChar] = [0xEF, 0xBF, 0xBD].map { CChar(bitPattern: $0) }
        let result: (written: Int, replaced: Int)? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return nil }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                var replaced = 0
                while inLeft > 0 {
                    if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 { break }
                    // An invalid (EILSEQ) or cut-off (EINVAL) sequence: refuse, or write U+FFFD
                    // for its first byte and go on after it.
                    guard replacingInvalid, errno == EILSEQ || errno == EINVAL, let at = inPointer, let to = outPointer, outLeft >= 3 else { return nil }
                    for (offset, byte) in replacement.enumerated() { to[offset] = byte }
                    outPointer = to + 3
                    outLeft -= 3
                    inPointer = at + 1
                    inLeft -= 1
                    replaced += 1
                }
                return (outBuffer.count - outLeft, replaced)
            }
        }
        guard let result else { return nil }
        output.removeSubrange(result.written...)
        return (output, result.replaced)
        #else
        return nil
        #endif
    }
}
