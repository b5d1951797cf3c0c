import ArgumentParser
import Foundation
import ReportBatch
import ReportFormats
import ReportModel
import XLSX

/// A kind named with `--from`: one of the registry's readers.
struct InputKind: ExpressibleByArgument {
    let reader: any ReportReader

    init?(argument: String) {
        guard let reader = ReportFormats.reader(named: argument) else { return nil }
        self.reader = reader
    }

    static var allValueStrings: [String] { ReportFormats.readerNames }
}

/// A kind named with `--to`: one of the registry's writers.
struct OutputKind: ExpressibleByArgument {
    let writer: any ReportWriter

    init?(argument: String) {
        guard let writer = ReportFormats.writer(named: argument) else { return nil }
        self.writer = writer
    }

    static var allValueStrings: [String] { ReportFormats.writerNames }
}

/// Reading and writing reports of every kind through the registry; the one place the CLI
/// picks a reader or a writer.
enum ReportFiles {
    /// The reader for `path`: the one named with `--from`, else the one of its extension.
    static func reader(_ explicit: InputKind?, path: String) throws -> any ReportReader {
        if let explicit { return explicit.reader }
        if path == "-" {
            throw ValidationError(Messages.text("cli.input.stdin_kind", ["names": ReportFormats.readerNames.joined(separator: ", ")]))
        }
        guard let reader = ReportFormats.reader(forPath: path) else {
            throw ValidationError(Messages.text("cli.input.unknown_extension", ["path": path, "extensions": ReportFormats.readableExtensions]))
        }
        return reader
    }

    /// The writer for `path`: the one named with `--to`, else the one of its extension.
    /// `kindOption` is false for a command without `--to` (`sum`), whose messages then do not offer it.
    static func writer(_ explicit: OutputKind?, path: String, kindOption: Bool = true) throws -> any ReportWriter {
        if let explicit { return explicit.writer }
        if path == "-" {
            guard kindOption else {
                throw ValidationError(Messages.text("cli.output.stdout_file", ["extensions": ReportFormats.writableExtensions]))
            }
            throw ValidationError(Messages.text("cli.output.stdout_kind", ["names": ReportFormats.writerNames.joined(separator: ", ")]))
        }
        guard let writer = ReportFormats.writer(forPath: path) else {
            let arguments: KeyValuePairs<String, String> = ["path": path, "extensions": ReportFormats.writableExtensions]
            throw ValidationError(kindOption
                ? Messages.text("cli.output.unknown_extension_or_to", arguments) : Messages.text("cli.output.unknown_extension", arguments))
        }
        return writer
    }

    /// Reads a report. `path` "-" reads standard input. Throws `ReportInputError` naming the file.
    static func load(_ path: String, with reader: any ReportReader) throws(ReportInputError) -> LoadedReport {
        let name = path == "-" ? "<stdin>" : path
        return try ReportFormats.read(try readInput(path), file: name, with: reader)
    }

    /// Writes a report whole or not at all. `path` "-" writes standard output.
    static func save(_ report: Report, to path: String, with writer: any ReportWriter) throws {
        try writeOutput(to: path) { try writer.write(report, to: $0, generator: XXGK.generator) }
    }

    /// Writes an output whole or not at all: `produce` writes a complete file at the path it
    /// is given; "-" has it write a temporary file that is then copied to standard output.
    static func writeOutput(to path: String, _ produce: (String) throws -> Void) throws {
        guard path == "-" else { return try produce(path) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let temporary = folder.appendingPathComponent("output").path
        do {
            try produce(temporary)
        } catch let error as OutputError where error.path == temporary {
            throw OutputError(path: "-", reason: error.reason)
        }
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw OutputError(path: "-", reason: Messages.text("cli.output.read_back"))
        }
        FileHandle.standardOutput.write(data)
    }

    /// Writes a workbook whole or not at all ("-": to standard output). Writer errors become
    /// `OutputError`s naming `path`.
    static func writeWorkbook(to path: String, _ produce: (String) throws(XLSXWriteError) -> Void) throws {
        try writeOutput(to: path) { target in
            try WorkbookOutput.write(to: target) { (temporaryPath: String) throws(XLSXWriteError) in try produce(temporaryPath) }
        }
    }

    /// The bytes of an input file or of standard input, with a clear error when unreadable.
    static func readInput(_ path: String) throws(ReportInputError) -> Data {
        path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try BatchInput.contents(of: path)
    }

    /// The input files named: files as given, folders expanded to their report files
    /// (recursively, sorted), so a folder of submissions can be named at once.
    static func expand(_ inputs: [String]) -> [String] { BatchFiles.expand(inputs) }
}
