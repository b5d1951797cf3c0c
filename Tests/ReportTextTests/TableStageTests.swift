import Foundation
import ReportModel
@testable import ReportText
import XCTest

/// Stage 3: label matching, resolving and reporting, each on its own.
final class TableStageTests: XCTestCase {
    private func cells(_ form: Form, _ table: String, _ row: String) throws -> [CellKey] {
        try XCTUnwrap(form.table(table)?.row(row)).columns.map { CellKey(table: table, row: row, column: $0.id) }
    }

    func testLabelMatchingFindsRowsInOrderWithTheirValues() throws {
        let form = try Fixtures.form("2021")
        let tokens = Tokenizer.tokens(of: [
            "二、主动公开政府信息情况",
            "第二十条第（一）项\t\t\t",
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            "规章\t0\t0\t0",
            "行政规范性文件\t1\t0\t5",
        ])
        let walker = TableWalker(form: form, tokens: tokens)
        let matches = walker.matchLabels()
        XCTAssertEqual(matches.groups.map(\.cells), [try cells(form, "proactive", "rules"), try cells(form, "proactive", "normative_documents")])
        XCTAssertEqual(matches.groups.map(\.line), [4, 5])
        XCTAssertEqual(matches.groups.map { $0.candidates }, [[[0, 0, 0]], [[1, 0, 5]]])
        XCTAssertEqual(Set(matches.found.map { walker.anchors[$0].label }), ["规章", "行政规范性文件"])
        XCTAssertEqual(matches.matchedRows, 2)
        XCTAssertEqual(matches.tableStart, ["proactive": tokens.firstIndex { $0.text == "规章" }])
        XCTAssertEqual(matches.claimed.count, 6)
        XCTAssertEqual(matches.warnings, [])
    }

    func testSegmentsAreCutAtEnumeratorsAndOnlyTheLastTakesValues() throws {
        let tokens = Tokenizer.tokens(of: ["三、本年度办理结果（一）予以公开5"])
        let segments = TableWalker(form: try Fixtures.form("2021"), tokens: tokens).segmentsStarting(at: 0)
        XCTAssertEqual(segments.map(\.text), ["三、本年度办理结果", "(一)予以公开"])
        XCTAssertEqual(segments.map(\.takesValues), [false, true])
        XCTAssertEqual(segments.map(\.endToken), [0, 0])
    }

    func testLabelMatchingOnFlattenedText() throws {
        // Shape B: labels glued to their digits; the digits stay one glued token per label.
        let form = try Fixtures.form("2021")
        let tokens = Tokenizer.tokens(of: ["二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6233440"])
        let matches = TableWalker(form: form, tokens: tokens).matchLabels()
        XCTAssertEqual(matches.groups.map(\.cells), [try cells(form, "proactive", "rules"), try cells(form, "proactive", "normative_documents")])
        XCTAssertEqual(matches.groups.map { $0.tokens.map(\.kind) }, [[.number("000")], [.number("6233440")]])
        XCTAssertEqual(matches.groups.first?.candidates, [[0, 0, 0]])
    }

    func testResolverChoosesTheOneReadingTheRulesAllow() throws {
        // `（七）总计230000023` flattened: 23 0 0 0 0 0 23 is the only split whose 总计 is its sum.
        let form = try Fixtures.form("2021")
        let row = try cells(form, "applications", "results_total")
        let group = ValueGroup(cells: row, line: 9, tokens: [Token(kind: .number("230000023"), line: 9, glued: true)], form: form)
        XCTAssertEqual(group.candidates, [[2, 30, 0, 0, 0, 0, 23], [2, 300, 0, 0, 0, 2, 3], [23, 0, 0, 0, 0, 0, 23], [230, 0, 0, 0, 0, 2, 3]])
        let resolution = AlignmentResolver(form: form, groups: [group]).resolve()
        XCTAssertEqual(resolution, AlignmentResolver.Resolution(chosen: [2], ambiguous: []))
    }

    func testResolverUsesSettledRowsAcrossTheTable() throws {
        // 四 printed `1 1`: the 1 may be in any column beside 总计; 一 + 二 = 三(七) + 四 puts it
        // under 自然人 once 一, 二 and 三(七) are settled.
        let form = try Fixtures.form("2021")
        func group(_ row: String, _ digits: String) throws -> ValueGroup {
            let tokens = digits.split(separator: " ").map { Token(kind: .number(String($0)), line: 1) }
            return ValueGroup(cells: try cells(form, "applications", row), line: 1, tokens: tokens, form: form)
        }
        let groups = [
            try group("received", "10 0 0 0 0 0 10"), try group("carried_over", "1 0 0 0 0 0 1"),
            try group("results_total", "10 0 0 0 0 0 10"), try group("carried_forward", "1 1"),
        ]
        XCTAssertGreaterThan(groups[3].candidates.count, 1)
        let resolution = AlignmentResolver(form: form, groups: groups).resolve()
        XCTAssertEqual(resolution.ambiguous, [])
        let chosen = try XCTUnwrap(resolution.chosen[3])
        XCTAssertEqual(groups[3].candidates[chosen], [1, nil, nil, nil, nil, nil, 1])
    }

    func testResolverNamesTheGroupsItCannotSettle() throws {
        let form = try Fixtures.form("2021")
        let group = ValueGroup(cells: try cells(form, "proactive", "normative_documents"), line: 2,
            tokens: [Token(kind: .number("6233440"), line: 2, glued: true)], form: form)
        let resolution = AlignmentResolver(form: form, groups: [group]).resolve()
        XCTAssertEqual(resolution, AlignmentResolver.Resolution(chosen: [nil], ambiguous: [0]))
    }

    func testReporterGivesValuesLinesAndWarnings() throws {
        let form = try Fixtures.form("2021")
        let fees = try cells(form, "proactive", "fees")
        let group = ValueGroup(cells: fees, line: 7, tokens: [Token(kind: .number("251000"), line: 8, suffix: "元")], form: form)
        let anchors = Anchor.anchors(of: form)
        let feesAnchor = try XCTUnwrap(anchors.firstIndex { $0.label == "行政事业性收费" })
        var matches = LabelMatches()
        matches.groups = [group]
        matches.found = Set(anchors.indices).subtracting([anchors.firstIndex { $0.label == "规章" } ?? 0])
        matches.found.insert(feesAnchor)
        let reading = TableReporter(form: form, anchors: anchors, matches: matches,
            resolution: AlignmentResolver.Resolution(chosen: [0], ambiguous: [])).reading()
        XCTAssertEqual(reading.values, [fees[0]: Decimal(string: "25.1")])
        XCTAssertEqual(reading.lines, [fees[0]: 8])
        XCTAssertEqual(reading.warnings.map(\.description), [
            "warning: line 8: “251000元” is in 元: converted to 万元",
            "warning: table proactive is undetermined: the text does not fix its values",
        ])
        // The row not found is an unresolved part of the report, not a blank.
        XCTAssertEqual(reading.unresolved, [Unresolved(table: "proactive", row: "rules", line: nil, reason: .notFound)])
    }
}
