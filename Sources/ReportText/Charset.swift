import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The legacy Chinese encodings published reports come in, converted to Swift strings with
/// the C library's iconv: the one place of the project that calls iconv (text files and
/// HTML pages both decode through it).
public enum Charset: String, Sendable, CaseIterable {
    /// GB18030, read also for pages that declare GB2312 or GBK: it is a superset of both, and
    /// pages labelled GB2312 routinely use GBK-only characters.
    case gb18030 = "GB18030"

    /// The charset a page or file names (`gbk`, `GB2312`, `x-gbk`, `gb18030`…); nil for UTF-8
    /// and for names it does not know.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "ms936", "euc-cn", "csgb2312", "chinese", "gb_2312-80", "iso-ir-58":
            self = .gb18030
        default:
            return nil
        }
    }

    /// The bytes decoded to a string; nil when they are not valid in this encoding (a strict
    /// conversion: a wrong guess must fail rather than produce mojibake).
    public func decode(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty else { return "" }
        #if canImport(Glibc) || canImport(Darwin)
        let converter = iconv_open("UTF-8", rawValue)
        // iconv_open signals failure with (iconv_t)-1, not NULL.
        guard let converter, converter != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { _ = iconv_close(converter) }
        // GB18030 needs at most 4 bytes of UTF-8 per input byte pair; 2× plus slack always fits
        // (a 4-byte GB18030 sequence is at most 4 bytes of UTF-8).
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return nil }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                // One call converts everything; any stop (invalid or incomplete sequence, or no
                // room, which the sizing above rules out) is a failure.
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output[..<written], as: UTF8.self)
        #else
        return nil
        #endif
    }
}
