import Foundation
import ReportModel
@testable import ReportText
import XCTest

/// Stage 2: title, year, form and signature, and the title pattern derived from the forms'
/// title templates.
final class RecognitionTests: XCTestCase {
    func testTitlePatternIsDerivedFromTheTemplate() throws {
        XCTAssertEqual(TitleReader.patterns.map(\.template), ["{agency}{year}年政府信息公开工作年度报告"])
        let pattern = try XCTUnwrap(TitlePattern(template: "{agency}{year}年政府信息公开工作年度报告"))
        XCTAssertEqual(pattern.source,
            #"^(.*?)(\d{4})\s*年度?(.*?)政府信息公开\s*(?:(?:工作\s*年度|年度\s*工作|工作|年度)?\s*报告|(?:工作)?\s*年报)"#)
        XCTAssertNil(TitlePattern(template: "{agency}政府信息公开工作年度报告"))
    }

    func testTitlePatternOnRealTitles() throws {
        let pattern = try XCTUnwrap(TitleReader.patterns.first)
        let cases: [(String, TitlePattern.Match?)] = [
            ("2019年上海市人民政府办公厅政府信息公开工作年度报告", .init(agencyBefore: "", year: 2019, agencyAfter: "上海市人民政府办公厅")),
            ("平潭综合实验区2024年度政府信息公开工作年度报告", .init(agencyBefore: "平潭综合实验区", year: 2024, agencyAfter: "")),
            ("沭阳县发展和改革局2023年政府信息公开年度报告", .init(agencyBefore: "沭阳县发展和改革局", year: 2023, agencyAfter: "")),
            ("2024年某某市教育局政府信息公开年报", .init(agencyBefore: "", year: 2024, agencyAfter: "某某市教育局")),
            ("2023 年政府信息公开工作年度报告", .init(agencyBefore: "", year: 2023, agencyAfter: "")),
            ("某某局2022年政府信息公开年度工作报告", .init(agencyBefore: "某某局", year: 2022, agencyAfter: "")),
            ("本报告所列数据统计期限为2024年1月1日至2024年12月31日。", nil),
            ("栏目: 政府信息公开年报", nil),
        ]
        for (title, expected) in cases {
            XCTAssertEqual(pattern.match(title), expected, title)
        }
    }

    func testTitleReaderOnCorpusOpenings() {
        // The seed: the agency on its own line above a title without one, read joined.
        XCTAssertEqual(TitleReader.title(in: ["", "", "武汉市东西湖区残疾人联合会", "", "2020 年政府信息公开工作年度报告"]),
            TitleReader.Title(agency: "武汉市东西湖区残疾人联合会", year: 2020, line: 3))
        // Hongze: the agency above, too long a line to join (a layout indent) is no matter.
        XCTAssertEqual(TitleReader.title(in: ["", "                洪泽区人民政府", "      2023 年政府信息公开工作年度报告"]),
            TitleReader.Title(agency: "洪泽区人民政府", year: 2023, line: 2))
        // A site's metadata cell and a crawler's `标题:` prefix.
        XCTAssertEqual(TitleReader.title(in: ["名称\t沭阳县发展和改革局2023年政府信息公开年度报告", "索引号\t014314799/2024-00002"]),
            TitleReader.Title(agency: "沭阳县发展和改革局", year: 2023, line: 1))
        XCTAssertEqual(TitleReader.title(in: ["标题: 平潭综合实验区2024年度政府信息公开工作年度报告"]),
            TitleReader.Title(agency: "平潭综合实验区", year: 2024, line: 1))
        // A title wrapped over two lines (PDF text).
        XCTAssertEqual(TitleReader.title(in: ["正文", "2025 年上海市人民政府办公厅政府信息公开", "工作年度报告"]),
            TitleReader.Title(agency: "上海市人民政府办公厅", year: 2025, line: 2))
        XCTAssertNil(TitleReader.title(in: ["一、总体情况", "本年度工作有序开展。"]))
    }

    func testStatisticsYearWithItsLine() {
        XCTAssertEqual(TitleReader.statisticsYear(in: ["一、总体情况", "本报告所列数据统计期限为2023年1月1日至2023年12月31日。"]),
            TitleReader.StatedYear(year: 2023, line: 2))
        // Hongze's wording: 统计期限自 … 日起至 ….
        XCTAssertEqual(TitleReader.statisticsYear(in: ["本报告中所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。"]),
            TitleReader.StatedYear(year: 2023, line: 1))
    }

    func testFormFromDistinctiveLabelsThenYear() throws {
        XCTAssertEqual(FormDetector.form(text: "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量", year: 2023).id, "2019")
        XCTAssertEqual(FormDetector.form(text: "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", year: 2020).id, "2021")
        XCTAssertEqual(FormDetector.form(text: "无表格", year: 2020).id, "2019")
        XCTAssertEqual(FormDetector.form(text: "无表格", year: nil).id, "2021")
    }

    func testSignatureWithChineseNumeralDate() {
        let signature = SignatureReader.read(["六、其他需要报告的事项", "无。", "某某县人民政府办公室", "二〇二四年一月十七日", "", "— 6 —"], agency: nil)
        XCTAssertEqual(signature.agency, "某某县人民政府办公室")
        XCTAssertEqual(signature.date, ReportDate(year: 2024, month: 1, day: 17))
        XCTAssertEqual(signature.firstLine, 2)
    }

    func testRecognizerPrefersTheTitlesAgencyAndYear() {
        let input = TokenizedText(text: "2024年某某市教育局政府信息公开年报\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n某某市教育局办公室\n2025年1月21日")
        let recognition = ReportRecognizer(input: input).recognize()
        XCTAssertEqual(recognition.title?.line, 1)
        XCTAssertEqual(recognition.year, TitleReader.StatedYear(year: 2024, line: 1))
        XCTAssertEqual(recognition.form.id, "2021")
        XCTAssertEqual(recognition.agency, "某某市教育局")
        XCTAssertEqual(recognition.signature.agency, "某某市教育局办公室")
        XCTAssertEqual(recognition.signature.date, ReportDate(year: 2025, month: 1, day: 21))
    }
}
