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

    /// The text of `bytes` as UTF-8 bytes, nil when any byte sequence is not of the charset.
    /// iconv writes UTF-8 only, so no string is made to check it (the web-page reader hands the
    /// bytes on to libxml2 as they are).
    public func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        guard let (text, replaced) = convertBytes(bytes, replacingInvalid: false), replaced == 0 else { return nil }
        return text
    }

    /// The bytes decoded strictly: nil when they are not valid in this encoding.
    ///
    /// Strict because callers guess encodings: a wrong guess must fail rather than produce
    /// mojibake.
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
        if self == .gb18030, let text = Self.twoByteText(bytes) { return (text, 0) }
        return iconvBytes(bytes, replacingInvalid: replacingInvalid)
    }

    /// GB18030's two-byte codes (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F) as scalars, in
    /// code order, made once by iconv itself; nil when iconv could not make them.
    private static let twoByteScalars: [UInt32]? = {
        var codes: [UInt8] = []
        codes.reserveCapacity(126 * 190 * 2)
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE where trail != 0x7F {
                codes.append(lead)
                codes.append(trail)
            }
        }
        guard let (ucs4, _) = Charset.gb18030.iconvBytes(codes, replacingInvalid: false, to: "WCHAR_T"), ucs4.count == 126 * 190 * 4
        else { return nil }
        let scalars = ucs4.withUnsafeBytes { raw in (0..<(126 * 190)).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self) } }
        // Every value must be a scalar, or the table is not used.
        return scalars.allSatisfy({ Unicode.Scalar($0) != nil }) ? scalars : nil
    }()

    /// Text of ASCII and two-byte codes only (nearly every GBK page and file) decoded through
    /// `twoByteScalars`, a lookup a character where iconv's own loop cost more than reading the
    /// page; nil for anything else (a four-byte code, a broken byte), which iconv decodes.
    static func twoByteText(_ bytes: [UInt8]) -> [UInt8]? {
        guard let table = twoByteScalars else { return nil }
        let decoded: [UInt8]? = table.withUnsafeBufferPointer { scalars in
            bytes.withUnsafeBufferPointer { input in
                var failed = false
                // A two-byte code is at most four bytes of UTF-8 (a few map past the BMP).
                let output = [UInt8](unsafeUninitializedCapacity: input.count * 2 + 1) { out, written in
                    var at = 0
                    var index = 0
                    defer { written = failed ? 0 : at }
                    while index < input.count {
                        let lead = input[index]
                        if lead < 0x80 {
                            out[at] = lead
                            at += 1
                            index += 1
                            continue
                        }
                        guard lead <= 0xFE, lead >= 0x81, index + 1 < input.count else {
                            failed = true
                            return
                        }
                        let trail = input[index + 1]
                        guard trail >= 0x40, trail <= 0xFE, trail != 0x7F else {
                            failed = true
                            return
                        }
                        let value = scalars[Int(lead - 0x81) * 190 + Int(trail < 0x7F ? trail - 0x40 : trail - 0x41)]
                        if value < 0x80 {
                            out[at] = UInt8(value)
                            at += 1
                        } else if value < 0x800 {
                            out[at] = UInt8(0xC0 | value >> 6)
                            out[at + 1] = UInt8(0x80 | value & 0x3F)
                            at += 2
                        } else if value < 0x10000 {
                            out[at] = UInt8(0xE0 | value >> 12)
                            out[at + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                            out[at + 2] = UInt8(0x80 | value & 0x3F)
                            at += 3
                        } else {
                            out[at] = UInt8(0xF0 | value >> 18)
                            out[at + 1] = UInt8(0x80 | value >> 12 & 0x3F)
                            out[at + 2] = UInt8(0x80 | value >> 6 & 0x3F)
                            out[at + 3] = UInt8(0x80 | value & 0x3F)
                            at += 4
                        }
                        index += 2
                    }
                }
                return failed ? nil : output
            }
        }
        return decoded
    }

    /// The bytes through iconv, to UTF-8 or to `target`: to "WCHAR_T" (UCS-4 in the machine's
    /// order) four bytes a scalar. A broken byte is replaced only in UTF-8.
    func iconvBytes(_ bytes: [UInt8], replacingInvalid: Bool, to target: String = "UTF-8") -> ([UInt8], Int)? {
        guard !bytes.isEmpty else { return ([], 0) }
        #if canImport(Glibc) || canImport(Darwin)
        let converter = iconv_open(target, rawValue)
        // iconv_open signals failure with (iconv_t)-1, not NULL.
        guard let converter, converter != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { _ = iconv_close(converter) }
        // A GB18030 sequence of n bytes is at most n + 1 bytes of UTF-8 (2 → 3, 4 → 4), and a
        // replaced byte is 3 (U+FFFD): 3× the input always fits, so iconv never runs out of room.
        // A scalar takes at least one byte of input: 4× fits UCS-4.
        var output = [UInt8](repeating: 0, count: bytes.count * (target == "UTF-8" ? 3 : 4) + 16)
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
                    guard replacingInvalid, target == "UTF-8", errno == EILSEQ || errno == EINVAL, let at = inPointer, let to = outPointer, outLeft >= 3 else { return nil }
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
