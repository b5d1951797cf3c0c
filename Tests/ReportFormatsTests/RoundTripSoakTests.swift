import Foundation
import ReportFormats
import ReportModel
import TestSupport
import XCTest

/// The round-trip soak (issue 13): random reports of both forms, consistent and not, through
/// every pair of kinds of the registry; every value equal after the trip (docs/ROUNDTRIP.md).
/// `XXGK_SOAK_REPORTS` and `XXGK_SOAK_SEED` replay or widen it; a loss names its seed.
final class RoundTripSoakTests: XCTestCase {
    func testEveryPairOfKindsKeepsEveryValue() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["XXGK_SOAK_REPORTS"].flatMap { Int($0) } ?? 2_000
        let seed = environment["XXGK_SOAK_SEED"].flatMap { UInt64($0) } ?? 20_261_203
        let folder = try makeTemporaryDirectory("soak")
        // Bounded in time on slow or busy machines: the figures say how many were done.
        let deadline = Date().addingTimeInterval(Double(environment["XXGK_SOAK_SECONDS"] ?? "") ?? 60)
        do {
            let figures = try RoundTripSoak.run(count: count, seed: seed, folder: folder, deadline: deadline)
            print(figures)
            XCTAssertEqual(figures.lost, 0)
            XCTAssertGreaterThan(figures.reports, 0)
            XCTAssertEqual(figures.trips, figures.reports * (RoundTripSoak.kinds.count * (RoundTripSoak.kinds.count + 1) + 1))
        } catch let loss as RoundTripSoak.Loss {
            XCTFail(loss.description)
        }
    }

    /// The generator makes what the soak must cover: consistent and inconsistent reports,
    /// blank and 0 totals, amounts with four decimals, CR, CRLF, tabs, emoji and 32 kB texts.
    func testVariedReportsCoverEveryShape() {
        var shapes: Set<String> = []
        for seed in 0..<400 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let form = FormCatalog.all[seed % FormCatalog.all.count]
            let report = RandomReports.makeVaried(form: form, using: &generator)
            let computed = form.computedCells
            for (cell, instance) in computed {
                let sum = instance.right.reduce(Decimal?.none) { sum, term in report[term].map { (sum ?? 0) + $0 } ?? sum }
                if report[cell] == nil { shapes.insert(sum == nil ? "blank total over blanks" : "blank total over values") }
                if report[cell] == 0 && sum == nil { shapes.insert("0 total over blanks") }
                if let value = report[cell], let sum, value != sum { shapes.insert("wrong total") }
                if let value = report[cell], value == sum { shapes.insert("right total") }
            }
            for cell in form.cells where form.column(of: cell)?.kind == .amount {
                if let value = report[cell], (value * 1000).isWholeNumber == false { shapes.insert("4 decimals") }
            }
            for text in report.sections.values {
                if text.contains("\r\n") { shapes.insert("CRLF") }
                if text.contains("\r") && !text.contains("\r\n") { shapes.insert("CR") }
                if text.contains("\t") { shapes.insert("tab") }
                if text.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { shapes.insert("emoji") }
                if text.utf8.count >= 32_000 { shapes.insert("32 kB") }
            }
        }
        XCTAssertEqual(shapes, [
            "blank total over blanks", "blank total over values", "0 total over blanks", "wrong total", "right total",
            "4 decimals", "CRLF", "CR", "tab", "emoji", "32 kB",
        ])
    }
}
