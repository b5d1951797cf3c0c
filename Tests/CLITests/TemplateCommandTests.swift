import Foundation
import TestSupport
import XCTest

/// `xxgk template` and `xxgk convert … .xlsx` as a user runs them, including bad output paths:
/// exit code 2, a clear message, and no file (not even a partial one) left behind.
final class TemplateCommandTests: XCTestCase {
    private func isWorkbook(_ url: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: url.path), data.count > 1000 else { return false }
        return data.prefix(2) == Data("PK".utf8)
    }

    func testTemplateWritesTheNewestFormByDefault() throws {
        let folder = try makeTemporaryDirectory("cli")
        let run = try CLI.run(["template", "-o", "blank.xlsx"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardError, "")
        XCTAssertEqual(CLI.contents(of: folder), ["blank.xlsx"])
        XCTAssertTrue(isWorkbook(folder.appendingPathComponent("blank.xlsx")))
        let data = try XCTUnwrap(FileManager.default.contents(atPath: folder.appendingPathComponent("blank.xlsx").path))
        XCTAssertNotNil(data.range(of: Data("docProps/custom.xml".utf8)))
    }

    func testTemplateWithFormAgencyAndYear() throws {
        let folder = try makeTemporaryDirectory("cli")
        let run = try CLI.run(["template", "--form", "2019", "--agency", "某某局", "--year", "2020", "-o", "t.xlsx"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(isWorkbook(folder.appendingPathComponent("t.xlsx")))
    }

    func testTemplateOfAnUnknownFormIsAUsageErrorAndWritesNothing() throws {
        let folder = try makeTemporaryDirectory("cli")
        let run = try CLI.run(["template", "--form", "2030", "-o", "t.xlsx"], in: folder)
        XCTAssertEqual(run.status, 64)
        XCTAssertEqual(run.standardError, """
            Error: unknown form "2030"; expected one of "2019", "2021"
            Usage: xxgk template [--form <form>] [--agency <agency>] [--year <year>] --output <output>
              See 'xxgk template --help' for more information.

            """)
        XCTAssertEqual(CLI.contents(of: folder), [])
    }

    /// `forms 2030` and `template --form 2030` name an unknown form the same way, as wrong usage.
    func testAnUnknownFormIsTheSameUsageErrorForEveryCommand() throws {
        let forms = try CLI.run(["forms", "2030"])
        let template = try CLI.run(["template", "--form", "2030", "-o", "/nonexistent/t.xlsx"])
        XCTAssertEqual(forms.status, 64)
        XCTAssertEqual(template.status, 64)
        XCTAssertEqual(forms.standardError.split(separator: "\n").first, template.standardError.split(separator: "\n").first)
        XCTAssertTrue(forms.standardError.contains("Usage: xxgk forms [<form>] [--ids]"), forms.standardError)
    }

    func testTemplateToAFolderExits73AndLeavesTheFolderAlone() throws {
        let folder = try makeTemporaryDirectory("cli")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out.xlsx"), withIntermediateDirectories: false)
        let run = try CLI.run(["template", "-o", "out.xlsx"], in: folder)
        XCTAssertEqual(run.status, 73)
        XCTAssertEqual(run.standardError, "error: out.xlsx: is a folder; give a file name to write\n")
        XCTAssertEqual(CLI.contents(of: folder), ["out.xlsx"])
        XCTAssertEqual(CLI.contents(of: folder.appendingPathComponent("out.xlsx")), [])
    }

    func testTemplateToAMissingFolderExits73() throws {
        let folder = try makeTemporaryDirectory("cli")
        let run = try CLI.run(["template", "-o", "missing/t.xlsx"], in: folder)
        XCTAssertEqual(run.status, 73)
        XCTAssertTrue(run.standardError.hasPrefix("error: missing/t.xlsx: the folder "), run.standardError)
        XCTAssertEqual(CLI.contents(of: folder), [])
    }

    func testTemplateToAnUnwritablePlaceExits73WithTheReason() throws {
        // /proc refuses new files even to root, so this holds whoever runs the tests.
        let run = try CLI.run(["template", "-o", "/proc/xxgk-template.xlsx"])
        XCTAssertEqual(run.status, 73)
        XCTAssertTrue(run.standardError.hasPrefix("error: /proc/xxgk-template.xlsx: cannot write ("), run.standardError)
        XCTAssertFalse(run.standardError.contains("[ERROR]"), "libxlsxwriter's own message is not shown: \(run.standardError)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/proc/xxgk-template.xlsx"))
    }

    func testConvertJSONToWorkbookLeavesOnlyTheWorkbook() throws {
        let folder = try makeTemporaryDirectory("cli")
        let example = CLI.packageRoot.appendingPathComponent("examples/000_dongxihu_2020.json").path
        let run = try CLI.run(["convert", example, "report.xlsx"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(CLI.contents(of: folder), ["report.xlsx"])
        XCTAssertTrue(isWorkbook(folder.appendingPathComponent("report.xlsx")))
    }

    func testConvertAReportOfAnUnknownFormExits2AndWritesNothing() throws {
        let folder = try makeTemporaryDirectory("cli")
        let input = folder.appendingPathComponent("old.json")
        try Data(#"{"form": "1999", "agency": "某局", "year": 1999, "sections": {}, "tables": {}}"#.utf8).write(to: input)
        let run = try CLI.run(["convert", "old.json", "old.xlsx"], in: folder)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.standardError.contains("old.json"), run.standardError)
        XCTAssertTrue(run.standardError.contains("1999"), run.standardError)
        XCTAssertEqual(CLI.contents(of: folder), ["old.json"])
    }

    func testConvertToAnExistingFolderExits73() throws {
        let folder = try makeTemporaryDirectory("cli")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("r.xlsx"), withIntermediateDirectories: false)
        let example = CLI.packageRoot.appendingPathComponent("examples/000_dongxihu_2020.json").path
        let run = try CLI.run(["convert", example, "r.xlsx"], in: folder)
        XCTAssertEqual(run.status, 73)
        XCTAssertTrue(run.standardError.hasSuffix("error: r.xlsx: is a folder; give a file name to write\n"), run.standardError)
        XCTAssertEqual(CLI.contents(of: folder), ["r.xlsx"])
        XCTAssertEqual(CLI.contents(of: folder.appendingPathComponent("r.xlsx")), [])
    }

    /// A workbook for standard output is written to a temporary file first, which is removed
    /// once copied: the process's temporary folder ($TMPDIR) is left as it was.
    func testWorkbookOnStandardOutputLeavesNothingInTheTemporaryFolder() throws {
        let temporary = try makeTemporaryDirectory("cli")
        let run = try CLI.run(["convert", Fixtures.exampleJSON.path, "-", "--to", "xlsx"], environment: ["TMPDIR": temporary.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.hasPrefix("PK"))
        XCTAssertEqual(CLI.contents(of: temporary), [])
    }
}
