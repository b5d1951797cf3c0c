import Foundation
import TestSupport
import XCTest

/// What a published text does not determine is an error for `convert` and `check` (exit 1),
/// recorded in the JSON written; never a silent blank with exit 0.
final class UnresolvedCLITests: XCTestCase {
    private let corpus = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

    func testConvertOfAnUndeterminedTableWritesTheJSONWithItsUnresolvedPartsAndExits1() throws {
        let folder = try makeTemporaryDirectory("cli")
        let output = folder.appendingPathComponent("pingtan.json")
        let run = try CLI.run(["convert", corpus.appendingPathComponent("08_pingtan_2024.txt").path, output.path])
        XCTAssertEqual(run.status, 1, run.standardError)
        XCTAssertTrue(run.standardError.contains("error: ") && run.standardError.contains("行政规范性文件")
            && run.standardError.contains("[report.unresolved]"), run.standardError)
        let json = try String(contentsOf: output, encoding: .utf8)
        XCTAssertTrue(json.contains("\"unresolved\": [") && json.contains("\"row\": \"normative_documents\"")
            && json.contains("\"reason\": \"ambiguous\""), json)
        // A later reader of that JSON still knows: checking it fails the same way.
        let again = try CLI.run(["check", output.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.standardOutput.contains("[report.unresolved]"), again.standardOutput)
    }

    func testCheckOfAnUndeterminedTableFails() throws {
        let run = try CLI.run(["check", corpus.appendingPathComponent("08_pingtan_2024.txt").path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardOutput.contains("[report.unresolved]"), run.standardOutput)
    }

    func testAReportOnTheFormBefore2019IsUnreadableNamingTheForm() throws {
        let input = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/text/form2008_county_2018.txt")
        let run = try CLI.run(["check", input.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.standardOutput.contains("this is a report on an older form, 政府信息公开工作年度报告（2008—2018年使用的格式"), run.standardOutput)
        XCTAssertFalse(run.standardOutput.contains("passed"))
    }
}
