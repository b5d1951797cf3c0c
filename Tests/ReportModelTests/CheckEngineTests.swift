import TestSupport
import XCTest
@testable import ReportModel

/// Each rule of FORMAT.md, broken on its own: one finding per broken instance, naming the
/// rule, its cells and column, with found and expected values; nothing else; fixed, it passes.
final class CheckEngineTests: XCTestCase {
    /// A report on which every rule holds.
    private func consistentReport(_ formID: String) throws -> Report {
        let form = try XCTUnwrap(FormCatalog.form(id: formID))
        var report = Report(form: form, agency: "某局", year: form.years.first, date: ReportDate(year: form.years.first + 1, month: 1, day: 20))
        let values: [(String, String, Decimal)] = [
            ("received", "natural", 5), ("received", "commercial", 2), ("received", "total", 7),
            ("carried_over", "natural", 1), ("carried_over", "total", 1),
            ("granted", "natural", 3), ("granted", "commercial", 2), ("granted", "total", 5),
            ("results_total", "natural", 3), ("results_total", "commercial", 2), ("results_total", "total", 5),
            ("carried_forward", "natural", 3), ("carried_forward", "total", 3),
        ]
        for (row, column, value) in values { report["applications", row, column] = value }
        report["appeals", "review", "upheld"] = 1
        report["appeals", "review", "corrected"] = 1
        report["appeals", "review", "total"] = 2
        return report
    }

    private func messages(_ report: Report) -> [String] { CheckEngine.check(report).map(\.description) }

    func testConsistentReportsPass() throws {
        for id in ["2019", "2021"] {
            XCTAssertEqual(messages(try consistentReport(id)), [], "form \(id)")
        }
    }

    func testBalance() throws {
        for id in ["2019", "2021"] {
            var report = try consistentReport(id)
            report["applications", "received", "natural"] = 6
            report["applications", "received", "total"] = 8
            let findings = CheckEngine.check(report)
            XCTAssertEqual(findings.map(\.description), [
                "error: 三、收到和处理政府信息公开申请情况: 一 + 二 = 三(七) + 四 fails in column 自然人: 6 + 1 ≠ 3 + 3 [applications.balance]",
                "error: 三、收到和处理政府信息公开申请情况: 一 + 二 = 三(七) + 四 fails in column 总计: 8 + 1 ≠ 5 + 3 [applications.balance]",
            ])
            XCTAssertEqual(findings[0].rule, "applications.balance")
            XCTAssertEqual(findings[0].cells.map(\.description), [
                "applications.received.natural", "applications.carried_over.natural",
                "applications.results_total.natural", "applications.carried_forward.natural",
            ])
            XCTAssertEqual(findings[0].place, "column 自然人")
            XCTAssertEqual(findings[0].found, 7)
            XCTAssertEqual(findings[0].expected, 6)
            report["applications", "carried_forward", "natural"] = 4
            report["applications", "carried_forward", "total"] = 4
            XCTAssertEqual(messages(report), [])
        }
    }

    func testResultsTotal() throws {
        for id in ["2019", "2021"] {
            var report = try consistentReport(id)
            let lastOther = id == "2019" ? "other_handling" : "other_misc"
            report["applications", lastOther, "legal"] = 2
            report["applications", lastOther, "total"] = 2
            let findings = CheckEngine.check(report)
            let parts = id == "2019" ? 19 : 21
            XCTAssertEqual(findings.map(\.description), [
                "error: 三、收到和处理政府信息公开申请情况: 三(七)总计 = 三(一) + … + 三(六) fails in column 法人或其他组织›法律服务机构: 0 ≠ 2 (sum of \(parts) cells) [applications.results_total]",
                "error: 三、收到和处理政府信息公开申请情况: 三(七)总计 = 三(一) + … + 三(六) fails in column 总计: 5 ≠ 7 (sum of \(parts) cells) [applications.results_total]",
            ])
            XCTAssertEqual(findings[0].cells.first?.description, "applications.results_total.legal")
            XCTAssertEqual(findings[0].cells.last?.description, "applications.\(lastOther).legal")
            XCTAssertEqual(findings[0].cells.count, parts + 1)
            XCTAssertEqual(findings[1].found, 5)
            XCTAssertEqual(findings[1].expected, 7)
            report["applications", lastOther, "legal"] = nil
            report["applications", lastOther, "total"] = nil
            XCTAssertEqual(messages(report), [])
        }
    }

    func testRowTotal() throws {
        var report = try consistentReport("2021")
        report["applications", "carried_over", "total"] = 2
        report["applications", "carried_forward", "total"] = 4
        let findings = CheckEngine.check(report)
        XCTAssertEqual(findings.map(\.description), [
            "error: 三、收到和处理政府信息公开申请情况: 总计 = 自然人 + 法人或其他组织 fails in row 二、上年结转政府信息公开申请数量: 2 ≠ 1 + 0 + 0 + 0 + 0 + 0 [applications.row_total]",
            "error: 三、收到和处理政府信息公开申请情况: 总计 = 自然人 + 法人或其他组织 fails in row 四、结转下年度继续办理: 4 ≠ 3 + 0 + 0 + 0 + 0 + 0 [applications.row_total]",
        ])
        XCTAssertEqual(findings[0].cells.map(\.column), ["total", "natural", "commercial", "research", "social", "legal", "other"])
        XCTAssertEqual(Set(findings[0].cells.map(\.row)), ["carried_over"])
        report["applications", "carried_over", "natural"] = 2
        report["applications", "carried_forward", "natural"] = 4
        XCTAssertEqual(messages(report), [])
    }

    func testAppealsGroupTotal() throws {
        for id in ["2019", "2021"] {
            var report = try consistentReport(id)
            report["appeals", "litigation_direct", "pending"] = 1
            let findings = CheckEngine.check(report)
            XCTAssertEqual(findings.map(\.description), [
                "error: 四、政府信息公开行政复议、行政诉讼情况: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 fails in row 行政诉讼›未经复议直接起诉: 0 ≠ 0 + 0 + 0 + 1 [appeals.group_total]",
            ])
            XCTAssertEqual(findings[0].cells.map(\.description), [
                "appeals.litigation_direct.total", "appeals.litigation_direct.upheld", "appeals.litigation_direct.corrected",
                "appeals.litigation_direct.other", "appeals.litigation_direct.pending",
            ])
            report["appeals", "litigation_direct", "total"] = 1
            XCTAssertEqual(messages(report), [])
        }
    }

    func testTotalPublishedWarning2019() throws {
        var report = try consistentReport("2019")
        report["proactive", "normative_documents", "published"] = 12
        report["proactive", "normative_documents", "total_published"] = 10
        let findings = CheckEngine.check(report)
        XCTAssertEqual(findings.map(\.description), [
            "warning: 二、主动公开政府信息情况: 对外公开总数量 ≥ 本年新公开数量 fails in row 第二十条第（一）项›规范性文件: 10 < 12 [proactive.total_published]",
        ])
        XCTAssertEqual(findings[0].severity, .warning)
        report["proactive", "normative_documents", "total_published"] = 12
        XCTAssertEqual(messages(report), [])
    }

    func testYearFormAndDateWarnings() throws {
        var report = try consistentReport("2019")
        report.year = 2022
        report.date = ReportDate(year: 2022, month: 6, day: 1)
        XCTAssertEqual(messages(report), [
            "warning: report: form 2019 is for the years 2019–2020, but the report is for 2022 (reports for 2022 use form 2021) [report.year_form]",
            "warning: report: dated 2022-06-01, before the end of the year reported on (2022) [report.date]",
        ])
    }

    func testCarryOverBetweenYears() throws {
        var last = try consistentReport("2019")
        last.year = 2020
        var this = try consistentReport("2021")
        this.year = 2021
        XCTAssertEqual(CheckEngine.checkAcrossYears(this, previous: last).map(\.description), [
            "warning: 三、收到和处理政府信息公开申请情况: 二、上年结转 2021 ≠ 四、结转下年度继续办理 2020 in column 自然人: 1 ≠ 3 [report.carry_over]",
            "warning: 三、收到和处理政府信息公开申请情况: 二、上年结转 2021 ≠ 四、结转下年度继续办理 2020 in column 总计: 1 ≠ 3 [report.carry_over]",
        ])
        this["applications", "carried_over", "natural"] = 3
        this["applications", "carried_over", "total"] = 3
        XCTAssertEqual(CheckEngine.checkAcrossYears(this, previous: last), [])
    }

    func testBlankCountsAsZero() throws {
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var report = Report(form: form, agency: "某局", year: 2021)
        XCTAssertEqual(messages(report), [])
        report["applications", "received", "total"] = 0
        XCTAssertEqual(messages(report), [])
    }
}
