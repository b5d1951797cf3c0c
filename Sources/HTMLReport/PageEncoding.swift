import Foundation
import ReportModel
import ReportText

/// The bytes of a page turned into UTF-8 before libxml2 sees them: from the BOM, else UTF-8
/// when the bytes are UTF-8, else the GB charset its `<meta>` declares, else GB18030.
enum PageEncoding {
    /// How far into the page a `<meta charset>` is looked for; browsers look at 1024 bytes,
    /// but CMS pages often put scripts and comments before it.
    static let prescanLength = 8192

    /// The page as UTF-8, and what it cost.
    struct Decoded {
        /// The UTF-8 bytes, without BOM or NUL bytes.
        var bytes: [UInt8]
        /// Set when a few broken bytes were read as U+FFFD: says which encoding and how many.
        var warning: String?
    }

    /// At most one byte in a thousand may be broken: a character cut in two by a CMS is
    /// read around, while a page in another encoding fails on most of its Chinese text.
    static func tolerable(_ replaced: Int, of count: Int) -> Bool {
        replaced * 1000 <= count
    }

    /// The page as UTF-8 bytes, without BOM or NUL bytes.
    static func utf8(_ bytes: [UInt8]) throws(ReportInputError) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(bytes: cleaned(Array(String(decoding: bytes.dropFirst(3), as: UTF8.self).utf8)))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                throw ReportInputError(Messages.text("html.encoding.bad_utf16"))
            }
            return Decoded(bytes: cleaned(Array(text.utf8)))
        }
        // Valid UTF-8 wins over a declaration: Chinese text in GBK is practically never valid
        // UTF-8, while a CMS that re-encoded its pages to UTF-8 often kept `charset=gbk`.
        if bytes.withUnsafeBufferPointer(UTF8Bytes.isValid) { return Decoded(bytes: cleaned(bytes)) }
        let label = declaredCharset(bytes)
        if let label, let charset = Charset(label: label) {
            if let text = charset.utf8(bytes) { return Decoded(bytes: cleaned(text)) }
            if let (text, replaced) = charset.decodeReplacingInvalid(bytes), tolerable(replaced, of: bytes.count) {
                return Decoded(bytes: cleaned(Array(text.utf8)), warning: Messages.text("html.encoding.replaced_declared", ["count": String(replaced), "total": String(bytes.count), "charset": label]))
            }
            throw ReportInputError(Messages.text("html.encoding.not_gbk", ["charset": label]))
        }
        // A UTF-8 page with a few broken bytes (cut characters) reads as UTF-8.
        let lossy = String(decoding: bytes, as: UTF8.self)
        let broken = lossy.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        if tolerable(broken, of: bytes.count) {
            return Decoded(bytes: cleaned(Array(lossy.utf8)), warning: Messages.text("html.encoding.replaced_utf8", ["count": String(broken), "total": String(bytes.count)]))
        }
        // Undeclared or mislabelled (`utf-8`, `iso-8859-1` on a Chinese page): Chinese sites
        // that are not UTF-8 are GBK.
        if let text = Charset.gb18030.utf8(bytes) { return Decoded(bytes: cleaned(text)) }
        if let label {
            throw ReportInputError(Messages.text("html.encoding.neither_declared", ["charset": label]))
        }
        throw ReportInputError(Messages.text("html.encoding.neither_undeclared"))
    }

    /// The charset named by the first `<meta charset=…>` or
    /// `<meta http-equiv="Content-Type" content="text/html; charset=…">` near the start.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        // Byte-wise ASCII lower-casing keeps offsets; non-ASCII bytes cannot be part of a name.
        var head = Array(bytes.prefix(prescanLength))
        head.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices where buffer[index] &- 0x41 < 26 { buffer[index] |= 0x20 }
        }
        var index = head.startIndex
        let meta = Array("<meta".utf8)
        while let start = TextSearch.firstOffset(of: meta, in: head[index...]).map({ index + $0 }) {
            let end = head[start...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            let tag = head[start..<end]
            if let at = TextSearch.firstOffset(of: Array("charset".utf8), in: tag).map({ tag.startIndex + $0 }) {
                var cursor = at + 7
                while cursor < end, [0x20, 0x09, 0x0A, 0x0D].contains(head[cursor]) { cursor += 1 }
                if cursor < end, head[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < end, [0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27].contains(head[cursor]) { cursor += 1 }
                    var name: [UInt8] = []
                    while cursor < end, isNameByte(head[cursor]) { name.append(head[cursor]); cursor += 1 }
                    if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
                }
            }
            index = end
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || [0x2D, 0x5F, 0x2E, 0x3A].contains(byte)
    }

    /// NUL bytes end libxml2's strings early; a page has no use for them.
    private static func cleaned(_ bytes: [UInt8]) -> [UInt8] {
        let hasNUL = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        return hasNUL ? bytes.filter { $0 != 0 } : bytes
    }
}
