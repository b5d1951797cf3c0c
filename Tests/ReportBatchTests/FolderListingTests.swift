import Foundation
import ReportBatch
import ReportFormats
import ReportModel
import TestSupport
import XCTest

/// Issue 10, "nothing skipped": every file of a folder is either checked (and, of a kind xxgk
/// does not read, unreadable with what to do) or left out with a note; duplicates, blank and
/// undated reports are found; `sum` takes only what it should.
final class FolderListingTests: XCTestCase {
    private func example(agency: String? = nil, date: Bool = true) throws -> Data {
        var text = try String(contentsOf: Fixtures.exampleJSON, encoding: .utf8)
        if let agency { text = text.replacingOccurrences(of: "武汉市东西湖区残疾人联合会", with: agency) }
        if !date { text = text.replacingOccurrences(of: "\"date\": \"2021-01-13\",", with: "") }
        return Data(text.utf8)
    }

    private func message(_ path: String) -> String {
        CheckResult(path: path).diagnostics.map(\.description).joined(separator: "\n")
    }

    func testEveryFileOfAFolderIsListedOrSkippedWithItsReason() throws {
        let folder = try makeTemporaryDirectory("listing")
        let names = ["a.json", "b.xls", "c.docx", "d.JPG", "e.zip", "f.xyz", "noext", "~$a.xlsx", ".~lock.a.xlsx#", ".DS_Store", "Thumbs.db", "g.et", "h.ods", "i.wps"]
        for name in names { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: sub.appendingPathComponent(".hidden.xlsx"))
        try Data("x".utf8).write(to: sub.appendingPathComponent("j.rar"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("back").path, withDestinationPath: folder.path)
        let root = folder.path
        let listing = BatchFiles.list([root + "/"])
        XCTAssertEqual(listing.files, ["a.json", "b.xls", "c.docx", "d.JPG", "e.zip", "f.xyz", "g.et", "h.ods", "i.wps", "noext", "sub/j.rar"].map { root + "/" + $0 })
        XCTAssertEqual(listing.skipped.map { "\($0.file) \($0.reason.rawValue)" }, [
            "\(root)/.DS_Store hidden", "\(root)/.~lock.a.xlsx# office_lock", "\(root)/Thumbs.db system",
            "\(root)/back linked_folder", "\(root)/sub/.hidden.xlsx hidden", "\(root)/~$a.xlsx office_lock",
        ])
        XCTAssertEqual(BatchFiles.expand([root]), listing.files)
        XCTAssertEqual(listing.skipped.last?.note.description, "warning: \(root)/~$a.xlsx: is a temporary file Office leaves while a document is open; skipped")

        XCTAssertEqual(message(root + "/b.xls"), "error: \(root)/b.xls: is an Excel 97-2003 workbook (.xls), which xxgk cannot read: open it in WPS or Excel, save it as .xlsx and submit that")
        XCTAssertEqual(message(root + "/c.docx"), "error: \(root)/c.docx: is a Word document (.docx), which xxgk cannot read: submit the workbook filled in on the template (.xlsx), or save the document as .txt")
        XCTAssertEqual(message(root + "/i.wps"), "error: \(root)/i.wps: is a Word document (.wps), which xxgk cannot read: submit the workbook filled in on the template (.xlsx), or save the document as .txt")
        XCTAssertEqual(message(root + "/d.JPG"), "error: \(root)/d.JPG: is an image (.JPG), which xxgk cannot read: submit the workbook filled in on the template (.xlsx), not a photo or scan")
        XCTAssertEqual(message(root + "/e.zip"), "error: \(root)/e.zip: is an archive (.zip), which xxgk does not open: unpack it first, then check the files in it")
        XCTAssertEqual(message(root + "/g.et"), "error: \(root)/g.et: is a WPS spreadsheet (.et), which xxgk cannot read: open it in WPS, save it as .xlsx and submit that")
        XCTAssertEqual(message(root + "/h.ods"), "error: \(root)/h.ods: is an OpenDocument spreadsheet (.ods), which xxgk cannot read: open it in WPS, Excel or LibreOffice, save it as .xlsx and submit that")
        let expected = ReportFormats.readableExtensions
        XCTAssertEqual(message(root + "/f.xyz"), "error: \(root)/f.xyz: is not a report file (.xyz); xxgk reads \(expected): submit the workbook filled in on the template (.xlsx)")
        XCTAssertEqual(message(root + "/noext"), "error: \(root)/noext: has no extension, so its kind is unknown; xxgk reads \(expected): submit the workbook filled in on the template (.xlsx)")
        // An upload (the web page) gets the same sentence as a file of a folder.
        XCTAssertEqual(CheckResult(data: Data("x".utf8), file: "某局.xls").failure?.map(\.message), [UnsupportedFile.reason(forPath: "某局.xls") ?? ""])
        let unsupported = CheckResult(path: root + "/b.xls")
        XCTAssertEqual(unsupported.status, "unreadable")
        XCTAssertEqual(unsupported.statusCode, "unreadable")
        XCTAssertNil(UnsupportedFile.reason(forPath: "a.xlsx"))
        // What is wrong with the file itself comes before what its name says.
        XCTAssertEqual(message(root + "/gone.xls"), "error: \(root)/gone.xls: no such file (removed, or a broken link)")
        XCTAssertEqual(message(root + "/sub"), "error: \(root)/sub: is a folder, not a file")
        XCTAssertEqual(message("/nonexistent-folder/"), "error: /nonexistent-folder/: no such file (removed, or a broken link)")
    }

    func testDuplicatesOfOneAgencyAndYearAreEachAnErrorNamingTheOthers() throws {
        let folder = try makeTemporaryDirectory("duplicates")
        try example(agency: "某区 司法局").write(to: folder.appendingPathComponent("a.json"))
        try example(agency: "某区司法局").write(to: folder.appendingPathComponent("b.json"))
        try example(agency: "某区司法局").write(to: folder.appendingPathComponent("c.json"))
        try example(agency: "某区教育局").write(to: folder.appendingPathComponent("d.json"))
        var results = ParallelCheck.run(BatchFiles.expand([folder.path]), progress: nil)
        Duplicates.mark(&results)
        let root = folder.path
        XCTAssertEqual(results.map(\.statusCode), ["duplicate", "duplicate", "duplicate", "passed"])
        XCTAssertEqual(results.map(\.status), ["duplicate", "duplicate", "duplicate", "passed"])
        XCTAssertEqual(results[1].findings.filter { $0.rule == "batch.duplicate" }.map(\.message), [
            "the same agency (某区司法局) and year (2020) as “\(root)/a.json”, “\(root)/c.json”: submitted twice; keep only one [batch.duplicate]",
        ])
        XCTAssertEqual(results[1].errorCount, 1)
        XCTAssertEqual(results[0].summaryLine, "\(root)/a.json: 某区 司法局, year 2020, form 2019: duplicate")
        XCTAssertEqual(Duplicates.quoted(["a", "b", "c", "d", "e"]), "“a”, “b”, “c” and others (5 files in all)")
        XCTAssertEqual(Messages.text("batch.duplicate", in: .chinese, ["others": "“乙.xlsx”", "agency": "某局", "year": "2021"]),
                       "与“乙.xlsx”是同一单位（某局）同一年度（2021）的报告，重复提交：请只保留一份 [batch.duplicate]")

        let table = SummaryTable(results: results)
        XCTAssertEqual(table.rows.map { $0[4] }, [.text("duplicate"), .text("duplicate"), .text("duplicate"), .text("passed")])

        let strict = SumSelection(results, allowFailing: false)
        XCTAssertEqual(strict.included.map(\.file), [root + "/d.json"])
        XCTAssertEqual(strict.leftOutLines, [
            "  \(root)/a.json\tthe same agency and year as “\(root)/b.json”, “\(root)/c.json”: submitted twice",
            "  \(root)/b.json\tthe same agency and year as “\(root)/a.json”, “\(root)/c.json”: submitted twice",
            "  \(root)/c.json\tthe same agency and year as “\(root)/a.json”, “\(root)/b.json”: submitted twice",
        ])
        let lenient = SumSelection(results, allowFailing: true)
        XCTAssertEqual(lenient.included.map(\.file), [root + "/a.json", root + "/d.json"])
        XCTAssertEqual(lenient.leftOut.map(\.result.file), [root + "/b.json", root + "/c.json"])
    }

    func testBlankAndUndatedReportsWarn() throws {
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        let blank = Report(form: form, agency: "某局", year: 2022)
        XCTAssertEqual(ReportWarnings.check(blank).map(\.description), [
            "warning: report: every table is blank: this looks like a returned template with nothing filled in [report.blank]",
            "warning: report: no date (成文日期): write the date the report was signed [report.no_date]",
        ])
        XCTAssertEqual(Messages.text("batch.report.blank", in: .chinese), "报告：各表均未填写：这份报告看来是空白模板 [report.blank]")
        XCTAssertEqual(Messages.text("batch.report.no_date", in: .chinese), "报告：没有成文日期：请在落款处填写成文日期 [report.no_date]")
        var dated = blank
        dated.date = ReportDate(year: 2023, month: 1, day: 20)
        dated["applications", "received", "natural"] = 1
        XCTAssertEqual(ReportWarnings.check(dated), [])

        // Through the path every submission takes: the example is dated and filled in.
        let filled = CheckResult(data: try example(), file: "a.json")
        XCTAssertEqual(filled.findings, [])
        let undated = CheckResult(data: try example(date: false), file: "a.json")
        XCTAssertEqual(undated.findings.map(\.rule), ["report.no_date"])
        XCTAssertEqual(undated.summaryLine, "a.json: 武汉市东西湖区残疾人联合会, year 2020, form 2019: passed (1 warning)")

        let blankResult = CheckResult(data: Data(ReportJSON.encode(blank).utf8), file: "blank.json")
        XCTAssertTrue(blankResult.isBlank)
        XCTAssertEqual(SumSelection([blankResult, undated], allowFailing: false).leftOutLines, ["  blank.json\tblank: nothing filled in"])
        XCTAssertEqual(SumSelection([blankResult, undated], allowFailing: true).included.count, 2)
    }

    func testChineseStatusesAndSummaryHeaders() {
        XCTAssertEqual(["passed", "one_error", "unreadable", "duplicate"].map { Messages.text("batch.status.\($0)", in: .chinese) }, ["通过", "1 个错误", "无法读取", "重复提交"])
        XCTAssertEqual(Messages.text("batch.status.errors", in: .chinese, ["count": "3"]), "3 个错误")
        XCTAssertEqual(
            ["file", "agency", "year", "form", "status", "errors", "warnings", "failing_rules"].map { Messages.text("batch.summary.\($0)", in: .chinese) },
            ["文件", "单位", "年度", "表式", "状态", "错误数", "警告数", "未通过的规则"])
    }
}
