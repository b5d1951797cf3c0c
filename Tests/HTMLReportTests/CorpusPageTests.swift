import Foundation
@testable import HTMLReport
import ReportModel
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

    func testDebugLines() throws {
        let data = try Fixtures.page("09_shuyang_fgj_2023.html")
        let root = try HTMLDocument.parse(utf8: [UInt8](data), maxDepth: 256)
        let body = try XCTUnwrap(PageFurniture.removed(from: root))
        let region = PageText.region(in: body)
        for line in try PageText.lines(of: region, maxCells: 100000) { print(line.line, line.text.prefix(100)) }
    }

    func testShanghai2019Page() throws {
        try assertPage("04_shanghai_szfbgt_2019.html", is: "04_shanghai_szfbgt_2019")
    }

    func testShuyang2023Page() throws {
        try assertPage("09_shuyang_fgj_2023.html", is: "09_shuyang_fgj_2023")
    }
}
