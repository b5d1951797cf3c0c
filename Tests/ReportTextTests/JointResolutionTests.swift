import Foundation
import ReportModel
@testable import ReportText
import XCTest

/// Resolving jointly (issue 14): the readings of glued digits and placed values of every open
/// row weighed against all the form's rules at once; what the rules leave open stays open.
final class JointResolutionTests: XCTestCase {
    private func cells(_ form: Form, _ table: String, _ row: String) throws -> [CellKey] {
        try XCTUnwrap(form.table(table)?.row(row)).columns.map { CellKey(table: table, row: row, column: $0.id) }
    }

    /// A row of section 三 as flattened text prints it: each number glued to the label.
    private func row(_ form: Form, _ id: String, _ printed: String, glued: Bool = true) throws -> ValueGroup {
        let tokens = printed.split(separator: " ").map { Token(kind: .number(String($0)), line: 1, glued: glued) }
        return ValueGroup(cells: try cells(form, "applications", id), line: 1, tokens: tokens, form: form)
    }

    func testOpenRowsAreSettledTogetherByTheColumnTotalsAndTheBalance() throws {
        // `一、本年新收…44`, `1.予以公开33`, `2.部分公开1 0 0 0 0 0 1`, `（七）总计44`: each of
        // 一, 1. and （七） alone lets its number stand in any of six columns beside 总计, and
        // none is settled before the others. Only one combination makes 三(七) = 1. + 2. + …
        // in every column and 一 + 二 = 三(七) + 四: all in 自然人.
        let form = try Fixtures.form("2021")
        let zeros = "0 0 0 0 0 0 0"
        var groups = [try row(form, "received", "44"), try row(form, "carried_over", zeros, glued: false),
            try row(form, "granted", "33"), try row(form, "partly_granted", "1 0 0 0 0 0 1", glued: false)]
        let others = ["denied_state_secret", "denied_prohibited", "denied_security", "denied_third_party", "denied_internal",
            "denied_process", "denied_enforcement", "denied_query", "unavailable_not_held", "unavailable_needs_creation",
            "unavailable_unclear", "rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_excessive",
            "rejected_confirmation", "other_no_correction", "other_no_fee", "other_misc"]
        groups += try others.map { try row(form, $0, zeros, glued: false) }
        groups += [try row(form, "results_total", "44"), try row(form, "carried_forward", zeros, glued: false)]
        let open = [0, 2, groups.count - 2]
        for index in open {
            // Six readings each, every one passing the row's own total.
            let inside = Rule.Instance.instances(inside: groups[index].cells, of: form)
            XCTAssertEqual(groups[index].candidates.filter { reading in
                let values = Dictionary(uniqueKeysWithValues: zip(groups[index].cells, reading)).compactMapValues { $0 }
                return inside.allSatisfy { $0.holds(in: values) }
            }.count, 6)
        }
        let resolution = AlignmentResolver(form: form, groups: groups).resolve()
        XCTAssertEqual(resolution.ambiguous, [])
        let chosen = open.map { index in resolution.chosen[index].map { groups[index].candidates[$0] } }
        XCTAssertEqual(chosen, [[4, nil, nil, nil, nil, nil, 4], [3, nil, nil, nil, nil, nil, 3], [4, nil, nil, nil, nil, nil, 4]])
    }

    func testRowsTheRulesCannotTellApartStayUnresolved() throws {
        // The same rows without 2.部分公开: the 3 and the 4 could stand in any one column
        // together, so the rules leave six combinations and no row is taken.
        let form = try Fixtures.form("2021")
        let zeros = "0 0 0 0 0 0 0"
        let ids = ["carried_over", "partly_granted", "denied_state_secret", "denied_prohibited", "denied_security", "denied_third_party",
            "denied_internal", "denied_process", "denied_enforcement", "denied_query", "unavailable_not_held",
            "unavailable_needs_creation", "unavailable_unclear", "rejected_petition", "rejected_duplicate", "rejected_publication",
            "rejected_excessive", "rejected_confirmation", "other_no_correction", "other_no_fee", "other_misc", "carried_forward"]
        let groups = [try row(form, "received", "33"), try row(form, "granted", "33"), try row(form, "results_total", "33")]
            + (try ids.map { try row(form, $0, zeros, glued: false) })
        let resolution = AlignmentResolver(form: form, groups: groups).resolve()
        XCTAssertEqual(resolution.ambiguous, [0, 1, 2])
        XCTAssertEqual(resolution.chosen[0], nil)
    }

    func testGluedDigitsOfASectionThreeRowAreSplitByTheColumnTotals() throws {
        // Flattened 三: `（一）予以公开220000022` reads as 22 | 0 … | 22 or as 2 | 20 | 0 … | 22,
        // both passing the row total; `（七）总计23 0 00 0 023` has one reading. The column
        // totals (三(七) = (一) + (二) + … in 商业企业 as in 自然人) leave only 22 under 自然人.
        let form = try Fixtures.form("2021")
        let zeros = "0 0 0 0 0 0 0"
        let granted = try row(form, "granted", "220000022")
        XCTAssertEqual(granted.candidates, [[2, 20, 0, 0, 0, 0, 22], [2, 200, 0, 0, 0, 2, 2], [22, 0, 0, 0, 0, 0, 22], [220, 0, 0, 0, 0, 2, 2]])
        let total = try row(form, "results_total", "23 0 00 0 023")
        XCTAssertEqual(total.candidates, [[23, 0, 0, 0, 0, 0, 23]])
        let ids = ["denied_state_secret", "denied_prohibited", "denied_security", "denied_third_party", "denied_internal",
            "denied_process", "denied_enforcement", "denied_query", "unavailable_not_held", "unavailable_needs_creation",
            "unavailable_unclear", "rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_excessive",
            "rejected_confirmation", "other_no_correction", "other_no_fee", "other_misc"]
        let groups = [try row(form, "received", "23 0 0 0 0 0 23", glued: false), try row(form, "carried_over", zeros, glued: false), granted,
            try row(form, "partly_granted", "1 0 0 0 0 0 1", glued: false)]
            + (try ids.map { try row(form, $0, zeros, glued: false) }) + [total, try row(form, "carried_forward", zeros, glued: false)]
        let resolution = AlignmentResolver(form: form, groups: groups).resolve()
        XCTAssertEqual(resolution.ambiguous, [])
        XCTAssertEqual(resolution.chosen[2].map { granted.candidates[$0] }, [22, 0, 0, 0, 0, 0, 22])
        XCTAssertEqual(resolution.chosen[groups.count - 2].map { total.candidates[$0] }, [23, 0, 0, 0, 0, 0, 23])
    }

    func testAnAmountInYuanGluedToAnItemCountIsSplitAndLeftToTheRules() throws {
        // 2019 form: `政府集中采购13575394432.52元` is 135 items and 75394432.52 元 (7539.443252
        // 万元) — or 13 items and 575394432.52 元, and so on: the form has no rule that ties the
        // count to the amount, so the row is unresolved with every reading, never guessed.
        let form = try Fixtures.form("2019")
        let tokens = Tokenizer.tokens(of: ["政府集中采购13575394432.52元"])
        XCTAssertEqual(tokens.map(\.kind), [.text("政府集中采购"), .number("13575394432.52")])
        XCTAssertEqual(tokens.last?.suffix, "元")
        let group = ValueGroup(cells: try cells(form, "proactive", "procurement"), line: 1, tokens: Array(tokens.dropFirst()), form: form)
        XCTAssertEqual(group.candidates.count, 10)
        XCTAssertTrue(group.candidates.contains([135, Decimal(string: "7539.443252")]), "\(group.candidates)")
        XCTAssertEqual(group.candidates.first, [1, Decimal(string: "357539.443252")])
        XCTAssertEqual(AlignmentResolver(form: form, groups: [group]).resolve(), AlignmentResolver.Resolution(chosen: [nil], ambiguous: [0]))
    }

    func testProseEndingInARowLabelAndDigitsIsNotARow() throws {
        // A sentence of 一、总体情况 that ends with `现行有效行政规范性文件393`: the table's row
        // later in the text is the row, the sentence's number is no value.
        let form = try Fixtures.form("2021")
        var report = Report(form: form, agency: "某某区教育局", year: 2023, date: ReportDate(year: 2024, month: 1, day: 17))
        report.sections = ["overview": "2023年，本局共制发规范性文件3件，现行有效行政规范性文件393", "problems": "公开意识有待加强。", "other": "无。"]
        report["proactive", "normative_documents", "issued"] = 3
        report["proactive", "normative_documents", "repealed"] = 1
        report["proactive", "normative_documents", "in_force"] = 8
        let loaded = try Fixtures.parse(ReportText.plainText(report))
        XCTAssertEqual(loaded.report["proactive", "normative_documents", "issued"], 3)
        XCTAssertEqual(loaded.report["proactive", "normative_documents", "repealed"], 1)
        XCTAssertEqual(loaded.report["proactive", "normative_documents", "in_force"], 8)
        XCTAssertEqual(loaded.report.unresolved, [])
        XCTAssertEqual(loaded.report.sections["overview"], report.sections["overview"])
        // Flattened, the sentence is glued to the table: still prose.
        let tokens = Tokenizer.tokens(of: ["2023年，现行有效行政规范性文件393。二、主动公开政府信息情况规章000行政规范性文件318"])
        let matches = TableWalker(form: form, tokens: tokens).matchLabels()
        XCTAssertEqual(matches.groups.map(\.cells), [try cells(form, "proactive", "rules"), try cells(form, "proactive", "normative_documents")])
        XCTAssertEqual(matches.groups.last?.tokens.map(\.kind), [.number("318")])
    }

    func testTenThousandGluedDigitsFinishAndAreUnresolved() throws {
        // Bounded work: no split of 10,000 digits fits seven cells of at most 15 digits, so the
        // row has no reading at all; it returns at once and is an unresolved part of the report.
        let form = try Fixtures.form("2021")
        let digits = String(repeating: "1234567890", count: 1000)
        let group = try row(form, "results_total", digits)
        XCTAssertEqual(group.candidates, [])
        XCTAssertTrue(group.complete)
        XCTAssertEqual(AlignmentResolver(form: form, groups: [group]).resolve(), AlignmentResolver.Resolution(chosen: [nil], ambiguous: [0]))
        // 105 digits do fit, in so many ways that the readings are cut off: unresolved too.
        let long = try row(form, "results_total", String(repeating: "1234567", count: 12))
        XCTAssertFalse(long.complete)
        XCTAssertLessThanOrEqual(long.candidates.count, ValueGroup.readingLimit)
        XCTAssertEqual(AlignmentResolver(form: form, groups: [long]).resolve().ambiguous, [0])
        // Through the whole parser: the row is reported, not left blank.
        let text = "某某局2023年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量\(digits)二、上年结转政府信息公开申请数量0000000"
        let loaded = try ReportText.parse(Data(text.utf8), file: "long.txt")
        XCTAssertTrue(loaded.report.unresolved.contains { $0.row == "received" && $0.reason == .ambiguous }, "\(loaded.report.unresolved)")
        XCTAssertNil(loaded.report["applications", "received", "total"])
    }
}
