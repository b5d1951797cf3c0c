import Foundation
import ReportModel
import ReportText
import XCTest

/// A report on the form used before 2019 is refused by name, never read as a known form.
final class OlderFormTests: XCTestCase {
    func testA2018ReportOnTheOldFormIsRefusedNamingTheForm() throws {
        let data = try Fixtures.data("Tests/Fixtures/text/form2008_county_2018.txt")
        XCTAssertThrowsError(try ReportText.parse(data, file: "old.txt")) { error in
            XCTAssertEqual("\(error)", "error: old.txt: this is a report on an older form, 政府信息公开工作年度报告（2008—2018年使用的格式，附《政府信息公开情况统计表》）, used for the years 2008–2018; xxgk reads the forms \"2019\", \"2021\" (reports for 2019 on)")
        }
    }

    func testTheOldFormIsRefusedWhateverYearTheTitleClaims() throws {
        // A 2019 title over the old 统计表 has none of the known form's rows: still refused.
        var text = try String(decoding: Fixtures.data("Tests/Fixtures/text/form2008_county_2018.txt"), as: UTF8.self)
        text = text.replacingOccurrences(of: "2018年政府信息公开", with: "2019年政府信息公开")
        XCTAssertThrowsError(try ReportText.parse(Data(text.utf8), file: "old.txt")) { error in
            XCTAssertTrue("\(error)".contains("an older form"), "\(error)")
        }
    }

    func testReportsOnTheKnownFormsAreNotRefused() throws {
        for name in ["000_7a2d54064bc2732c", "09_shuyang_fgj_2023"] {
            XCTAssertNoThrow(try ReportText.parse(try Fixtures.data("Tests/Fixtures/corpus/\(name).txt"), file: name))
        }
    }
}
