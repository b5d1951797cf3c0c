import Foundation
import ReportModel
@testable import ReportText
import XCTest

/// Stage 1: the tokens of the line shapes of docs/TEXT-SHAPES.md.
final class TokenizerTests: XCTestCase {
    /// A compact picture of tokens: `t:规章` text, `n:0` number (`n*:` glued, `+unit` its
    /// suffix), `_` an empty cell; `|` before a token that is a cell of its own.
    private func shape(_ lines: [String]) -> [String] {
        Tokenizer.tokens(of: lines).map { token in
            let cell = token.inCell ? "|" : ""
            switch token.kind {
            case .text(let text): return cell + "t:" + text
            case .number(let digits): return cell + (token.glued ? "n*:" : "n:") + digits + (token.suffix.isEmpty ? "" : "+" + token.suffix)
            case .empty: return cell + "_"
            }
        }
    }

    func testTabRowKeepsEmptyCells() {
        // Shape A: the merged caption row, then a data row.
        XCTAssertEqual(shape(["第二十条第（一）项\t\t\t", "规章\t0\t\t5"]), [
            "|t:第二十条第（一）项", "|_", "|_", "|_", "|t:规章", "|n:0", "|_", "|n:5",
        ])
    }

    func testMarkdownPipeRowAndSeparatorRow() {
        // Shape D and H: the `| --- |` row gives no tokens.
        XCTAssertEqual(shape(["| 规章 | 0 | 1 | 9 |", "| --- | --- | --- | --- |"]), ["|t:规章", "|n:0", "|n:1", "|n:9"])
    }

    func testLayoutColumnsSignedValuesAndPageNumbers() {
        // Shape F: two or more spaces part columns; `— 4 —` is page furniture.
        XCTAssertEqual(shape(["行政许可        120     +1036      900", "— 4 —"]), ["t:行政许可", "|n:120", "|n:+1036", "|n:900"])
    }

    func testFlattenedDigitsAreGluedAndEnumeratorsStayWithTheirLabel() {
        // Shape B: digits glued to labels may hold several cells; `3.危及` keeps its `3`.
        XCTAssertEqual(shape(["规章000行政规范性文件6233440"]), ["t:规章", "n*:000", "t:行政规范性文件", "n*:6233440"])
        XCTAssertEqual(shape(["（七）总计230000023"]), ["t:（七）总计", "n*:230000023"])
        XCTAssertEqual(shape(["公开00000003.危及"]), ["t:公开", "n*:0000000", "t:3.危及"])
    }

    func testUnitsAndNotesStayWithTheirNumber() {
        XCTAssertEqual(shape(["行政事业性收费   199.2 万元"]), ["t:行政事业性收费", "|n:199.2+万元"])
        XCTAssertEqual(shape(["规章\t22（其中修订 16 件）"]), ["|t:规章", "|n:22+（其中修订 16 件）"])
        XCTAssertEqual(shape(["政府集中采购\t3\t73802895.90元"]), ["|t:政府集中采购", "|n:3", "|n:73802895.90+元"])
        XCTAssertEqual(shape(["收费7730.28万元"]), ["t:收费", "n*:7730.28+万元"])
    }

    func testNumbersInProseAreText() {
        // `规章 22 件` in a paragraph is a sentence; `2023年` inside a word is not a number.
        XCTAssertEqual(shape(["共制发规章 22 件"]), ["t:共制发规章", "t:22", "t:件"])
        XCTAssertEqual(shape(["2023年本机关收到申请5件"]), ["t:2023年本机关收到申请5件"])
    }

    func testFullWidthDigitsAndThousands() {
        XCTAssertEqual(shape(["规章\t０\t１\t1,234"]), ["|t:规章", "|n:0", "|n:1", "|n:1234"])
    }

    func testUnitsComeFromTheForms() {
        let units = PrintedUnits(forms: FormCatalog.all)
        XCTAssertEqual(units.amounts, ["万元", "元"])
        XCTAssertEqual(units.conversions, ["元"])
        XCTAssertEqual(Set(units.counts), ["件", "个", "项", "条", "次"])
        XCTAssertEqual(PrintedUnits.alternation(units.amounts), "万元|元")
    }

    func testWindowsLineEndsEndLines() {
        // `\r\n` is one Character in Swift: lines are cut at the scalar `\n`.
        let input = TokenizedText(text: "标题\r\n规章\t1\r\n")
        XCTAssertEqual(input.lines, ["标题", "规章\t1", ""])
        XCTAssertEqual(input.tokens.map(\.line), [1, 2, 2])
    }
}

/// A report saved with Windows line ends reads as the same report.
final class LineEndTests: XCTestCase {
    func testWindowsLineEndsGiveTheSameReport() throws {
        let text = try String(decoding: Fixtures.data("examples/000_dongxihu_2020.txt"), as: UTF8.self)
        let unix = try ReportText.parse(text: text, file: "a.txt")
        let windows = try ReportText.parse(Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), file: "a.txt")
        XCTAssertEqual(windows.report, unix.report)
        XCTAssertEqual(windows.origins, unix.origins)
        XCTAssertEqual(windows.warnings, unix.warnings)
    }
}
