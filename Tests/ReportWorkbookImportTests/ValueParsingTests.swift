import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest

/// What people type into value cells: numeric text is read, placeholders become blank with a
/// warning, anything else is an error naming the sheet, the cell and the value found.
final class ValueParsingTests: XCTestCase {
    private static let sheet三 = "三、收到和处理政府信息公开申请情况"
    private let form2021 = FormCatalog.form(id: "2021")

    /// The template of 2021 with the cover filled and `cells` typed on top.
    private func importFilled(_ cells: [(String, String, ImportHarness.FillValue)]) throws -> (ImportHarness, URL) {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let form = try XCTUnwrap(form2021)
        let template = try harness.template(form)
        let layout = WorkbookLayout.of(form)
        let agency = try XCTUnwrap(layout.coverFields[.agency])
        let year = try XCTUnwrap(layout.coverFields[.year])
        let cover: [(String, String, ImportHarness.FillValue)] = [
            (agency.sheet, agency.reference.description, .text("测试局")), (year.sheet, year.reference.description, .number(2023)),
        ]
        let file = try harness.fill(template, cells: (cover + cells).map { (sheet: $0.0, reference: $0.1, value: $0.2) }, name: "typed.xlsx")
        return (harness, file)
    }

    /// Where the layout puts a value cell.
    private func place(_ key: CellKey, _ value: ImportHarness.FillValue) throws -> (String, String, ImportHarness.FillValue) {
        let placed = try XCTUnwrap(WorkbookLayout.of(try XCTUnwrap(form2021)).cells[key], "\(key)")
        return (placed.sheet, placed.reference.description, value)
    }

    private func key(_ table: String, _ row: String, _ column: String) -> CellKey { CellKey(table: table, row: row, column: column) }

    func testNumericTextIsRead() throws {
        let (harness, file) = try importFilled([
            (Self.sheet三, "D5", .text(" 12 ")),
            (Self.sheet三, "E5", .text("1,234")),
            (Self.sheet三, "F5", .text("１２")),
            (Self.sheet三, "G5", .number(3)),
            try place(key("proactive", "fees", "amount"), .text("199.2万元")),
        ])
        let loaded = try harness.read(file)
        XCTAssertEqual(loaded.report[key("applications", "received", "natural")], 12)
        XCTAssertEqual(loaded.report[key("applications", "received", "commercial")], 1234)
        XCTAssertEqual(loaded.report[key("applications", "received", "research")], 12)
        XCTAssertEqual(loaded.report[key("applications", "received", "social")], 3)
        XCTAssertEqual(loaded.report[key("applications", "received", "total")], 1261)
        XCTAssertEqual(loaded.report[key("proactive", "fees", "amount")], Decimal(string: "199.2"))
        XCTAssertEqual(loaded.warnings, [])
    }

    func testPlaceholdersAreBlankWithAWarning() throws {
        let (harness, file) = try importFilled([(Self.sheet三, "D5", .text("无")), (Self.sheet三, "E5", .text("-")), (Self.sheet三, "F5", .text("/"))])
        let loaded = try harness.read(file)
        XCTAssertNil(loaded.report[key("applications", "received", "natural")])
        XCTAssertNil(loaded.report[key("applications", "received", "total")])
        XCTAssertEqual(loaded.warnings.map(\.description), [
            "warning: typed.xlsx: sheet \(Self.sheet三), cell D5: \"无\" read as blank",
            "warning: typed.xlsx: sheet \(Self.sheet三), cell E5: \"-\" read as blank",
            "warning: typed.xlsx: sheet \(Self.sheet三), cell F5: \"/\" read as blank",
        ])
    }

    func testWrongValuesAreErrorsNamingSheetCellAndValue() throws {
        let cases: [(String, ImportHarness.FillValue, String)] = [
            ("D9", .text("十二"), "expected a whole number ≥ 0, found \"十二\" [cell.invalid]"),
            ("D9", .text("12件"), "expected a whole number ≥ 0, found \"12件\" [cell.invalid]"),
            ("D9", .number(Decimal(string: "1.5") ?? 0), "expected a whole number ≥ 0, found \"1.5\" [cell.invalid]"),
            ("D9", .number(-3), "expected a whole number ≥ 0, found \"-3\" [cell.invalid]"),
        ]
        for (reference, value, message) in cases {
            let (harness, file) = try importFilled([(Self.sheet三, reference, value)])
            XCTAssertEqual(try harness.error(reading: file), "error: typed.xlsx: sheet \(Self.sheet三), cell \(reference): \(message)")
        }
    }

    /// A number beyond 15 digits is an error naming the limit, never a value whose sums overflow.
    func testHugeNumberIsAnErrorNamingTheLimit() throws {
        let (harness, file) = try importFilled([(Self.sheet三, "D5", .number(Decimal(string: "100000000000000000000") ?? 0))])
        XCTAssertEqual(try harness.error(reading: file), "error: typed.xlsx: sheet \(Self.sheet三), cell D5: expected a number of at most 15 digits, found \"1e+20\" [cell.invalid]")
    }

    /// A total typed over its formula is what the submission printed: it is kept, and is a
    /// finding (an error of the submission) showing both values at its cell.
    func testTotalTypedOverItsFormulaIsKeptAndReported() throws {
        let (harness, file) = try importFilled([(Self.sheet三, "D5", .number(4)), (Self.sheet三, "E5", .number(5)), (Self.sheet三, "J5", .number(10))])
        let loaded = try harness.read(file)
        XCTAssertEqual(loaded.report[key("applications", "received", "total")], 10)
        XCTAssertEqual(loaded.warnings, [])
        XCTAssertEqual(loaded.findings.map(\.description), [
            "error: 三、收到和处理政府信息公开申请情况: the total 一、本年新收政府信息公开申请数量 › 总计 shows 10 but its cells add up to 9; kept as printed [workbook.total]",
        ])
        XCTAssertEqual(loaded.findings.first?.found, 10)
        XCTAssertEqual(loaded.findings.first?.expected, 9)
        XCTAssertEqual(loaded.findings.first.flatMap { $0.cells.first }.flatMap { loaded.origins[$0] }, .cell(sheet: Self.sheet三, reference: "J5"))
    }

    /// Amounts take up to `amount_decimals` (4) decimals, as real reports print them
    /// (4068.208); a fifth decimal is an error naming the cell and the limit.
    func testAmountsTakeFourDecimalsAndAFifthIsAnError() throws {
        let fees = key("proactive", "fees", "amount")
        let (harness, file) = try importFilled([try place(fees, .number(Decimal(string: "4068.2085") ?? 0))])
        XCTAssertEqual(try harness.read(file).report[fees], Decimal(string: "4068.2085"))
        let placed = try place(fees, .number(Decimal(string: "1.23456") ?? 0))
        let (badHarness, badFile) = try importFilled([placed])
        XCTAssertEqual(
            try badHarness.error(reading: badFile),
            "error: typed.xlsx: sheet \(placed.0), cell \(placed.1): expected an amount ≥ 0 in 万元 with at most 4 decimals, found \"1.23456\" [cell.invalid]")
    }

    /// A total cleared of its formula and left blank is what the report printed: blank, not
    /// the sum (the check then finds the rule failing); a blank total's formula reads blank.
    func testBlankTotalWithoutFormulaStaysBlank() throws {
        let (harness, file) = try importFilled([(Self.sheet三, "D5", .number(4)), (Self.sheet三, "J5", .clear)])
        let loaded = try harness.read(file)
        XCTAssertNil(loaded.report[key("applications", "received", "total")])
        XCTAssertEqual(loaded.report[key("applications", "received", "natural")], 4)
        // The formula of a total whose parts are all blank gives blank, not 0.
        XCTAssertNil(loaded.report[key("applications", "carried_over", "total")])
        XCTAssertTrue(CheckEngine.check(loaded.report).contains { $0.rule == "applications.row_total" })
    }

    /// Every bad cell is named at once, so a department mends them in one go.
    func testEveryWrongValueIsNamed() throws {
        let (harness, file) = try importFilled([(Self.sheet三, "D9", .text("十二")), (Self.sheet三, "E5", .number(-3))])
        XCTAssertEqual(try harness.error(reading: file), """
            error: typed.xlsx: sheet \(Self.sheet三), cell E5: expected a whole number ≥ 0, found "-3" [cell.invalid]
            error: typed.xlsx: sheet \(Self.sheet三), cell D9: expected a whole number ≥ 0, found "十二" [cell.invalid]
            """)
    }

    /// An error value in a total cell (a formula broken by a deleted row) is reported with the
    /// recomputed total, never read as 0.
    func testErrorValueInATotalIsReported() throws {
        let (harness, file) = try importFilled([(Self.sheet三, "D5", .number(2)), (Self.sheet三, "J5", .text("=1/0"))])
        let resaved = try harness.resaveWithLibreOffice(file)
        let loaded = try harness.read(resaved)
        XCTAssertEqual(loaded.report[key("applications", "received", "total")], 2)
        XCTAssertEqual(loaded.warnings.map(\.description), [
            "warning: typed.xlsx: sheet \(Self.sheet三), cell J5: the total shows \"#DIV/0!\" instead of a number; its cells add up to 2, which is used",
        ])
    }

    /// A row inserted inside a table moves only part of it: the labels no longer match, and the
    /// import stops instead of reading values from the wrong rows.
    func testShiftedLayoutIsReported() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let form = try XCTUnwrap(form2021)
        let template = try harness.template(form)
        let file = try harness.fill(template, cells: [], insertRows: [(Self.sheet三, 8)], name: "shifted.xlsx")
        XCTAssertEqual(
            try harness.error(reading: file),
            "error: shifted.xlsx: sheet \(Self.sheet三), cell B8: expected the label \"（二）部分公开（区分处理的，只计这一情形，不计其他情形）\" of form 2021, found \"\"; the sheet's layout was changed, so its values cannot be read safely")
    }

    /// Files that are not workbooks keep the reader's message, with the file named.
    func testUnreadableFilesNameTheFile() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let file = harness.url("notes.xlsx")
        try Data("机关,件数\n".utf8).write(to: file)
        XCTAssertEqual(try harness.error(reading: file),
                       "error: notes.xlsx: this is a text file (CSV?), not an Excel workbook; open it in Excel or WPS and save it as .xlsx")
    }
}
