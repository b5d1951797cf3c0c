import Foundation
import TestSupport
import XCTest

/// Published web pages through the command line: found by the registry, read to the corpus JSON.
final class WebPageCLITests: XCTestCase {
    private let fixtures = CLI.packageRoot.appendingPathComponent("Tests/Fixtures")

    func testAGBKPageConvertsToTheNumbersOfItsCorpusJSON() throws {
        let folder = try makeTemporaryDirectory("cli")
        let output = folder.appendingPathComponent("page.json")
        let run = try CLI.run(["convert", fixtures.appendingPathComponent("html/09_shuyang_fgj_2023.gbk.html").path, output.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        let fromPage = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("corpus/09_shuyang_fgj_2023.json"))) as? [String: Any]
        XCTAssertEqual(fromPage?["tables"] as? NSDictionary, expected?["tables"] as? NSDictionary)
        for key in ["form", "agency", "year", "date"] {
            XCTAssertEqual(fromPage?[key] as? NSObject, expected?[key] as? NSObject, key)
        }
    }

    func testCheckReadsEveryPageOfAFolder() throws {
        let run = try CLI.run(["check", fixtures.appendingPathComponent("html").path])
        XCTAssertEqual(run.standardOutput.split(separator: "\n").filter { $0.contains(".html: ") && $0.contains("form 20") }.count, 6, run.standardOutput)
        XCTAssertFalse(run.standardOutput.contains("unreadable"), run.standardOutput)
    }

    func testThePublishedPDFConvertsToTheNumbersOfItsCorpusJSON() throws {
        let folder = try makeTemporaryDirectory("cli")
        let output = folder.appendingPathComponent("pdf.json")
        let run = try CLI.run(["convert", fixtures.appendingPathComponent("pdf/02_hongze_quzf_2023.pdf").path, output.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        let fromPDF = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("corpus/02_hongze_quzf_2023.json"))) as? [String: Any])
        for key in ["form", "agency", "year"] {
            XCTAssertEqual(fromPDF[key] as? NSObject, expected[key] as? NSObject, key)
        }
        // The PDF cannot show blank against 0: compare with blank as 0.
        let got = try XCTUnwrap(fromPDF["tables"] as? [String: [String: [String: Any]]])
        let want = try XCTUnwrap(expected["tables"] as? [String: [String: [String: Any]]])
        var compared = 0
        for (table, rows) in want {
            for (row, columns) in rows {
                for (column, value) in columns {
                    let a = (got[table]?[row]?[column] as? NSNumber)?.decimalValue ?? 0
                    let b = (value as? NSNumber)?.decimalValue ?? 0
                    XCTAssertEqual(a, b, "\(table).\(row).\(column)")
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 200)
        // The agency's own arithmetic errors are the check's failures.
        let check = try CLI.run(["check", fixtures.appendingPathComponent("pdf/02_hongze_quzf_2023.pdf").path])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.standardOutput.contains("02_hongze_quzf_2023.pdf: 洪泽区人民政府, year 2023, form 2021: 2 errors"), check.standardOutput)
    }

    /// Poppler is loaded by the first PDF: a machine without it gets a message saying what to
    /// install, exit 2, and nothing written; other kinds are read as ever.
    func testAMissingPopplerLibraryIsNamed() throws {
        let folder = try makeTemporaryDirectory("cli")
        let output = folder.appendingPathComponent("pdf.json")
        let missing = ["XXGK_POPPLER_LIBRARY": folder.appendingPathComponent("libpoppler-glib.so.8").path]
        let run = try CLI.run(["convert", fixtures.appendingPathComponent("pdf/02_hongze_quzf_2023.pdf").path, output.path], environment: missing)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains(
            "02_hongze_quzf_2023.pdf: cannot read PDFs: the poppler library is missing on this machine (install Debian's libpoppler-glib8) ("
                + folder.appendingPathComponent("libpoppler-glib.so.8").path + ": cannot open shared object file"), run.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
        let page = try CLI.run(["convert", fixtures.appendingPathComponent("html/09_shuyang_fgj_2023.html").path, folder.appendingPathComponent("page.json").path], environment: missing)
        XCTAssertEqual(page.status, 0, page.standardError)
    }

    func testTheKindListsNameWebPages() throws {
        let help = try CLI.run(["convert", "--help"])
        XCTAssertTrue(help.standardOutput.contains(".html"), help.standardOutput)
        let unknown = try CLI.run(["convert", "r.doc", "r.json"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.standardError.hasPrefix("Error: cannot tell the kind of input r.doc from its extension; expected .json, .xlsx, .txt, .md, .html or .pdf (or --from)"), unknown.standardError)
    }
}
