import Foundation
import XCTest
import XLSX

/// Hostile or wrong files: each is refused with its own exact sentence, quickly, without a crash.
final class HostileFileTests: XCTestCase {
    private func refused(_ variant: String, _ expected: XLSXReadError, limits: XLSXReadLimits = .default, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try ReaderFixtures.variant(variant, in: makeFolder())
        assertRefused(path, expected, limits: limits, file: file, line: line)
    }

    /// A "billion laughs" sheet (nested entities in a DTD) is refused at its DOCTYPE, before any expansion.
    func testBillionLaughsIsRefusedFast() throws {
        let start = Date()
        try refused("billion-laughs", .xmlError(
            part: "xl/worksheets/sheet1.xml", line: 2,
            message: "it has a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it (entity expansion)"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    /// An external entity (XXE, `SYSTEM "file:///etc/passwd"`) is never resolved.
    func testExternalEntityIsRefused() throws {
        try refused("external-entity", .xmlError(
            part: "xl/worksheets/sheet1.xml", line: 2,
            message: "it has a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it (entity expansion)"))
    }

    /// A zip bomb: 64 MiB of XML compressed about 1000 to 1 is refused before inflating.
    func testZipBombIsRefusedByRatio() throws {
        try refused("zip-bomb", .tooLarge("the part xl/worksheets/sheet1.xml is compressed 1025 to 1, more than any real sheet (a zip bomb?)"))
    }

    /// The per-part and total caps, checked against the archive directory before inflating.
    func testSizeCapsAreChecked() throws {
        var limits = XLSXReadLimits.default
        limits.maxEntryBytes = 100
        try refused("no-r", .tooLarge("the part [Content_Types].xml would inflate to 558 bytes; at most 100 bytes are accepted"), limits: limits)
        limits = .default
        limits.maxTotalBytes = 1000
        try refused("no-r", .tooLarge("its parts would inflate to more than 1000 bytes in all (a zip bomb?)"), limits: limits)
        limits = .default
        limits.maxRows = 2
        try refused("no-r", .tooLarge("xl/worksheets/sheet1.xml has more than 2 rows"), limits: limits)
        limits = .default
        limits.maxColumns = 1
        try refused("no-r", .tooLarge("xl/worksheets/sheet1.xml has a row with more than 1 columns"), limits: limits)
    }

    /// A cell reference or row number beyond Excel's sheet is refused; nothing is sized by it.
    func testAbsurdReferences() throws {
        try refused("absurd-reference", .invalidContent(part: "xl/worksheets/sheet1.xml", message: "line 2: cell reference \"ZZZZ99999999\" is not a cell of a sheet"))
        try refused("absurd-row", .invalidContent(part: "xl/worksheets/sheet1.xml", message: "line 2: row number \"4294967297\" is outside the sheet (1–1048576)"))
    }

    /// A shared string index past the table.
    func testSharedStringOutOfRange() throws {
        try refused("bad-shared-string", .invalidContent(part: "xl/worksheets/sheet1.xml", message: "cell B2 refers to shared string 5, but the workbook has 1"))
    }

    /// Malformed XML: libxml2's reason with the part and line.
    func testMalformedXML() throws {
        try refused("malformed-xml", .xmlError(part: "xl/worksheets/sheet1.xml", line: 2, message: "Opening and ending tag mismatch: c line 2 and row"))
    }

    /// Found by `make fuzz`: a part declaring a legacy encoding (EUC-JP) with bytes iconv rejects
    /// made libxml2 print to stderr; the declaration is ignored (parts are UTF-8), so it is one
    /// ordinary message.
    func testDeclaredLegacyEncodingIsReadAsUTF8() throws {
        try refused("foreign-encoding", .xmlError(
            part: "xl/worksheets/sheet1.xml", line: 1, message: "Input is not proper UTF-8, indicate encoding ! Bytes: 0xFF 0xFF 0xFF 0xFF"))
    }

    /// Damaged archives: a checksum failure, a file cut in half, a missing sheet part.
    func testDamagedArchives() throws {
        try refused("bad-checksum", .corruptArchive("the part xl/worksheets/sheet1.xml fails its checksum"))
        try refused("truncated", .corruptArchive("it is not a complete zip archive: its directory is missing or unreadable"))
        try refused("missing-sheet-part", .missingPart("xl/worksheets/sheet1.xml"))
    }

    /// Files that are not workbooks, told apart by their first bytes or their zip contents.
    func testWrongKindsOfFile() throws {
        try refused("encrypted", .passwordProtected)
        try refused("legacy-xls", .legacyXLS)
        try refused("docx", .notAWorkbook(what: "a Word document (.docx)"))
        try refused("plain-zip", .notAWorkbook(what: "a zip archive without a workbook in it"))
        try refused("csv", .notAWorkbook(what: "a CSV/text file"))
        try refused("html", .notAWorkbook(what: "an HTML page"))
        try refused("empty", .emptyFile)
        assertRefused("/nonexistent/book.xlsx", .unreadable("No such file or directory"))
    }

    /// The sentences users see.
    func testMessages() {
        XCTAssertEqual(XLSXReadError.passwordProtected.description, "this workbook is password-protected; save it without a password and try again")
        XCTAssertEqual(XLSXReadError.legacyXLS.description, "this is an old .xls workbook; save it as .xlsx (Excel Workbook) and try again")
        XCTAssertEqual(XLSXReadError.notAWorkbook(what: "a CSV/text file").description,
                       "this is a CSV/text file, not an Excel workbook (.xlsx); open it in Excel or WPS and save it as .xlsx")
        XCTAssertEqual(XLSXReadError.emptyFile.description, "the file is empty (0 bytes); it is not an Excel workbook")
    }
}
