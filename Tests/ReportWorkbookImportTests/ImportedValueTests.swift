@testable import ReportWorkbook
import ReportModel
import XCTest
import XLSX

/// How one value cell is read, below the level of whole workbooks.
final class ImportedValueTests: XCTestCase {
    /// Numbers a file stores beyond what `Decimal` holds (1E+200, as Excel writes them) are too
    /// large, not malformed; 15 digits are still read.
    func testNumbersBeyondDecimalAreTooLarge() {
        func read(_ value: CellValue, _ kind: ValueKind = .count) -> ImportedValue.Reading {
            ImportedValue.read(Cell(reference: CellReference(row: 0, column: 0), value: value), kind: kind)
        }
        XCTAssertEqual(read(.number("1E+200")), .tooLarge(found: "1E+200"))
        XCTAssertEqual(read(.number("1E+300"), .amount), .tooLarge(found: "1E+300"))
        XCTAssertEqual(read(.number("1E+16")), .tooLarge(found: "1E+16"))
        XCTAssertEqual(read(.string("１２３４５６７８９０１２３４５６７")), .tooLarge(found: "１２３４５６７８９０１２３４５６７"))
        XCTAssertEqual(read(.number("999999999999999")), .value(ValueKind.largestMagnitude))
        XCTAssertEqual(read(.number("abc")), .invalid(found: "abc"))
    }

    /// Number text with anything after the number ("12abc", "0x10") is an error, not the
    /// number `Decimal(string:)` finds at its start.
    func testNumberTextWithTrailingCharactersIsInvalid() {
        func read(_ text: String) -> ImportedValue.Reading {
            ImportedValue.read(Cell(reference: CellReference(row: 0, column: 0), value: .number(text)), kind: .count)
        }
        for text in ["12abc", "1E+x", "0x10", "3..4", "1 2", "inf", "nan"] {
            XCTAssertEqual(read(text), .invalid(found: text), text)
        }
        XCTAssertEqual(read("12"), .value(12))
        XCTAssertEqual(read("1.2E+3"), .value(1200))
        XCTAssertEqual(read("0.30000000000000004"), .invalid(found: "0.30000000000000004"))
    }

    /// A formula whose cached result is the empty string (a blank total's
    /// `IF(COUNT(…)=0,"",SUM(…))`) reads as blank; every other formula result as before.
    func testFormulaShowingTheEmptyStringIsBlank() {
        func read(_ value: CellValue, _ kind: ValueKind = .count) -> ImportedValue.Reading {
            ImportedValue.read(Cell(reference: CellReference(row: 4, column: 9), value: value, formula: "IF(COUNT(D5:I5)=0,\"\",SUM(D5:I5))"), kind: kind)
        }
        XCTAssertEqual(read(.string("")), .blank)
        XCTAssertEqual(read(.empty), .blank)
        XCTAssertEqual(read(.number("22")), .value(22))
        XCTAssertEqual(read(.number("4068.208"), .amount), .value(Decimal(string: "4068.208") ?? 0))
        XCTAssertEqual(read(.string("12")), .value(12))
        XCTAssertEqual(read(.error("#REF!")), .invalid(found: "#REF!"))
    }

    /// A double the file stores with 16 digits (libxlsxwriter's `%.16G` of 9312036.2) is the
    /// decimal that was written, not the binary expansion: found by the round-trip soak.
    func testSixteenDigitDoublesReadAsTheDecimalWritten() {
        func read(_ text: String) -> ImportedValue.Reading {
            ImportedValue.read(Cell(reference: CellReference(row: 0, column: 0), value: .number(text)), kind: .amount)
        }
        XCTAssertEqual(read("9312036.199999999"), .value(Decimal(string: "9312036.2") ?? 0))
        XCTAssertEqual(read("4068.2080000000002"), .value(Decimal(string: "4068.208") ?? 0))
        XCTAssertEqual(read("0.30000000000000004"), .value(Decimal(string: "0.3") ?? 0))
        XCTAssertEqual(read("99999999.99999999"), .value(Decimal(string: "99999999.99999999") ?? 0))
    }

    /// The decimals an amount has, as the importer counts them against `amount_decimals`.
    func testDecimalsOfAnAmount() {
        XCTAssertTrue((Decimal(string: "4068.208") ?? 0).hasAtMost(decimals: 4))
        XCTAssertTrue((Decimal(string: "0.0001") ?? 0).hasAtMost(decimals: 4))
        XCTAssertTrue(Decimal(12).hasAtMost(decimals: 0))
        XCTAssertFalse((Decimal(string: "1.23456") ?? 0).hasAtMost(decimals: 4))
        XCTAssertFalse((Decimal(string: "0.00001") ?? 0).hasAtMost(decimals: 4))
    }
}
