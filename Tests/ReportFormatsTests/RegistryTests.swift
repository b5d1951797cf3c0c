import Foundation
import ReportFormats
import ReportModel
import TestSupport
import XCTest

/// The registry: every kind found by name, extension and content, and every writer's output
/// read back by the reader of its kind.
final class RegistryTests: XCTestCase {
    func testKindsAreListedFromTheRegistry() {
        XCTAssertEqual(ReportFormats.readerNames.prefix(4), ["json", "xlsx", "txt", "md"])
        XCTAssertEqual(ReportFormats.writerNames, ["json", "xlsx", "txt", "md"])
        XCTAssertEqual(ReportFormats.writableExtensions, ".json, .xlsx, .txt or .md")
        XCTAssertTrue(ReportFormats.readableExtensions.hasPrefix(".json, .xlsx, .txt"), ReportFormats.readableExtensions)
    }

    func testReadersAreFoundByExtensionWhateverTheCase() {
        XCTAssertEqual(ReportFormats.reader(forPath: "a/某局.XLSX")?.kind.name, "xlsx")
        XCTAssertEqual(ReportFormats.reader(forPath: "r.json")?.kind.name, "json")
        XCTAssertEqual(ReportFormats.writer(forPath: "r.md")?.kind.name, "md")
        XCTAssertNil(ReportFormats.reader(forPath: "r.xls"))
        XCTAssertNil(ReportFormats.writer(named: "doc"))
    }

    func testContentSniffingTellsTheKinds() throws {
        let report = try XCTUnwrap(try ReportJSON.decode(Data(contentsOf: Fixtures.exampleJSON))).report
        let folder = try makeTemporaryDirectory("formats")
        let workbook = folder.appendingPathComponent("r.xlsx").path
        try XCTUnwrap(ReportFormats.writer(named: "xlsx")).write(report, to: workbook, generator: "test")
        XCTAssertEqual(ReportFormats.reader(sniffing: try Data(contentsOf: URL(fileURLWithPath: workbook)))?.kind.name, "xlsx")
        XCTAssertEqual(ReportFormats.reader(sniffing: Data(ReportJSON.encode(report).utf8))?.kind.name, "json")
        XCTAssertEqual(ReportFormats.reader(sniffing: Data("某局2020年政府信息公开工作年度报告\n".utf8))?.kind.name, "txt")
        XCTAssertEqual(ReportFormats.reader(sniffing: Data("<!DOCTYPE html><html><body><p>某局</p></body></html>".utf8))?.kind.name, "html")
        XCTAssertEqual(ReportFormats.reader(forPath: "page.HTM")?.kind.name, "html")
        XCTAssertNil(ReportFormats.writer(forPath: "page.html"), "web pages are read, not written")
        XCTAssertNil(ReportFormats.reader(sniffing: Data([0, 1, 2, 0xFF])))
    }

    /// Every writer's file, read by the reader of its kind, gives the same values.
    func testEveryWriterIsReadBackByItsKindsReader() throws {
        var generator = SeededGenerator(seed: 9)
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var report = RandomReports.makeConsistent(form: form, using: &generator)
        // Text shapes cannot show blank against 0 in a total; a consistent report fills them.
        report.computeTotals()
        let folder = try makeTemporaryDirectory("formats")
        for writer in ReportFormats.writers {
            let path = folder.appendingPathComponent("r.\(writer.kind.extensions[0])").path
            try writer.write(report, to: path, generator: "test")
            let reader = try XCTUnwrap(ReportFormats.reader(named: writer.kind.name))
            let back = try ReportFormats.read(try Data(contentsOf: URL(fileURLWithPath: path)), file: path, with: reader).report
            for cell in form.cells where report[cell] != nil {
                XCTAssertEqual(back[cell], report[cell], "\(writer.kind.name): \(cell)")
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["r.json", "r.md", "r.txt", "r.xlsx"])
    }

    func testReadErrorsNameTheFile() {
        XCTAssertThrowsError(try ReportFormats.read(Data("{".utf8), file: "坏.json", with: TestKinds.json)) { error in
            XCTAssertTrue("\(error)".hasPrefix("error: 坏.json: not valid JSON"), "\(error)")
        }
    }
}

private enum TestKinds {
    static var json: any ReportReader {
        guard let reader = ReportFormats.reader(named: "json") else { preconditionFailure("the registry has no json reader") }
        return reader
    }
}
