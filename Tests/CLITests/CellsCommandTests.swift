import Foundation
import XCTest

/// `xxgk cells FILE.xlsx [--sheet NAME]`: every cell the reader sees, tab-separated; an
/// unreadable file is a message naming it and exit 2.
final class CellsCommandTests: XCTestCase {
    /// Writes a hand-made variant (Tests/Scripts/make_xlsx_variant.py) into `folder`.
    private func variant(_ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("\(name).xlsx").path
        let script = CLI.packageRoot.appendingPathComponent("Tests/Scripts/make_xlsx_variant.py").path
        let run = try CLI.runProgram("/usr/bin/env", ["python3", script, name, path])
        XCTAssertEqual(run.status, 0, run.standardError)
        return path
    }

    /// Our own template: the cover's cells and a total's formula with its cached value.
    func testPrintsOurTemplate() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("t.xlsx").path
        XCTAssertEqual(try CLI.run(["template", "--form", "2021", "-o", path]).status, 0)
        let run = try CLI.run(["cells", path])
        XCTAssertEqual(run.status, 0, run.standardError)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(2)), ["封面\tA1\tstring\t政府信息公开工作年度报告格式（2021年修订）\t", "封面\tB1\tempty\t\t"])
        XCTAssertTrue(lines.contains("封面\tB5\tstring\t2021\t"))
        XCTAssertTrue(lines.contains("三、收到和处理政府信息公开申请情况\tJ5\tnumber\t0\tSUM(D5:I5)"))
        XCTAssertTrue(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
    }

    /// `--sheet` prints one sheet; tabs and line breaks inside values are escaped.
    func testOneSheetAndEscapes() throws {
        let path = try variant("escapes", in: temporaryFolder())
        let run = try CLI.run(["cells", path, "--sheet", "E"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput, """
            E\tA1\tstring\tline1\\r\\nline2 _x000D_\t
            E\tB1\tstring\ttab\\there\t
            E\tC1\tstring\tq\\nr\t"a"

            """)
    }

    /// Every type as printed.
    func testTypes() throws {
        let path = try variant("types", in: temporaryFolder())
        let run = try CLI.run(["cells", path])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput.split(separator: "\n").map(String.init), [
            "T\tA1\tboolean\tTRUE\t", "T\tB1\tboolean\tFALSE\t", "T\tC1\tboolean\tTRUE\t", "T\tD1\tboolean\tFALSE\t",
            "T\tE1\terror\t#DIV/0!\t1/0", "T\tF1\tstring\tabc\t\"ab\"&\"c\"", "T\tG1\tnumber\t199.2\t", "T\tH1\tnumber\t1E-3\t",
            "T\tI1\tstring\t12\t", "T\tJ1\tempty\t\t", "T\tK1\tempty\t\tSUM(G1:H1)", "T\tL1\tstring\t 12 \t",
        ])
    }

    /// Every hostile or wrong file: its sentence, naming the file, and exit 2.
    func testUnreadableFilesExitTwo() throws {
        let folder = try temporaryFolder()
        let expected: [(String, String)] = [
            ("encrypted", "this workbook is password-protected; save it without a password and try again"),
            ("legacy-xls", "this is an old .xls workbook; save it as .xlsx (Excel Workbook) and try again"),
            ("csv", "this is a CSV/text file, not an Excel workbook (.xlsx); open it in Excel or WPS and save it as .xlsx"),
            ("html", "this is an HTML page, not an Excel workbook (.xlsx); open it in Excel or WPS and save it as .xlsx"),
            ("docx", "this is a Word document (.docx), not an Excel workbook (.xlsx); open it in Excel or WPS and save it as .xlsx"),
            ("empty", "the file is empty (0 bytes); it is not an Excel workbook"),
            ("truncated", "the workbook is damaged or incomplete (it is not a complete zip archive: its directory is missing or unreadable); ask for the file again"),
            ("bad-checksum", "the workbook is damaged or incomplete (the part xl/worksheets/sheet1.xml fails its checksum); ask for the file again"),
            ("zip-bomb", "refusing the workbook: the part xl/worksheets/sheet1.xml is compressed 1025 to 1, more than any real sheet (a zip bomb?)"),
            ("billion-laughs", "the workbook is damaged: xl/worksheets/sheet1.xml, line 2: it has a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it (entity expansion)"),
            ("external-entity", "the workbook is damaged: xl/worksheets/sheet1.xml, line 2: it has a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it (entity expansion)"),
            ("absurd-reference", "the workbook is damaged: xl/worksheets/sheet1.xml: line 2: cell reference \"ZZZZ99999999\" is not a cell of a sheet"),
            ("malformed-xml", "the workbook is damaged: xl/worksheets/sheet1.xml, line 2: Opening and ending tag mismatch: c line 2 and row"),
            ("foreign-encoding", "the workbook is damaged: xl/worksheets/sheet1.xml, line 1: Input is not proper UTF-8, indicate encoding ! Bytes: 0xFF 0xFF 0xFF 0xFF"),
            ("missing-sheet-part", "the workbook is incomplete: it has no xl/worksheets/sheet1.xml"),
        ]
        for (name, message) in expected {
            let path = try variant(name, in: folder)
            let run = try CLI.run(["cells", path])
            XCTAssertEqual(run.status, 2, name)
            XCTAssertEqual(run.standardError, "error: \(path): \(message)\n", name)
        }
        let missing = try CLI.run(["cells", folder.appendingPathComponent("none.xlsx").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.standardError, "error: \(folder.appendingPathComponent("none.xlsx").path): cannot open the file: No such file or directory\n")
        let sheet = try CLI.run(["cells", try variant("no-r", in: folder), "--sheet", "Nope"])
        XCTAssertEqual(sheet.status, 2)
        XCTAssertTrue(sheet.standardError.hasSuffix(": the workbook has no sheet named Nope\n"))
    }
}
