import TestSupport
import XCTest
@testable import ReportModel

final class ReportJSONTests: XCTestCase {
    private func example() throws -> Data {
        try Data(contentsOf: Fixtures.examples.appendingPathComponent("000_dongxihu_2020.json"))
    }

    func testExampleRoundTripsByteForByte() throws {
        let data = try example()
        let loaded = try ReportJSON.decode(data, file: "example.json")
        XCTAssertEqual(ReportJSON.encode(loaded.report), String(decoding: data, as: UTF8.self))
    }

    func testExampleValuesBlankZeroAndDecimal() throws {
        let report = try ReportJSON.decode(try example()).report
        XCTAssertEqual(report.form.id, "2019")
        XCTAssertEqual(report.agency, "武汉市东西湖区残疾人联合会")
        XCTAssertEqual(report.year, 2020)
        XCTAssertEqual(report.date?.description, "2021-01-13")
        XCTAssertEqual(report["proactive", "procurement", "items"], 5)
        XCTAssertEqual(report["proactive", "procurement", "amount"], Decimal(string: "199.2"))
        XCTAssertEqual(report["applications", "received", "natural"], 0)
        XCTAssertNil(report["applications", "received", "commercial"])
        XCTAssertNil(report["appeals", "review", "total"])
        XCTAssertEqual(report.sections["other"], "无。")
        XCTAssertTrue(report.sections["overview"]?.hasPrefix("2020 年，武汉市东西湖区残疾人联合会") ?? false)
        // Every other value is 0 or blank.
        let nonZero = report.values.filter { $0.value != 0 }.keys.map(\.description).sorted()
        XCTAssertEqual(nonZero, ["proactive.procurement.amount", "proactive.procurement.items"])
    }

    func testSeedFromTheCorpusDecodesIgnoringAnnotations() throws {
        let corpus = try Data(contentsOf: Fixtures.corpus.appendingPathComponent("000_7a2d54064bc2732c.json"))
        let fromCorpus = try ReportJSON.decode(corpus).report
        let fromExample = try ReportJSON.decode(try example()).report
        XCTAssertEqual(fromCorpus, fromExample)
    }

    func testEncodingKeepsFormOrderAndAllIDs() throws {
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var report = Report(form: form, agency: "某区司法局", year: 2022)
        report["proactive", "fees", "amount"] = Decimal(string: "4068.208")
        report["proactive", "licensing", "decisions"] = 0
        report.sections["appeals_notes"] = "注：无。"
        let text = ReportJSON.encode(report)
        XCTAssertTrue(text.contains("\"amount\": 4068.208"))
        XCTAssertTrue(text.contains("\"decisions\": 0"))
        XCTAssertFalse(text.contains("\"date\""), "an unknown date is left out")
        for cell in form.cells {
            XCTAssertTrue(text.contains("\"\(cell.column)\""), "\(cell)")
        }
        let positions = ["\"proactive\": {", "\"applications\": {", "\"appeals\": {"].compactMap { text.range(of: $0)?.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        let overview = try XCTUnwrap(text.range(of: "\"overview\""))
        let notes = try XCTUnwrap(text.range(of: "\"appeals_notes\""))
        XCTAssertLessThan(overview.lowerBound, notes.lowerBound)
        let again = try ReportJSON.decode(Data(text.utf8)).report
        XCTAssertEqual(again, report)
        XCTAssertEqual(ReportJSON.encode(again), text)
    }

    func testRandomReportsRoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        for form in FormCatalog.all {
            for _ in 0..<20 {
                let report = RandomReports.make(form: form, using: &generator)
                let text = ReportJSON.encode(report)
                let decoded = try ReportJSON.decode(Data(text.utf8)).report
                XCTAssertEqual(decoded, report)
                XCTAssertEqual(decoded.values.count, report.values.count)
                XCTAssertEqual(ReportJSON.encode(decoded), text)
            }
        }
    }

    // MARK: - Bad JSON: each case names its JSON path.

    private func decodeError(_ mutate: (inout String) -> Void) throws -> String {
        var text = String(decoding: try example(), as: UTF8.self)
        mutate(&text)
        do {
            _ = try ReportJSON.decode(Data(text.utf8), file: "r.json")
            XCTFail("expected an error")
            return ""
        } catch {
            return error.description
        }
    }

    func testUnknownForm() throws {
        let message = try decodeError { $0 = $0.replacingOccurrences(of: "\"form\": \"2019\"", with: "\"form\": \"2017\"") }
        XCTAssertEqual(message, "error: r.json: form: unknown form \"2017\"; expected one of \"2019\", \"2021\"")
    }

    func testUnknownID() throws {
        let message = try decodeError { $0 = $0.replacingOccurrences(of: "\"natural\": 0,\n        \"commercial\": null,\n        \"research\": null,\n        \"social\": null,\n        \"legal\": null,\n        \"other\": null,\n        \"total\": 0\n      },\n      \"carried_over\"", with: "\"natural\": 0,\n        \"commercial\": null,\n        \"research\": null,\n        \"social\": null,\n        \"legal\": null,\n        \"other\": null,\n        \"total\": 0,\n        \"foreign\": 1\n      },\n      \"carried_over\"") }
        XCTAssertEqual(message, "error: r.json: tables.applications.received.foreign: unknown id; expected one of natural, commercial, research, social, legal, other, total")
    }

    func testMissingID() throws {
        let message = try decodeError { $0 = $0.replacingOccurrences(of: "\"items\": 5,\n", with: "") }
        XCTAssertEqual(message, "error: r.json: tables.proactive.procurement.items: missing (write null for a blank cell)")
    }

    /// A bad value is an error at its place (`cell.invalid`, kept as typed in `unresolved`),
    /// not a reason to refuse the report: the rest is read and checked.
    private func invalidCells(_ edit: (inout String) -> Void) throws -> (Report, [String]) {
        var text = String(decoding: try example(), as: UTF8.self)
        edit(&text)
        let loaded = try ReportJSON.decode(Data(text.utf8), file: "r.json")
        let lines = CheckEngine.check(loaded.report).filter { $0.rule == CheckEngine.invalidCellRule }.map { finding in
            Diagnostic(.error, file: "r.json", at: finding.cells.first.flatMap { loaded.origins[$0] }, finding.message).description
        }
        return (loaded.report, lines)
    }

    func testNegativeCount() throws {
        let (report, lines) = try invalidCells { $0 = $0.replacingOccurrences(of: "\"items\": 5", with: "\"items\": -5") }
        XCTAssertEqual(lines, ["error: r.json: tables.proactive.procurement.items: expected a whole number ≥ 0, found \"-5\" [cell.invalid]"])
        XCTAssertNil(report["proactive", "procurement", "items"])
        XCTAssertEqual(report.unresolved, [Unresolved(invalid: CellKey(table: "proactive", row: "procurement", column: "items"), typed: "-5")])
    }

    func testFractionInACount() throws {
        let (_, lines) = try invalidCells { $0 = $0.replacingOccurrences(of: "\"items\": 5", with: "\"items\": 5.5") }
        XCTAssertEqual(lines, ["error: r.json: tables.proactive.procurement.items: expected a whole number ≥ 0, found \"5.5\" [cell.invalid]"])
    }

    /// Numbers beyond 15 digits are bad cells naming the limit: larger ones made `Decimal`
    /// sums overflow to NaN, and `sum` then wrote "NaN" into its JSON.
    func testHugeNumbersAreRefusedNamingTheLimit() throws {
        for huge in ["1000000000000000", "1e200", "99999999999999999999999999999999999999e127"] {
            let (report, lines) = try invalidCells { $0 = $0.replacingOccurrences(of: "\"items\": 5", with: "\"items\": \(huge)") }
            XCTAssertEqual(lines, ["error: r.json: tables.proactive.procurement.items: expected a number of at most 15 digits, found \"\(huge)\" [cell.invalid]"], huge)
            XCTAssertEqual(report.unresolved.first?.typed, huge)
        }
        let text = String(decoding: try example(), as: UTF8.self).replacingOccurrences(of: "\"items\": 5", with: "\"items\": 999999999999999")
        XCTAssertEqual(try ReportJSON.decode(Data(text.utf8)).report["proactive", "procurement", "items"], ValueKind.largestMagnitude)
    }

    /// A bad cell survives the JSON written: `unresolved` names the cell and keeps the text.
    func testInvalidCellRoundTripsThroughJSON() throws {
        let (report, _) = try invalidCells { $0 = $0.replacingOccurrences(of: "\"items\": 5", with: "\"items\": \"十二\"") }
        let written = ReportJSON.encode(report)
        XCTAssertTrue(written.contains(#""column": "items""#), written)
        XCTAssertTrue(written.contains(#""reason": "invalid""#), written)
        XCTAssertTrue(written.contains(#""typed": "十二""#), written)
        XCTAssertEqual(try ReportJSON.decode(Data(written.utf8)).report, report)
    }

    /// A full-width quote typed by a Chinese input method is named as itself, not by its first byte.
    func testUnexpectedCharacterIsQuotedWhole() throws {
        let cases: [(String, String)] = [
            ("{\"form\": “2021”}", "not valid JSON: line 1, column 10: unexpected character '“'"),
            ("{\"year\": 二〇二一}", "not valid JSON: line 1, column 10: unexpected character '二'"),
            ("{\"year\": \u{7F}}", "not valid JSON: line 1, column 10: unexpected character '\u{7F}'"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try ReportJSON.decode(Data(text.utf8), file: "r.json")) { error in
                XCTAssertEqual((error as? ReportInputError)?.description, "error: r.json: \(message)")
            }
        }
        XCTAssertThrowsError(try ReportJSON.decode(Data([0x7B, 0xFF, 0x7D]), file: "r.json")) { error in
            XCTAssertEqual((error as? ReportInputError)?.description, "error: r.json: not valid JSON: line 1, column 2: expected a key in quotes")
        }
        XCTAssertThrowsError(try ReportJSON.decode(Data([0xFF]), file: "r.json")) { error in
            XCTAssertEqual((error as? ReportInputError)?.description, "error: r.json: not valid JSON: line 1, column 1: unexpected character '\\xFF'")
        }
    }

    func testNegativeChangeIsAllowed() throws {
        let text = String(decoding: try example(), as: UTF8.self)
            .replacingOccurrences(of: "\"previous\": 0,\n        \"change\": 0,\n        \"decisions\": 0\n      },\n      \"other_services\"", with: "\"previous\": 0,\n        \"change\": -18,\n        \"decisions\": 0\n      },\n      \"other_services\"")
        let report = try ReportJSON.decode(Data(text.utf8)).report
        XCTAssertEqual(report["proactive", "licensing", "change"], -18)
    }

    func testStringInANumberCell() throws {
        let (_, lines) = try invalidCells { $0 = $0.replacingOccurrences(of: "\"items\": 5", with: "\"items\": \"十二\"") }
        XCTAssertEqual(lines, ["error: r.json: tables.proactive.procurement.items: expected a whole number ≥ 0, found \"十二\" [cell.invalid]"])
    }

    func testUnknownTopLevelKeyButAnnotationsAreIgnored() throws {
        let message = try decodeError { $0 = $0.replacingOccurrences(of: "\"form\": \"2019\",", with: "\"form\": \"2019\",\n  \"remark\": 1,") }
        XCTAssertEqual(message, "error: r.json: remark: unknown key (annotations must begin with \"_\")")
        let annotated = String(decoding: try example(), as: UTF8.self).replacingOccurrences(of: "\"form\": \"2019\",", with: "\"form\": \"2019\",\n  \"_remark\": [1, {\"x\": null}],")
        XCTAssertNoThrow(try ReportJSON.decode(Data(annotated.utf8)))
    }

    func testSyntaxErrorNamesLineAndColumn() throws {
        let message = try decodeError { $0 = $0.replacingOccurrences(of: "\"year\": 2020,", with: "\"year\": 2020,,") }
        XCTAssertEqual(message, "error: r.json: not valid JSON: line 4, column 16: expected a key in quotes")
    }

    func testBadDate() throws {
        let message = try decodeError { $0 = $0.replacingOccurrences(of: "2021-01-13", with: "2021-02-30") }
        XCTAssertEqual(message, "error: r.json: date: expected a date as YYYY-MM-DD, found \"2021-02-30\"")
    }

    func testHostileNestingIsRefusedNotCrashing() throws {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(Data(deep.utf8))) { error in
            XCTAssertTrue("\(error)".contains("nesting deeper than 256 levels"), "\(error)")
        }
    }

    func testDuplicateKeysAndEscapes() throws {
        XCTAssertThrowsError(try JSONParser.parse(Data(#"{"a": 1, "a": 2}"#.utf8)))
        let value = try JSONParser.parse(Data(#"{"s": "\u4e2d\ud83d\ude00\n\"x\""}"#.utf8))
        XCTAssertEqual(value, .object([("s", .string("中😀\n\"x\""))]))
        XCTAssertEqual(JSONWriter.write(value), "{\n  \"s\": \"中😀\\n\\\"x\\\"\"\n}\n")
    }
}
