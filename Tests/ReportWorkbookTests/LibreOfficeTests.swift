import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest
import XLSX

/// A real spreadsheet application agrees with us: headless LibreOffice, forced to
/// recalculate on load, computes every formula to the value we cached, and prints the blank
/// template one A4 page per sheet. Each test runs LibreOffice once over all its files.
final class LibreOfficeTests: XCTestCase {
    /// A workbook whose one formula caches a wrong result: if LibreOffice did not
    /// recalculate, it would keep 0 and the comparison of the real workbooks would prove nothing.
    private func writeControl(to path: String) throws {
        let workbook = try XLSXWorkbook(path: path)
        let sheet = try workbook.addSheet(named: "对照")
        try sheet.write(number: 2, at: CellReference(row: 0, column: 0))
        try sheet.write(formula: "=A1+3", cachedNumber: 0, at: CellReference(row: 0, column: 1))
        try workbook.close()
    }

    func testRecalculatedFormulasEqualTheCachedValuesForExamplesAndBrokenReports() throws {
        let folder = try makeTemporaryDirectory("workbook")
        var files: [URL] = []
        func add(_ name: String, _ write: (String) throws -> Void) throws {
            let file = folder.appendingPathComponent(name)
            try write(file.path)
            files.append(file)
        }
        try add("control.xlsx", writeControl)
        let example = try Interop.exampleReport()
        try add("example.xlsx") { try ReportWorkbook.write(example, to: $0, generator: Interop.generator) }
        let corpus = try Interop.corpusReports()
        XCTAssertGreaterThanOrEqual(corpus.count, 5)
        for (name, report) in corpus {
            try add("corpus-\(name).xlsx") { try ReportWorkbook.write(report, to: $0, generator: Interop.generator) }
        }
        for form in FormCatalog.all {
            try add("template-\(form.id).xlsx") { try ReportWorkbook.writeTemplate(form: form, to: $0, generator: Interop.generator) }
            try add("random-\(form.id).xlsx") { try ReportWorkbook.write(ReportFixtures.randomlyFilled(form, seed: 42), to: $0, generator: Interop.generator) }
            // Totals blank, right and wrong at random: printed totals kept as values, the
            // formulas over them and the checks sheet computed from what the sheets show.
            for seed in 1...2 {
                var generator = SeededGenerator(seed: UInt64(seed) * 104_729)
                let inconsistent = RandomReports.make(form: form, using: &generator)
                try add("inconsistent-\(form.id)-\(seed).xlsx") { try ReportWorkbook.write(inconsistent, to: $0, generator: Interop.generator) }
            }
            for rule in form.rules {
                let report = ReportFixtures.breaking(rule, form: form)
                try add("breaks-\(form.id)-\(rule.id).xlsx") { try ReportWorkbook.write(report, to: $0, generator: Interop.generator) }
            }
        }
        let recalculated = folder.appendingPathComponent("recalculated")
        try Interop.convertWithLibreOffice(files, to: "xlsx", in: recalculated)
        let script = Interop.packageRoot.appendingPathComponent("Tests/Scripts/compare_recalculated.py").path
        let pairs = files.flatMap { [$0.path, recalculated.appendingPathComponent($0.lastPathComponent).path] }
        let data = try Interop.run("python3", [script] + pairs)
        let results = try JSONDecoder().decode([String: Comparison].self, from: data)
        XCTAssertEqual(results.count, files.count)

        let control = try XCTUnwrap(results[files[0].path])
        XCTAssertEqual(control.formulas, 1)
        XCTAssertEqual(control.mismatches.map(\.recalculated), [.number(5)], "LibreOffice recalculated the control formula")

        for file in files.dropFirst() {
            let result = try XCTUnwrap(results[file.path], file.lastPathComponent)
            XCTAssertGreaterThan(result.formulas, 40, file.lastPathComponent)
            XCTAssertEqual(
                result.mismatches.map { "\($0.sheet)!\($0.cell) \($0.formula): cached \(String(describing: $0.cached)), recalculated \(String(describing: $0.recalculated))" },
                [], file.lastPathComponent)
        }
    }

    func testBlankTemplatePrintsOneA4PagePerSheet() throws {
        let folder = try makeTemporaryDirectory("workbook")
        let files = try FormCatalog.all.map { form -> URL in
            let file = folder.appendingPathComponent("template-\(form.id).xlsx")
            try ReportWorkbook.writeTemplate(form: form, to: file.path, generator: Interop.generator)
            return file
        }
        let pdfs = folder.appendingPathComponent("pdf")
        try Interop.convertWithLibreOffice(files, to: "pdf", in: pdfs)
        for form in FormCatalog.all {
            let layout = WorkbookLayout(form: form)
            let pdf = pdfs.appendingPathComponent("template-\(form.id).pdf").path
            let info = String(decoding: try Interop.run("pdfinfo", ["-f", "1", "-l", "999", pdf]), as: UTF8.self)
            let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
            XCTAssertEqual(pages, layout.sheets.count, "form \(form.id): one page per sheet")
            let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
            XCTAssertEqual(sizes.count, layout.sheets.count)
            for (size, sheet) in zip(sizes, layout.sheets) {
                XCTAssertTrue(size.hasSuffix("(A4)"), "form \(form.id), \(sheet.name): \(size)")
                // Landscape sheets are wider than tall.
                let numbers = size.split(separator: ":").last?.split(separator: " ").compactMap { Double($0) } ?? []
                XCTAssertEqual(numbers.count, 2)
                if numbers.count == 2 { XCTAssertEqual(numbers[0] > numbers[1], sheet.landscape, "form \(form.id), \(sheet.name)") }
            }
        }
    }
}

/// One workbook's comparison from compare_recalculated.py.
private struct Comparison: Decodable {
    struct Mismatch: Decodable {
        let sheet: String
        let cell: String
        let formula: String
        let cached: Openpyxl.Value?
        let recalculated: Openpyxl.Value?
    }
    let formulas: Int
    let mismatches: [Mismatch]
}
