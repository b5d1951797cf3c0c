import Foundation

/// An output that could not be written (exit code 2): the path and the reason.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    /// An error for the output `path`, saying why it could not be written.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { Diagnostic.line(severity: .error, parts: [path], message: reason) }
}

/// Writes output files whole or not at all: into a temporary file beside the target,
/// renamed over it only when complete, so no reader ever sees a half-written file.
public enum OutputFile {
    /// Calls `produce` with a temporary path in the target's folder, then moves the result
    /// into place. On any failure the temporary file is removed and the target untouched.
    public static func write(to path: String, _ produce: (_ temporaryPath: String) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError(path: path, reason: Messages.text("output.is_folder"))
        }
        let folder = target.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: path, reason: Messages.text("output.no_folder", ["folder": folder.path]))
        }
        let temporary = folder.appendingPathComponent(".\(temporaryStem(of: target.lastPathComponent)).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try produce(temporary.path)
            guard rename(temporary.path, target.path) == 0 else {
                throw OutputError(path: path, reason: Messages.text("output.cannot_write", ["reason": String(cString: strerror(errno))]))
            }
        } catch {
            // The system's reason first, before cleaning up can change errno: a writer library
            // reports a full disk as "Zip generic error ZIP_ERRNO", which tells a user nothing.
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            let systemReason = String(cString: strerror(code))
            if [ENOSPC, EDQUOT, EROFS, EIO, EFBIG, EACCES].contains(code), let failure = error as? OutputError,
                !failure.reason.contains(systemReason) {
                throw OutputError(path: failure.path, reason: Messages.text("output.cannot_write_because", ["reason": systemReason, "detail": failure.reason]))
            }
            throw error
        }
    }

    /// The target's name cut to at most 100 UTF-8 bytes (whole characters), so the temporary
    /// name beside it stays within the 255-byte limit of file names even when the target's
    /// own name is near it (a long Chinese name takes 3 bytes a character).
    static func temporaryStem(of name: String) -> String {
        var stem = ""
        var bytes = 0
        for character in name {
            bytes += character.utf8.count
            if bytes > 100 { break }
            stem.append(character)
        }
        return stem
    }

    /// Writes bytes whole or not at all.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { temporaryPath in
            guard FileManager.default.createFile(atPath: temporaryPath, contents: data) else {
                throw OutputError(path: path, reason: Messages.text("output.cannot_write_here", ["reason": String(cString: strerror(errno))]))
            }
        }
    }
}
