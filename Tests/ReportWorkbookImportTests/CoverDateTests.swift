@testable import ReportWorkbook
import ReportModel
import XCTest
import XLSX

/// 成文日期 as people and programs store it.
final class CoverDateTests: XCTestCase {
    func testSerialNumbersInBothDateSystems() {
        // 44581 is 2022-01-20 counted from 1899-12-30; the 1904 system counts 1,462 days fewer.
        XCTAssertEqual(CoverDate.parse(.number("44581"), uses1904: false), ReportDate(year: 2022, month: 1, day: 20))
        XCTAssertEqual(CoverDate.parse(.number("43119"), uses1904: true), ReportDate(year: 2022, month: 1, day: 20))
        XCTAssertEqual(CoverDate.parse(.number("44581.75"), uses1904: false), ReportDate(year: 2022, month: 1, day: 20))
    }

    func testTypedDates() {
        for text in ["2022-01-20", "2022/1/20", "2022.1.20", "2022年1月20日", " 2022年01月20日 "] {
            XCTAssertEqual(CoverDate.parse(.string(text), uses1904: false), ReportDate(year: 2022, month: 1, day: 20), text)
        }
        XCTAssertNil(CoverDate.parse(.string("2022年2月30日"), uses1904: false))
        XCTAssertNil(CoverDate.parse(.string("一月"), uses1904: false))
        XCTAssertNil(CoverDate.parse(.boolean(true), uses1904: false))
    }
}
