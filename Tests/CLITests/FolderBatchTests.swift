import Foundation
import ReportModel
import TestSupport
import XCTest

/// Issue 10, "nothing skipped", on the real binary: a disclosure office's folder as it
/// arrives, with an old .xls, an Office lock file, a report sent twice and a blank template.
final class FolderBatchTests: XCTestCase {
    /// The example report as another agency's, optionally failing a rule.
    private func example(agency: String, failing: Bool = false) throws -> Data {
        var report = try ReportJSON.decode(Data(contentsOf: Fixtures.exampleJSON)).report
        report.agency = agency
        if failing {
            report["applications", "carried_forward", "natural"] = (report["applications", "carried_forward", "natural"] ?? 0) + 1
        }
        return Data(ReportJSON.encode(report).utf8)
    }

    /// 甲局 (passes), 乙局 twice, 旧表.xls, a lock file and a blank template of 丙局.
    private func makeFolder() throws -> URL {
        let folder = try makeTemporaryDirectory("folder")
        try example(agency: "某区甲局").write(to: folder.appendingPathComponent("甲局.json"))
        try example(agency: "某区乙局").write(to: folder.appendingPathComponent("乙局.json"))
        try example(agency: "某区 乙局").write(to: folder.appendingPathComponent("乙局-改.json"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("旧表.xls"))
        try Data("x".utf8).write(to: folder.appendingPathComponent("~$甲局.xlsx"))
        let template = try CLI.run(["template", "--form", "2019", "--agency", "某区丙局", "--year", "2020", "-o", folder.appendingPathComponent("空白.xlsx").path])
        XCTAssertEqual(template.status, 0, template.standardError)
        return folder
    }

    func testAFolderInChinese() throws {
        let folder = try makeFolder()
        let root = folder.path
        let check = try CLI.run(["check", root], environment: ["XXGK_LANG": "zh"])
        XCTAssertEqual(check.status, 2, "the .xls is unreadable")
        XCTAssertEqual(check.standardOutput, """
            \(root)/乙局-改.json：某区 乙局，2020 年度，表式 2019：重复提交
            \(root)/乙局.json：某区乙局，2020 年度，表式 2019：重复提交
            \(root)/旧表.xls：无法读取
            \(root)/甲局.json：某区甲局，2020 年度，表式 2019：通过
            \(root)/空白.xlsx：某区丙局，2020 年度，表式 2019：通过（2 个警告）
            警告：\(root)/~$甲局.xlsx：是 Office 打开文件时留下的临时文件，已跳过
            错误：\(root)/乙局-改.json：与“\(root)/乙局.json”是同一单位（某区 乙局）同一年度（2020）的报告，重复提交：请只保留一份 [batch.duplicate]
            错误：\(root)/乙局.json：与“\(root)/乙局-改.json”是同一单位（某区乙局）同一年度（2020）的报告，重复提交：请只保留一份 [batch.duplicate]
            错误：\(root)/旧表.xls：是 Excel 97-2003 工作簿（.xls），xxgk 读不了：请用 WPS 或 Excel 打开，另存为 .xlsx 后再提交
            警告：\(root)/空白.xlsx：报告：各表均未填写：这份报告看来是空白模板 [report.blank]
            警告：\(root)/空白.xlsx：报告：没有成文日期：请在落款处填写成文日期 [report.no_date]

            """)

        let output = try makeTemporaryDirectory("sum").appendingPathComponent("合计.json")
        let refused = try CLI.run(["sum", root, "-o", output.path], environment: ["XXGK_LANG": "zh"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.standardError, """
            警告：\(root)/~$甲局.xlsx：是 Office 打开文件时留下的临时文件，已跳过
            错误：\(root)/乙局-改.json：与“\(root)/乙局.json”是同一单位（某区 乙局）同一年度（2020）的报告，重复提交：请只保留一份 [batch.duplicate]
            错误：\(root)/乙局.json：与“\(root)/乙局-改.json”是同一单位（某区乙局）同一年度（2020）的报告，重复提交：请只保留一份 [batch.duplicate]
            错误：\(root)/旧表.xls：是 Excel 97-2003 工作簿（.xls），xxgk 读不了：请用 WPS 或 Excel 打开，另存为 .xlsx 后再提交
            5 个文件中有 4 个不能计入合计：
              \(root)/乙局-改.json\t与“\(root)/乙局.json”是同一单位同一年度的报告，重复提交
              \(root)/乙局.json\t与“\(root)/乙局-改.json”是同一单位同一年度的报告，重复提交
              \(root)/旧表.xls\t无法读取：是 Excel 97-2003 工作簿（.xls），xxgk 读不了：请用 WPS 或 Excel 打开，另存为 .xlsx 后再提交
              \(root)/空白.xlsx\t空白：各表均未填写
            错误：未写出合计：5 个输入中有 1 个无法读取

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "nothing written")

        let allowed = try CLI.run(["sum", root, "-o", output.path, "--allow-failing"], environment: ["XXGK_LANG": "zh"])
        XCTAssertEqual(allowed.status, 2, "written, but an input could not be read")
        XCTAssertEqual(allowed.standardError, """
            警告：\(root)/~$甲局.xlsx：是 Office 打开文件时留下的临时文件，已跳过
            计入合计 3 份（表式 2019，2020 年度）：
              \(root)/乙局-改.json\t某区 乙局\t重复提交
              \(root)/甲局.json\t某区甲局\t通过
              \(root)/空白.xlsx\t某区丙局\t通过
            未计入 2 份：
              \(root)/乙局.json\t与“\(root)/乙局-改.json”是同一单位同一年度的报告，重复提交
              \(root)/旧表.xls\t无法读取：是 Excel 97-2003 工作簿（.xls），xxgk 读不了：请用 WPS 或 Excel 打开，另存为 .xlsx 后再提交

            """)
        // One copy of 乙局 and 甲局: the sum of two examples, the blank template adding nothing.
        let example = try ReportJSON.decode(Data(contentsOf: Fixtures.exampleJSON)).report
        let twice = try Report.sum([example, example], sources: ["a", "b"], agency: "合计")
        let total = try ReportJSON.decode(Data(contentsOf: output)).report
        for cell in example.form.cells { XCTAssertEqual(total[cell], twice[cell], "\(cell)") }
    }

    func testJSONAndTheSummaryListEveryFile() throws {
        let folder = try makeFolder()
        let root = folder.path
        let summary = try makeTemporaryDirectory("summary").appendingPathComponent("汇总.csv")
        let run = try CLI.run(["check", "--format", "json", root, "--summary", summary.path])
        XCTAssertEqual(run.status, 2)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let files = try XCTUnwrap(document["files"] as? [[String: Any]])
        XCTAssertEqual(files.map { $0["status"] as? String }, ["duplicate", "duplicate", "unreadable", "passed", "passed"])
        XCTAssertEqual(files.map { $0["warnings"] as? Int }, [0, 0, nil, 0, 2])
        let skipped = try XCTUnwrap(document["skipped"] as? [[String: String]])
        XCTAssertEqual(skipped, [[
            "file": "\(root)/~$甲局.xlsx", "reason": "office_lock",
            "message": "is a temporary file Office leaves while a document is open; skipped",
        ]])

        let csv = String(decoding: try Data(contentsOf: summary).dropFirst(3), as: UTF8.self)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.map { $0[0].replacingOccurrences(of: root + "/", with: "") }, ["file", "乙局-改.json", "乙局.json", "旧表.xls", "甲局.json", "空白.xlsx"])
        XCTAssertEqual(rows.map { $0[4] }, ["status", "duplicate", "duplicate", "unreadable", "passed", "passed"])
        XCTAssertTrue(csv.contains("\(root)/旧表.xls,,,,unreadable,,,\"is an Excel 97-2003 workbook (.xls), which xxgk cannot read: open it in WPS or Excel, save it as .xlsx and submit that\","), csv)
        XCTAssertEqual(rows[1][7], "batch.duplicate")

        let chinese = try CLI.run(["check", root, "--summary", summary.path], environment: ["XXGK_LANG": "zh"])
        XCTAssertEqual(chinese.status, 2)
        let chineseCSV = String(decoding: try Data(contentsOf: summary).dropFirst(3), as: UTF8.self)
        let chineseRows = chineseCSV.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(Array(chineseRows[0].prefix(8)), ["文件", "单位", "年度", "表式", "状态", "错误数", "警告数", "未通过的规则"])
        XCTAssertEqual(chineseRows.dropFirst().map { $0[4] }, ["重复提交", "重复提交", "无法读取", "通过", "通过"])
    }

    func testAFileOfAnUnknownKindNamedDirectly() throws {
        let folder = try makeTemporaryDirectory("direct")
        let path = folder.appendingPathComponent("报告.docx").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        let run = try CLI.run(["check", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.standardOutput, """
            \(path): unreadable
            error: \(path): is a Word document (.docx), which xxgk cannot read: submit the workbook filled in on the template (.xlsx), or save the document as .txt

            """)
        let zip = folder.appendingPathComponent("材料.zip").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: zip))
        let chinese = try CLI.run(["check", zip], environment: ["XXGK_LANG": "zh"])
        XCTAssertEqual(chinese.status, 2)
        XCTAssertEqual(chinese.standardOutput, """
            \(zip)：无法读取
            错误：\(zip)：是压缩包（.zip），xxgk 不打开压缩包：请先解压，再检查解压出的文件

            """)
    }

    /// Duplicates alone (every file readable) fail the check: exit 1, each copy naming the other.
    func testDuplicatesAloneFailTheCheck() throws {
        let folder = try makeTemporaryDirectory("twice")
        let root = folder.path
        try example(agency: "某区（试点）局").write(to: folder.appendingPathComponent("a.json"))
        try example(agency: "某区(试点)局").write(to: folder.appendingPathComponent("b.json"))
        try Data("x".utf8).write(to: folder.appendingPathComponent(".DS_Store"))
        let run = try CLI.run(["check", root])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.standardOutput, """
            \(root)/a.json: 某区（试点）局, year 2020, form 2019: duplicate
            \(root)/b.json: 某区(试点)局, year 2020, form 2019: duplicate
            warning: \(root)/.DS_Store: is a hidden file; skipped
            error: \(root)/a.json: the same agency (某区（试点）局) and year (2020) as “\(root)/b.json”: submitted twice; keep only one [batch.duplicate]
            error: \(root)/b.json: the same agency (某区(试点)局) and year (2020) as “\(root)/a.json”: submitted twice; keep only one [batch.duplicate]

            """)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b.json"))
        XCTAssertEqual(try CLI.run(["check", root]).status, 0, "a skipped file does not change the exit code")
    }

    func testSumRefusesAFailingReportUnlessAllowed() throws {
        let folder = try makeTemporaryDirectory("failing")
        let root = folder.path
        try example(agency: "某区甲局").write(to: folder.appendingPathComponent("a.json"))
        try example(agency: "某区乙局", failing: true).write(to: folder.appendingPathComponent("b.json"))
        let output = try makeTemporaryDirectory("out").appendingPathComponent("sum.json")
        let refused = try CLI.run(["sum", root, "-o", output.path])
        XCTAssertEqual(refused.status, 1)
        let lines = refused.standardError.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { !$0.hasPrefix("error: \(root)/b.json: ") }, [
            "1 of 2 files cannot go into the sum:",
            "  \(root)/b.json\tfails its checks (2 errors)",
            "error: nothing written: 1 of 2 files cannot go into the sum as they are: mend them, or give --allow-failing to add up failing and blank reports anyway",
        ])
        XCTAssertEqual(lines.filter { $0.hasPrefix("error: \(root)/b.json: ") }.count, 2, "the failing report's own errors")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))

        let allowed = try CLI.run(["sum", root, "-o", output.path, "--allow-failing"])
        XCTAssertEqual(allowed.status, 1, "the sum of a failing report fails its checks")
        XCTAssertTrue(allowed.standardError.hasPrefix("""
            added up 2 reports (form 2019, year 2020):
              \(root)/a.json\t某区甲局\tpassed
              \(root)/b.json\t某区乙局\t2 errors
            error: sum: 三、收到和处理政府信息公开申请情况:
            """), allowed.standardError)
        XCTAssertFalse(allowed.standardError.contains("left out"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.path))
    }
}
