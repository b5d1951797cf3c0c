import ReportModel
import TestSupport
import XCTest

/// Reports on the form used before 2019 are recognised by its labels, to be refused by name.
final class RetiredFormTests: XCTestCase {
    func testTheShippedRetiredFormIsLoaded() throws {
        let retired = try XCTUnwrap(FormCatalog.retired.first)
        XCTAssertEqual(retired.id, "2008")
        XCTAssertEqual(retired.years.description, "2008–2018")
        XCTAssertGreaterThanOrEqual(retired.labels.count, 10)
    }

    func testATextOfThe2008FormIsRecognisedAndRefusedByName() throws {
        let text = """
            某县人民政府2018年政府信息公开工作年度报告
            政府信息公开情况统计表
            统计指标\t单位\t统计数
            （一）收到申请数\t件\t12
            1.当面申请数\t件\t3
            2.传真申请数\t件\t0
            3.网络申请数\t件\t9
            """
        let retired = try XCTUnwrap(FormCatalog.retiredForm(in: text))
        XCTAssertEqual(retired.refusal,
            "this is a report on an older form, 政府信息公开工作年度报告（2008—2018年使用的格式，附《政府信息公开情况统计表》）, used for the years 2008–2018; xxgk reads the forms \"2019\", \"2021\" (reports for 2019 on)")
    }

    func testAReportOfAKnownFormIsNotTakenForTheRetiredOne() throws {
        let text = try String(contentsOf: Fixtures.corpus.appendingPathComponent("000_7a2d54064bc2732c.txt"), encoding: .utf8)
        XCTAssertNil(FormCatalog.retiredForm(in: text))
    }
}
