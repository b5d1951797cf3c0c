import Foundation
@testable import PDFReport
import ReportModel
import XCTest

/// One small PDF per layout trait that the corpus PDF does not show (or shows once), made by
/// LibreOffice Writer with Tests/Scripts/make-pdf-fixtures.sh. Each holds the report of
/// made-report.json; blank cells are printed blank, so blank and 0 must stay apart.
final class LayoutTraitTests: XCTestCase {
    private func assertMadeReport(_ name: String, expecting json: String = "made-report.json", blanks wanted: Int = 40,
                                  file: StaticString = #filePath, line: UInt = #line) throws -> LoadedReport {
        let expected = try ReportJSON.decode(try Fixtures.data(json)).report
        let loaded = try Fixtures.read(name)
        let report = loaded.report
        XCTAssertEqual(report.form.id, "2021", file: file, line: line)
        XCTAssertEqual(report.agency, "示例县人民政府", file: file, line: line)
        XCTAssertEqual(report.year, 2023, file: file, line: line)
        XCTAssertEqual(report.date?.description, "2024-01-20", file: file, line: line)
        var blanks = 0
        for table in expected.form.tables {
            for cell in table.cells {
                XCTAssertEqual(report[cell], expected[cell], "\(cell)", file: file, line: line)
                if expected[cell] == nil { blanks += 1 }
            }
        }
        XCTAssertEqual(blanks, wanted, "blank cells of \(json)", file: file, line: line)
        XCTAssertEqual(CheckEngine.check(report).filter { $0.severity == .error }.map(\.rule), [], file: file, line: line)
        // The page-break file repeats paragraphs to push section 三 down; the others print it as it is.
        for id in name == "made-across-pages.pdf" ? ["problems", "other"] : ["overview", "problems", "other"] {
            XCTAssertEqual(report.sections[id], expected.sections[id], id, file: file, line: line)
        }
        return loaded
    }

    /// The rebuilt lines of a fixture.
    private func lines(_ name: String) throws -> [String] {
        try PDFReport.textLines(try Fixtures.data(name)).map(\.text)
    }

    /// Narrow label columns: labels wrap over two to eight lines, the values sit level with a
    /// middle line, and rows break across the page (1.属于国家 | 秘密). Each label is one cell.
    func testWrappedLabelsAreOneCellEach() throws {
        _ = try assertMadeReport("made-wrapped-labels.pdf")
        let text = try lines("made-wrapped-labels.pdf")
        XCTAssertTrue(text.contains("（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t1\t\t\t\t\t3"), "\(text)")
        XCTAssertTrue(text.contains("1.属于国家秘密\t3\t2\t0\t0\t0\t0\t5"), "a row broken by the page break is one row")
        XCTAssertTrue(text.contains("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t4\t1\t\t\t\t\t5"))
        XCTAssertFalse(text.contains("政法规禁"), "no wrapped line is a row of its own")
    }

    /// 三、本年度办理结果 printed one character per line down its merged cell is one cell.
    func testVerticalLabelIsOneCell() throws {
        _ = try assertMadeReport("made-vertical-label.pdf")
        let text = try lines("made-vertical-label.pdf")
        XCTAssertEqual(text.filter { $0 == "三、本年度办理结果" }.count, 1)
        XCTAssertFalse(text.contains { $0.count == 1 }, "no character is a line of its own")
    }

    /// Section 三 continues on the next page under a running header, with 第N页 footers:
    /// the furniture is dropped and the rows run on.
    func testTableAcrossPagesIsJoined() throws {
        let loaded = try assertMadeReport("made-across-pages.pdf")
        let pages = try PDFReport.textLines(try Fixtures.data("made-across-pages.pdf"))
        XCTAssertEqual(Set(pages.map(\.page)), [1, 2, 3])
        let text = pages.map(\.text)
        XCTAssertFalse(text.contains { $0.hasPrefix("第") && $0.hasSuffix("页") }, "footers are dropped")
        XCTAssertEqual(text.filter { $0.contains("示例县人民政府2023年政府信息公开工作年度报告") }.count, 1, "the running header is dropped, the title kept")
        // The table's rows on the second and on the third page follow each other.
        let first = try XCTUnwrap(pages.firstIndex { $0.text.hasPrefix("1.申请人无正当理由") })
        let next = try XCTUnwrap(pages.firstIndex { $0.text.hasPrefix("2.申请人逾期未按收费") })
        XCTAssertEqual(pages[first].page, 2)
        XCTAssertEqual(pages[next].page, 3)
        XCTAssertTrue(pages[first + 1 ..< next].allSatisfy { $0.text == "（六）其他处理" }, "\(pages[first...next])")
        XCTAssertEqual(loaded.report["applications", "other_no_fee", "natural"], 4)
    }

    /// The whole 法人或其他组织 block blank in every row of section 三: no value marks those
    /// five columns, so they come from the table's header, and every row keeps its 7 cells.
    func testBlankColumnsComeFromTheHeader() throws {
        _ = try assertMadeReport("made-blank-block.pdf", expecting: "made-report-blank-block.json", blanks: 25 * 5)
        let text = try lines("made-blank-block.pdf")
        XCTAssertTrue(text.contains("一、本年新收政府信息公开申请数量\t52\t\t\t\t\t\t52"), "\(text)")
    }

    /// A permissions password alone (no copying, no printing) does not lock the text layer:
    /// such files open without a password and read like any other.
    func testCopyProtectedReadsLikeAnyOther() throws {
        _ = try assertMadeReport("made-copy-protected.pdf")
    }

    /// Page numbers in their usual shapes are recognised, other short lines are not.
    func testPageNumberShapes() {
        for text in ["-3-", "- 3 -", "— 4 —", "3", "第3页", "第 3 页 共 5 页", "3/5", "共5页"] {
            XCTAssertTrue(ReportLines.isPageNumber(text), text)
        }
        for text in ["2023年", "一、总体情况", "3.其他", "21件"] {
            XCTAssertFalse(ReportLines.isPageNumber(text), text)
        }
    }
}
