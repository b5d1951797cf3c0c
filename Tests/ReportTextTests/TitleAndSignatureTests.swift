import Foundation
import ReportModel
import ReportText
import XCTest

/// The title and the signature as published reports write them.
final class TitleAndSignatureTests: XCTestCase {
    private func report(title: [String], ending: [String]) throws -> LoadedReport {
        let body = [
            "一、总体情况", "本年度工作有序开展。",
            "二、主动公开政府信息情况",
            "第二十条第（一）项\t\t\t", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t0\t0\t0", "行政规范性文件\t1\t0\t5",
            "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。",
        ]
        return try Fixtures.parse((title + body + ending).joined(separator: "\n"))
    }

    func testChineseNumeralDateAndPageNumberAfterIt() throws {
        let loaded = try report(title: ["某某县人民政府办公室2023年度政府信息公开工作年度报告"], ending: ["某某县人民政府办公室", "二〇二四年一月十七日", "", "— 6 —", ""])
        XCTAssertEqual(loaded.report.agency, "某某县人民政府办公室")
        XCTAssertEqual(loaded.report.year, 2023)
        XCTAssertEqual(loaded.report.date?.description, "2024-01-17")
        XCTAssertEqual(loaded.report.sections["other"], "无。")
    }

    func testYearFirstTitleAndTwoDigitDay() throws {
        let loaded = try report(title: ["标题: 2024年某某市教育局政府信息公开年报"], ending: ["某某市教育局", "2025年1月21日"])
        XCTAssertEqual(loaded.report.agency, "某某市教育局")
        XCTAssertEqual(loaded.report.year, 2024)
        XCTAssertEqual(loaded.report.date?.description, "2025-01-21")
        XCTAssertEqual(loaded.report["proactive", "normative_documents", "in_force"], 5)
    }

    func testTitleWrappedOverTwoLinesAndNoSignature() throws {
        let loaded = try report(title: ["2025 年上海市人民政府办公厅政府信息公开", "工作年度报告"], ending: [])
        XCTAssertEqual(loaded.report.agency, "上海市人民政府办公厅")
        XCTAssertEqual(loaded.report.year, 2025)
        XCTAssertNil(loaded.report.date)
        XCTAssertEqual(loaded.report.sections["other"], "无。")
    }
}
