import Foundation
import ReportModel
@testable import ReportWorkbook
import TestSupport
import XCTest
import XLSX

/// Amounts of up to `amount_decimals` (4) decimals, as real reports print them (4068.208),
/// through a real spreadsheet application: LibreOffice keeps them, computes the workbook's
/// validation formula as the importer judges, and a fifth decimal is an error naming the cell.
final class AmountDecimalsTests: XCTestCase {
    func testFourDecimalAmountsAgreeWithLibreOffice() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("decimals"))
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        XCTAssertEqual(form.units.amountDecimals, 4)
        let layout = WorkbookLayout.of(form)
        let fees = CellKey(table: "proactive", row: "fees", column: "amount")
        let feesCell = try XCTUnwrap(layout.cells[fees])

        // A report with four-decimal amounts, written by xxgk.
        var report = Report(form: form, agency: "测试局", year: 2023)
        report[fees] = Decimal(string: "4068.208")
        let written = harness.url("written.xlsx")
        try ReportWorkbook.write(report, to: written.path, generator: "xxgk test")

        // The template filled with a five-decimal amount.
        let template = try harness.template(form)
        let typed = try harness.fill(template, cells: [
            (layout.coverFields[.year]?.sheet ?? "", layout.coverFields[.year]?.reference.description ?? "", .number(2023)),
            (feesCell.sheet, feesCell.reference.description, .number(Decimal(string: "1.23456") ?? 0)),
        ], name: "typed.xlsx")

        // The template's validation formula of the amount cell, applied to sample values: its
        // cached results are wrong on purpose, so only a recalculation gives the right ones.
        let book = try XCTUnwrap(try Openpyxl.dump([template])[template.path])
        let validation = try XCTUnwrap(book.sheet(feesCell.sheet)?.validations.first { $0.sqref.split(separator: " ").contains { $0.split(separator: ":").first.map(String.init) == feesCell.reference.description } })
        let formula = try XCTUnwrap(validation.formula1)
        XCTAssertTrue(formula.contains("ROUND(\(feesCell.reference),4)=\(feesCell.reference)"), formula)
        XCTAssertTrue(validation.error?.contains("最多四位小数") ?? false, validation.error ?? "")
        XCTAssertTrue(validation.prompt?.contains("最多四位小数") ?? false, validation.prompt ?? "")
        let samples: [(String, Bool)] = [("4068.208", true), ("12.3456", true), ("0.0001", true), ("1.23456", false), ("0.00001", false), ("-1", false)]
        let control = harness.url("control.xlsx")
        let workbook = try XLSXWorkbook(path: control.path)
        let sheet = try workbook.addSheet(named: "校验公式")
        for (index, sample) in samples.enumerated() {
            let cell = CellReference(row: index, column: 0)
            try sheet.write(number: Double(sample.0) ?? .nan, at: cell)
            try sheet.write(formula: "=" + formula.replacingOccurrences(of: feesCell.reference.description, with: cell.description),
                            cachedString: "?", at: CellReference(row: index, column: 1))
        }
        try workbook.close()

        let resaved = harness.url("resaved")
        try LibreOffice.convert([written, typed, control], to: "xlsx:Calc MS Excel 2007 XML", in: resaved, recalculating: true)

        let back = try harness.read(resaved.appendingPathComponent("written.xlsx"))
        XCTAssertEqual(back.report[fees], Decimal(string: "4068.208"))
        XCTAssertEqual(back.report, report)

        let error = try harness.error(reading: resaved.appendingPathComponent("typed.xlsx"))
        XCTAssertEqual(error, "error: typed.xlsx: sheet \(feesCell.sheet), cell \(feesCell.reference): expected an amount ≥ 0 in 万元 with at most 4 decimals, found \"1.23456\" [cell.invalid]")

        let recalculated = try XCTUnwrap(try Openpyxl.dump([resaved.appendingPathComponent("control.xlsx")]).values.first?.sheet("校验公式"))
        for (index, sample) in samples.enumerated() {
            XCTAssertEqual(recalculated.cells["B\(index + 1)"]?.value, .bool(sample.1), "LibreOffice: \(sample.0)")
            // The importer judges the same value the same way.
            let value = try XCTUnwrap(Decimal(string: sample.0))
            let accepted = value >= 0 && value.hasAtMost(decimals: form.units.amountDecimals)
            XCTAssertEqual(accepted, sample.1, "importer: \(sample.0)")
        }
    }
}
