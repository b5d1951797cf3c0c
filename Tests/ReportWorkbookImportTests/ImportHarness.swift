import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest

/// Makes the workbooks the import tests read: with xxgk's writer, filled by openpyxl
/// (Tests/Scripts/fill_workbook.py), re-saved by headless LibreOffice, rewritten by
/// Tests/Scripts/rewrite_sheets.py; and reads them back.
struct ImportHarness {
    /// Where the workbooks are made: a test's own temporary folder (`makeTemporaryDirectory`).
    let folder: URL

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// A value openpyxl writes into a cell.
    enum FillValue {
        case number(Decimal)
        case text(String)
        case clear

        var json: String {
            switch self {
            case .number(let value): return ReportJSON.format(value)
            case .text(let text): return ImportHarness.quoted(text)
            case .clear: return "null"
            }
        }
    }

    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// The cells a user fills to enter `report` into the template: every input value, every
    /// text, the cover (the date typed as text).
    static func fillCells(for report: Report) -> [(sheet: String, reference: String, value: FillValue)] {
        let layout = WorkbookLayout.of(report.form)
        let computed = report.form.computedCells
        var cells: [(String, String, FillValue)] = []
        for key in report.form.cells where computed[key] == nil {
            guard let placed = layout.cells[key], let value = report[key] else { continue }
            cells.append((placed.sheet, placed.reference.description, .number(value)))
        }
        for (id, text) in report.sections where !text.isEmpty {
            guard let placed = layout.textCells[id] else { continue }
            cells.append((placed.sheet, placed.reference.description, .text(text)))
        }
        if let agency = layout.coverFields[.agency] { cells.append((agency.sheet, agency.reference.description, .text(report.agency))) }
        if let year = layout.coverFields[.year] { cells.append((year.sheet, year.reference.description, .number(Decimal(report.year)))) }
        if let date = layout.coverFields[.date], let value = report.date { cells.append((date.sheet, date.reference.description, .text(value.description))) }
        return cells
    }

    /// Writes the blank template of `form`.
    func template(_ form: Form, name: String = "template.xlsx") throws -> URL {
        let path = url(name)
        try ReportWorkbook.writeTemplate(form: form, to: path.path, generator: "xxgk test")
        return path
    }

    /// Fills `source` with openpyxl and saves it as `name`.
    func fill(
        _ source: URL, cells: [(sheet: String, reference: String, value: FillValue)], insertRows: [(String, Int)] = [],
        rename: [(String, String)] = [], move: [(String, Int)] = [], anonymous: Bool = false, name: String
    ) throws -> URL {
        let cellsJSON = cells.map { "[\(Self.quoted($0.sheet)), \(Self.quoted($0.reference)), \($0.value.json)]" }.joined(separator: ",\n")
        let insertJSON = insertRows.map { "[\(Self.quoted($0.0)), \($0.1)]" }.joined(separator: ", ")
        let renameJSON = rename.map { "[\(Self.quoted($0.0)), \(Self.quoted($0.1))]" }.joined(separator: ", ")
        let moveJSON = move.map { "[\(Self.quoted($0.0)), \($0.1)]" }.joined(separator: ", ")
        let spec = "{\"cells\": [\(cellsJSON)], \"insert_rows\": [\(insertJSON)], \"rename\": [\(renameJSON)], \"move\": [\(moveJSON)], \"anonymous\": \(anonymous)}"
        let specURL = url(name + ".json")
        try Data(spec.utf8).write(to: specURL)
        let output = url(name)
        try Self.run("python3", [Self.script("fill_workbook.py"), source.path, specURL.path, output.path])
        return output
    }

    /// Rewrites the sheets' XML (`strip-r`, `prefix`).
    func rewrite(_ source: URL, mode: String, name: String) throws -> URL {
        let output = url(name)
        try Self.run("python3", [Self.script("rewrite_sheets.py"), mode, source.path, output.path])
        return output
    }

    /// Opens and saves `source` with headless LibreOffice (its own profile); the result has
    /// LibreOffice's relationship ids, shared strings and `t="n"` numbers.
    func resaveWithLibreOffice(_ source: URL) throws -> URL {
        let outFolder = url("libreoffice")
        try LibreOffice.convert([source], to: "xlsx:Calc MS Excel 2007 XML", in: outFolder)
        return outFolder.appendingPathComponent(source.lastPathComponent)
    }

    /// Imports a workbook.
    func read(_ file: URL) throws -> LoadedReport {
        try ReportWorkbook.read(Data(contentsOf: file), file: file.lastPathComponent)
    }

    /// The import error's text, or nil when the workbook imports.
    /// Why the file is unreadable, or else its bad cells (`cell.invalid`), one line each as
    /// `check` places them; nil when it reads and every cell is good.
    func error(reading file: URL) throws -> String? {
        do {
            let loaded = try read(file)
            let lines = CheckEngine.unresolvedFindings(loaded.report).filter { $0.rule == CheckEngine.invalidCellRule }.map { finding in
                Diagnostic(.error, file: file.lastPathComponent, at: finding.cells.first.flatMap { loaded.origins[$0] }, finding.message).description
            }
            return lines.isEmpty ? nil : lines.joined(separator: "\n")
        } catch let error as ReportInputError {
            return error.description
        }
    }

    static func script(_ name: String) -> String {
        Fixtures.packageRoot.appendingPathComponent("Tests/Scripts/\(name)").path
    }

    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        try ExternalProgram.run(program, arguments, environment: environment)
    }

    /// A report with its totals as the workbook computes them (blank when all parts are).
    static func withTotals(_ report: Report) -> Report {
        var copy = report
        RandomReports.fillTotals(&copy)
        return copy
    }
}
