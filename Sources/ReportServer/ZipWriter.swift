import CMinizipZip
import Foundation
import ReportModel

/// Why a zip archive could not be written.
struct ZipWriteError: Error, CustomStringConvertible {
    let description: String
}

/// Writes a zip archive of named byte blobs with minizip (the library the reader already
/// links), entry names flagged UTF-8 so Chinese department names survive in every unzip tool.
enum ZipWriter {
    /// One file of the archive.
    struct Entry {
        let name: String
        let data: Data
    }

    /// Writes `entries` to a new archive at `path` (replacing none: the caller picks a fresh path).
    static func write(_ entries: [Entry], to path: String) throws {
        guard let archive = zipOpen64(path, 0) else { throw ZipWriteError(description: Messages.text("server.zip.cannot_create", ["path": path])) }
        var closed = false
        defer { if !closed { zipClose(archive, nil) } }
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        for entry in entries {
            var info = zip_fileinfo()
            info.tmz_date.tm_year = UInt32(now.year ?? 2026)
            info.tmz_date.tm_mon = UInt32((now.month ?? 1) - 1)
            info.tmz_date.tm_mday = UInt32(now.day ?? 1)
            info.tmz_date.tm_hour = UInt32(now.hour ?? 0)
            info.tmz_date.tm_min = UInt32(now.minute ?? 0)
            info.tmz_date.tm_sec = UInt32(now.second ?? 0)
            // Bit 11 of the general purpose flags: the entry name is UTF-8.
            let opened = zipOpenNewFileInZip4_64(
                archive, entry.name, &info, nil, 0, nil, 0, nil,
                Z_DEFLATED, 6, 0, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, nil, 0, 0, 1 << 11, 0)
            guard opened == ZIP_OK else { throw ZipWriteError(description: Messages.text("server.zip.cannot_add", ["name": entry.name, "path": path])) }
            let written = entry.data.withUnsafeBytes { buffer in
                zipWriteInFileInZip(archive, buffer.baseAddress, UInt32(buffer.count))
            }
            guard written == ZIP_OK, zipCloseFileInZip(archive) == ZIP_OK else {
                throw ZipWriteError(description: Messages.text("server.zip.cannot_write", ["name": entry.name, "path": path]))
            }
        }
        closed = true
        guard zipClose(archive, nil) == ZIP_OK else { throw ZipWriteError(description: Messages.text("server.zip.cannot_finish", ["path": path])) }
    }
}
