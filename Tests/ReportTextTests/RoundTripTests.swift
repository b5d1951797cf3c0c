import Foundation
import ReportModel
import ReportText
import XCTest

/// report → text → report and report → Markdown → report give the same report.
final class RoundTripTests: XCTestCase {
    private func assertRoundTrip(_ report: Report, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = ReportJSON.encode(report)
        for (kind, text) in [("text", ReportText.plainText(report)), ("markdown", ReportText.markdown(report))] {
            let loaded = try ReportText.parse(Data(text.utf8), file: "\(context).\(kind)")
            XCTAssertEqual(ReportJSON.encode(loaded.report), expected, "\(context) via \(kind)", file: file, line: line)
            XCTAssertEqual(loaded.report.form.id, report.form.id, file: file, line: line)
            // Our own output needs no guessing: no warnings.
            XCTAssertEqual(loaded.warnings.map(\.description), [], "\(context) via \(kind)", file: file, line: line)
        }
    }

    func testExampleRoundTrips() throws {
        let loaded = try ReportJSON.decode(try Fixtures.data("examples/000_dongxihu_2020.json"))
        try assertRoundTrip(loaded.report, "example")
    }

    func testRenderingIsDeterministic() throws {
        let report = try ReportJSON.decode(try Fixtures.data("examples/000_dongxihu_2020.json")).report
        XCTAssertEqual(Data(ReportText.plainText(report).utf8), Data(ReportText.plainText(report).utf8))
        XCTAssertEqual(Data(ReportText.markdown(report).utf8), Data(ReportText.markdown(report).utf8))
    }

    func testPlainTextLayoutOfTheExample() throws {
        let report = try ReportJSON.decode(try Fixtures.data("examples/000_dongxihu_2020.json")).report
        let lines = ReportText.plainText(report).components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告")
        for heading in report.form.sections.map(\.heading) { XCTAssertTrue(lines.contains(heading), heading) }
        XCTAssertTrue(lines.contains("第二十条第（一）项\t\t\t"))
        XCTAssertTrue(lines.contains("信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"))
        XCTAssertTrue(lines.contains("政府集中采购\t5\t199.2"))
        XCTAssertTrue(lines.contains("\t\t4.保护第三方合法权益\t0\t\t\t\t\t\t0"))
        XCTAssertTrue(lines.contains("四、结转下年度继续办理\t0\t\t\t\t\t\t0"))
        XCTAssertEqual(Array(lines.suffix(4)), ["武汉市东西湖区残疾人联合会", "", "2021年1月13日", ""])
        let markdown = ReportText.markdown(report)
        XCTAssertTrue(markdown.hasPrefix("# 武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告\n"))
        XCTAssertTrue(markdown.contains("\n## 三、收到和处理政府信息公开申请情况\n"))
        XCTAssertTrue(markdown.contains("| 政府集中采购 | 5 | 199.2 |"))
    }

    func testRandomReportsOfBothFormsRoundTrip() throws {
        var random = SplitMix64(state: 20_250_101)
        let agencies = ["武汉市东西湖区残疾人联合会", "上海市人民政府办公厅", "沭阳县发展和改革局", "某某市某某区教育局"]
        let paragraphs = ["全年共主动公开政府信息。", "（一）主动公开情况。通过门户网站公开各类信息。", "无。", "下一步，将进一步加强政务公开工作。"]
        for form in FormCatalog.all {
            for round in 0..<12 {
                let year = Int.random(in: form.years.first...(form.years.last ?? form.years.first + 4), using: &random)
                var report = Report(form: form, agency: agencies[round % agencies.count], year: year,
                    date: round % 3 == 0 ? nil : ReportDate(year: year + 1, month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random)))
                for id in form.textSectionIDs {
                    let count = Int.random(in: 0...3, using: &random)
                    report.sections[id] = (0..<count).map { _ in paragraphs.randomElement(using: &random) ?? "" }.joined(separator: "\n")
                }
                if round % 4 == 1 {
                    report.sections[Report.noteSectionID(forTable: "applications")] = "本年度申请均按时答复。\n其中一件为补正后答复。"
                }
                // Blank and 0 both appear: the text must keep them apart.
                for cell in form.cells {
                    let pick = Int.random(in: 0..<10, using: &random)
                    guard pick >= 3, let kind = form.column(of: cell)?.kind else { continue }
                    if pick < 5 { report[cell] = 0; continue }
                    switch kind {
                    case .count: report[cell] = Decimal(Int.random(in: 0...5000, using: &random))
                    case .change: report[cell] = Decimal(Int.random(in: -800...800, using: &random))
                    case .amount: report[cell] = Decimal(string: "\(Int.random(in: 0...99999, using: &random)).\(Int.random(in: 1...99, using: &random))")
                    }
                }
                try assertRoundTrip(report, "form \(form.id) round \(round)")
            }
        }
    }
}
