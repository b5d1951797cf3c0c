import Foundation
@testable import HTMLReport
import ReportModel
import TestSupport
import XCTest

/// Corpus reports as their sites publish them (Tests/Scripts/make_html_fixtures.py) read to
/// exactly the values of the corpus JSON, with the agencies' own arithmetic errors intact.
final class CorpusPageTests: XCTestCase {
    /// The corpus JSON of a report and the rules that fail on its printed values (`_checks`).
    private func expected(_ name: String) throws -> (report: Report, failingRules: [String]) {
        let data = try Data(contentsOf: Fixtures.corpus.appendingPathComponent("\(name).json"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let checks = (object["_checks"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }.sorted()
        return (try ReportJSON.decode(data).report, checks)
    }

    /// Reads `page` and compares every cell (blank and 0 apart), form, agency, year, date
    /// and the failing rules with `NAME.json`.
    @discardableResult
    private func assertPage(_ page: String, is name: String, file: StaticString = #filePath, line: UInt = #line) throws -> LoadedReport {
        let want = try expected(name)
        let loaded = try HTMLReport.read(try Fixtures.page(page), file: page)
        let got = loaded.report
        XCTAssertEqual(got.form.id, want.report.form.id, "form", file: file, line: line)
        XCTAssertEqual(got.agency, want.report.agency, "agency", file: file, line: line)
        XCTAssertEqual(got.year, want.report.year, "year", file: file, line: line)
        XCTAssertEqual(got.date, want.report.date, "date", file: file, line: line)
        var cells = 0
        for table in want.report.form.tables {
            for cell in table.cells {
                XCTAssertEqual(got[cell], want.report[cell], "\(cell)", file: file, line: line)
                cells += 1
            }
        }
        XCTAssertGreaterThan(cells, 100, file: file, line: line)
        let failing = CheckEngine.check(got).filter { $0.severity == .error }.map(\.rule).sorted()
        XCTAssertEqual(failing, want.failingRules, "failing rules", file: file, line: line)
        return loaded
    }

    /// The page line of the `<tr>` whose first cell is `label`, found in the fixture itself.
    private func rowLine(_ label: String, in page: String) throws -> Int {
        let lines = String(decoding: try Fixtures.page(page), as: UTF8.self).components(separatedBy: "\n")
        let cell = try XCTUnwrap(lines.firstIndex { $0.contains(">\(label)</p></td>") }, label)
        let row = try XCTUnwrap(lines[...cell].lastIndex { $0.contains("<tr>") }, label)
        return row + 1
    }

    /// An HTML5 site: header, nav, aside and footer elements, the report in <article>, a
    /// script that writes report-like text, the 2019 form with 总计 blank on middle rows.
    func testShanghai2019Page() throws {
        let loaded = try assertPage("04_shanghai_szfbgt_2019.html", is: "04_shanghai_szfbgt_2019")
        XCTAssertEqual(loaded.report["proactive", "procurement", "amount"], Decimal(string: "25.1"))
    }

    /// An older CMS: the content in a layout table, the 索引号/发布机构 metadata table and the
    /// title above the article, print links and a 版权所有/备案号 footer; the 2021 form with
    /// the 2019 row name 规范性文件.
    func testShuyang2023Page() throws {
        let loaded = try assertPage("09_shuyang_fgj_2023.html", is: "09_shuyang_fgj_2023")
        XCTAssertEqual(loaded.warnings, [])
    }

    /// `<meta charset="gbk">` and bytes in GBK read as the UTF-8 page does.
    func testGBKPage() throws {
        let bytes = try Fixtures.page("09_shuyang_fgj_2023.gbk.html")
        XCTAssertNil(String(data: bytes, encoding: .utf8), "the fixture is GBK, not UTF-8")
        XCTAssertTrue(String(decoding: bytes.prefix(400), as: UTF8.self).contains("<meta charset=\"gbk\" />"))
        let loaded = try assertPage("09_shuyang_fgj_2023.gbk.html", is: "09_shuyang_fgj_2023")
        let utf8 = try HTMLReport.read(try Fixtures.page("09_shuyang_fgj_2023.html"), file: nil)
        XCTAssertEqual(loaded.report, utf8.report)
        XCTAssertEqual(loaded.origins, utf8.origins)
    }

    /// `http-equiv="Content-Type" content="text/html; charset=gb2312"` is read as GB18030.
    func testGB2312HTTPEquivPage() throws {
        let bytes = try Fixtures.page("04_shanghai_szfbgt_2019.gb2312.html")
        XCTAssertNil(String(data: bytes, encoding: .utf8), "the fixture is GB2312, not UTF-8")
        let loaded = try assertPage("04_shanghai_szfbgt_2019.gb2312.html", is: "04_shanghai_szfbgt_2019")
        XCTAssertEqual(loaded.report, try HTMLReport.read(try Fixtures.page("04_shanghai_szfbgt_2019.html"), file: nil).report)
    }

    /// Section 三 split into two tables inside its merged labels 三、本年度办理结果 and （三）不予公开
    /// (a page break of the source document) is read as one table: the same lines, the same values.
    func testTableSplitInTwoIsReadAsOne() throws {
        try assertPage("04_shanghai_szfbgt_2019.split.html", is: "04_shanghai_szfbgt_2019")
        let split = try HTMLReport.pageLines(try Fixtures.page("04_shanghai_szfbgt_2019.split.html")).map(\.text)
        let whole = try HTMLReport.pageLines(try Fixtures.page("04_shanghai_szfbgt_2019.html")).map(\.text)
        XCTAssertEqual(split, whole)
        XCTAssertTrue(split.contains("6.属于四类过程性信息\t3\t1\t\t\t\t\t"))
    }

    /// The same split as Word writes it (the merged labels end with the first table, the
    /// second opens empty merged cells in their place): its first row starts with the empty
    /// cells, as a browser copies it, and reads to the same values.
    func testTableSplitAsWordWritesItIsReadAsOne() throws {
        try assertPage("04_shanghai_szfbgt_2019.split-word.html", is: "04_shanghai_szfbgt_2019")
        let split = try HTMLReport.pageLines(try Fixtures.page("04_shanghai_szfbgt_2019.split-word.html")).map(\.text)
        let whole = try HTMLReport.pageLines(try Fixtures.page("04_shanghai_szfbgt_2019.html")).map(\.text)
        XCTAssertTrue(split.contains("\t\t6.属于四类过程性信息\t3\t1\t\t\t\t\t"))
        XCTAssertEqual(split.map { String($0.drop { $0 == "\t" }) }, whole.map { String($0.drop { $0 == "\t" }) })
    }

    /// Every value's origin and every warning name the line of the page's `<tr>`.
    func testLineNumbersAreThoseOfThePage() throws {
        let page = "04_shanghai_szfbgt_2019.html"
        let loaded = try HTMLReport.read(try Fixtures.page(page), file: page)
        let procurement = try rowLine("政府集中采购", in: page)
        XCTAssertEqual(procurement, 134)
        XCTAssertEqual(loaded.origins[CellKey(table: "proactive", row: "procurement", column: "amount")], .line(procurement))
        XCTAssertEqual(loaded.warnings, [Diagnostic(.warning, file: page, at: .line(procurement), "“251000元” is in 元: converted to 万元")])
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "granted", column: "natural")], .line(try rowLine("（一）予以公开", in: page)))
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "carried_forward", column: "total")], .line(try rowLine("四、结转下年度继续办理", in: page)))
        // Section 四's numbers are on the row after its three header rows.
        let appeals = try XCTUnwrap(loaded.origins[CellKey(table: "appeals", row: "review", column: "upheld")])
        XCTAssertEqual(appeals, .line(424))
        // Every origin is a line of the page that starts a table row.
        let lines = String(decoding: try Fixtures.page(page), as: UTF8.self).components(separatedBy: "\n")
        for (cell, origin) in loaded.origins {
            guard case .line(let line) = origin else { return XCTFail("\(cell): \(origin)") }
            XCTAssertEqual(lines[line - 1].trimmingCharacters(in: .whitespaces), "<tr>", "\(cell)")
        }
    }
}
