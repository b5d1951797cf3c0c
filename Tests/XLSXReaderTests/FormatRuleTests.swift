import XCTest
import XLSX

/// Each test reads a small hand-made workbook built for one rule of the format
/// (Tests/Scripts/make_xlsx_variant.py, the variant named after what it shows) and asserts the exact cells.
final class FormatRuleTests: XCTestCase {
    /// The variant opened from its path (minizip reading the file).
    private func open(_ name: String) throws -> Workbook {
        try Workbook(contentsOf: variant(name))
    }

    /// The variant opened from its bytes (minizip reading memory).
    private func openData(_ name: String) throws -> Workbook {
        try Workbook(data: variantData(name))
    }

    /// Rule: `r` on rows and cells is optional; a row without `r` follows the previous row
    /// (an empty `<row/>` still counts), a cell without `r` the previous cell of its row
    /// (an empty `<c/>` still takes its place).
    func testRowsAndCellsWithoutReferencesAreCounted() throws {
        XCTAssertEqual(try ReaderFixtures.ordered(open("no-r"), "S"), [
            "A1=number(\"1\")", "B1=number(\"2\")", "A3=string(\"x\")", "C3=number(\"3\")",
            "A7=number(\"4\")", "C8=number(\"5\")", "D8=number(\"6\")",
        ])
    }

    /// Rule: element names may carry any prefix bound to the SpreadsheetML namespace (`x:c`).
    func testPrefixedElements() throws {
        let workbook = try open("prefixed")
        XCTAssertEqual(workbook.sheets.map(\.name), ["P"])
        XCTAssertEqual(try ReaderFixtures.ordered(workbook, "P"), ["A1=string(\"前缀\")", "B1=number(\"42\")"])
        XCTAssertEqual(try ReaderFixtures.merged(workbook, "P"), ["A1:B1"])
    }

    /// Rule: Strict OOXML uses http://purl.oclc.org/ooxml/… namespaces and relationship types,
    /// and may write the 1904 flag as `true`.
    func testStrictNamespaces() throws {
        let workbook = try open("strict")
        XCTAssertTrue(workbook.uses1904Dates)
        XCTAssertEqual(try ReaderFixtures.ordered(workbook, "Strict"), ["A1=string(\"严格\")", "B1=number(\"7.5\")"])
    }

    /// Rule: `_xHHHH_` is a UTF-16 code unit in hex (for characters XML cannot carry);
    /// `_x005F_` is a literal underscore, so `_x005F_x000D_` reads as the text `_x000D_`.
    func testExcelEscapesAreDecoded() throws {
        let cells = try ReaderFixtures.cells(open("escapes"), "E")
        XCTAssertEqual(cells["A1"]?.value, .string("line1\r\nline2 _x000D_"))
        XCTAssertEqual(cells["B1"]?.value, .string("tab\there"))
        XCTAssertEqual(cells["C1"]?.value, .string("q\nr"))
        XCTAssertEqual(cells["C1"]?.formula, "\"a\"")
    }

    /// Rule: a shared formula's followers hold only `si`; their formula is the master's with
    /// relative references moved by the offset (absolute parts, function names and string
    /// literals unchanged).
    func testSharedFormulasAreTranslated() throws {
        let cells = try ReaderFixtures.cells(open("shared-formulas"), "F")
        XCTAssertEqual(cells["B1"]?.formula, "A1*2+$A$1+SUM(A1:A$2)")
        XCTAssertEqual(cells["B2"]?.formula, "A2*2+$A$1+SUM(A2:A$2)")
        XCTAssertEqual(cells["B3"]?.formula, "A3*2+$A$1+SUM(A3:A$2)")
        XCTAssertEqual(cells["B3"]?.value, .number("8"))
        XCTAssertEqual(cells["C3"], Cell(reference: CellReference(row: 2, column: 2), value: .empty, formula: "LOG10(A3)&\"A1\""))
    }

    /// Rule: rich-text runs (`<r><t>`) are concatenated; phonetic runs (`<rPh>`) are not
    /// part of the text, in shared strings and inline strings alike.
    func testRichRunsConcatenatedPhoneticRunsSkipped() throws {
        let cells = try ReaderFixtures.cells(open("rich-phonetic"), "R")
        XCTAssertEqual(cells["A1"]?.value, .string("机关名称"))
        XCTAssertEqual(cells["B1"]?.value, .string("東京"))
        XCTAssertEqual(cells["C1"]?.value, .string("富文本 "))
    }

    /// Rule: the cell type `t`: b (1/0/true/false), e, str, n or absent, s; a number stored as
    /// text stays text; a formula without `<v>` is empty with its formula; a styled blank
    /// (`<c s="3"/>`) holds nothing and is not reported.
    func testEveryCellType() throws {
        let cells = try ReaderFixtures.cells(open("types"), "T")
        XCTAssertEqual(cells["A1"]?.value, .boolean(true))
        XCTAssertEqual(cells["B1"]?.value, .boolean(false))
        XCTAssertEqual(cells["C1"]?.value, .boolean(true))
        XCTAssertEqual(cells["D1"]?.value, .boolean(false))
        XCTAssertEqual(cells["E1"], Cell(reference: CellReference(row: 0, column: 4), value: .error("#DIV/0!"), formula: "1/0"))
        XCTAssertEqual(cells["F1"], Cell(reference: CellReference(row: 0, column: 5), value: .string("abc"), formula: "\"ab\"&\"c\""))
        XCTAssertEqual(cells["G1"]?.value, .number("199.2"))
        XCTAssertEqual(cells["H1"]?.value, .number("1E-3"))
        XCTAssertEqual(cells["I1"]?.value, .string("12"))
        XCTAssertNil(cells["J1"])
        XCTAssertEqual(cells["K1"], Cell(reference: CellReference(row: 0, column: 10), value: .empty, formula: "SUM(G1:H1)"))
        XCTAssertEqual(cells["L1"]?.value, .string(" 12 "))
    }

    /// Rule: sheets are found through the workbook's relationships, whatever the ids
    /// (`rIdSheetA`) and targets (absolute `/xl/…`, relative with `..`, any file name);
    /// localSheetId is an index into the sheet list; custom properties are name → text.
    func testWorkbookParts() throws {
        let workbook = try open("workbook-parts")
        XCTAssertEqual(workbook.sheets.map(\.name), ["一", "It's"])
        XCTAssertEqual(workbook.sheets.map(\.part), ["xl/worksheets/data.xml", "xl/other/sheet.xml"])
        XCTAssertTrue(workbook.uses1904Dates)
        XCTAssertEqual(workbook.customProperties, ["xxgk.form": "2021", "KSOProductBuildVer": "2052-12.1.0.16250"])
        XCTAssertEqual(workbook.definedNames.map(\.name), ["total", "local", "range"])
        XCTAssertEqual(workbook.definedNames.map(\.sheetIndex), [nil, 1, nil])
        XCTAssertEqual(workbook.definedNames[0].target?.sheet, "一")
        XCTAssertEqual(workbook.definedNames[0].target?.range.first, CellReference("C2"))
        XCTAssertEqual(workbook.definedNames[1].target?.sheet, "It's")
        XCTAssertEqual(workbook.definedNames[2].target?.range.description, "A1:B2")
        XCTAssertEqual(try ReaderFixtures.ordered(workbook, "一"), ["C2=number(\"5\")"])
        XCTAssertEqual(try ReaderFixtures.ordered(workbook, "It's"), ["A1=number(\"9\")"])
        XCTAssertEqual(try ReaderFixtures.merged(workbook, "一"), ["A1:D1", "B3:C4"])
    }

    /// Rule: `<dimension>` is a hint that writers (WPS) get wrong; it is ignored, never used to size anything.
    func testAbsurdDimensionIsIgnored() throws {
        XCTAssertEqual(try ReaderFixtures.ordered(open("absurd-dimension"), "S"), ["A1=number(\"1\")"])
    }

    /// Rule: shared strings concatenate their rich-text runs and skip phonetic runs; inline
    /// strings, `t="str"`, booleans as `1` and `false`, error values and numbers keep their kind;
    /// `_xHHHH_` escapes decode (`_x005F_` is a literal underscore); a styled empty cell is no cell.
    func testEveryCellKindInOneSheetWithSharedStrings() throws {
        let cells = try ReaderFixtures.firstSheetCells(openData("cell-kinds-names-properties"))
        XCTAssertEqual(cells["A1"]?.value, .string("机关 名称"))
        XCTAssertEqual(cells["B1"]?.value, .string("inline"))
        XCTAssertEqual(cells["C1"]?.value, .string("ab"))
        XCTAssertEqual(cells["C1"]?.formula, "\"a\"&\"b\"")
        XCTAssertEqual(cells["D1"]?.value, .boolean(true))
        XCTAssertEqual(cells["E1"]?.value, .boolean(false))
        XCTAssertEqual(cells["F1"]?.value, .error("#REF!"))
        XCTAssertEqual(cells["G1"]?.value, .number("12.5"))
        XCTAssertEqual(cells["H1"]?.value, .number("-3"))
        XCTAssertEqual(cells["I1"]?.value, .string("line\r\ntwo_x0041_"))
        XCTAssertNil(cells["A2"])
        XCTAssertEqual(cells["B2"], Cell(reference: CellReference(row: 1, column: 1), value: .empty, formula: "SUM(G1:H1)"))
        XCTAssertEqual(cells.count, 10)
    }

    /// Rule: defined names are global or sheet-local (`localSheetId`), their sheet names may be
    /// quoted; custom properties are name → text; `date1904="1"` switches the date system.
    func testDefinedNamesCustomPropertiesAnd1904Flag() throws {
        let workbook = try openData("cell-kinds-names-properties")
        XCTAssertEqual(workbook.sheets.map(\.name), ["Data"])
        XCTAssertTrue(workbook.uses1904Dates)
        XCTAssertEqual(workbook.customProperties, ["xxgk.form": "2021", "KSOProductBuildVer": "2052-11.1.0"])
        XCTAssertEqual(workbook.definedNames.map(\.name), ["report_agency", "local"])
        XCTAssertEqual(workbook.definedNames[0].target?.sheet, "Data")
        XCTAssertEqual(workbook.definedNames[0].target?.range.description, "A1")
        XCTAssertNil(workbook.definedNames[0].sheetIndex)
        XCTAssertEqual(workbook.definedNames[1].sheetIndex, 0)
        XCTAssertEqual(workbook.definedNames[1].target?.range.description, "B1:C2")
    }

    /// Rule: rows and cells without `r` continue from the previous one, also after an explicit
    /// `r`; the sheet is found through an absolute relationship target under an unusual rId.
    func testCellsWithoutReferencesFollowAnExplicitOne() throws {
        let cells = try ReaderFixtures.firstSheetCells(openData("no-r-after-explicit-reference"))
        XCTAssertEqual(cells.mapValues(\.value.text), ["A1": "1", "B1": "2", "A2": "x", "D2": "4", "E2": "5", "A5": "6"])
    }

    /// Rule: element prefixes (`x:c`) and the Strict OOXML namespaces, together, read like the
    /// transitional ones, merged ranges included.
    func testStrictNamespacesWithPrefixes() throws {
        let workbook = try openData("strict-prefixed")
        let contents = try workbook.contents(of: try workbook.sheet(named: "Data"))
        XCTAssertEqual(contents.cells.mapValues(\.value), [
            CellReference(row: 0, column: 0): .string("strict"), CellReference(row: 0, column: 1): .number("7"),
        ])
        XCTAssertEqual(contents.mergedRanges.map(\.description), ["A3:C4"])
    }

    /// Rule: a shared formula's followers move its relative references by their column and row
    /// offsets (across and down); `$` parts stay.
    func testSharedFormulaFilledAcrossAndDown() throws {
        let cells = try ReaderFixtures.firstSheetCells(openData("shared-formula-across-and-down"))
        XCTAssertEqual(cells["C1"]?.formula, "A1+$B$1+B$2")
        XCTAssertEqual(cells["D1"]?.formula, "B1+$B$1+C$2")
        XCTAssertEqual(cells["C3"]?.formula, "A3+$B$1+B$2")
    }

    /// Rule: merged ranges are listed as written; a relative relationship target may climb
    /// with `..` and resolves to an archive path; sheet names match ignoring case when unique.
    func testMergedRangesAndRelativeTargets() throws {
        let workbook = try openData("merged-ranges")
        XCTAssertEqual(workbook.sheets.first?.part, "xl/worksheets/sheet1.xml")
        let contents = try workbook.contents(of: try workbook.sheet(named: "data"))
        XCTAssertEqual(contents.mergedRanges.map(\.description), ["A1:D1", "B3:B9"])
        XCTAssertEqual(contents[CellReference(row: 0, column: 0)]?.value, .string("标题"))
    }

    /// Asking for a sheet that does not exist names the ones that do.
    func testUnknownSheetNamesTheSheets() throws {
        let workbook = try openData("merged-ranges")
        XCTAssertThrowsError(try workbook.sheet(named: "Summary")) { error in
            XCTAssertEqual((error as? XLSXReadError)?.description, "no sheet named Summary; the sheets are Data")
        }
    }

    /// Rule: the `<dimension>` element is ignored (WPS writes a wrong one): every row is read.
    func testWrongDimensionIsIgnored() throws {
        XCTAssertEqual(try ReaderFixtures.firstSheetCells(openData("wrong-dimension")).mapValues(\.value.text), ["A1": "1", "H30": "2"])
    }
}
