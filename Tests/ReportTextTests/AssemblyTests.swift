import Foundation
import ReportModel
@testable import ReportText
import XCTest

/// Stage 4: the sections between the headings, and what makes a text no report.
final class AssemblyTests: XCTestCase {
    func testSectionsBetweenVariantHeadings() throws {
        let lines = [
            "某某局2023年政府信息公开工作年度报告", "一、总体情况", "本年度工作有序开展。", "二、主动公开政府信息情况", "规章\t0\t0\t0",
            "五、存在的主要问题及整改措施", "公开意识有待加强。", "六、其他需要报告的事项", "无。", "某某局", "2024年1月17日",
        ]
        let sections = SectionReader(form: try Fixtures.form("2021"), lines: lines, titleLine: 1, end: 9).sections()
        XCTAssertEqual(sections, ["overview": "本年度工作有序开展。", "problems": "公开意识有待加强。", "other": "无。"])
    }

    func testTableNotesAndAMissingHeadingAfterTheTables() throws {
        let lines = [
            "某某局2023年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况", "本年度未发生行政复议。",
            "行政复议\t行政诉讼", "0\t0\t0", "公开意识有待加强。",
        ]
        let sections = SectionReader(form: try Fixtures.form("2021"), lines: lines, titleLine: 1, end: 6, tablesEnd: 4).sections()
        XCTAssertEqual(sections["appeals_notes"], "本年度未发生行政复议。")
        XCTAssertEqual(sections["problems"], "公开意识有待加强。")
    }

    func testTitleYearOutsideTheAcceptedYearsIsRefusedAtItsLine() throws {
        for (year, title) in [(1989, "某某局1989年政府信息公开工作年度报告"), (2101, "2101年某某局政府信息公开年报")] {
            let text = "\n\n\(title)\n一、总体情况\n本年度工作有序开展。\n"
            XCTAssertThrowsError(try Fixtures.parse(text)) { error in
                let diagnostic = (error as? ReportInputError)?.diagnostic
                XCTAssertEqual(diagnostic?.location, .line(3))
                XCTAssertEqual(diagnostic?.file, "test.txt")
                XCTAssertEqual(diagnostic?.message, ReportYears.outOfRangeMessage(year))
                XCTAssertEqual(diagnostic?.message, "the year \(year) is not a report year xxgk reads (1990–2100)")
            }
        }
        XCTAssertEqual(try Fixtures.parse("某某局2100年政府信息公开工作年度报告\n").report.year, 2100)
    }

    func testNoTitleAndNoTablesIsNoReport() {
        XCTAssertThrowsError(try Fixtures.parse("一、总体情况\n本年度工作有序开展。\n")) { error in
            XCTAssertEqual((error as? ReportInputError)?.diagnostic.message,
                "not a 政府信息公开工作年度报告: no title such as “…2023年政府信息公开工作年度报告” and no table rows of the form were found")
        }
    }

    func testAssemblerPutsTheStagesTogether() throws {
        let input = TokenizedText(text: "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n二、主动公开政府信息情况\n规章\t3\t0\t0\n")
        let recognition = ReportRecognizer(input: input).recognize()
        let form = recognition.form
        let cell = CellKey(table: "proactive", row: "rules", column: "issued")
        let tables = TableReading(values: [cell: 3], lines: [cell: 5], warnings: [Diagnostic(.warning, "a warning")], matchedRows: 1)
        let loaded = try ReportAssembler(input: input, recognition: recognition, tables: tables, file: "a.txt").assemble()
        XCTAssertEqual(loaded.report.form, form)
        XCTAssertEqual(loaded.report.agency, "某某局")
        XCTAssertEqual(loaded.report.year, 2023)
        XCTAssertEqual(loaded.report[cell], 3)
        XCTAssertEqual(loaded.origins, [cell: .line(5)])
        XCTAssertEqual(loaded.report.sections["overview"], "本年度工作有序开展。")
        XCTAssertEqual(loaded.warnings, [Diagnostic(.warning, file: "a.txt", "a warning")])
    }
}
