import Foundation
import XCTest

/// `xxgk cells`, and `convert`/`check` on workbooks that cannot be read: message and exit 2.
final class CellsCommandTests: XCTestCase {
    /// The reader fixtures of Tests/Scripts/make_reader_fixtures.py in a new folder.
    private func fixtures() throws -> URL {
        let folder = try CLI.temporaryFolder()
        let script = CLI.packageRoot.appendingPathComponent("Tests/Scripts/make_reader_fixtures.py").path
        let run = try CLI.runProgram("/usr/bin/env", ["python3", script, folder.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        return folder
    }

    func testCellsPrintsEveryCellTabSeparated() throws {
        let folder = try fixtures()
        let run = try CLI.run(["cells", folder.appendingPathComponent("cell-types.xlsx").path, "--sheet", "Data"])
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
        let folder = try fixtures()
        let run = try CLI.run(["cells", folder.appendingPathComponent("merged.xlsx").path, "--sheet", "Nope"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.standardError, "error: \(folder.appendingPathComponent("merged.xlsx").path): no sheet named Nope; the sheets are Data\n")
    }

    /// Every hostile or wrong file: its own message, exit 2, and `convert` writes nothing.
    func testUnreadableWorkbooksExitTwoWithTheirMessage() throws {
        let folder = try fixtures()
        let expected: [String: String] = [
            "encrypted.xlsx": "this workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again",
            "legacy.xlsx": "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx",
            "csv-renamed.xlsx": "this is a text file (CSV?), not an Excel workbook; open it in Excel or WPS and save it as .xlsx",
            "html-renamed.xlsx": "this is a web page (HTML), not an Excel workbook; open it in Excel or WPS and save it as .xlsx",
            "docx-renamed.xlsx": "this is a Word document (.docx), not an Excel workbook",
            "truncated.xlsx": "the workbook is truncated or corrupt (no zip directory at its end); ask for the file again",
            "zip-bomb.xlsx": "xl/worksheets/sheet1.xml unpacks to more than 300 times its packed size; refusing it as a possible zip bomb",
            "billion-laughs.xlsx": "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it",
            "external-entity.xlsx": "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it",
            "absurd-row.xlsx": "xl/worksheets/sheet1.xml has a cell or row reference outside the sheet's limits: \"2000000\"",
            "empty.xlsx": "the file is empty",
        ]
        let output = try CLI.temporaryFolder()
        for (name, message) in expected.sorted(by: { $0.key < $1.key }) {
            let path = folder.appendingPathComponent(name).path
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
        let folder = try CLI.temporaryFolder()
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
