import Foundation

/// Tells by its first bytes what a file claiming to be `.xlsx` really is, so a wrong file
/// gets advice instead of "corrupt zip".
enum FileSniffer {
    /// Throws the specific error for anything that is not a zip archive.
    static func requireZip(_ data: Data) throws(XLSXReadError) {
        guard !data.isEmpty else { throw .emptyFile }
        let head = [UInt8](data.prefix(512))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw containsUTF16(data, "EncryptedPackage") ? .passwordProtected : .legacyXLS
        }
        var text = String(decoding: head, as: UTF8.self).lowercased()
        text = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        for marker in ["<!doctype html", "<html", "<table", "<meta", "<head", "<body"] where text.contains(marker) {
            throw .html
        }
        if looksLikeText(head) { throw .text }
        throw .unknownFormat
    }

    /// Whether the OLE container names a stream (directory entries are UTF-16LE).
    private static func containsUTF16(_ data: Data, _ name: String) -> Bool {
        var pattern: [UInt8] = []
        for unit in name.utf16 { pattern.append(UInt8(unit & 0xFF)); pattern.append(UInt8(unit >> 8)) }
        return data.range(of: Data(pattern)) != nil
    }

    /// Valid UTF-8 (or GB18030-ish high bytes) without control characters other than whitespace.
    private static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        !bytes.contains { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) || $0 == 0x7F }
    }
}
