import Foundation
import TestSupport
import XCTest

/// `xxgk cells` on the hand-made variants of Tests/Scripts/make_xlsx_variant.py: exact lines
/// for the format rules, and for every hostile or wrong file its sentence naming the file, exit 2.
final class CellsVariantTests: XCTestCase {
    /// Writes a hand-made variant (Tests/Scripts/make_xlsx_variant.py) into `folder`.
    private func variant(_ name: String, in folder: URL) throws -> String {
        try WorkbookVariants.write(name, into: folder)
    }

    /// `--sheet` prints one sheet; tabs and line breaks inside values are escaped.
    func testOneSheetAndEscapes() throws {
        let path = try variant("escapes", in: makeTemporaryDirectory("cli"))
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
        let path = try variant("types", in: makeTemporaryDirectory("cli"))
        let run = try CLI.run(["cells", path])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput.split(separator: "\n").map(String.init), [
            "T\tA1\tboolean\tTRUE\t", "T\tB1\tboolean\tFALSE\t", "T\tC1\tboolean\tTRUE\t", "T\tD1\tboolean\tFALSE\t",
            "T\tE1\terror\t#DIV/0!\t1/0", "T\tF1\tstring\tabc\t\"ab\"&\"c\"", "T\tG1\tnumber\t199.2\t", "T\tH1\tnumber\t1E-3\t",
            "T\tI1\tstring\t12\t", "T\tK1\tempty\t\tSUM(G1:H1)", "T\tL1\tstring\t 12 \t",
        ])
    }

    /// Every hostile or wrong file: its sentence, naming the file, and exit 2.
    func testEveryWrongFileExitsTwoWithItsSentence() throws {
        let folder = try makeTemporaryDirectory("cli")
        let expected: [(String, String)] = [
            ("encrypted", "this workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again"),
            ("legacy-xls", "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx"),
            ("csv", "this is a text file (CSV?), not an Excel workbook; open it in Excel or WPS and save it as .xlsx"),
            ("html", "this is a web page (HTML), not an Excel workbook; open it in Excel or WPS and save it as .xlsx"),
            ("docx", "this is a Word document (.docx), not an Excel workbook"),
            ("plain-zip", "this zip archive holds no Excel workbook (no xl/workbook.xml)"),
            ("empty", "the file is empty"),
            ("truncated", "the workbook is truncated or corrupt (no zip directory at its end); ask for the file again"),
            ("bad-checksum", "the workbook is truncated or corrupt (the entry xl/worksheets/sheet1.xml fails its checksum); ask for the file again"),
            ("zip-bomb", "xl/worksheets/sheet1.xml unpacks to more than 300 times its packed size; refusing it as a possible zip bomb"),
            ("billion-laughs", "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it"),
            ("external-entity", "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it"),
            ("absurd-reference", "xl/worksheets/sheet1.xml has a cell or row reference outside the sheet's limits: \"ZZZZ99999999\""),
            ("malformed-xml", "xl/worksheets/sheet1.xml is not well-formed XML (line 2: Opening and ending tag mismatch: c line 2 and row)"),
            ("foreign-encoding", "xl/worksheets/sheet1.xml is not well-formed XML (line 1: Input is not proper UTF-8, indicate encoding ! Bytes: 0xFF 0xFF 0xFF 0xFF)"),
            ("missing-sheet-part", "the workbook is incomplete: it refers to xl/worksheets/sheet1.xml, which is not in the file"),
        ]
        for (name, message) in expected {
            let path = try variant(name, in: folder)
            let run = try CLI.run(["cells", path])
            XCTAssertEqual(run.status, 2, name)
            XCTAssertEqual(run.standardError, "error: \(path): \(message)\n", name)
        }
    }
}
