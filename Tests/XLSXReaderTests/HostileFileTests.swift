import Foundation
import TestSupport
import XCTest
import XLSX

/// Hostile or wrong files (Tests/Scripts/make_xlsx_variant.py): each is refused with its own
/// error case and exact sentence, quickly, without a crash and without anything printed by
/// libxml2; the reader's caps count what is actually unpacked.
final class HostileFileTests: XCTestCase {
    /// Asserts the sentence of opening (and reading every sheet of) the variant from its path.
    private func refused(_ name: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        assertRefused(try variant(name), expected, file: file, line: line)
    }

    /// Asserts the error case of opening (and reading every sheet of) the variant from its bytes.
    private func assertError(_ name: String, _ expected: XLSXReadError, limits: ReaderLimits = .standard, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(ReaderFixtures.error(reading: try variantData(name), limits: limits), expected, file: file, line: line)
    }

    /// Rule: entity expansion never runs. A "billion laughs" sheet (nested entities in a DTD) is
    /// refused at its DOCTYPE, before any expansion.
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
        let workbook = try Workbook(contentsOf: variant("utf8-bom"))
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
        let paths = try WorkbookVariants.write(expected.map(\.0), into: makeTemporaryDirectory("reader"))
        for (name, message) in expected {
            assertRefused(try XCTUnwrap(paths[name]), message)
        }
    }

    /// Rule: a part far more compressed than any real sheet (64 MiB of spaces packed into a few
    /// KB) is refused by its compression ratio, before it is unpacked.
    func testZipBombIsRefusedByRatio() throws {
        try assertError("zip-bomb", .suspiciousCompression(part: "xl/worksheets/sheet1.xml", ratio: 300))
    }

    /// Rule: the per-entry and the total caps count the bytes actually unpacked.
    func testEntryAndTotalCaps() throws {
        try assertError("big-entry", .entryTooLarge(part: "xl/worksheets/sheet1.xml", limit: 10_000), limits: ReaderLimits(maximumEntrySize: 10_000))
        try assertError("big-entry", .totalTooLarge(limit: 20_000), limits: ReaderLimits(maximumTotalSize: 20_000))
        XCTAssertEqual(try ReaderFixtures.firstSheetCells(Workbook(data: variantData("big-entry"))).count, 2999)
    }

    /// Rule: the shared strings, held in memory whole, are capped.
    func testSharedStringsAreCapped() throws {
        try assertError("cell-kinds-names-properties", .entryTooLarge(part: "xl/sharedStrings.xml", limit: 20), limits: ReaderLimits(maximumSharedStringsSize: 20))
    }

    /// Rule: collecting a sheet in memory is capped; streaming it is not.
    func testCollectedCellsAreCapped() throws {
        let workbook = try Workbook(data: try variantData("big-entry"), limits: ReaderLimits(maximumCells: 100))
        XCTAssertThrowsError(try workbook.contents(of: try workbook.sheet(named: "Data"))) { error in
            XCTAssertEqual(error as? XLSXReadError, .tooManyCells(sheet: "Data", limit: 100))
        }
    }

    /// Rule: entity expansion and external entities never run: any DOCTYPE is refused.
    func testEntitiesAreRefused() throws {
        try assertError("billion-laughs", .documentTypeDeclaration(part: "xl/worksheets/sheet1.xml"))
        try assertError("external-entity", .documentTypeDeclaration(part: "xl/worksheets/sheet1.xml"))
    }

    /// Rule: references beyond Excel's 1,048,576 rows or XFD columns are refused.
    func testAbsurdDimensions() throws {
        try assertError("row-past-last-row", .invalidReference(part: "xl/worksheets/sheet1.xml", reference: "2000000"))
        try assertError("column-past-xfd", .invalidReference(part: "xl/worksheets/sheet1.xml", reference: "XFE1"))
    }

    /// Damaged archives and XML: each its own case.
    func testCorruptFiles() throws {
        try assertError("truncated", .corruptArchive("no zip directory at its end"))
        try assertError("bad-checksum", .corruptArchive("the entry xl/worksheets/sheet1.xml fails its checksum"))
        try assertError("missing-sheet-part", .missingPart("xl/worksheets/sheet1.xml"))
        try assertError("unclosed-row", .malformedXML(part: "xl/worksheets/sheet1.xml", line: 1, message: "Opening and ending tag mismatch: row line 1 and sheetData"))
    }

    /// Files that are not workbooks, each with its case and advice.
    func testWrongFileKinds() throws {
        try assertError("empty", .emptyFile)
        try assertError("encrypted", .passwordProtected)
        try assertError("legacy-xls", .legacyXLS)
        try assertError("csv", .text)
        try assertError("html", .html)
        try assertError("docx-without-relationships", .otherOfficeDocument(.word))
        try assertError("ods", .openDocument)
        try assertError("plain-zip", .notAWorkbook)
        try assertError("binary-garbage", .unknownFormat)
        XCTAssertEqual(XLSXReadError.passwordProtected.description,
                       "this workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again")
        XCTAssertEqual(XLSXReadError.legacyXLS.description, "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx")
    }
}
