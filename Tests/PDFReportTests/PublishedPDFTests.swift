import Foundation
import PDFReport
import ReportModel
import XCTest

/// Test inputs from the repository (never ../shared: CI has only the repository).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pdf")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// Reads a fixture PDF as the CLI would, naming the file.
    static func read(_ name: String) throws -> LoadedReport {
        try PDFReport.read(try data(name), file: name)
    }

    /// The error reading `data` throws; fails the test when it reads.
    static func refusal(_ data: Data, file: String = "bad.pdf", line: UInt = #line) -> ReportInputError? {
        do {
            _ = try PDFReport.read(data, file: file)
            XCTFail("\(file) must be refused", line: line)
            return nil
        } catch {
            return error
        }
    }
}

/// The published PDF of the corpus reads to every number of its JSON.
final class PublishedPDFTests: XCTestCase {
    /// 02_hongze_quzf_2023.pdf (WPS, 5 pages): a 2021-form report with the 2019 single （六）
    /// row, a wrapped row label, a vertical 三、本年度办理结果, section 三 continued on page 4,
    /// page numbers `-N-` and the agency's own arithmetic errors in section 四.
    func testHongzeGivesEveryNumberOfItsJSONWithFormAgencyYearAndDate() throws {
        let expectedData = try Fixtures.data("02_hongze_quzf_2023.json")
        let expected = try ReportJSON.decode(expectedData).report
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let loaded = try Fixtures.read("02_hongze_quzf_2023.pdf")
        let report = loaded.report

        XCTAssertEqual(report.form.id, "2021")
        XCTAssertEqual(report.agency, "洪泽区人民政府")
        XCTAssertEqual(report.year, 2023)
        XCTAssertNil(report.date, "the report is not signed with a date")
        XCTAssertEqual(report.form.id, expected.form.id)
        XCTAssertEqual(report.agency, expected.agency)
        XCTAssertEqual(report.year, expected.year)
        XCTAssertEqual(report.date, expected.date)

        XCTAssertNil(object["_compare"], "the JSON determines every table")
        var compared = 0
        for table in expected.form.tables {
            XCTAssertFalse(loaded.warnings.contains { $0.message.contains("table \(table.id) is undetermined") }, "\(loaded.warnings)")
            for cell in table.cells {
                // A PDF cannot show whether a cell held 0 or nothing where none is drawn.
                XCTAssertEqual(report[cell] ?? 0, expected[cell] ?? 0, "\(cell)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 200)
        XCTAssertEqual(report["proactive", "fees", "amount"], Decimal(string: "7730.28"))
        XCTAssertEqual(report["proactive", "penalty", "decisions"], 4119)
        XCTAssertEqual(report["applications", "unavailable_not_held", "natural"], 10)
        XCTAssertEqual(report["appeals", "litigation_after_review", "upheld"], 5)

        let failing = CheckEngine.check(report).filter { $0.severity == .error }
        let wanted = (object["_checks"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }.sorted()
        XCTAssertEqual(failing.map(\.rule).sorted(), wanted)
        XCTAssertEqual(failing.map(\.place).sorted(), ["row 行政复议", "row 行政诉讼›复议后起诉"])

        for id in ["overview", "problems", "other"] {
            let want = (expected.sections[id] ?? "").filter { !$0.isWhitespace }
            let got = (report.sections[id] ?? "").filter { !$0.isWhitespace }
            XCTAssertTrue(got.hasPrefix(String(want.prefix(30))), "section \(id): \(got.prefix(60))")
        }
        XCTAssertFalse(report.sections["overview"]?.contains("-2-") ?? true, "page numbers are dropped")
        print(loaded.warnings)
    }
}
