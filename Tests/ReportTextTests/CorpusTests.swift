import Foundation
import ReportModel
import ReportText
import XCTest

/// Every real report of Tests/Fixtures/corpus parses to the values of its JSON.
final class CorpusTests: XCTestCase {
    /// The expected report and the annotations of a corpus JSON.
    private struct Expected {
        let report: Report
        /// The tables the text determines (`_compare`); nil: all.
        let compared: [String]?
        /// The rule ids that fail on the printed values (`_checks`), sorted.
        let failingRules: [String]
    }

    private func expected(_ name: String) throws -> Expected {
        let data = try Data(contentsOf: Fixtures.corpus.appendingPathComponent("\(name).json"))
        let report = try ReportJSON.decode(data).report
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let compared = object["_compare"] as? [String]
        let checks = (object["_checks"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }.sorted()
        return Expected(report: report, compared: compared, failingRules: checks)
    }

    /// Parses `NAME.txt` and compares it with `NAME.json`. `exact`: blank and 0 differ (the
    /// shape shows empty cells); otherwise they count as equal.
    @discardableResult
    private func assertCorpus(_ name: String, exact: Bool, file: StaticString = #filePath, line: UInt = #line) throws -> LoadedReport {
        let want = try expected(name)
        let loaded = try ReportText.parse(try Data(contentsOf: Fixtures.corpus.appendingPathComponent("\(name).txt")), file: "\(name).txt")
        let got = loaded.report
        XCTAssertEqual(got.form.id, want.report.form.id, "form", file: file, line: line)
        XCTAssertEqual(got.agency, want.report.agency, "agency", file: file, line: line)
        XCTAssertEqual(got.year, want.report.year, "year", file: file, line: line)
        XCTAssertEqual(got.date, want.report.date, "date", file: file, line: line)
        for table in want.report.form.tables {
            if let compared = want.compared, !compared.contains(table.id) {
                XCTAssertTrue(loaded.warnings.contains { $0.message == "table \(table.id) is undetermined: the text does not fix its values" },
                    "table \(table.id) must be reported undetermined; warnings: \(loaded.warnings)", file: file, line: line)
                XCTAssertTrue(got.unresolved.contains { $0.table == table.id },
                    "the undetermined parts of table \(table.id) are recorded in the report", file: file, line: line)
                continue
            }
            XCTAssertFalse(got.unresolved.contains { $0.table == table.id }, "table \(table.id): \(got.unresolved)", file: file, line: line)
            XCTAssertFalse(loaded.warnings.contains { $0.message.hasPrefix("table \(table.id) is undetermined") },
                "table \(table.id) is determined by the text; warnings: \(loaded.warnings)", file: file, line: line)
            for cell in table.cells {
                let a = got[cell], b = want.report[cell]
                if exact {
                    XCTAssertEqual(a, b, "\(cell)", file: file, line: line)
                } else {
                    XCTAssertEqual(a ?? 0, b ?? 0, "\(cell)", file: file, line: line)
                }
            }
        }
        let errors = CheckEngine.check(got).filter { $0.severity == .error }
        // The agencies' own arithmetic errors, exactly; and one error per undetermined part.
        XCTAssertEqual(errors.map(\.rule).filter { $0 != CheckEngine.unresolvedRule }.sorted(), want.failingRules, "failing rules", file: file, line: line)
        XCTAssertEqual(errors.filter { $0.rule == CheckEngine.unresolvedRule }.count, got.unresolved.count, file: file, line: line)
        for id in got.form.textSectionIDs {
            let expectedText = (want.report.sections[id] ?? "").filter { !$0.isWhitespace }
            let gotText = (got.sections[id] ?? "").filter { !$0.isWhitespace }
            if !expectedText.isEmpty {
                XCTAssertTrue(gotText.hasPrefix(String(expectedText.prefix(15))), "section \(id): \(gotText.prefix(40))", file: file, line: line)
            }
        }
        return loaded
    }

    func testSeedGivesItsNumbersAgencyYearDateAndTexts() throws {
        let loaded = try assertCorpus("000_7a2d54064bc2732c", exact: true)
        let report = loaded.report
        XCTAssertEqual(report.agency, "武汉市东西湖区残疾人联合会")
        XCTAssertEqual(report.year, 2020)
        XCTAssertEqual(report.date?.description, "2021-01-13")
        XCTAssertEqual(report["proactive", "procurement", "items"], 5)
        XCTAssertEqual(report["proactive", "procurement", "amount"], Decimal(string: "199.2"))
        // Every other value printed is 0.
        XCTAssertEqual(report.values.filter { $0.value != 0 }.count, 2)
        let expected = try ReportJSON.decode(try Data(contentsOf: Fixtures.corpus.appendingPathComponent("000_7a2d54064bc2732c.json"))).report
        for id in ["overview", "problems", "other"] {
            XCTAssertEqual(report.sections[id]?.filter { !$0.isWhitespace }, expected.sections[id]?.filter { !$0.isWhitespace }, id)
        }
        // `199.2 万元` is in the cell's own unit: nothing to say.
        XCTAssertEqual(loaded.warnings, [])
        // Every value can be traced to its line.
        XCTAssertEqual(loaded.origins[CellKey(table: "proactive", row: "procurement", column: "amount")], .line(45))
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "carried_forward", column: "total")], .line(76))
    }

    func testHongzeLayoutText() throws {
        let loaded = try assertCorpus("02_hongze_quzf_2023", exact: false)
        XCTAssertTrue(loaded.warnings.contains { $0.location == .line(130) && $0.message.contains("（六）其他处理") })
    }

    func testHongzeRawOrder() throws {
        let loaded = try assertCorpus("02b_hongze_quzf_2023_raw", exact: false)
        // Rows given column by column are read so, and said so on the line of their values.
        XCTAssertTrue(loaded.warnings.contains { $0.location == .line(178) && $0.message.contains("1.属于国家秘密") && $0.message.contains("2.没有现成信息需要另行制作") })
        XCTAssertEqual(loaded.origins[CellKey(table: "proactive", row: "licensing", column: "decisions")], .line(71))
    }

    func testShanghai2019TabRows() throws {
        let loaded = try assertCorpus("04_shanghai_szfbgt_2019", exact: true)
        XCTAssertEqual(loaded.report["proactive", "procurement", "amount"], Decimal(string: "25.1"))
        XCTAssertTrue(loaded.warnings.contains { $0.location == .line(45) && $0.message.contains("元") && $0.message.contains("万元") })
    }

    func testShanghai2025PDFToMarkdown() throws {
        let loaded = try assertCorpus("05_shanghai_szfbgt_2025", exact: false)
        // A row of values whose label the converter moved away is read, and said so.
        XCTAssertTrue(loaded.warnings.contains { $0.location == .line(154) && $0.message.contains("5.要求行政机关确认或重新出具已获取信息") })
        XCTAssertEqual(loaded.report["applications", "other_no_correction", "total"], 43)
        XCTAssertEqual(loaded.report["appeals", "litigation_after_review", "total"], 22)
    }

    func testPingtanFlattened() throws {
        try assertCorpus("08_pingtan_2024", exact: false)
    }

    func testShuyangTabRowsAfterMetadata() throws {
        try assertCorpus("09_shuyang_fgj_2023", exact: true)
    }
}
