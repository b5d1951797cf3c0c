import Foundation
import ReportFormats
import ReportModel

/// The files of a batch named by the user: files as given, folders walked for every file in them.
public enum BatchFiles {
    /// Files as given; folders expanded to every file in them (recursively, sorted), files of
    /// kinds no reader takes included, so that each is reported rather than silently missing.
    /// Office lock files, hidden files, the system's own files and links to folders are left
    /// out (see `list`).
    public static func expand(_ inputs: [String]) -> [String] { list(inputs).files }

    /// The files to check and the files of the folders left out with the reason. Symbolic
    /// links to folders are not followed (a link loop must not make the walk endless); a link
    /// to a file, or one that leads nowhere, is listed so that it is reported, never hidden.
    /// A sub-folder that cannot be listed is listed itself, so its reason is reported.
    public static func list(_ inputs: [String]) -> BatchListing {
        var listing = BatchListing(files: [], skipped: [])
        for input in inputs {
            guard isFolder(input, following: true) else {
                listing.files.append(input)
                continue
            }
            var found = BatchListing(files: [], skipped: [])
            walk(input.hasSuffix("/") ? String(input.dropLast()) : input, into: &found)
            listing.files += found.files.sorted()
            listing.skipped += found.skipped.sorted { $0.file < $1.file }
        }
        return listing
    }

    private static func walk(_ folder: String, into listing: inout BatchListing) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            listing.files.append(folder)
            return
        }
        for name in names {
            let path = folder + "/" + name
            if let reason = SkippedFile.Reason(name: name) {
                listing.skipped.append(SkippedFile(file: path, reason: reason))
            } else if isFolder(path, following: false) {
                walk(path, into: &listing)
            } else if isFolder(path, following: true) {
                listing.skipped.append(SkippedFile(file: path, reason: .linkedFolder))
            } else {
                listing.files.append(path)
            }
        }
    }

    /// Whether `path` is a folder; a symbolic link counts only when `following`.
    private static func isFolder(_ path: String, following: Bool) -> Bool {
        var status = stat()
        let result = following ? stat(path, &status) : lstat(path, &status)
        return result == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}

/// What a batch holds: the files to check, in order, and the files of its folders left out.
public struct BatchListing: Sendable, Equatable {
    /// Every file to read and check, readable kind or not.
    public var files: [String]
    /// Files of the folders that are not submissions, each with why it was left out.
    public var skipped: [SkippedFile]
}

/// A file of a folder that is not a submission and is left out of the batch, with a note.
public struct SkippedFile: Sendable, Equatable {
    /// Why a file is not a submission.
    public enum Reason: String, Sendable {
        /// `~$某局.xlsx` (Office, WPS) or `.~lock.某局.xlsx#` (LibreOffice): left while a file is open.
        case officeLock = "office_lock"
        /// `.DS_Store`, `.git`: hidden by its leading dot.
        case hidden
        /// `Thumbs.db`, `desktop.ini`: written by the system into any folder it shows.
        case system
        /// A symbolic link to a folder: not followed, as a link loop would make the walk endless.
        case linkedFolder = "linked_folder"

        /// The reason a folder entry named `name` is left out, or nil for a submission.
        public init?(name: String) {
            if name.hasPrefix("~$") || (name.hasPrefix(".~lock.") && name.hasSuffix("#")) {
                self = .officeLock
            } else if name.hasPrefix(".") {
                self = .hidden
            } else if ["thumbs.db", "desktop.ini"].contains(name.lowercased()) {
                self = .system
            } else {
                return nil
            }
        }

        /// Why, in words of the process's language.
        public var message: String {
            switch self {
            case .officeLock: return Messages.text("batch.skipped.office_lock")
            case .hidden: return Messages.text("batch.skipped.hidden")
            case .system: return Messages.text("batch.skipped.system")
            case .linkedFolder: return Messages.text("batch.skipped.linked_folder")
            }
        }
    }

    /// The file, as the walk of the folder named it.
    public let file: String
    /// Why it was left out.
    public let reason: Reason

    /// A file left out for `reason`.
    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    /// The note printed for it: a warning naming the file, so nothing leaves the batch unsaid.
    public var note: Diagnostic { Diagnostic(.warning, file: file, reason.message) }

    /// `{"file": …, "reason": …}` for `check --format json`.
    public var jsonValue: JSONValue {
        .object([("file", .string(file)), ("reason", .string(reason.rawValue)), ("message", .string(reason.message))])
    }
}
