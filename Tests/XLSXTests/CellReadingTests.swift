import XCTest
import XLSX

/// The rules of the format the reader follows, one fixture each.
final class CellReadingTests: XCTestCase {
    /// Shared strings concatenate their rich-text runs and skip phonetic runs; inline strings,
    /// `t="str"`, booleans as `1` and `false`, error values and numbers keep their kind;
    /// `_xHHHH_` escapes decode (`_x005F_` is a literal underscore); a styled empty cell is no cell.
    func testEveryCellType() throws {
        let cells = try ReaderFixtures.cells("cell-types.xlsx")
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

    /// Defined names (global and sheet-local, quoted sheet names), custom properties and the 1904 flag.
    func testWorkbookProperties() throws {
        let workbook = try Workbook(data: try ReaderFixtures.data("cell-types.xlsx"))
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

    /// Rows and cells without `r` continue from the previous one; the sheet is found through an
    /// absolute relationship target under an unusual rId.
    func testRowsAndCellsWithoutReferences() throws {
        let cells = try ReaderFixtures.cells("no-r-attributes.xlsx")
        XCTAssertEqual(cells.mapValues(\.value.text), ["A1": "1", "B1": "2", "A2": "x", "D2": "4", "E2": "5", "A5": "6"])
    }

    /// Element prefixes (`x:c`) and the Strict OOXML namespaces read like the transitional ones.
    func testStrictNamespacesAndPrefixes() throws {
        let workbook = try Workbook(data: try ReaderFixtures.data("strict-prefixed.xlsx"))
        let contents = try workbook.contents(of: try workbook.sheet(named: "Data"))
        XCTAssertEqual(contents.cells.mapValues(\.value), [
            CellReference(row: 0, column: 0): .string("strict"), CellReference(row: 0, column: 1): .number("7"),
        ])
        XCTAssertEqual(contents.mergedRanges.map(\.description), ["A3:C4"])
    }

    /// A shared formula's followers move its relative references by their offset; `$` parts stay.
    func testSharedFormulasAreTranslated() throws {
        let cells = try ReaderFixtures.cells("shared-formula.xlsx")
        XCTAssertEqual(cells["C1"]?.formula, "A1+$B$1+B$2")
        XCTAssertEqual(cells["D1"]?.formula, "B1+$B$1+C$2")
        XCTAssertEqual(cells["C3"]?.formula, "A3+$B$1+B$2")
    }

    /// Merged ranges, and a relative relationship target that climbs with `..`.
    func testMergedRangesAndRelativeTargets() throws {
        let workbook = try Workbook(data: try ReaderFixtures.data("merged.xlsx"))
        XCTAssertEqual(workbook.sheets.first?.part, "xl/worksheets/sheet1.xml")
        let contents = try workbook.contents(of: try workbook.sheet(named: "data"))
        XCTAssertEqual(contents.mergedRanges.map(\.description), ["A1:D1", "B3:B9"])
        XCTAssertEqual(contents[CellReference(row: 0, column: 0)]?.value, .string("标题"))
    }

    /// Asking for a sheet that does not exist names the ones that do.
    func testUnknownSheetNamesTheSheets() throws {
        let workbook = try Workbook(data: try ReaderFixtures.data("merged.xlsx"))
        XCTAssertThrowsError(try workbook.sheet(named: "Summary")) { error in
            XCTAssertEqual((error as? XLSXReadError)?.description, "no sheet named Summary; the sheets are Data")
        }
    }

    /// The `<dimension>` element is ignored (WPS writes a wrong one): every row is read.
    func testWrongDimensionIsIgnored() throws {
        XCTAssertEqual(try ReaderFixtures.cells("wrong-dimension.xlsx").mapValues(\.value.text), ["A1": "1", "H30": "2"])
    }
}
