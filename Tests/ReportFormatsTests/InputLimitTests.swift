import Foundation
import ReportFormats
import ReportModel
import TestSupport
import XCTest

/// The caps each reader's entry puts on what an input controls (docs/LIMITS.md): each refused
/// with its own sentence, before the parser runs, and quickly.
final class InputLimitTests: XCTestCase {
    /// The sentence a registry reader gives for `data`, or nil when it reads a report.
    private func refusal(_ kind: String, _ data: Data, file: String) throws -> String? {
        let reader = try XCTUnwrap(ReportFormats.reader(named: kind))
        do {
            _ = try ReportFormats.read(data, file: file, with: reader)
            return nil
        } catch {
            return error.description
        }
    }

    /// Asserts a refusal within `seconds`: a limit that costs the time of a parse protects nothing.
    private func assertRefused(
        _ kind: String, _ data: Data, file: String, _ expected: String, seconds: Double = 5,
        sourceFile: StaticString = #filePath, line: UInt = #line
    ) throws {
        let start = Date()
        XCTAssertEqual(try refusal(kind, data, file: file), expected, file: sourceFile, line: line)
        XCTAssertLessThan(Date().timeIntervalSince(start), seconds, file: sourceFile, line: line)
    }

    func testTextOverTheSizeCapIsRefused() throws {
        let data = Data(repeating: UInt8(ascii: "a"), count: InputLimits.textBytes + 1)
        try assertRefused("txt", data, file: "big.txt", "error: big.txt: the text is 2.1 MB, more than the 2 MB a report may have")
        try assertRefused("md", data, file: "big.md", "error: big.md: the text is 2.1 MB, more than the 2 MB a report may have")
    }

    func testTextWithTooManyLinesIsRefused() throws {
        let data = Data(repeating: 0x0A, count: InputLimits.textLines)
        try assertRefused("txt", data, file: "lines.txt", "error: lines.txt: the text has more than 10000 lines; a report has a few hundred")
        // One line fewer is read (and refused as no report, by the parser).
        let fewer = try XCTUnwrap(try refusal("txt", Data(repeating: 0x0A, count: InputLimits.textLines - 1), file: "f.txt"))
        XCTAssertFalse(fewer.contains("lines;"), fewer)
    }

    func testTextLineOverTheLengthCapIsRefusedNamingTheLine() throws {
        var data = Data("某局2020年政府信息公开工作年度报告\n\n".utf8)
        data.append(Data(repeating: UInt8(ascii: "1"), count: InputLimits.textLineBytes + 1))
        try assertRefused("txt", data, file: "long.txt", "error: long.txt: line 3: the line is longer than 256 KB; a whole report flattened onto one line is about 20 KB")
    }

    func testPageOverTheSizeCapIsRefused() throws {
        var data = Data("<html><body>".utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: InputLimits.pageBytes))
        try assertRefused("html", data, file: "big.html", "error: big.html: the page is 4.1 MB, more than the 4 MB a report may have")
    }

    func testJSONOverTheSizeCapIsRefused() throws {
        var data = Data(repeating: 0x20, count: InputLimits.jsonBytes)
        data.append(Data("{}".utf8))
        try assertRefused("json", data, file: "big.json", "error: big.json: the JSON document is 16.1 MB, more than the 16 MB a report may have")
    }

    /// A megabyte of digits is refused by the parser at the number, before `Decimal` sees it.
    func testJSONNumberOfTooManyDigitsIsRefused() throws {
        let data = Data(("{\"year\": " + String(repeating: "9", count: 1_000_000) + "}").utf8)
        try assertRefused("json", data, file: "digits.json", "error: digits.json: not valid JSON: line 1, column 10: a number of more than 100 characters")
        let justUnder = Data(("[" + String(repeating: "9", count: 100) + "]").utf8)
        XCTAssertNoThrow(try JSONParser.parse(justUnder))
    }

    func testJSONNestedTooDeepIsRefused() throws {
        let data = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        let message = try XCTUnwrap(try refusal("json", data, file: "deep.json"))
        XCTAssertTrue(message.hasSuffix("nesting deeper than 256 levels"), message)
    }

    func testWorkbookOverTheSizeCapIsRefusedBeforeUnzipping() throws {
        var data = Data([0x50, 0x4B, 0x03, 0x04])
        data.append(Data(count: InputLimits.workbookBytes))
        try assertRefused("xlsx", data, file: "big.xlsx", "error: big.xlsx: the workbook is 32.1 MB, more than the 32 MB a report may have")
    }

    /// A workbook whose sheets hold more cells than any report is refused while streaming,
    /// before the importer collects a sheet in memory.
    func testWorkbookWithTooManyCellsIsRefused() throws {
        let folder = try makeTemporaryDirectory("cells")
        let path = folder.appendingPathComponent("cells.xlsx").path
        let script = """
            import sys, zipfile
            M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            P = "http://schemas.openxmlformats.org/package/2006/relationships"
            row = "<row>" + "<c><v>1</v></c>" * 1000 + "</row>"
            z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
            z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            z.writestr("_rels/.rels", f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
            z.writestr("xl/workbook.xml", f'<workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
            z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
            z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{M}"><sheetData>' + row * 1001 + '</sheetData></worksheet>')
            z.close()
            """
        try ExternalProgram.run("python3", ["-c", script, path])
        try assertRefused("xlsx", try Data(contentsOf: URL(fileURLWithPath: path)), file: "cells.xlsx",
            "error: cells.xlsx: the workbook has more than 1000000 cells; a report's workbook has a few thousand", seconds: 30)
    }

    /// A zip bomb (64 MiB of spaces) is refused by its ratio once 16 MiB are inflated, under the
    /// report workbook's 128 MiB entry cap.
    func testZipBombIsRefusedThroughTheRegistry() throws {
        let path = try WorkbookVariants.write("zip-bomb", into: try makeTemporaryDirectory("bomb"))
        try assertRefused("xlsx", try Data(contentsOf: URL(fileURLWithPath: path)), file: "bomb.xlsx",
            "error: bomb.xlsx: xl/worksheets/sheet1.xml unpacks to more than 300 times its packed size; refusing it as a possible zip bomb")
    }

    /// A zip of more entries than any workbook has is refused while its directory is read.
    func testZipWithTooManyEntriesIsRefused() throws {
        let path = try makeTemporaryDirectory("entries").appendingPathComponent("entries.xlsx").path
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED)
            for i in range(100001): z.writestr("e%d" % i, b"")
            z.close()
            """
        try ExternalProgram.run("python3", ["-c", script, path])
        try assertRefused("xlsx", try Data(contentsOf: URL(fileURLWithPath: path)), file: "entries.xlsx",
            "error: entries.xlsx: the workbook is truncated or corrupt (more than 100000 entries); ask for the file again", seconds: 30)
    }

    func testSizesInMessages() {
        XCTAssertEqual(InputLimits.megabytes(8 << 20), "8 MB")
        XCTAssertEqual(InputLimits.megabytes((8 << 20) + 1), "8.1 MB")
        XCTAssertEqual(InputLimits.megabytes(1), "0.1 MB")
    }
}

/// Every input `make fuzz` found to crash, hang or blow up memory (Tests/Fixtures/fuzz/KIND/),
/// replayed through the registry's reader of its kind: each must now be read or refused.
final class FuzzRegressionTests: XCTestCase {
    func testEveryFuzzFindingIsReadOrRefused() throws {
        let root = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz")
        var replayed = 0
        for kind in ReportFormats.readerNames {
            let folder = root.appendingPathComponent(kind)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let reader = try XCTUnwrap(ReportFormats.reader(named: kind))
            for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix(".md") {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                let start = Date()
                _ = try? ReportFormats.read(data, file: name, with: reader)
                XCTAssertLessThan(Date().timeIntervalSince(start), 10, "\(kind)/\(name) took too long")
                replayed += 1
            }
        }
        XCTAssertGreaterThanOrEqual(replayed, 0)
    }
}
