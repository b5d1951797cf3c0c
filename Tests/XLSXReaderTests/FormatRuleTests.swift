import XCTest
import XLSX

/// Each test reads a small hand-made workbook built for one rule of the format
/// (Tests/Scripts/make_xlsx_variant.py) and asserts the exact cells.
final class FormatRuleTests: XCTestCase {
    /// Rule: `r` on rows and cells is optional; a row without `r` follows the previous row,
    /// a cell without `r` the previous cell of its row (empty `<row/>` still counts).
    func testRowsAndCellsWithoutReferencesAreCounted() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("no-r", in: makeFolder()))
        XCTAssertEqual(try ReaderFixtures.ordered(document, "S"), [
            "A1=number(\"1\")", "B1=number(\"2\")", "A3=string(\"x\")", "B3=empty", "C3=number(\"3\")",
            "A7=number(\"4\")", "C8=number(\"5\")", "D8=number(\"6\")",
        ])
    }

    /// Rule: element names may carry any prefix bound to the SpreadsheetML namespace (`x:c`).
    func testPrefixedElements() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("prefixed", in: makeFolder()))
        XCTAssertEqual(document.sheetNames, ["P"])
        XCTAssertEqual(try ReaderFixtures.ordered(document, "P"), ["A1=string(\"前缀\")", "B1=number(\"42\")"])
        let merged = try document.mergedRanges(inSheet: "P")
        XCTAssertEqual(merged.map { "\($0.first):\($0.last)" }, ["A1:B1"])
    }

    /// Rule: Strict OOXML uses http://purl.oclc.org/ooxml/… namespaces and relationship types,
    /// and may write the 1904 flag as `true`.
    func testStrictNamespaces() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("strict", in: makeFolder()))
        XCTAssertEqual(document.sheetNames, ["Strict"])
        XCTAssertTrue(document.uses1904Dates)
        XCTAssertEqual(try ReaderFixtures.ordered(document, "Strict"), ["A1=string(\"严格\")", "B1=number(\"7.5\")"])
    }

    /// Rule: `_xHHHH_` is a UTF-16 code unit in hex (for characters XML cannot carry);
    /// `_x005F_` is a literal underscore, so `_x005F_x000D_` reads as the text `_x000D_`.
    func testExcelEscapesAreDecoded() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("escapes", in: makeFolder()))
        let cells = try ReaderFixtures.cells(document, "E")
        XCTAssertEqual(cells["A1"]?.content, .string("line1\r\nline2 _x000D_"))
        XCTAssertEqual(cells["B1"]?.content, .string("tab\there"))
        XCTAssertEqual(cells["C1"]?.content, .string("q\nr"))
        XCTAssertEqual(cells["C1"]?.formula, "\"a\"")
    }

    /// Rule: a shared formula's followers hold only `si`; their formula is the master's with
    /// relative references moved by the offset (absolute parts, function names and string
    /// literals unchanged).
    func testSharedFormulasAreTranslated() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("shared-formulas", in: makeFolder()))
        let cells = try ReaderFixtures.cells(document, "F")
        XCTAssertEqual(cells["B1"]?.formula, "A1*2+$A$1+SUM(A1:A$2)")
        XCTAssertEqual(cells["B2"]?.formula, "A2*2+$A$1+SUM(A2:A$2)")
        XCTAssertEqual(cells["B3"]?.formula, "A3*2+$A$1+SUM(A3:A$2)")
        XCTAssertEqual(cells["B3"]?.content, .number("8"))
        XCTAssertEqual(cells["C3"]?.formula, "LOG10(A3)&\"A1\"")
        XCTAssertEqual(cells["C3"]?.content, .empty)
    }

    /// Rule: rich-text runs (`<r><t>`) are concatenated; phonetic runs (`<rPh>`) are not
    /// part of the text, in shared strings and inline strings alike.
    func testRichRunsConcatenatedPhoneticRunsSkipped() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("rich-phonetic", in: makeFolder()))
        let cells = try ReaderFixtures.cells(document, "R")
        XCTAssertEqual(cells["A1"]?.content, .string("机关名称"))
        XCTAssertEqual(cells["B1"]?.content, .string("東京"))
        XCTAssertEqual(cells["C1"]?.content, .string("富文本 "))
    }

    /// Rule: the cell type `t`: b (1/0/true/false), e, str, n or absent, s; a number stored as
    /// text stays text; a cell without `<v>` is empty, with its formula if it has one.
    func testEveryCellType() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("types", in: makeFolder()))
        let cells = try ReaderFixtures.cells(document, "T")
        XCTAssertEqual(cells["A1"]?.content, .boolean(true))
        XCTAssertEqual(cells["B1"]?.content, .boolean(false))
        XCTAssertEqual(cells["C1"]?.content, .boolean(true))
        XCTAssertEqual(cells["D1"]?.content, .boolean(false))
        XCTAssertEqual(cells["E1"], XLSXCell(reference: CellReference(row: 0, column: 4), content: .error("#DIV/0!"), formula: "1/0"))
        XCTAssertEqual(cells["F1"], XLSXCell(reference: CellReference(row: 0, column: 5), content: .string("abc"), formula: "\"ab\"&\"c\""))
        XCTAssertEqual(cells["G1"]?.content, .number("199.2"))
        XCTAssertEqual(cells["H1"]?.content, .number("1E-3"))
        XCTAssertEqual(cells["I1"]?.content, .string("12"))
        XCTAssertEqual(cells["J1"], XLSXCell(reference: CellReference(row: 0, column: 9), content: .empty, formula: nil))
        XCTAssertEqual(cells["K1"], XLSXCell(reference: CellReference(row: 0, column: 10), content: .empty, formula: "SUM(G1:H1)"))
        XCTAssertEqual(cells["L1"]?.content, .string(" 12 "))
    }

    /// Rule: sheets are found through the workbook's relationships, whatever the ids
    /// (`rIdSheetA`) and targets (absolute `/xl/…`, relative with `..`, any file name);
    /// localSheetId is an index into the sheet list; custom properties are name → text.
    func testWorkbookParts() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("workbook-parts", in: makeFolder()))
        XCTAssertEqual(document.sheetNames, ["一", "It's"])
        XCTAssertTrue(document.uses1904Dates)
        XCTAssertEqual(document.customProperties, ["xxgk.form": "2021", "KSOProductBuildVer": "2052-12.1.0.16250"])
        XCTAssertEqual(document.definedNames, [
            XLSXDefinedName(name: "total", formula: "'一'!$C$2", localSheet: nil),
            XLSXDefinedName(name: "local", formula: "'It''s'!A1", localSheet: "It's"),
            XLSXDefinedName(name: "range", formula: "一!$A$1:$B$2", localSheet: nil),
        ])
        XCTAssertEqual(document.definedNames[0].target?.sheet, "一")
        XCTAssertEqual(document.definedNames[0].target?.reference, CellReference("C2"))
        XCTAssertEqual(document.definedNames[1].target?.sheet, "It's")
        XCTAssertNil(document.definedNames[2].target)
        XCTAssertEqual(try ReaderFixtures.ordered(document, "一"), ["C2=number(\"5\")"])
        XCTAssertEqual(try ReaderFixtures.ordered(document, "It's"), ["A1=number(\"9\")"])
        XCTAssertEqual(try document.mergedRanges(inSheet: "一").map { "\($0.first):\($0.last)" }, ["A1:D1", "B3:C4"])
    }

    /// Rule: `<dimension>` is a hint that writers (WPS) get wrong; it is ignored, never used to size anything.
    func testAbsurdDimensionIsIgnored() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("absurd-dimension", in: makeFolder()))
        XCTAssertEqual(try ReaderFixtures.ordered(document, "S"), ["A1=number(\"1\")"])
    }

    /// An error thrown by the caller's closure ends the read and reaches the caller unchanged.
    func testCallerErrorStopsTheRead() throws {
        struct Enough: Error {}
        let document = try XLSXDocument(path: ReaderFixtures.variant("no-r", in: makeFolder()))
        var seen = 0
        XCTAssertThrowsError(try document.readSheet(named: "S") { _ in
            seen += 1
            if seen == 2 { throw Enough() }
        }) { XCTAssertTrue($0 is Enough) }
        XCTAssertEqual(seen, 2)
        XCTAssertEqual(try ReaderFixtures.ordered(document, "S").count, 8)
    }

    /// A sheet name that is not in the workbook.
    func testUnknownSheet() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("no-r", in: makeFolder()))
        XCTAssertThrowsError(try document.readSheet(named: "Nope") { _ in }) {
            XCTAssertEqual($0 as? XLSXReadError, .noSuchSheet("Nope"))
            XCTAssertEqual("\($0)", "the workbook has no sheet named Nope")
        }
    }
}
