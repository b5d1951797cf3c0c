import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest

/// Templates filled and saved by other programs import to exactly the values entered.
final class OtherProgramsTests: XCTestCase {
    private static let sheet三 = "三、收到和处理政府信息公开申请情况"

    /// A random report of `form` entered into its template with openpyxl (inline strings, no
    /// cached formula values: every total must be recomputed).
    private func filledByOpenpyxl(_ harness: ImportHarness, form: Form, seed: UInt64, name: String) throws -> (URL, Report) {
        var generator = SeededGenerator(seed: seed)
        let report = RandomReports.make(form: form, using: &generator)
        let template = try harness.template(form, name: "template-\(name)")
        let file = try harness.fill(template, cells: ImportHarness.fillCells(for: report), name: name)
        return (file, ImportHarness.withTotals(report))
    }

    func testTemplateFilledByOpenpyxl() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        for form in FormCatalog.all {
            let (file, expected) = try filledByOpenpyxl(harness, form: form, seed: 42, name: "openpyxl-\(form.id).xlsx")
            let loaded = try harness.read(file)
            XCTAssertEqual(loaded.report, expected, "form \(form.id)")
            XCTAssertEqual(loaded.warnings, [])
        }
    }

    func testOpenpyxlFileResavedByLibreOffice() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        let (file, expected) = try filledByOpenpyxl(harness, form: form, seed: 7, name: "lo.xlsx")
        let resaved = try harness.resaveWithLibreOffice(file)
        let loaded = try harness.read(resaved)
        XCTAssertEqual(loaded.report, expected)
        XCTAssertEqual(loaded.warnings, [])
    }

    func testWorkbookWithoutReferenceAttributes() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let form = try XCTUnwrap(FormCatalog.form(id: "2019"))
        let (file, expected) = try filledByOpenpyxl(harness, form: form, seed: 3, name: "filled.xlsx")
        let rewritten = try harness.rewrite(file, mode: "strip-r", name: "no-r.xlsx")
        XCTAssertEqual(try harness.read(rewritten).report, expected)
    }

    func testWorkbookWithPrefixedElements() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        let (file, expected) = try filledByOpenpyxl(harness, form: form, seed: 5, name: "filled.xlsx")
        let rewritten = try harness.rewrite(file, mode: "prefix", name: "prefixed.xlsx")
        XCTAssertEqual(try harness.read(rewritten).report, expected)
    }

    /// A user inserted a row above the table of section 三 (below its heading) and two above
    /// section 二's heading; the cells are found by their labels, and origins name the moved cells.
    func testRowsInsertedAboveTables() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var generator = SeededGenerator(seed: 11)
        let report = RandomReports.make(form: form, using: &generator)
        let template = try harness.template(form)
        let sheet二 = "二、主动公开政府信息情况"
        let file = try harness.fill(
            template, cells: ImportHarness.fillCells(for: report), insertRows: [(Self.sheet三, 2), (sheet二, 1), (sheet二, 1)], name: "inserted.xlsx")
        let loaded = try harness.read(file)
        XCTAssertEqual(loaded.report, ImportHarness.withTotals(report))
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "received", column: "natural")], .cell(sheet: Self.sheet三, reference: "D6"))
    }

    /// Sheets renamed and reordered, custom properties and defined names gone: the form and
    /// the sheets are recognised by their labels (form 2021, which is not the first tried).
    func testRenamedReorderedAnonymousWorkbook() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var generator = SeededGenerator(seed: 19)
        let report = RandomReports.make(form: form, using: &generator)
        let template = try harness.template(form)
        let file = try harness.fill(
            template, cells: ImportHarness.fillCells(for: report), rename: [(Self.sheet三, "依申请"), ("封面", "Sheet1")],
            move: [("依申请", -3)], anonymous: true, name: "renamed.xlsx")
        let loaded = try harness.read(file)
        XCTAssertEqual(loaded.report, ImportHarness.withTotals(report))
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "received", column: "natural")], .cell(sheet: "依申请", reference: "D5"))
    }
}
