import ArgumentParser
import Foundation
import ReportModel
import ReportText
import ReportWorkbook
import XLSX

/// The kinds of file xxgk reads and writes, named by their extension.
enum ReportFileKind: String, CaseIterable, ExpressibleByArgument {
    case json, xlsx, txt, md

    /// The kind of a path by its extension, or nil.
    init?(path: String) {
        self.init(rawValue: URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// The kind given by `--from`/`--to`, else by the path's extension. `kindOption` is false
    /// for a command without `--from`/`--to` (`sum`), whose messages then do not offer them.
    static func resolve(_ explicit: ReportFileKind?, path: String, role: String, kindOption: Bool = true) throws -> ReportFileKind {
        if let explicit { return explicit }
        let option = role == "input" ? "from" : "to"
        if path == "-" {
            guard kindOption else { throw ValidationError("\(role) is \"-\": name a file ending in .json, .xlsx, .txt or .md") }
            throw ValidationError("\(role) is \"-\": name its kind with --\(option) (json, xlsx, txt, md)")
        }
        guard let kind = ReportFileKind(path: path) else {
            throw ValidationError("cannot tell the kind of \(role) \(path) from its extension; expected .json, .xlsx, .txt or .md\(kindOption ? " (or --\(option))" : "")")
        }
        return kind
    }
}

/// Reading and writing reports of every kind; the one place the CLI picks a converter.
enum ReportFiles {
    /// Reads a report. `path` "-" reads standard input. Throws `ReportInputError` naming the file.
    static func load(_ path: String, kind: ReportFileKind) throws -> LoadedReport {
        let name = path == "-" ? "<stdin>" : path
        let data = try readInput(path)
        switch kind {
        case .json:
            return try ReportJSON.decode(data, file: name)
        case .txt, .md:
            return try ReportText.parse(data, file: name)
        case .xlsx:
            return try ReportWorkbook.read(data, file: name)
        }
    }

    /// Writes a report whole or not at all. `path` "-" writes standard output.
    static func save(_ report: Report, to path: String, kind: ReportFileKind) throws {
        let data: Data
        switch kind {
        case .json:
            data = Data(ReportJSON.encode(report).utf8)
        case .txt:
            data = Data(ReportText.plainText(report).utf8)
        case .md:
            data = Data(ReportText.markdown(report).utf8)
        case .xlsx:
            try writeWorkbook(to: path) { temporaryPath in
                try ReportWorkbook.write(report, to: temporaryPath, generator: XXGK.generator)
            }
            return
        }
        if path == "-" {
            FileHandle.standardOutput.write(data)
        } else {
            try OutputFile.write(data, to: path)
        }
    }

    /// Writes a workbook whole or not at all: `produce` writes into a temporary path that is
    /// renamed over `path` when complete ("-" copies the finished file to standard output).
    /// Writer errors become `OutputError`s naming `path`.
    static func writeWorkbook(to path: String, _ produce: (String) throws -> Void) throws {
        func produceNamingPath(_ temporaryPath: String) throws {
            do {
                try produce(temporaryPath)
            } catch let error as XLSXWriteError {
                throw OutputError(path: path, reason: error.place == temporaryPath ? error.reason : error.description)
            }
        }
        if path == "-" {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-\(UUID().uuidString).xlsx").path
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            try produceNamingPath(temporary)
            guard let data = FileManager.default.contents(atPath: temporary) else {
                throw OutputError(path: "-", reason: "the workbook could not be read back")
            }
            FileHandle.standardOutput.write(data)
        } else {
            try OutputFile.write(to: path, produceNamingPath)
        }
    }

    /// The bytes of an input file or of standard input, with a clear error when unreadable.
    static func readInput(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReportInputError(file: path, "no such file")
        }
        if isDirectory.boolValue { throw ReportInputError(file: path, "is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportInputError(file: path, "cannot be read (permission denied?)")
        }
        return data
    }

    /// The input files named: files as given, folders expanded to their report files
    /// (recursively, sorted), so a folder of submissions can be named at once.
    static func expand(_ inputs: [String]) -> [String] {
        inputs.flatMap { input -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [input]
            }
            let root = URL(fileURLWithPath: input)
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
            var files: [String] = []
            while let url = enumerator?.nextObject() as? URL {
                let name = url.lastPathComponent
                guard !name.hasPrefix("."), !name.hasPrefix("~$"), ReportFileKind(path: name) != nil else { continue }
                files.append(input.hasSuffix("/") ? input + relativePath(url, to: root) : input + "/" + relativePath(url, to: root))
            }
            return files.sorted()
        }
    }

    private static func relativePath(_ url: URL, to root: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : url.lastPathComponent
    }
}
