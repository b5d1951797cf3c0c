import CMinizip
import Foundation

/// The bytes of an archive that minizip reads through callbacks, so a workbook is read from
/// memory (a file, standard input) without a temporary file.
private final class MemoryStream {
    let bytes: UnsafeMutableRawBufferPointer
    var position = 0

    init(_ data: Data) {
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
        _ = data.copyBytes(to: bytes)
        count = data.count
    }

    let count: Int

    deinit { bytes.deallocate() }
}

private func stream(_ opaque: voidpf?) -> MemoryStream? {
    guard let opaque else { return nil }
    return Unmanaged<MemoryStream>.fromOpaque(opaque).takeUnretainedValue()
}

/// A zip archive read with minizip: entries located by name, each unpacked as a stream with
/// the size caps of `ReaderLimits` enforced on the bytes actually produced (headers can lie).
final class ZipArchive {
    private let handle: unzFile
    /// The bytes minizip reads, when opened from memory; nil when it reads a file itself.
    private let memory: MemoryStream?
    private let limits: ReaderLimits
    /// Entry names exactly as stored, and by lowercase name (OPC names are case-insensitive).
    private(set) var entryNames: [String] = []
    private var namesByLowercase: [String: String] = [:]
    /// Bytes unpacked so far by every entry.
    private var totalUnpacked = 0

    init(data: Data, limits: ReaderLimits) throws(XLSXReadError) {
        self.limits = limits
        let memory = MemoryStream(data)
        self.memory = memory
        var functions = zlib_filefunc64_def()
        functions.zopen64_file = { opaque, _, _ in opaque }
        functions.zread_file = { opaque, _, buffer, size in
            guard let memory = stream(opaque), let buffer else { return 0 }
            let available = max(0, memory.count - memory.position)
            let length = min(Int(size), available)
            if length > 0, let base = memory.bytes.baseAddress {
                buffer.copyMemory(from: base + memory.position, byteCount: length)
            }
            memory.position += length
            return uLong(length)
        }
        functions.zwrite_file = { _, _, _, _ in 0 }
        functions.ztell64_file = { opaque, _ in ZPOS64_T(stream(opaque)?.position ?? 0) }
        functions.zseek64_file = { opaque, _, offset, origin in
            guard let memory = stream(opaque) else { return -1 }
            let base: Int
            switch origin {
            case ZLIB_FILEFUNC_SEEK_SET: base = 0
            case ZLIB_FILEFUNC_SEEK_CUR: base = memory.position
            case ZLIB_FILEFUNC_SEEK_END: base = memory.count
            default: return -1
            }
            guard offset <= ZPOS64_T(Int.max / 2) else { return -1 }
            let target = base + Int(offset)
            guard target >= 0, target <= memory.count else { return -1 }
            memory.position = target
            return 0
        }
        functions.zclose_file = { _, _ in 0 }
        functions.zerror_file = { _, _ in 0 }
        functions.opaque = Unmanaged.passUnretained(memory).toOpaque()
        guard let handle = unzOpen2_64("memory", &functions) else {
            throw .corruptArchive("no zip directory at its end")
        }
        self.handle = handle
        try listEntries()
    }

    /// Opens the archive at `path` through minizip's own file access (buffered reads and
    /// seeks), so the file is never held in memory.
    init(path: String, limits: ReaderLimits) throws(XLSXReadError) {
        self.limits = limits
        memory = nil
        guard let handle = unzOpen64(path) else {
            throw .corruptArchive("no zip directory at its end")
        }
        self.handle = handle
        try listEntries()
    }

    deinit { unzClose(handle) }

    private func listEntries() throws(XLSXReadError) {
        var status = unzGoToFirstFile(handle)
        var nameBuffer = [CChar](repeating: 0, count: 1024)
        while status == UNZ_OK {
            var info = unz_file_info64()
            guard unzGetCurrentFileInfo64(handle, &info, &nameBuffer, uLong(nameBuffer.count - 1), nil, 0, nil, 0) == UNZ_OK else {
                throw .corruptArchive("an unreadable directory entry")
            }
            let name = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            entryNames.append(name)
            namesByLowercase[name.lowercased()] = name
            if entryNames.count > 100_000 { throw .corruptArchive("more than 100000 entries") }
            status = unzGoToNextFile(handle)
        }
        guard status == UNZ_END_OF_LIST_OF_FILE else { throw .corruptArchive("a damaged zip directory") }
    }

    /// Whether the archive has an entry of this name (compared case-insensitively).
    func contains(_ name: String) -> Bool { namesByLowercase[name.lowercased()] != nil }

    /// Unpacks an entry chunk by chunk into `consume`; throws on a missing entry, a cap, a
    /// damaged stream or a CRC mismatch. `consume` returns false to stop early.
    func read(_ name: String, chunkSize: Int = 1 << 16, _ consume: (UnsafeRawBufferPointer) throws(XLSXReadError) -> Bool) throws(XLSXReadError) {
        guard let stored = namesByLowercase[name.lowercased()] else { throw .missingPart(name) }
        guard unzLocateFile(handle, stored, 1) == UNZ_OK else { throw .missingPart(name) }
        var info = unz_file_info64()
        guard unzGetCurrentFileInfo64(handle, &info, nil, 0, nil, 0, nil, 0) == UNZ_OK else {
            throw .corruptArchive("the entry \(name) is unreadable")
        }
        if info.flag & 1 != 0 { throw .encryptedEntry(name) }
        if info.uncompressed_size > UInt64(limits.maximumEntrySize) {
            throw .entryTooLarge(part: name, limit: limits.maximumEntrySize)
        }
        guard unzOpenCurrentFile(handle) == UNZ_OK else { throw .corruptArchive("the entry \(name) cannot be opened") }
        let packed = max(Int(clamping: info.compressed_size), 1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        var unpacked = 0
        var finished = false
        do throws(XLSXReadError) {
            while true {
                let count = unzReadCurrentFile(handle, buffer.baseAddress, UInt32(chunkSize))
                if count < 0 { throw XLSXReadError.corruptArchive("the entry \(name) is damaged (zip error \(count))") }
                if count == 0 { finished = true; break }
                unpacked += Int(count)
                totalUnpacked += Int(count)
                if unpacked > limits.maximumEntrySize { throw XLSXReadError.entryTooLarge(part: name, limit: limits.maximumEntrySize) }
                if totalUnpacked > limits.maximumTotalSize { throw XLSXReadError.totalTooLarge(limit: limits.maximumTotalSize) }
                if unpacked > limits.ratioThreshold, unpacked / packed > limits.maximumCompressionRatio {
                    throw XLSXReadError.suspiciousCompression(part: name, ratio: limits.maximumCompressionRatio)
                }
                if try !consume(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)])) { break }
            }
        } catch {
            unzCloseCurrentFile(handle)
            throw error
        }
        let closed = unzCloseCurrentFile(handle)
        if finished, closed == UNZ_CRCERROR { throw .corruptArchive("the entry \(name) fails its checksum") }
    }

    /// The whole entry in memory: for the small parts (relationships, workbook, properties).
    func data(_ name: String) throws(XLSXReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        try read(name) { chunk in bytes.append(contentsOf: chunk); return true }
        return bytes
    }
}
