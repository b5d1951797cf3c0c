import Foundation
import TestSupport
import XCTest
import XLSX

/// The chart API of the generic writer: the chart parts libxlsxwriter writes reference the
/// ranges given (with sheet names quoted as Excel does), carry the cells' values, and bad
/// input is refused with a sentence before it reaches C.
final class XLSXChartTests: XCTestCase {
    private func charts(in path: String) throws -> [String: String] {
        let script = """
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(json.dumps({n: z.read(n).decode() for n in z.namelist() if n.startswith('xl/charts/')}, ensure_ascii=False))
            """
        return try JSONDecoder().decode([String: String].self, from: try ExternalProgram.run("python3", ["-c", script, path]))
    }

    private func references(_ xml: String?) -> [String] {
        guard let xml else { return [] }
        let expression = try? NSRegularExpression(pattern: "<c:f>(.*?)</c:f>")
        let whole = xml as NSString
        return expression?.matches(in: xml, range: NSRange(location: 0, length: whole.length)).map { whole.substring(with: $0.range(at: 1)) } ?? []
    }

    func testChartsReferenceTheirRangesAndCacheTheValues() throws {
        let folder = try makeTemporaryDirectory("chart")
        let path = folder.appendingPathComponent("charts.xlsx").path
        let workbook = try XLSXWorkbook(path: path)
        let sheet = try workbook.addSheet(named: "它's 数据")
        for (column, title) in ["年", "甲", "乙"].enumerated() { try sheet.write(string: title, at: CellReference(row: 0, column: column)) }
        for row in 1...3 {
            try sheet.write(string: "\(2020 + row)年", at: CellReference(row: row, column: 0))
            try sheet.write(number: Double(row * 10), at: CellReference(row: row, column: 1))
            try sheet.write(number: Double(row * 7), at: CellReference(row: row, column: 2))
        }
        let years = SheetRange(sheet: sheet.name, from: CellReference(row: 1, column: 0), to: CellReference(row: 3, column: 0))
        var columns = Chart(kind: .stackedColumn, title: "合计")
        columns.series = (1...2).map { column in
            ChartSeries(name: .cell(sheet: sheet.name, CellReference(row: 0, column: column)), categories: years,
                        values: SheetRange(sheet: sheet.name, from: CellReference(row: 1, column: column), to: CellReference(row: 3, column: column)))
        }
        columns.valueAxisTitle = "件"
        try sheet.insert(columns, at: CellReference(row: 5, column: 0))
        var pie = Chart(kind: .pie, title: "2023年", showsLegend: true)
        pie.series = [ChartSeries(name: .text("份额"), categories: SheetRange(sheet: sheet.name, from: CellReference(row: 0, column: 1), to: CellReference(row: 0, column: 2)),
                                  values: SheetRange(sheet: sheet.name, from: CellReference(row: 3, column: 1), to: CellReference(row: 3, column: 2)), showsLabels: true)]
        try sheet.insert(pie, at: CellReference(row: 5, column: 8))
        try workbook.close()

        let parts = try charts(in: path)
        XCTAssertEqual(parts.keys.sorted(), ["xl/charts/chart1.xml", "xl/charts/chart2.xml"])
        XCTAssertEqual(references(parts["xl/charts/chart1.xml"]), [
            "'它''s 数据'!$B$1", "'它''s 数据'!$A$2:$A$4", "'它''s 数据'!$B$2:$B$4",
            "'它''s 数据'!$C$1", "'它''s 数据'!$A$2:$A$4", "'它''s 数据'!$C$2:$C$4",
        ])
        XCTAssertTrue(parts["xl/charts/chart1.xml"]?.contains("<c:grouping val=\"stacked\"/>") == true)
        XCTAssertTrue(parts["xl/charts/chart1.xml"]?.contains("<c:v>30</c:v>") == true, "the values are cached from the cells")
        XCTAssertTrue(parts["xl/charts/chart1.xml"]?.contains("<c:v>2022年</c:v>") == true, "the categories too")
        XCTAssertEqual(references(parts["xl/charts/chart2.xml"]), ["'它''s 数据'!$B$1:$C$1", "'它''s 数据'!$B$4:$C$4"])
        XCTAssertTrue(parts["xl/charts/chart2.xml"]?.contains("<c:showPercent val=\"1\"/>") == true)
        XCTAssertEqual(SheetRange(sheet: "它's 数据", from: CellReference(row: 3, column: 2), to: CellReference(row: 1, column: 1)).description, "'它''s 数据'!$B$2:$C$4")
    }

    func testBadChartsAreRefusedBeforeC() throws {
        let folder = try makeTemporaryDirectory("chart")
        let workbook = try XLSXWorkbook(path: folder.appendingPathComponent("bad.xlsx").path)
        let sheet = try workbook.addSheet(named: "表")
        let cell = CellReference(row: 0, column: 0)
        func message(_ chart: Chart, at place: CellReference = CellReference(row: 0, column: 0)) -> String? {
            do {
                try sheet.insert(chart, at: place)
                return nil
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(message(Chart(kind: .column)), "sheet 表, chart at A1: a chart needs at least one series")
        let outside = SheetRange(sheet: "表", from: cell, to: CellReference(row: CellReference.maximumRows, column: 0))
        XCTAssertEqual(message(Chart(kind: .line, series: [ChartSeries(values: outside)])), "sheet 表, chart at A1: bad chart range '表'!$A$1:$A$1048577")
        XCTAssertEqual(message(Chart(kind: .bar, series: [ChartSeries(values: SheetRange(sheet: "", from: cell, to: cell))])),
                       "sheet 表, chart at A1: bad chart range ''!$A$1:$A$1")
        XCTAssertEqual(message(Chart(kind: .column, series: [ChartSeries(values: SheetRange(sheet: "表", from: cell, to: cell))]), at: CellReference(row: -1, column: 0)),
                       "sheet 表, chart at A0: the cell is outside the sheet")
        try workbook.close()
        XCTAssertEqual(message(Chart(kind: .column, series: [ChartSeries(values: SheetRange(sheet: "表", from: cell, to: cell))])),
                       "sheet 表, chart at A1: the workbook is already closed")
    }
}
