import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest

/// Runs the real programs the tests compare with (Python scripts in Tests/Scripts, headless
/// LibreOffice with a recalculating profile) and loads the reports the tests write.
enum Interop {
    /// The package folder (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The generator name the tests write into workbooks.
    static let generator = "xxgk test"

    /// Runs a program found on PATH and returns its standard output; fails the test on a non-zero exit.
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Data {
        try ExternalProgram.run(program, arguments, environment: environment)
    }

    /// Converts every file with one headless LibreOffice run into `folder`, as `format`
    /// (`xlsx`, `pdf`), recalculating every formula on load (LibreOffice otherwise shows our cached values).
    static func convertWithLibreOffice(_ files: [URL], to format: String, in folder: URL) throws {
        try LibreOffice.convert(files, to: format, in: folder, recalculating: true)
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
