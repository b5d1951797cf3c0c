import Foundation
import TestSupport
import XCTest
import XLSX

/// Builds the files the reader tests read: hand-made variants from the one fixture generator
/// (Tests/Scripts/make_xlsx_variant.py, each named after what it shows), and workbooks written
/// by other programs (python3 with openpyxl, headless LibreOffice).
enum ReaderFixtures {
    /// Writes the hand-made variant `name` into `folder` and returns its path.
    static func variant(_ name: String, in folder: URL) throws -> String {
        try WorkbookVariants.write(name, into: folder)
    }

    /// Runs a Python script given as text with `arguments`.
    static func python(_ script: String, _ arguments: [String]) throws {
        try ExternalProgram.run("python3", ["-c", script] + arguments)
    }

    /// Re-saves `file` as .xlsx with headless LibreOffice into `folder`; returns the new path.
    static func resaveWithLibreOffice(_ file: String, in folder: URL) throws -> String {
        let output = folder.appendingPathComponent("libreoffice")
        try LibreOffice.convert([URL(fileURLWithPath: file)], to: "xlsx:Calc MS Excel 2007 XML", in: output)
        return output.appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".xlsx").path
    }

    /// Converts `file` to `format` (`xls`) with headless LibreOffice; returns the new path.
    static func convertWithLibreOffice(_ file: String, to format: String, in folder: URL) throws -> String {
        try LibreOffice.convert([URL(fileURLWithPath: file)], to: format, in: folder)
        return folder.appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + "." + format).path
    }

    /// Every cell of a sheet, by reference (`"C9"`).
    static func cells(_ workbook: Workbook, _ sheet: String) throws -> [String: Cell] {
        var cells: [String: Cell] = [:]
        try workbook.forEachCell(in: workbook.sheet(named: sheet)) { cells[$0.reference.description] = $0 }
        return cells
    }

    /// Every cell of a workbook's first sheet, by reference.
    static func firstSheetCells(_ workbook: Workbook) throws -> [String: Cell] {
        let sheet = try XCTUnwrap(workbook.sheets.first)
        var cells: [String: Cell] = [:]
        try workbook.forEachCell(in: sheet) { cells[$0.reference.description] = $0 }
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

    /// The error opening (and reading every sheet of) the workbook in `data`, nil when it reads.
    static func error(reading data: Data, limits: ReaderLimits = .standard) -> XLSXReadError? {
        do throws(XLSXReadError) {
            let workbook = try Workbook(data: data, limits: limits)
            for sheet in workbook.sheets { try workbook.forEachCell(in: sheet) { _ in } }
            return nil
        } catch {
            return error
        }
    }
}

extension XCTestCase {
    /// Writes the variant `name` into a folder of this test (removed when it ends); returns its path.
    func variant(_ name: String) throws -> String {
        try ReaderFixtures.variant(name, in: makeTemporaryDirectory("reader"))
    }

    /// The bytes of the variant `name` (for the reader's `Workbook(data:)` entry).
    func variantData(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: variant(name)))
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
