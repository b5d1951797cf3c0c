import CMinizip

/// A zip archive read through minizip's pull API: its directory is listed once at open, and
/// each entry is inflated on demand in blocks. Every size limit is checked against the
/// directory before inflating (minizip never inflates past an entry's declared size).
final class ZipArchive {
    /// One entry of the directory.
    struct Entry {
        /// The name as stored in the archive.
        let name: String
        /// Where minizip finds it again.
        var position: unz64_file_pos
        let compressedSize: Int64
        let uncompressedSize: Int64
    }

    private let handle: unzFile
    private let limits: XLSXReadLimits
    /// Entries by normalised name (lower case, `/` separators, no leading `/`): part names in
    /// OOXML are case-insensitive, and some writers store `xl\workbook.xml`.
    private var entries: [String: Entry] = [:]

    /// Opens the archive at `path` and lists its directory, checking every limit.
    init(path: String, limits: XLSXReadLimits) throws(XLSXReadError) {
        guard let handle = unzOpen64(path) else {
            throw .corruptArchive("it is not a complete zip archive: its directory is missing or unreadable")
        }
        self.handle = handle
        self.limits = limits
        // On failure `deinit` still runs (every property is set), and closes the handle.
        try listEntries()
    }

    deinit { unzClose(handle) }

    /// The normal form of a part name for lookups.
    static func normalise(_ name: String) -> String {
        var text = name.lowercased().replacingBackslashes
        while text.hasPrefix("/") { text.removeFirst() }
        return text
    }

    /// Whether the archive has a part of that name.
    func contains(_ part: String) -> Bool { entries[Self.normalise(part)] != nil }

    /// Reads the directory, refusing too many entries, oversized ones and bombs.
    private func listEntries() throws(XLSXReadError) {
        var global = unz_global_info64()
        guard unzGetGlobalInfo64(handle, &global) == UNZ_OK else {
            throw .corruptArchive("its directory cannot be read")
        }
        guard global.number_entry <= UInt64(limits.maxEntries) else {
            throw .tooLarge("the archive lists \(global.number_entry) entries; at most \(limits.maxEntries) are accepted")
        }
        var total: Int64 = 0
        var status = unzGoToFirstFile(handle)
        var nameBuffer = [CChar](repeating: 0, count: 1024)
        while status == UNZ_OK {
            var info = unz_file_info64()
            guard unzGetCurrentFileInfo64(handle, &info, &nameBuffer, UInt(nameBuffer.count), nil, 0, nil, 0) == UNZ_OK else {
                throw .corruptArchive("an entry of its directory cannot be read")
            }
            var position = unz64_file_pos()
            guard unzGetFilePos64(handle, &position) == UNZ_OK else {
                throw .corruptArchive("an entry of its directory cannot be located")
            }
            let name = nameBuffer.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeRawBufferPointer(buffer).prefix { $0 != 0 }, as: UTF8.self)
            }
            let uncompressed = Int64(clamping: info.uncompressed_size)
            let compressed = Int64(clamping: info.compressed_size)
            try checkSize(name: name, uncompressed: uncompressed, compressed: compressed)
            total += uncompressed
            guard total <= limits.maxTotalBytes else {
                throw .tooLarge("its parts would inflate to more than \(Self.megabytes(limits.maxTotalBytes)) in all (a zip bomb?)")
            }
            entries[Self.normalise(name)] = Entry(
                name: name, position: position, compressedSize: compressed, uncompressedSize: uncompressed)
            status = unzGoToNextFile(handle)
        }
        guard status == UNZ_END_OF_LIST_OF_FILE else {
            throw .corruptArchive("its directory is damaged")
        }
    }

    /// Refuses an entry that is too large or compressed too well.
    private func checkSize(name: String, uncompressed: Int64, compressed: Int64) throws(XLSXReadError) {
        guard uncompressed <= limits.maxEntryBytes else {
            throw .tooLarge("the part \(name) would inflate to \(Self.megabytes(uncompressed)); at most \(Self.megabytes(limits.maxEntryBytes)) are accepted")
        }
        if uncompressed > limits.ratioThresholdBytes, uncompressed / max(compressed, 1) > limits.maxCompressionRatio {
            throw .tooLarge("the part \(name) is compressed \(uncompressed / max(compressed, 1)) to 1, more than any real sheet (a zip bomb?)")
        }
    }

    /// `n MiB`, for messages.
    private static func megabytes(_ bytes: Int64) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// Inflates the part named `part`, handing each block of bytes to `consume`; throws
    /// `.missingPart` when absent, `.corruptArchive` when its data is damaged (CRC included).
    func read(_ part: String, _ consume: (UnsafeBufferPointer<UInt8>) throws(XLSXReadError) -> Void) throws(XLSXReadError) {
        guard var entry = entries[Self.normalise(part)] else { throw .missingPart(part) }
        guard unzGoToFilePos64(handle, &entry.position) == UNZ_OK else {
            throw .corruptArchive("the part \(entry.name) cannot be located")
        }
        let openStatus = unzOpenCurrentFile(handle)
        guard openStatus == UNZ_OK else {
            throw .corruptArchive(openStatus == UNZ_BADZIPFILE
                ? "the part \(entry.name) is stored with an unsupported method or encrypted"
                : "the part \(entry.name) cannot be opened")
        }
        var closed = false
        defer { if !closed { unzCloseCurrentFile(handle) } }
        let blockSize: Int32 = 1 << 16
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(blockSize))
        defer { block.deallocate() }
        var total: Int64 = 0
        while true {
            let count = unzReadCurrentFile(handle, block, UInt32(blockSize))
            if count < 0 {
                throw .corruptArchive("the part \(entry.name) is damaged (zip error \(count))")
            }
            if count == 0 { break }
            total += Int64(count)
            try consume(UnsafeBufferPointer(start: block, count: Int(count)))
        }
        closed = true
        let closeStatus = unzCloseCurrentFile(handle)
        guard closeStatus == UNZ_OK else {
            throw .corruptArchive(closeStatus == UNZ_CRCERROR
                ? "the part \(entry.name) fails its checksum" : "the part \(entry.name) is damaged")
        }
        guard total == entry.uncompressedSize else {
            throw .corruptArchive("the part \(entry.name) is shorter than its directory says")
        }
    }
}

extension String {
    /// `\` replaced by `/`.
    fileprivate var replacingBackslashes: String {
        contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
    }
}
