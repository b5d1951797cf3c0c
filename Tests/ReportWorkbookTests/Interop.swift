import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest

/// Runs the real programs the tests compare with: Python's openpyxl (through the scripts in
/// Tests/Scripts) and headless LibreOffice with a private, recalculating profile.
enum Interop {
    /// The package folder (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The generator name the tests write into workbooks.
    static let generator = "xxgk test"

    /// Runs a program found on PATH and returns its standard output; fails the test on a non-zero exit.
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Data {
        try ExternalProgram.run(program, arguments, environment: environment)
    }

    /// What openpyxl sees in each workbook (Tests/Scripts/dump_workbook.py).
    static func dump(_ files: [URL]) throws -> [String: WorkbookDump] {
        let script = packageRoot.appendingPathComponent("Tests/Scripts/dump_workbook.py").path
        let data = try run("python3", [script] + files.map(\.path))
        return try JSONDecoder().decode([String: WorkbookDump].self, from: data)
    }

    /// Converts every file with one headless LibreOffice run into `folder`, as `format`
    /// (`xlsx`, `pdf`). The private profile forces a full recalculation on load
    /// (OOXMLRecalcMode 0), since LibreOffice otherwise shows our cached values.
    static func convertWithLibreOffice(_ files: [URL], to format: String, in folder: URL) throws {
        try ExternalProgram.convertWithLibreOffice(files, to: format, in: folder)
    }

    /// A new empty folder for one test's files.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Every real report of the in-repo corpus (Tests/Fixtures/corpus/*.json), by file name.
    static func corpusReports() throws -> [(name: String, report: Report)] {
        let folder = packageRoot.appendingPathComponent("Tests/Fixtures/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return (name, try ReportJSON.decode(data, file: name).report)
        }
    }

    /// The example report shipped in examples/.
    static func exampleReport() throws -> Report {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("examples/000_dongxihu_2020.json"))
        return try ReportJSON.decode(data, file: "000_dongxihu_2020.json").report
    }
}

struct InteropError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Bytes filled in by a reader thread and read after it finished.
final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// openpyxl's view of a workbook (the JSON of dump_workbook.py).
struct WorkbookDump: Decodable {
    let sheets: [SheetDump]
    let names: [String: String]
    let custom: [String: String]
    let title: String?

    func sheet(_ name: String) -> SheetDump? { sheets.first { $0.name == name } }
}

struct SheetDump: Decodable {
    let name: String
    let cells: [String: CellDump]
    let merges: [String]
    let validations: [ValidationDump]
    let conditional: [ConditionalDump]
    let protected: Bool
    let password: String?
    let freeze: String?
    let paper: Int?
    let orientation: String?
    let fitToWidth: Int?
    let fitToHeight: Int?
    let fitToPage: Bool
    let printTitleRows: String?
    let centered: Bool
    let footer: String?
}

struct CellDump: Decodable {
    let value: CellValue?
    let locked: Bool
    let formula: String?
    let fill: String?
    let format: String?
    let wrap: Bool?
    let font: String?
}

/// A cell value as JSON gives it.
enum CellValue: Decodable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}

struct ValidationDump: Decodable {
    let sqref: String
    let type: String?
    let formula1: String?
    let formula2: String?
    let allowBlank: Bool
    let promptTitle: String?
    let prompt: String?
    let errorTitle: String?
    let error: String?
}

struct ConditionalDump: Decodable {
    let sqref: String
    let type: String?
    let formula: [String]
}
