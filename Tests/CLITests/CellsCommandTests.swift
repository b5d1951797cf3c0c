import Foundation
import TestSupport
import XCTest

/// `xxgk cells`, and `convert`/`check` on workbooks that cannot be read: message and exit 2.
final class CellsCommandTests: XCTestCase {
    /// The variants `names` of Tests/Scripts/make_xlsx_variant.py, as NAME.xlsx in a new folder of this test.
    private func fixtures(_ names: [String]) throws -> URL {
        let folder = try makeTemporaryDirectory("cli")
        _ = try WorkbookVariants.write(names, into: folder)
        return folder
    }

    func testCellsPrintsEveryCellTabSeparated() throws {
        let folder = try fixtures(["cell-kinds-names-properties"])
        let run = try CLI.run(["cells", folder.appendingPathComponent("cell-kinds-names-properties.xlsx").path, "--sheet", "Data"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput, """
            Data\tA1\tstring\t机关 名称\t
            Data\tB1\tstring\tinline\t
            Data\tC1\tstring\tab\t"a"&"b"
            Data\tD1\tboolean\tTRUE\t
            Data\tE1\tboolean\tFALSE\t
            Data\tF1\terror\t#REF!\t
            Data\tG1\tnumber\t12.5\t
            Data\tH1\tnumber\t-3\t
            Data\tI1\tstring\tline\\r\\ntwo_x0041_\t
            Data\tB2\tempty\t\tSUM(G1:H1)

            """)
    }

    func testCellsOnAnUnknownSheet() throws {
        let folder = try fixtures(["merged-ranges"])
        let run = try CLI.run(["cells", folder.appendingPathComponent("merged-ranges.xlsx").path, "--sheet", "Nope"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.standardError, "error: \(folder.appendingPathComponent("merged-ranges.xlsx").path): no sheet named Nope; the sheets are Data\n")
    }

    /// Every hostile or wrong file: its own message, exit 2, and `convert` writes nothing.
    func testUnreadableWorkbooksExitTwoWithTheirMessage() throws {
        let expected: [String: String] = [
            "encrypted": "this workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again",
            "legacy-xls": "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx",
            "csv": "this is a text file (CSV?), not an Excel workbook; open it in Excel or WPS and save it as .xlsx",
            "html": "this is a web page (HTML), not an Excel workbook; open it in Excel or WPS and save it as .xlsx",
            "docx-without-relationships": "this is a Word document (.docx), not an Excel workbook",
            "truncated": "the workbook is truncated or corrupt (no zip directory at its end); ask for the file again",
            "zip-bomb": "xl/worksheets/sheet1.xml unpacks to more than 300 times its packed size; refusing it as a possible zip bomb",
            "billion-laughs": "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it",
            "external-entity": "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it",
            "row-past-last-row": "xl/worksheets/sheet1.xml has a cell or row reference outside the sheet's limits: \"2000000\"",
            "empty": "the file is empty",
        ]
        let folder = try fixtures(expected.keys.sorted())
        let output = try makeTemporaryDirectory("cli")
        for (name, message) in expected.sorted(by: { $0.key < $1.key }) {
            let path = folder.appendingPathComponent(name + ".xlsx").path
            let convert = try CLI.run(["convert", path, output.appendingPathComponent("out.json").path])
            XCTAssertEqual(convert.status, 2, name)
            XCTAssertEqual(convert.standardError, "error: \(path): \(message)\n", name)
            let cells = try CLI.run(["cells", path])
            XCTAssertEqual(cells.status, 2, name)
            XCTAssertTrue(cells.standardError.hasSuffix("error: \(path): \(message)\n"), "\(name): \(cells.standardError)")
        }
        XCTAssertEqual(CLI.contents(of: output), [])
    }

    /// A workbook written by `convert` converts back to the same JSON, and `check` reads it.
    func testConvertRoundTripThroughAWorkbook() throws {
        let folder = try makeTemporaryDirectory("cli")
        let example = CLI.packageRoot.appendingPathComponent("examples/000_dongxihu_2020.json").path
        let workbook = folder.appendingPathComponent("report.xlsx").path
        XCTAssertEqual(try CLI.run(["convert", example, workbook]).status, 0)
        let back = folder.appendingPathComponent("back.json").path
        let convert = try CLI.run(["convert", workbook, back])
        XCTAssertEqual(convert.status, 0, convert.standardError)
        let again = folder.appendingPathComponent("again.xlsx").path
        XCTAssertEqual(try CLI.run(["convert", back, again]).status, 0)
        let twice = folder.appendingPathComponent("twice.json").path
        XCTAssertEqual(try CLI.run(["convert", again, twice]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: back, encoding: .utf8), try String(contentsOfFile: twice, encoding: .utf8))
        XCTAssertEqual(try CLI.run(["check", workbook]).status, 0)
    }
}
