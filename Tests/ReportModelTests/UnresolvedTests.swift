import Foundation
import ReportModel
import XCTest

/// What a source did not determine is kept in the model, in the JSON, and is an error.
final class UnresolvedTests: XCTestCase {
    private func form() throws -> Form { try XCTUnwrap(FormCatalog.form(id: "2021")) }

    private func report() throws -> Report {
        var report = Report(form: try form(), agency: "某局", year: 2023)
        report.unresolved = [
            Unresolved(table: "applications", row: "results_total", line: 57, reason: .ambiguous,
                       candidates: [[2, 3, nil, 0, 0, 0, 5], [23, nil, nil, 0, 0, 0, 23]]),
            Unresolved(table: "appeals", row: nil, line: nil, reason: .notFound),
        ]
        return report
    }

    func testUnresolvedPartsAreErrorsNamingRowLineAndReadings() throws {
        let findings = CheckEngine.check(try report()).filter { $0.rule == "report.unresolved" }
        XCTAssertEqual(findings.map(\.description), [
            "error: 三、收到和处理政府信息公开申请情况: the values of “三、本年度办理结果›（七）总计” (line 57) admit several readings: 2 3 · 0 0 0 5 | 23 · · 0 0 0 23; the cells are left blank [report.unresolved]",
            "error: 四、政府信息公开行政复议、行政诉讼情况: the table was not found in the source; its cells are left blank [report.unresolved]",
        ])
        XCTAssertEqual(findings[0].cells.count, 7)
        XCTAssertEqual(findings[1].cells.count, try form().table("appeals")?.cells.count)
    }

    func testTheJSONKeepsUnresolvedPartsAndReadsThemBack() throws {
        let original = try report()
        let json = ReportJSON.encode(original)
        XCTAssertTrue(json.contains("""
              "unresolved": [
                {
                  "table": "applications",
                  "row": "results_total",
                  "line": 57,
                  "reason": "ambiguous",
                  "candidates": [
            """), json)
        let back = try ReportJSON.decode(Data(json.utf8)).report
        XCTAssertEqual(back.unresolved, original.unresolved)
        XCTAssertEqual(ReportJSON.encode(back), json, "byte-stable")
    }

    func testAReportWithoutUnresolvedPartsWritesNoKey() throws {
        XCTAssertFalse(ReportJSON.encode(Report(form: try form(), agency: "某局", year: 2023)).contains("unresolved"))
    }

    func testBadUnresolvedEntriesAreRefusedWithTheirPath() throws {
        var json = ReportJSON.encode(try report())
        json = json.replacingOccurrences(of: "\"row\": \"results_total\"", with: "\"row\": \"no_such_row\"")
        XCTAssertThrowsError(try ReportJSON.decode(Data(json.utf8), file: "r.json")) { error in
            XCTAssertEqual("\(error)", "error: r.json: unresolved[0].row: unknown row id \"no_such_row\" of table applications")
        }
    }
}
