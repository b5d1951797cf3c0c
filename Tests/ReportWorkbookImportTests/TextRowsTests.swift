@testable import ReportWorkbook
import XCTest

/// A free-text section as rows of its sheet: the split and the join are exact inverses.
final class TextRowsTests: XCTestCase {
    func testEveryLineIsARowAndTheJoinGivesTheTextBack() {
        let cases: [(String, [String])] = [
            ("", []),
            ("一段。", ["一段。"]),
            ("第一段。\n第二段。", ["第一段。", "第二段。"]),
            // A blank line inside is a blank row; blank lines at the end stay in the last filled row.
            ("甲\n\n乙\n\n", ["甲", "", "乙\n\n"]),
            ("\n以空行开头", ["", "以空行开头"]),
            // CR stays in its row, so CRLF and CR-only text come back as they went.
            ("甲\r\n乙\r丙", ["甲\r", "乙\r丙"]),
            ("\n\n", ["\n\n"]),
            ("  ", ["  "]),
        ]
        for (text, rows) in cases {
            XCTAssertEqual(TextRows.rows(of: text), rows, text.debugDescription)
            XCTAssertEqual(TextRows.joined(TextRows.rows(of: text)), text, text.debugDescription)
        }
    }
}
