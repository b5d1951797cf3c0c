import Foundation
import TestSupport
import XCTest
import XLSX

/// The generic writer refuses what libxlsxwriter 1.1.4 would mishandle, with a sentence
/// naming the place, and never leaves a partial file.
final class XLSXWriterTests: XCTestCase {
    /// This test's own folder (made by setUp, removed when the test ends).
    private var folder = FileManager.default.temporaryDirectory

    override func setUpWithError() throws {
        folder = try makeTemporaryDirectory("writer")
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testRefusesEmptyDuplicateAndInvalidSheetNames() throws {
        let workbook = try XLSXWorkbook(path: path("names.xlsx"))
        XCTAssertEqual(message { _ = try workbook.addSheet(named: "") }, "sheet: empty sheet name")
        _ = try workbook.addSheet(named: "表一")
        XCTAssertEqual(message { _ = try workbook.addSheet(named: "表一") }, "sheet 表一: a sheet with this name exists")
        XCTAssertEqual(message { _ = try workbook.addSheet(named: "A") }, nil)
        XCTAssertEqual(message { _ = try workbook.addSheet(named: "a") }, "sheet a: a sheet with this name exists")
        XCTAssertNotNil(message { _ = try workbook.addSheet(named: "a/b") })
        XCTAssertNotNil(message { _ = try workbook.addSheet(named: String(repeating: "长", count: 32)) })
        try workbook.close()
    }

    func testRefusesInvalidDefinedNamesAndEmptyFormulas() throws {
        let workbook = try XLSXWorkbook(path: path("defined.xlsx"))
        let sheet = try workbook.addSheet(named: "表")
        let cell = CellReference(row: 0, column: 0)
        for bad in ["", "1abc", "a b", "名字", String(repeating: "a", count: 256)] {
            XCTAssertEqual(message { try workbook.defineName(bad, sheet: "表", cell: cell) }, "defined name \(bad): not a valid name")
        }
        XCTAssertNil(message { try workbook.defineName("applications_received_natural", sheet: "表", cell: cell) })
        XCTAssertEqual(message { try sheet.write(formula: "", cachedNumber: 0, at: cell) }, "sheet 表, cell A1: empty formula")
        XCTAssertEqual(message { try sheet.write(formula: "= ", cachedString: "", at: cell) }, "sheet 表, cell A1: empty formula")
        XCTAssertEqual(message { try sheet.comment("", at: cell) }, "sheet 表, cell A1: empty comment")
        XCTAssertEqual(
            message { try sheet.validate(from: cell, to: cell, DataValidation(.formula("="))) }, "sheet 表, cell A1: empty formula")
        XCTAssertEqual(message { try workbook.setCustomProperty("", to: "x") }, "custom property : empty name or value")
        try workbook.close()
    }

    func testRefusesCellsOutsideTheSheetAndBackwardRanges() throws {
        let workbook = try XLSXWorkbook(path: path("ranges.xlsx"))
        let sheet = try workbook.addSheet(named: "表")
        XCTAssertNotNil(message { try sheet.write(number: 1, at: CellReference(row: CellReference.maximumRows, column: 0)) })
        XCTAssertNotNil(message { try sheet.write(number: 1, at: CellReference(row: -1, column: 0)) })
        XCTAssertEqual(
            message { try sheet.merge(from: CellReference(row: 2, column: 2), to: CellReference(row: 1, column: 1), string: "x") },
            "sheet 表, C3: bad range C3:B2")
        try workbook.close()
    }

    func testCallsAfterCloseFailInsteadOfTouchingFreedMemory() throws {
        let workbook = try XLSXWorkbook(path: path("closed.xlsx"))
        let sheet = try workbook.addSheet(named: "表")
        try sheet.write(string: "内容", at: CellReference(row: 0, column: 0))
        try workbook.close()
        XCTAssertFalse(workbook.isOpen)
        XCTAssertEqual(message { try sheet.write(number: 1, at: CellReference(row: 0, column: 0)) }, "sheet 表: the workbook is already closed")
        XCTAssertEqual(message { try workbook.close() }, "closing: the workbook is already closed")
        XCTAssertEqual(message { _ = try workbook.addSheet(named: "再") }, "sheet 再: the workbook is already closed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("closed.xlsx")))
    }

    func testAWorkbookDroppedWithoutCloseLeavesNoFile() throws {
        do {
            let workbook = try XLSXWorkbook(path: path("dropped.xlsx"))
            _ = try workbook.addSheet(named: "表")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testAnIOErrorAtCloseIsReportedWithThePath() throws {
        // libxlsxwriter opens the output only at close: take the folder away before that.
        let sub = folder.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        let target = sub.appendingPathComponent("late.xlsx").path
        let workbook = try XLSXWorkbook(path: target)
        _ = try workbook.addSheet(named: "表")
        try FileManager.default.removeItem(at: sub)
        let error = message { try workbook.close() }
        XCTAssertTrue(error?.hasPrefix("\(target): ") ?? false, String(describing: error))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    func testAnUnwritablePathFailsAtOnceWithTheReason() {
        XCTAssertEqual(message { _ = try XLSXWorkbook(path: path("missing/x.xlsx")) }, "\(path("missing/x.xlsx")): cannot write (No such file or directory)")
        XCTAssertEqual(message { _ = try XLSXWorkbook(path: "") }, "workbook: empty output path")
    }

    /// A long list's print setup (landscape A4, one page wide, the header row on every page),
    /// its filter buttons and frozen header, and stacked vertical text, as openpyxl reads them.
    func testListPageSetupAutofilterAndVerticalText() throws {
        let file = folder.appendingPathComponent("list.xlsx")
        let workbook = try XLSXWorkbook(path: file.path)
        let sheet = try workbook.addSheet(named: "汇总")
        var vertical = CellStyle()
        vertical.rotation = .stacked
        var turned = CellStyle()
        turned.rotation = .degrees(45)
        try sheet.write(string: "机关", at: CellReference(row: 0, column: 0))
        try sheet.write(string: "件数", at: CellReference(row: 0, column: 1))
        for row in 1...60 { try sheet.write(number: Double(row), at: CellReference(row: row, column: 1)) }
        try sheet.write(string: "竖排", at: CellReference(row: 1, column: 0), style: vertical)
        try sheet.write(string: "斜排", at: CellReference(row: 2, column: 0), style: turned)
        try sheet.freezePanes(rows: 1, columns: 0)
        try sheet.autofilter(from: CellReference(row: 0, column: 0), to: CellReference(row: 60, column: 1))
        try sheet.setUpPage(.list(headerRows: 0...0))
        XCTAssertNotNil(message { try sheet.autofilter(from: CellReference(row: 5, column: 1), to: CellReference(row: 0, column: 0)) })
        try workbook.close()
        let dumped = try XCTUnwrap(try Openpyxl.dump([file])[file.path]?.sheet("汇总"))
        XCTAssertEqual(dumped.paper, 9)
        XCTAssertEqual(dumped.orientation, "landscape")
        XCTAssertTrue(dumped.fitToPage)
        XCTAssertEqual(dumped.fitToWidth ?? 1, 1)
        XCTAssertEqual(dumped.fitToHeight, 0)
        XCTAssertEqual(dumped.printTitleRows, "$1:$1")
        XCTAssertEqual(dumped.freeze, "A2")
        XCTAssertEqual(dumped.autofilter, "A1:B61")
        XCTAssertEqual(dumped.cells["A2"]?.rotation, 255)
        XCTAssertEqual(dumped.cells["A3"]?.rotation, 45)
    }

    func testWritesCachedResultsStylesAndNamesThatOpenpyxlReads() throws {
        let file = folder.appendingPathComponent("small.xlsx")
        let workbook = try XLSXWorkbook(path: file.path)
        let sheet = try workbook.addSheet(named: "数'据")
        var input = CellStyle()
        input.locked = false
        input.fillColor = 0xFFF2CC
        input.numberFormat = "0.00"
        try sheet.write(number: 1.25, at: CellReference(row: 0, column: 0), style: input)
        try sheet.write(number: 2, at: CellReference(row: 1, column: 0))
        try sheet.write(formula: "=SUM(A1:A2)", cachedNumber: 3.25, at: CellReference(row: 2, column: 0))
        try sheet.write(formula: "=IF(A3>3,\"多\",\"少\")", cachedString: "多", at: CellReference(row: 3, column: 0))
        try sheet.merge(from: CellReference(row: 0, column: 1), to: CellReference(row: 1, column: 2), string: "合并")
        try sheet.writeBlank(at: CellReference(row: 5, column: 0), style: input)
        try sheet.comment("报告所列数值 23，各项之和 22", at: CellReference(row: 2, column: 0), author: "xxgk")
        try sheet.protect()
        try workbook.defineName("total", sheet: "数'据", cell: CellReference(row: 2, column: 0))
        try workbook.setCustomProperty("kind", to: "测试")
        try workbook.close()
        let book = try XCTUnwrap(try Openpyxl.dump([file])[file.path])
        let dumped = try XCTUnwrap(book.sheet("数'据"))
        XCTAssertEqual(dumped.cells["A1"]?.value, .number(1.25))
        XCTAssertEqual(dumped.cells["A1"]?.locked, false)
        XCTAssertEqual(dumped.cells["A1"]?.fill, "FFF2CC")
        XCTAssertEqual(dumped.cells["A1"]?.format, "0.00")
        XCTAssertEqual(dumped.cells["A3"]?.formula, "=SUM(A1:A2)")
        XCTAssertEqual(dumped.cells["A3"]?.value, .number(3.25))
        XCTAssertEqual(dumped.cells["A3"]?.comment, "报告所列数值 23，各项之和 22")
        XCTAssertNil(dumped.cells["A1"]?.comment)
        XCTAssertEqual(dumped.cells["A4"]?.value, .string("多"))
        XCTAssertEqual(dumped.cells["A6"]?.locked, false)
        XCTAssertNil(dumped.cells["A6"]?.value)
        XCTAssertEqual(dumped.merges, ["B1:C2"])
        XCTAssertTrue(dumped.protected)
        XCTAssertEqual(book.names["total"], "'数''据'!$A$3")
        XCTAssertEqual(book.custom["kind"], "测试")
    }
}
