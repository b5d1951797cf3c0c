import XCTest
import XLSX

/// Wrong and hostile files: each gets its own error, none crashes or hangs.
final class HostileFileTests: XCTestCase {
    private func assertError(_ name: String, _ expected: XLSXReadError, limits: ReaderLimits = .standard, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try ReaderFixtures.error(name, limits: limits), expected, file: file, line: line)
    }

    /// 40 MB of spaces packed into a few KB: refused by the compression ratio.
    func testZipBombIsRefusedByRatio() throws {
        try assertError("zip-bomb.xlsx", .suspiciousCompression(part: "xl/worksheets/sheet1.xml", ratio: 300))
    }

    /// The per-entry and the total caps count the bytes actually unpacked.
    func testEntryAndTotalCaps() throws {
        try assertError("big-entry.xlsx", .entryTooLarge(part: "xl/worksheets/sheet1.xml", limit: 10_000), limits: ReaderLimits(maximumEntrySize: 10_000))
        try assertError("big-entry.xlsx", .totalTooLarge(limit: 20_000), limits: ReaderLimits(maximumTotalSize: 20_000))
        XCTAssertEqual(try ReaderFixtures.cells("big-entry.xlsx").count, 2999)
    }

    /// The shared strings, held in memory whole, are capped.
    func testSharedStringsAreCapped() throws {
        try assertError("cell-types.xlsx", .entryTooLarge(part: "xl/sharedStrings.xml", limit: 20), limits: ReaderLimits(maximumSharedStringsSize: 20))
    }

    /// Collecting a sheet in memory is capped; streaming it is not.
    func testCollectedCellsAreCapped() throws {
        let workbook = try Workbook(data: try ReaderFixtures.data("big-entry.xlsx"), limits: ReaderLimits(maximumCells: 100))
        XCTAssertThrowsError(try workbook.contents(of: try workbook.sheet(named: "Data"))) { error in
            XCTAssertEqual(error as? XLSXReadError, .tooManyCells(sheet: "Data", limit: 100))
        }
    }

    /// Entity expansion and external entities never run: any DOCTYPE is refused.
    func testEntitiesAreRefused() throws {
        try assertError("billion-laughs.xlsx", .documentTypeDeclaration(part: "xl/worksheets/sheet1.xml"))
        try assertError("external-entity.xlsx", .documentTypeDeclaration(part: "xl/worksheets/sheet1.xml"))
    }

    /// References beyond Excel's 1,048,576 rows or XFD columns.
    func testAbsurdDimensions() throws {
        try assertError("absurd-row.xlsx", .invalidReference(part: "xl/worksheets/sheet1.xml", reference: "2000000"))
        try assertError("absurd-column.xlsx", .invalidReference(part: "xl/worksheets/sheet1.xml", reference: "XFE1"))
    }

    /// Damaged archives and XML.
    func testCorruptFiles() throws {
        try assertError("truncated.xlsx", .corruptArchive("no zip directory at its end"))
        try assertError("crc-mismatch.xlsx", .corruptArchive("the entry xl/worksheets/sheet1.xml fails its checksum"))
        try assertError("missing-sheet-part.xlsx", .missingPart("xl/worksheets/sheet1.xml"))
        try assertError("malformed-xml.xlsx", .malformedXML(part: "xl/worksheets/sheet1.xml", line: 1, message: "Opening and ending tag mismatch: row line 1 and sheetData"))
    }

    /// Files that are not workbooks, each with its advice.
    func testWrongFileKinds() throws {
        try assertError("empty.xlsx", .emptyFile)
        try assertError("encrypted.xlsx", .passwordProtected)
        try assertError("legacy.xlsx", .legacyXLS)
        try assertError("csv-renamed.xlsx", .text)
        try assertError("html-renamed.xlsx", .html)
        try assertError("docx-renamed.xlsx", .otherOfficeDocument("Word document (.docx)"))
        try assertError("ods-renamed.xlsx", .openDocument)
        try assertError("plain-zip.xlsx", .notAWorkbook)
        try assertError("binary-garbage.xlsx", .unknownFormat)
        XCTAssertEqual(XLSXReadError.passwordProtected.description,
                       "this workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again")
        XCTAssertEqual(XLSXReadError.legacyXLS.description, "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx")
    }
}
