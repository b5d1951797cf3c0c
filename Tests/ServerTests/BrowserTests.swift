import Foundation
import ReportModel
import TestSupport
import XCTest

/// The web page in a real browser: headless Chromium driven by Selenium (Tests/Scripts/
/// browser_serve.py) against the built `xxgk serve` on 127.0.0.1. Screenshots go to
/// .build/screenshots/.
final class BrowserTests: XCTestCase {
    func testAClerkCreatesARoundAndUploadsAFolderInChromium() throws {
        for program in ["chromium", "chromedriver"] where (try? ExternalProgram.capture("which", [program]))?.status != 0 {
            throw XCTSkip("\(program) is not installed (make test installs chromium and chromium-driver)")
        }
        guard (try? ExternalProgram.capture("python3", ["-c", "import selenium"]))?.status == 0 else {
            throw XCTSkip("selenium is not installed (make test installs it)")
        }
        let folder = try makeTemporaryDirectory("server")
        let uploads = folder.appendingPathComponent("收到的报表")
        try FileManager.default.createDirectory(at: uploads.appendingPathComponent("第二批"), withIntermediateDirectories: true)
        let departments = ["区教育局", "区财政局", "区民政局", "区司法局", "区卫健委"]
        try ServerFixtures.bytes(ServerFixtures.report(agency: "区教育局", seed: 31)).write(to: uploads.appendingPathComponent("教育局.xlsx"))
        try ServerFixtures.bytes(ServerFixtures.faulty(ServerFixtures.report(agency: "区财政局", seed: 32))).write(to: uploads.appendingPathComponent("财政局.xlsx"))
        try ServerFixtures.bytes(ServerFixtures.report(agency: "区民政局", seed: 33), kind: "json").write(to: uploads.appendingPathComponent("第二批/民政局.json"))
        try ServerFixtures.garbage(seed: 34).write(to: uploads.appendingPathComponent("第二批/区卫健委.xlsx"))
        try Data("not a report".utf8).write(to: uploads.appendingPathComponent("说明.docx"))

        let shots = Fixtures.packageRoot.appendingPathComponent(".build/screenshots")
        let script = Fixtures.packageRoot.appendingPathComponent("Tests/Scripts/browser_serve.py").path
        // The server runs as a clerk's would, in Chinese (the tests elsewhere run in English).
        let run = try ExternalProgram.capture(
            "python3", [script, BuiltBinary.xxgk.path, uploads.path, shots.path] + departments, environment: ["XXGK_LANG": "zh"])
        XCTAssertEqual(run.status, 0, String(decoding: run.standardError, as: UTF8.self))
        guard let page = try JSONSerialization.jsonObject(with: run.standardOutput) as? [String: Any] else {
            return XCTFail("no JSON from the browser script: \(String(decoding: run.standardOutput, as: UTF8.self))")
        }
        XCTAssertEqual(page["notice"] as? String, "已收到并校验 4 个文件。", "the .docx is left out by the page's script (not a kind the registry reads)")
        let rows = page["rows"] as? [[String: String]] ?? []
        XCTAssertEqual(rows.map { $0["name"] }, departments)
        XCTAssertEqual(rows.map { $0["status"] }, ["通过", "有错误", "通过", "未提交", "无法读取"])
        XCTAssertEqual(rows.map { $0["file"] }, ["教育局.xlsx", "财政局.xlsx", "民政局.json", "", "区卫健委.xlsx"])
        XCTAssertEqual(rows.map { $0["errors"] }, ["0", "2", "0", "", "1"], "the broken balance fails in its column and in 总计")
        XCTAssertEqual(page["counts"] as? String, "未提交 1 通过 2 有错误 1 无法读取 1 重复提交 0")
        XCTAssertEqual(page["unmatched"] as? [String], [])
        XCTAssertEqual(page["filtered"] as? [String], ["区财政局"])
        XCTAssertEqual(page["sorted"] as? [String], departments.reversed(), "部门 sorts by the list's order, the second click descending")
        let findings = page["findings"] as? [String] ?? []
        XCTAssertEqual(findings.count, 2)
        XCTAssertTrue(findings.allSatisfy { $0.hasPrefix("工作表「三、收到和处理政府信息公开申请情况」") && $0.hasSuffix("单元格") }, "\(findings)")
        XCTAssertGreaterThan(page["marked"] as? Int ?? 0, 1)
        for name in ["01-index", "02-round-empty", "03-round-uploaded", "04-filtered", "05-submission"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: shots.appendingPathComponent("\(name).png").path), name)
        }
    }
}
