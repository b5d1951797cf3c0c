import ReportModel
import XCTest

/// A district's total: parts added cell by cell, totals computed from the summed parts.
final class ReportSumTests: XCTestCase {
    func testAPartsWrongPrintedTotalDoesNotPassIntoTheSum() throws {
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var right = Report(form: form, agency: "甲局", year: 2023)
        right["applications", "received", "natural"] = 3
        right.computeTotals()
        var wrong = Report(form: form, agency: "乙局", year: 2023)
        wrong["applications", "received", "natural"] = 2
        wrong["applications", "received", "total"] = 5  // printed 5, its parts make 2
        let sum = try Report.sum([right, wrong], sources: ["甲.json", "乙.json"], agency: "某区")
        XCTAssertEqual(sum["applications", "received", "natural"], 5)
        XCTAssertEqual(sum["applications", "received", "total"], 5, "3 + 2 from the parts, not 3 + 5 as printed")
        XCTAssertNil(sum["applications", "granted", "total"], "blank in every part stays blank")
    }
}
