import Foundation
import ReportModel
import ReportText
import XCTest

/// Damaged and hostile texts: the parser answers (a report or a `ReportInputError`), never
/// crashes or hangs, and never puts a value in a cell that cannot hold it.
final class RobustnessTests: XCTestCase {
    func testMangledCorpusTextsNeverCrash() throws {
        var random = SplitMix64(state: 7)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertEqual(names.count, 7)
        var parsed = 0
        for name in names {
            let original = try String(contentsOf: Fixtures.corpus.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
            for _ in 0..<12 {
                var lines = original
                for _ in 0..<Int.random(in: 1...6, using: &random) where !lines.isEmpty {
                    let at = Int.random(in: 0..<lines.count, using: &random)
                    switch Int.random(in: 0..<5, using: &random) {
                    case 0: lines.remove(at: at)
                    case 1: lines.insert(lines[at], at: Int.random(in: 0...lines.count, using: &random))
                    case 2: lines.swapAt(at, Int.random(in: 0..<lines.count, using: &random))
                    case 3: lines[at] += String(repeating: "9081726354", count: Int.random(in: 1...40, using: &random))
                    default: lines = Array(lines.prefix(at))
                    }
                }
                do {
                    let loaded = try ReportText.parse(Data(lines.joined(separator: "\n").utf8), file: name)
                    parsed += 1
                    for (cell, value) in loaded.report.values {
                        let kind = try XCTUnwrap(loaded.report.form.column(of: cell)?.kind)
                        XCTAssertTrue(kind.accepts(value), "\(name): \(cell) = \(value)")
                    }
                } catch let error as ReportInputError {
                    XCTAssertFalse(error.description.isEmpty)
                }
            }
        }
        XCTAssertGreaterThan(parsed, 40)
    }

    func testLongGluedDigitRunsFinishQuickly() throws {
        let digits = String(repeating: "1234567890", count: 30)
        let text = "某某局2023年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量\(digits)二、上年结转政府信息公开申请数量\(digits)四、政府信息公开行政复议、行政诉讼情况行政复议\(digits)五、存在的主要问题及改进情况"
        let start = Date()
        let loaded = try ReportText.parse(Data(text.utf8), file: "long.txt")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertNil(loaded.report["applications", "received", "natural"])
    }
}
