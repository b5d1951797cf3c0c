#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells from a file's first bytes what it really is, so a renamed .xls, .docx, CSV or web
/// page gets advice instead of "corrupt zip".
enum FileSniffer {
    /// The first bytes of a zip archive (a local file header, or the end record of an empty one).
    private static let zipMagics: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]]
    /// The first bytes of an OLE compound file (Excel 97–2003, and Excel's encrypted .xlsx).
    private static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Returns when `path` starts like a zip archive; throws the fitting error otherwise.
    static func requireZip(_ path: String) throws(XLSXReadError) {
        guard let file = fopen(path, "rb") else {
            throw .unreadable(String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: 4096)
        let count = head.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, file) }
        head.removeSubrange(count...)
        if count == 0 {
            if ferror(file) != 0 { throw .unreadable(String(cString: strerror(errno))) }
            throw .emptyFile
        }
        if zipMagics.contains(where: { head.starts(with: $0) }) { return }
        if head.starts(with: oleMagic) {
            throw containsEncryptedPackage(file) ? .passwordProtected : .legacyXLS
        }
        throw .notAWorkbook(what: describe(head))
    }

    /// What a non-zip, non-OLE file is, from its first bytes.
    static func describe(_ head: [UInt8]) -> String {
        if head.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
        if head.starts(with: [0x7B, 0x5C, 0x72, 0x74, 0x66]) { return "an RTF document" }
        if head.contains(0) { return "a binary file of an unknown kind" }
        var text = String(decoding: head, as: UTF8.self).lowercased()
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let start = text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        if start.hasPrefix("<") {
            if text.contains("<html") || text.contains("<!doctype html") || text.contains("<table") {
                return "an HTML page"
            }
            if text.contains("progid=\"excel.sheet\"") || text.contains("urn:schemas-microsoft-com:office:spreadsheet") {
                return "an Excel 2003 XML spreadsheet"
            }
            return "an XML file"
        }
        return "a CSV/text file"
    }

    /// Whether the compound file names a stream `EncryptedPackage` (directory entries hold
    /// names in UTF-16LE). Scans the file in blocks, so a large file costs no memory.
    private static func containsEncryptedPackage(_ file: UnsafeMutablePointer<FILE>) -> Bool {
        let needle: [UInt8] = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        guard fseek(file, 0, SEEK_SET) == 0 else { return false }
        let blockSize = 1 << 16
        var window: [UInt8] = []
        var block = [UInt8](repeating: 0, count: blockSize)
        while true {
            let count = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, blockSize, file) }
            if count == 0 { return false }
            window.append(contentsOf: block[0..<count])
            if contains(window, needle) { return true }
            window.removeFirst(max(0, window.count - needle.count))
        }
    }

    /// Naive substring search over bytes (the needle is 32 bytes; blocks are 64 KiB).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
