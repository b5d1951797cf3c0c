import Foundation
import ReportFormats

/// The files of a batch named by the user: files as given, folders walked for report files.
public enum BatchFiles {
    /// Files as given; folders expanded to every file of a readable kind in them (recursively,
    /// sorted). Hidden files and Office lock files (`~$…`) are skipped. Symbolic links to
    /// folders are not followed (a link loop must not make the walk endless); a link to a
    /// file, or one that leads nowhere, is listed so that it is reported, never hidden. A
    /// sub-folder that cannot be listed is listed itself, so its reason is reported.
    public static func expand(_ inputs: [String]) -> [String] {
        inputs.flatMap { input -> [String] in
            guard isFolder(input, following: true) else { return [input] }
            var files: [String] = []
            walk(input.hasSuffix("/") ? String(input.dropLast()) : input, into: &files)
            return files.sorted()
        }
    }

    private static func walk(_ folder: String, into files: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            files.append(folder)
            return
        }
        for name in names where !name.hasPrefix(".") && !name.hasPrefix("~$") {
            let path = folder + "/" + name
            if isFolder(path, following: false) {
                walk(path, into: &files)
            } else if ReportFormats.reader(forPath: name) != nil {
                files.append(path)
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
