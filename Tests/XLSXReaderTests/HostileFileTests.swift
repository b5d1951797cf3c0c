import Foundation
import XCTest
import XLSX

/// Hostile or wrong files (Tests/Scripts/make_xlsx_variant.py): each is refused with its own
/// exact sentence, quickly, without a crash and without anything printed by libxml2.
final class HostileFileTests: XCTestCase {
    private func refused(_ variant: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try ReaderFixtures.variant(variant, in: makeFolder())
        assertRefused(path, expected, file: file, line: line)
    }

    /// A "billion laughs" sheet (nested entities in a DTD) is refused at its DOCTYPE, before any expansion.
    func testBillionLaughsIsRefusedFast() throws {
        let start = Date()
        try refused("billion-laughs", "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        try refused("external-entity", "xl/worksheets/sheet1.xml contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it")
    }

    /// Found by `make fuzz`: a part declaring a legacy encoding (EUC-JP) with bytes iconv
    /// rejects made libxml2 print to stderr and gave "line 0: parse error 81"; the declaration
    /// is now ignored (parts are UTF-8), so it is one ordinary message.
    func testDeclaredLegacyEncodingIsReadAsUTF8() throws {
        try refused("foreign-encoding", "xl/worksheets/sheet1.xml is not well-formed XML (line 1: Input is not proper UTF-8, indicate encoding ! Bytes: 0xFF 0xFF 0xFF 0xFF)")
    }

    /// Found by `make fuzz`: first bytes that look like UTF-16 or UCS-4 made libxml2 switch
    /// encodings and print conversion failures to stderr. Parts are UTF-8 only; a UTF-8 byte
    /// order mark is accepted.
    func testPartsAreUTF8Only() throws {
        try refused("utf16-part", "xl/worksheets/sheet1.xml is not well-formed XML (line 1: it is not UTF-8 (UTF-16 or UCS-4?); workbook XML is UTF-8)")
        let workbook = try Workbook(contentsOf: ReaderFixtures.variant("utf8-bom", in: makeFolder()))
        XCTAssertEqual(try ReaderFixtures.ordered(workbook, "S"), ["A1=number(\"1\")"])
    }

    /// A .docx renamed to .xlsx has an officeDocument relationship too (to word/document.xml);
    /// it was read as a workbook without sheets. It is a Word document.
    func testWordDocumentIsNotAnEmptyWorkbook() throws {
        try refused("docx", "this is a Word document (.docx), not an Excel workbook")
    }

    /// Every other hostile or wrong file of the variants, with its sentence.
    func testEveryWrongFile() throws {
        let expected: [(String, String)] = [
            ("zip-bomb", "xl/worksheets/sheet1.xml unpacks to more than 300 times its packed size; refusing it as a possible zip bomb"),
            ("absurd-reference", "xl/worksheets/sheet1.xml has a cell or row reference outside the sheet's limits: \"ZZZZ99999999\""),
            ("absurd-row", "xl/worksheets/sheet1.xml has a cell or row reference outside the sheet's limits: \"4294967297\""),
            ("malformed-xml", "xl/worksheets/sheet1.xml is not well-formed XML (line 2: Opening and ending tag mismatch: c line 2 and row)"),
            ("bad-checksum", "the workbook is truncated or corrupt (the entry xl/worksheets/sheet1.xml fails its checksum); ask for the file again"),
            ("truncated", "the workbook is truncated or corrupt (no zip directory at its end); ask for the file again"),
            ("missing-sheet-part", "the workbook is incomplete: it refers to xl/worksheets/sheet1.xml, which is not in the file"),
            ("plain-zip", "this zip archive holds no Excel workbook (no xl/workbook.xml)"),
            ("encrypted", "this workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again"),
            ("legacy-xls", "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx"),
            ("csv", "this is a text file (CSV?), not an Excel workbook; open it in Excel or WPS and save it as .xlsx"),
            ("html", "this is a web page (HTML), not an Excel workbook; open it in Excel or WPS and save it as .xlsx"),
            ("empty", "the file is empty"),
        ]
        for (variant, message) in expected {
            try refused(variant, message)
        }
    }
}
