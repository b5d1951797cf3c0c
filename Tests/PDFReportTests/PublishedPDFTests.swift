import Foundation
@testable import PDFReport
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
            // Page numbers and line breaks gone, paragraphs whole: the very text of the JSON.
            XCTAssertEqual(got, want, "section \(id)")
        }
    }

    /// Every place (origins, warnings, check findings) is a page and the line on that page,
    /// what a reader of the PDF can find.
    func testHongzeWarningsAndOriginsNameTheirPageAndLine() throws {
        let data = try Fixtures.data("02_hongze_quzf_2023.pdf")
        let loaded = try PDFReport.read(data, file: "02_hongze_quzf_2023.pdf")
        let lines = try PDFReport.textLines(data)
        /// The rebuilt line at `line` of `page`.
        func text(_ location: SourceLocation?) -> (page: Int, text: String)? {
            guard case .page(let page, let line)? = location, let first = lines.firstIndex(where: { $0.page == page }) else { return nil }
            return lines.indices.contains(first + line - 1) ? lines[first + line - 1] : nil
        }
        XCTAssertEqual(loaded.warnings.map(\.description), [
            "warning: 02_hongze_quzf_2023.pdf: page 4, line 8: the single row “（六）其他处理” (an older form's row) is counted under “3.其他”",
        ])
        XCTAssertEqual(text(loaded.warnings.first?.location)?.text, "（六）其他处理\t0\t0\t0\t0\t0\t0\t0")
        let received = text(loaded.origins[CellKey(table: "applications", row: "received", column: "natural")])
        XCTAssertEqual(received?.page, 3)
        XCTAssertEqual(received?.text, "一、本年新收政府信息公开申请数量\t21\t0\t0\t0\t0\t0\t21")
        XCTAssertEqual(text(loaded.origins[CellKey(table: "proactive", row: "fees", column: "amount")])?.page, 3)
        // Pages 1–5 all give lines; the vertical label and the wrapped （二） label are one line each.
        XCTAssertEqual(Set(lines.map(\.page)), [1, 2, 3, 4, 5])
        XCTAssertTrue(lines.contains { $0.text == "三、本年度办理结果" })
        XCTAssertTrue(lines.contains { $0.text.hasPrefix("（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t") })
        XCTAssertTrue(lines.contains { $0.text == "10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0" }, "section 四's 15 values")
    }

    /// Submissions are checked in parallel: reading the same PDF on several threads at once
    /// gives the same report every time.
    func testParallelReadsGiveTheSameReport() throws {
        let data = try Fixtures.data("02_hongze_quzf_2023.pdf")
        let expected = try PDFReport.read(data, file: "a.pdf").report
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            results.add((try? PDFReport.read(data, file: "a.pdf"))?.report == expected)
        }
        XCTAssertEqual(results.all, [Bool](repeating: true, count: 8))
    }
}

/// Outcomes gathered from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Bool] = []
    func add(_ value: Bool) { lock.withLock { values.append(value) } }
    var all: [Bool] { lock.withLock { values } }
}
