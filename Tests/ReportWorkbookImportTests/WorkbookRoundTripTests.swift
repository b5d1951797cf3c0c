import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest

/// report → workbook (xxgk's writer) → report gives the same report: inputs, texts, cover,
/// and totals as the report printed them, consistent or not, blank or 0.
final class WorkbookRoundTripTests: XCTestCase {
    func testExampleRoundTrips() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let example = try ReportJSON.decode(Data(contentsOf: Fixtures.exampleJSON), file: "example").report
        let file = harness.url("example.xlsx")
        try ReportWorkbook.write(example, to: file.path, generator: "xxgk test")
        let loaded = try harness.read(file)
        XCTAssertEqual(loaded.report, example)
        XCTAssertEqual(loaded.warnings, [])
        XCTAssertEqual(loaded.report.sections["overview"], example.sections["overview"])
        // Every cell of the form has its origin: the sheet and cell it was read from.
        XCTAssertEqual(loaded.origins.count, example.form.cells.count)
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "received", column: "natural")],
                       .cell(sheet: "三、收到和处理政府信息公开申请情况", reference: "D5"))
    }

    func testRandomReportsOfBothFormsRoundTrip() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        for form in FormCatalog.all {
            for seed in 1...4 {
                var generator = SeededGenerator(seed: UInt64(seed) * 7919)
                let report = RandomReports.make(form: form, using: &generator)
                let file = harness.url("random-\(form.id)-\(seed).xlsx")
                try ReportWorkbook.write(report, to: file.path, generator: "xxgk test")
                let loaded = try harness.read(file)
                XCTAssertEqual(loaded.report, report, "form \(form.id) seed \(seed)")
                XCTAssertEqual(loaded.report.date, report.date)
                XCTAssertEqual(loaded.report.sections["overview"], "第一段。\n第二段：\"引号\"\t制表")
            }
        }
    }

    /// The real published reports of the corpus, written and read back.
    func testCorpusReportsRoundTrip() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 7)
        for name in names {
            let report = try ReportJSON.decode(Data(contentsOf: Fixtures.corpus.appendingPathComponent(name)), file: name).report
            let file = harness.url(name + ".xlsx")
            try ReportWorkbook.write(report, to: file.path, generator: "xxgk test")
            let loaded = try harness.read(file)
            XCTAssertEqual(loaded.report, report, name)
            XCTAssertEqual(loaded.warnings, [], name)
        }
    }

    /// A long text section, one paragraph a row: 40 paragraphs (one holding line breaks,
    /// CRLF among them), blank lines inside and at the end, leading white space.
    func testLongTextSectionsRoundTripRowByRow() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        var report = try ReportJSON.decode(Data(contentsOf: Fixtures.exampleJSON), file: "example").report
        let paragraphs = (1...40).map { "（\($0)）第 \($0) 段：" + String(repeating: "本机关认真贯彻落实政府信息公开条例，", count: $0 % 7 + 1) }
        report.sections["overview"] = paragraphs.joined(separator: "\n")
        report.sections["problems"] = "一段之内\n换行的段落\r\n和 CRLF\n\n  空行之后缩进的一段\n\n"
        report.sections["other"] = "\n以空行开头。"
        let file = harness.url("long.xlsx")
        try ReportWorkbook.write(report, to: file.path, generator: "xxgk test")
        let loaded = try harness.read(file)
        XCTAssertEqual(loaded.report.sections["overview"], report.sections["overview"])
        XCTAssertEqual(loaded.report.sections["problems"], report.sections["problems"])
        XCTAssertEqual(loaded.report.sections["other"], report.sections["other"])
        XCTAssertEqual(loaded.report, report)
        XCTAssertEqual(loaded.warnings, [])
    }

    /// Workbooks of earlier versions (all of a section's text in the one cell A2; section
    /// 四's 行政复议 over two header rows, its labels in the third) read exactly as before.
    func testWorkbooksInTheEarlierLayoutStillImport() throws {
        let harness = ImportHarness(folder: try makeTemporaryDirectory("import"))
        var report = try ReportJSON.decode(Data(contentsOf: Fixtures.exampleJSON), file: "example").report
        report.sections["problems"] = (1...40).map { "第 \($0) 段。" }.joined(separator: "\n")
        let file = harness.url("current.xlsx")
        try ReportWorkbook.write(report, to: file.path, generator: "xxgk test")
        let old = harness.url("old.xlsx")
        try ImportHarness.run("python3", [ImportHarness.script("make_old_layout.py"), file.path, old.path])
        let loaded = try harness.read(old)
        XCTAssertEqual(loaded.report, report)
        XCTAssertEqual(loaded.warnings, [])
    }
}
