import TestSupport
import XCTest
@testable import ReportModel

/// The comparison API: the change and its percentage (— where last year is 0 or blank), the
/// results' shares, the carry-over between consecutive years, and what cannot be compared.
final class ComparisonTests: XCTestCase {
    private func report(_ year: Int, agency: String = "某局", received: Decimal?, carriedOver: Decimal? = nil, carriedForward: Decimal? = nil) throws -> Report {
        let form = try XCTUnwrap(FormCatalog.form(forYear: year))
        var report = Report(form: form, agency: agency, year: year)
        report["applications", "received", "natural"] = received
        report["applications", "carried_over", "natural"] = carriedOver
        report["applications", "granted", "natural"] = received
        report["applications", "carried_forward", "natural"] = carriedForward
        report.computeTotals()
        return report
    }

    func testTheChangeAndItsPercentage() {
        typealias Change = ReportComparison.Change
        XCTAssertEqual(Change(from: 4, to: 5), Change(from: 4, to: 5))
        XCTAssertEqual(Change(from: 4, to: 5).difference, 1)
        XCTAssertEqual(Change(from: 4, to: 5).percent, 25)
        XCTAssertEqual(Change(from: 3, to: 4).percent, Decimal(string: "33.3"))
        XCTAssertEqual(Change(from: 3, to: 2).percent, Decimal(string: "-33.3"))
        XCTAssertEqual(Change(from: 3, to: 5).percent, Decimal(string: "66.7"))
        // Last year 0 or blank: a change, but no percentage (shown as —), never a division by zero.
        XCTAssertEqual(Change(from: 0, to: 7).difference, 7)
        XCTAssertNil(Change(from: 0, to: 7).percent)
        XCTAssertEqual(Change(from: nil, to: 7).difference, 7)
        XCTAssertNil(Change(from: nil, to: 7).percent)
        XCTAssertEqual(Change(from: 0, to: 0).difference, 0)
        XCTAssertNil(Change(from: 0, to: 0).percent)
        // Blank this year counts 0; blank both years has no change at all.
        XCTAssertEqual(Change(from: 8, to: nil).difference, -8)
        XCTAssertEqual(Change(from: 8, to: nil).percent, -100)
        XCTAssertNil(Change(from: nil, to: nil).difference)
    }

    func testAcrossBothFormsWithSharesAndCarryOver() throws {
        let comparison = try ReportComparison([
            try report(2021, agency: "某区（县）局", received: 12, carriedOver: 3, carriedForward: 3),
            try report(2020, agency: "某区(县) 局", received: 10, carriedForward: 3),
            try report(2023, agency: "某区（县）局", received: 15, carriedOver: 4),
        ])
        XCTAssertEqual(comparison.years, [2020, 2021, 2023])
        XCTAssertEqual(comparison.agency, "某区（县）局")
        XCTAssertEqual(comparison.rows.first?.label, "本年新收申请")
        XCTAssertEqual(comparison.rows.first?.values, [10, 12, 15])
        XCTAssertEqual(comparison.rows.first?.changes.map(\.difference), [2, 3])
        XCTAssertEqual(comparison.rows.first?.changes.map(\.percent), [20, 25])
        XCTAssertEqual(comparison.shares.map(\.label), ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"])
        XCTAssertEqual(comparison.shares.first?.values, [10, 12, 15])
        XCTAssertEqual(comparison.carryOver.map(\.consecutive), [true, false])
        XCTAssertEqual(comparison.carryOver.map(\.findings.isEmpty), [true, true])
        // The carry-over evaluated through CheckEngine.checkAcrossYears: 2 carried over ≠ 3.
        let broken = try ReportComparison([
            try report(2021, received: 12, carriedOver: 2), try report(2020, received: 10, carriedForward: 3),
        ])
        XCTAssertEqual(broken.carryOver.first?.findings.map(\.rule), ["report.carry_over", "report.carry_over"])
        // With every cell: key figures first, then each cell of the newest form, then the older form's own.
        let all = try ReportComparison([try report(2020, received: 1), try report(2021, received: 2)], allCells: true)
        XCTAssertEqual(all.rows.prefix(7).map(\.label), FormCatalog.form(id: "2021")?.keyFigures.map(\.label))
        XCTAssertEqual(all.rows.last?.cell, CellKey(table: "applications", row: "other_handling", column: "total"))
        XCTAssertEqual(all.rows.first { $0.cell == CellKey(table: "proactive", row: "procurement", column: "amount") }?.values, [nil, nil])
        XCTAssertEqual(all.rows.first { $0.cell?.row == "other_handling" }?.values.last, .some(nil))
        XCTAssertEqual(Set(all.rows.compactMap(\.cell)).count, all.rows.count)
    }

    func testWhatCannotBeCompared() throws {
        XCTAssertThrowsError(try ReportComparison([try report(2021, agency: "甲局", received: 1), try report(2022, agency: "乙局", received: 1)])) { error in
            XCTAssertEqual("\(error)", "the reports are of different agencies (乙局、甲局); compare one agency's reports, or two folders with --by agency")
        }
        XCTAssertThrowsError(try ReportComparison([try report(2021, received: 1), try report(2021, received: 2)])) { error in
            XCTAssertEqual("\(error)", "two reports are for the year 2021; give one report per year")
        }
        XCTAssertThrowsError(try ReportComparison([try report(2021, received: 1)]))
        XCTAssertThrowsError(try ReportComparison.byAgency([try report(2021, received: 1), try report(2021, agency: " 某局", received: 2)], [])) { error in
            XCTAssertEqual("\(error)", "the first folder holds two reports of  某局; give one report per agency")
        }
    }

    func testNarrativeAndResultGroupKeysAreCheckedWhenTheFormIsRead() throws {
        for form in FormCatalog.all {
            XCTAssertGreaterThanOrEqual(form.narrative.count, 15, form.id)
            XCTAssertEqual(form.resultGroups.count, 6, form.id)
            // The groups add up to 三(七): every leaf of the results_total rule, once.
            let results = try XCTUnwrap(form.rules.first { $0.id == "applications.results_total" })
            XCTAssertEqual(Set(form.resultGroups.flatMap(\.cells).map(\.row)), Set(results.right), form.id)
        }
        let template = try String(contentsOf: Fixtures.templates.appendingPathComponent("form-2021.json"), encoding: .utf8)
        let noNumber = template.replacingOccurrences(of: "予以公开(?:的)?{n}件", with: "予以公开(?:的)?件")
        XCTAssertThrowsError(try Form(definition: Data(noNumber.utf8), file: "bad.json")) { error in
            XCTAssertEqual("\(error)", "form definition bad.json: narrative figure applications.granted.total: the phrase 予以公开(?:的)?件 must hold {n} once")
        }
        let unknownCell = template.replacingOccurrences(of: "\"applications.granted.total\"\n      ]", with: "\"applications.granted.totl\"\n      ]")
        XCTAssertNotEqual(unknownCell, template)
        XCTAssertThrowsError(try Form(definition: Data(unknownCell.utf8), file: "bad.json")) { error in
            XCTAssertTrue("\(error)".contains("applications.granted.totl is not a cell of the form"), "\(error)")
        }
    }
}
