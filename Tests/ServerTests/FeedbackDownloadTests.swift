import Foundation
import Hummingbird
import HummingbirdTesting
import ReportBatch
import ReportModel
import ReportServer
import TestSupport
import XCTest
import XLSX

/// The feedback download is the workbook of `xxgk check --feedback`.
final class FeedbackDownloadTests: XCTestCase {
    func testFeedbackHasTheProblemListFirstAndTheNoteOnTheBadCell() async throws {
        var report = ServerFixtures.report(agency: "区财政局", seed: 31)
        let bad = CellKey(table: "applications", row: "received", column: "natural")
        report[bad] = nil
        report.unresolved = [Unresolved(invalid: bad, typed: "十二")]
        report.computeTotals()
        let expected = report
        let data = try ServerFixtures.bytes(report)
        let folder = try makeTemporaryDirectory("feedback-download")
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: ["区财政局"])
            _ = try await client.upload([("财政局.xlsx", data)], round: id)
            let response = try await client.execute(uri: "/api/rounds/\(id)/submissions/1/feedback.xlsx", method: .get)
            XCTAssertEqual(response.status, .ok)
            let bytes = ServerFixtures.data(response)
            XCTAssertEqual(try Workbook(data: bytes).sheets.first?.name, "问题清单")
            let file = folder.appendingPathComponent("feedback.xlsx")
            try bytes.write(to: file)
            let script = Fixtures.packageRoot.appendingPathComponent("Tests/Scripts/dump_feedback.py").path
            let run = try ExternalProgram.capture("/usr/bin/env", ["python3", script, file.path])
            guard run.status == 0, let dump = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any] else {
                throw XCTSkip("openpyxl could not read the feedback workbook: \(String(decoding: run.standardError, as: UTF8.self))")
            }
            let comments = (dump["comments"] as? [String: [String: String]])?["三、收到和处理政府信息公开申请情况"]
            let values = (dump["values"] as? [String: [String: Any]])?["三、收到和处理政府信息公开申请情况"]
            XCTAssertEqual(values?["D5"] as? String, "十二")
            let note = try XCTUnwrap(comments?["D5"], "\(comments ?? [:])")
            XCTAssertTrue(note.contains("\"十二\"") || note.contains("“十二”"), note)
            XCTAssertTrue(note.hasSuffix("[cell.invalid]"), note)
            // Read back, the feedback holds the same report, bad cell and all.
            XCTAssertEqual(CheckResult(data: bytes, file: "feedback.xlsx").loaded?.report, expected)
        }
    }
}
