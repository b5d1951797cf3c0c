import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest
import XLSX

/// Workbooks written by real programs, read back: our writer (libxlsxwriter: shared strings,
/// cached formula results), openpyxl (inline strings, no cached values) and LibreOffice
/// (rich-text runs in shared strings, its own relationship ids, booleans as `TRUE()` formulas).
final class InteropTests: XCTestCase {
    /// Every value of a report written by ReportWorkbook.write is found, exactly, at the cell its
    /// defined name points to; the form is in the custom properties.
    func testOurWriterRoundTripsThroughDefinedNames() throws {
        let data = try Data(contentsOf: Fixtures.exampleJSON)
        let report = try ReportJSON.decode(data).report
        let path = try makeTemporaryDirectory("reader").appendingPathComponent("report.xlsx").path
        try ReportWorkbook.write(report, to: path, generator: "xxgk test")
        try assertValuesAtDefinedNames(report, path)
    }

    /// The same for randomised reports of every form (blank, 0 and values mixed).
    func testRandomReportsOfEveryForm() throws {
        var generator = SeededGenerator(seed: 4)
        let folder = try makeTemporaryDirectory("reader")
        for form in FormCatalog.all {
            for index in 0..<3 {
                let report = RandomReports.make(form: form, using: &generator)
                let path = folder.appendingPathComponent("\(form.id)-\(index).xlsx").path
                try ReportWorkbook.write(report, to: path, generator: "xxgk test")
                try assertValuesAtDefinedNames(report, path)
            }
        }
    }

    private func assertValuesAtDefinedNames(_ report: Report, _ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let document = try Workbook(contentsOf: path)
        XCTAssertEqual(document.customProperties["xxgk.form"], report.form.id, file: file, line: line)
        var cells: [String: [CellReference: Cell]] = [:]
        for sheet in document.sheets {
            try document.forEachCell(in: sheet) { cells[sheet.name, default: [:]][$0.reference] = $0 }
        }
        let names = Dictionary(document.definedNames.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // Totals are formulas whose cached value is the computed sum (a random report's stored
        // total may differ), so only input cells are compared.
        let computed = report.form.computedCells
        var checked = 0
        for table in report.form.tables {
            for row in table.rows {
                for column in row.columns {
                    let key = CellKey(table: table.id, row: row.id, column: column.id)
                    guard computed[key] == nil, let name = names[WorkbookLayout.definedName(for: key)], let target = name.target else { continue }
                    let cell = cells[target.sheet]?[target.range.first]
                    if let value = report.values[key] {
                        guard case .number(let text)? = cell?.value else {
                            XCTFail("\(key) at \(target.sheet)!\(target.range): \(String(describing: cell))", file: file, line: line)
                            continue
                        }
                        // libxlsxwriter writes doubles with %.16G, so 9404.434 may read 9404.433999999999;
                        // to Excel's 15 significant digits it is the decimal written.
                        let written = Double(text).map { String(format: "%.15g", $0) }
                        XCTAssertEqual(written, Double(ReportJSON.format(value)).map { String(format: "%.15g", $0) }, "\(key)", file: file, line: line)
                        checked += 1
                    } else if cell?.formula == nil {
                        XCTAssertEqual(cell?.value ?? .empty, .empty, "\(key)", file: file, line: line)
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 0, file: file, line: line)
    }

    /// openpyxl fills our template: it writes inline strings and drops every cached formula
    /// value; LibreOffice then re-saves it with rich-text runs in shared strings, booleans
    /// written as `TRUE()`/`FALSE()` formulas and recomputed totals.
    func testFilledByOpenpyxlThenResavedByLibreOffice() throws {
        let folder = try makeTemporaryDirectory("reader")
        let template = folder.appendingPathComponent("template.xlsx").path
        let filled = folder.appendingPathComponent("filled.xlsx").path
        guard let form = FormCatalog.form(id: "2021") else { return XCTFail("no form 2021") }
        try ReportWorkbook.writeTemplate(form: form, to: template, generator: "xxgk test")
        try ReaderFixtures.python("""
            import sys, openpyxl
            from openpyxl.cell.rich_text import CellRichText, TextBlock
            from openpyxl.cell.text import InlineFont
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            ws["B2"] = "东西湖区\\t残联"
            ws["B3"] = 2021
            ws["C20"] = CellRichText(["粗", TextBlock(InlineFont(b=True), "体"), "文本"])
            ws["D20"] = True
            ws["E20"] = False
            ws["F20"] = "12"
            ws["G20"] = 1.5
            ws["H20"] = "=G20*2"
            wb.save(sys.argv[2])
            """, [template, filled])

        let byOpenpyxl = try Workbook(contentsOf: filled)
        XCTAssertEqual(byOpenpyxl.customProperties["xxgk.form"], "2021")
        let cover = byOpenpyxl.sheets[0].name
        var cells = try ReaderFixtures.cells(byOpenpyxl, cover)
        XCTAssertEqual(cells["B2"]?.value, .string("东西湖区\t残联"))
        XCTAssertEqual(cells["B3"]?.value, .number("2021"))
        XCTAssertEqual(cells["C20"]?.value, .string("粗体文本"))
        XCTAssertEqual(cells["D20"]?.value, .boolean(true))
        XCTAssertEqual(cells["E20"]?.value, .boolean(false))
        XCTAssertEqual(cells["F20"]?.value, .string("12"))
        XCTAssertEqual(cells["G20"]?.value, .number("1.5"))
        XCTAssertEqual(cells["H20"], Cell(reference: CellReference(row: 19, column: 7), value: .empty, formula: "G20*2"))
        let applications = byOpenpyxl.sheets.map(\.name).first { $0.hasPrefix("三") } ?? ""
        XCTAssertEqual(try ReaderFixtures.cells(byOpenpyxl, applications)["J5"]?.value, .empty, "openpyxl keeps no cached values")

        let resaved = try ReaderFixtures.resaveWithLibreOffice(filled, in: folder)
        let byLibreOffice = try Workbook(contentsOf: resaved)
        XCTAssertEqual(byLibreOffice.sheets.map(\.name), byOpenpyxl.sheets.map(\.name))
        cells = try ReaderFixtures.cells(byLibreOffice, cover)
        XCTAssertEqual(cells["B2"]?.value, .string("东西湖区\t残联"))
        XCTAssertEqual(cells["C20"]?.value, .string("粗体文本"))
        XCTAssertEqual(cells["D20"]?.value, .boolean(true))
        XCTAssertEqual(cells["E20"]?.value, .boolean(false))
        XCTAssertEqual(cells["F20"]?.value, .string("12"))
        XCTAssertEqual(cells["H20"], Cell(reference: CellReference(row: 19, column: 7), value: .number("3"), formula: "G20*2"))
        // The total of a row left blank stays blank: LibreOffice computes the empty string.
        XCTAssertEqual(try ReaderFixtures.cells(byLibreOffice, applications)["J5"],
                       Cell(reference: CellReference(row: 4, column: 9), value: .empty, formula: "IF(COUNT(D5:I5)=0,\"\",SUM(D5:I5))"))
        XCTAssertEqual(Set(byLibreOffice.definedNames.map(\.name)), Set(byOpenpyxl.definedNames.map(\.name)))
    }

    /// A real Excel 97–2003 file written by LibreOffice, renamed to .xlsx: "save it as .xlsx".
    func testRealLegacyXLSFromLibreOffice() throws {
        let folder = try makeTemporaryDirectory("reader")
        let source = try ReaderFixtures.variant("types", in: folder)
        let legacy = try ReaderFixtures.convertWithLibreOffice(source, to: "xls", in: folder)
        let renamed = folder.appendingPathComponent("renamed.xlsx").path
        try FileManager.default.moveItem(atPath: legacy, toPath: renamed)
        assertRefused(renamed, "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx")
    }
}
