import Foundation
import XCTest

@testable import ReportText

/// `NumberCell` (the hand-written match of a number cell) against the expression it replaces,
/// on cells of every shape the expression has a branch for and on random mixtures of them.
final class NumberCellTests: XCTestCase {
    /// What the expression gives: groups 1 and 2, or nil.
    private func expected(_ cell: String) -> (String, String)? {
        guard let expression = Tokenizer.numberCell,
            let match = expression.firstMatch(in: cell, range: NSRange(cell.startIndex..., in: cell)),
            let digits = Range(match.range(at: 1), in: cell), let rest = Range(match.range(at: 2), in: cell)
        else { return nil }
        return (String(cell[digits]), String(cell[rest]))
    }

    private func assertSame(_ cell: String, file: StaticString = #filePath, line: UInt = #line) {
        let want = expected(cell)
        let got = NumberCell.match(cell)
        XCTAssertEqual(want?.0, got?.0, "group 1 of \(cell.debugDescription)", file: file, line: line)
        XCTAssertEqual(want.map { Array($0.1.unicodeScalars) }, got.map { Array($0.1.unicodeScalars) }, "group 2 of \(cell.debugDescription)", file: file, line: line)
    }

    func testShapesOfTheExpression() {
        let cells = [
            "0", "12", "-3", "+4", "−5", "－6", "199.2", "1.123456", "1.1234567", "1.", ".5", "123456789012345",
            "1234567890123456", "5万元", "5 万元", "5元", "5 元 ", "22（其中修订 16 件）", "22 (其中 1 件)", "5件", "5 件（注）",
            "5（a）b）", "5（a", "5)", "5万元（含 3 元）", "5\u{2028}", "5元\u{0085}", "5(a)\u{2028}", "5\u{000C}", "5\u{000B}", "5\u{0085}元", "5\u{2029}", "٣", "٣.٤ 元",
            "5\u{3000}万元", "5\u{00A0}", "5x", "5 x", "--5", "5-", "5 万", "5万元元", "5条", "12（", "3.5万元(其中 2 万元)",
        ]
        for cell in cells { assertSame(cell) }
    }

    func testRandomMixtures() {
        let pieces = ["1", "23", "4.5", ".", "-", "+", "−", " ", "\u{3000}", "万元", "元", "件", "条", "（", "）", "(", ")", "其中", "a", "\u{2028}", "7", "0"]
        // A fixed linear congruential sequence: the same cells on every run.
        var state: UInt64 = 20_261_203
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            let cell = (0..<(1 + next(6))).map { _ in pieces[next(pieces.count)] }.joined()
            assertSame(cell)
        }
    }
}
