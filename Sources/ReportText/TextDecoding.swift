import Foundation
import ReportModel

/// Turns the bytes of a text file into a string (UTF-8, UTF-16 with a BOM, or Chinese text in
/// the legacy GB18030/GBK/GB2312 encodings), or says what the bytes are when they are not text.
enum TextDecoding {
    static func decode(_ data: Data) throws(ReportInputError) -> String {
        let bytes = [UInt8](data)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ReportInputError(Messages.text("text.empty_file"))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            if let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) { return text }
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw ReportInputError(Messages.text("text.zip_archive"))
        }
        if bytes.starts(with: Array("%PDF".utf8)) {
            throw ReportInputError(Messages.text("text.pdf_document"))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) {
            if text.unicodeScalars.contains(where: { $0.value == 0 || ($0.value < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C].contains($0.value)) }) {
                throw ReportInputError(Messages.text("text.binary_control"))
            }
            return text
        }
        // Saved from Windows or old sites, reports come in GBK; GB18030 decodes GBK and GB2312 too.
        if looksLikeGB18030(body), let text = Charset.gb18030.decode(body) {
            return text
        }
        throw ReportInputError(Messages.text("text.binary_not_utf8"))
    }

    /// True when the bytes are valid double-byte GB18030/GBK sequences with no control bytes:
    /// lead byte 0x81–0xFE, trail byte 0x40–0xFE (not 0x7F), or four-byte sequences.
    static func looksLikeGB18030(_ bytes: [UInt8]) -> Bool {
        var index = 0
        var pairs = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 || (byte < 0x20 && ![0x09, 0x0A, 0x0D].contains(byte)) { return false }
                index += 1
                continue
            }
            guard (0x81...0xFE).contains(byte), index + 1 < bytes.count else { return false }
            let trail = bytes[index + 1]
            if (0x30...0x39).contains(trail) {
                guard index + 3 < bytes.count, (0x81...0xFE).contains(bytes[index + 2]), (0x30...0x39).contains(bytes[index + 3]) else { return false }
                index += 4
            } else {
                guard (0x40...0xFE).contains(trail), trail != 0x7F else { return false }
                index += 2
            }
            pairs += 1
        }
        return pairs > 0
    }
}
