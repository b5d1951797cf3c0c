import Foundation
import TestSupport
import XCTest
import XLSX

/// Builds the files the reader tests read: hand-made variants (Tests/Scripts/make_xlsx_variant.py),
/// and workbooks written by other programs (python3 with openpyxl, headless LibreOffice).
enum ReaderFixtures {
    /// The package folder (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `program` (found on PATH) and returns its standard output; throws on a non-zero exit.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        String(decoding: try ExternalProgram.run(program, arguments, environment: environment), as: UTF8.self)
    }

    /// Writes the hand-made variant `name` into `folder` and returns its path.
    static func variant(_ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("\(name).xlsx").path
        try run("python3", [packageRoot.appendingPathComponent("Tests/Scripts/make_xlsx_variant.py").path, name, path])
        return path
    }

    /// Runs a Python script given as text with `arguments`.
    static func python(_ script: String, _ arguments: [String]) throws {
        try run("python3", ["-c", script] + arguments)
    }

    /// Re-saves `file` as .xlsx with headless LibreOffice (a private profile, so it never
    /// meets a user's or another test's instance) into `folder`; returns the new path.
    static func resaveWithLibreOffice(_ file: String, in folder: URL) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-lo-reader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let output = folder.appendingPathComponent("libreoffice")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try run("soffice", [
            "-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore",
            "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", output.path, file,
        ], environment: ["HOME": profile.path])
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".xlsx"
        return output.appendingPathComponent(name).path
    }

    /// Converts `file` to `format` (`xls`) with headless LibreOffice; returns the new path.
    static func convertWithLibreOffice(_ file: String, to format: String, in folder: URL) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-lo-reader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        try run("soffice", [
            "-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore",
            "--convert-to", format, "--outdir", folder.path, file,
        ], environment: ["HOME": profile.path])
        return folder.appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + "." + format).path
    }

    /// Every cell of a sheet, by reference (`"C9"`).
    static func cells(_ workbook: Workbook, _ sheet: String) throws -> [String: Cell] {
        var cells: [String: Cell] = [:]
        try workbook.forEachCell(in: workbook.sheet(named: sheet)) { cells[$0.reference.description] = $0 }
        return cells
    }

    /// Every cell of a sheet in file order, as `C9=value` strings.
    static func ordered(_ workbook: Workbook, _ sheet: String) throws -> [String] {
        var cells: [String] = []
        try workbook.forEachCell(in: workbook.sheet(named: sheet)) { cells.append("\($0.reference)=\($0.value)") }
        return cells
    }

    /// The merged ranges of a sheet as `A1:B2` strings.
    static func merged(_ workbook: Workbook, _ sheet: String) throws -> [String] {
        try workbook.forEachCell(in: workbook.sheet(named: sheet)) { _ in }.map(\.description)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension XCTestCase {
    /// A new empty folder for this test's files, removed when the test ends.
    func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// Asserts that opening (and reading every sheet of) `path` fails with exactly the sentence `expected`.
    func assertRefused(_ path: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let workbook = try Workbook(contentsOf: path)
            for sheet in workbook.sheets { try workbook.forEachCell(in: sheet) { _ in } }
            XCTFail("\(path) was read without an error", file: file, line: line)
        } catch {
            XCTAssertEqual(error.description, expected, file: file, line: line)
        }
    }
}
