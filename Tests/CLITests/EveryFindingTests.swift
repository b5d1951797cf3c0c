import Foundation
import TestSupport
import XCTest

/// Issue 10: a workbook with bad cells is read whole; each bad cell is an error at its place
/// (`cell.invalid`) and the rules run on the rest; `--feedback` writes the department's
/// feedback workbook.
final class EveryFindingTests: XCTestCase {
    private static let sheet三 = "三、收到和处理政府信息公开申请情况"
    private static let script = CLI.packageRoot.appendingPathComponent("Tests/Scripts")

    /// The 2021 template with agency and year, filled by `filler` with `十二` in D9 (a bad
    /// cell, 自然人 column) and 5 in E5 (商业企业 received, nothing else: the balance fails there).
    private func filledWorkbook(in folder: URL, name: String = "某局.xlsx", uno: Bool) throws -> URL {
        let template = folder.appendingPathComponent("模板.xlsx")
        let made = try CLI.run(["template", "--agency", "测试局", "--year", "2023", "-o", template.path])
        XCTAssertEqual(made.status, 0, made.standardError)
        let filled = folder.appendingPathComponent(name)
        let run: CLIRun
        if uno {
            run = try CLI.runProgram("/usr/bin/python3", [
                Self.script.appendingPathComponent("uno_fill.py").path, template.path, filled.path,
                "\(Self.sheet三)!D9=十二", "\(Self.sheet三)!E5=5",
            ])
        } else {
            let fill = folder.appendingPathComponent("fill.json")
            try Data(#"{"cells": [["\#(Self.sheet三)", "D9", "十二"], ["\#(Self.sheet三)", "E5", 5]]}"#.utf8).write(to: fill)
            run = try CLI.runProgram("/usr/bin/env", ["python3", Self.script.appendingPathComponent("fill_workbook.py").path, template.path, fill.path, filled.path])
        }
        XCTAssertEqual(run.status, 0, run.standardError)
        return filled
    }

    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func testABadCellAndABrokenRuleAreBothReported() throws {
        let folder = try makeTemporaryDirectory("every-finding")
        let file = try filledWorkbook(in: folder, uno: false)
        let check = try CLI.run(["check", file.path])
        XCTAssertEqual(check.status, 1, check.standardOutput + check.standardError)
        XCTAssertEqual(lines(check.standardOutput), [
            "\(file.path): 测试局, year 2023, form 2021: 2 errors (1 warning)",
            "error: \(file.path): sheet \(Self.sheet三), cell D9: expected a whole number ≥ 0, found \"十二\" [cell.invalid]",
            "error: \(file.path): sheet \(Self.sheet三), cell E5: 三、收到和处理政府信息公开申请情况: 一 + 二 = 三(七) + 四 fails in column 法人或其他组织›商业企业: 5 + 0 ≠ 0 + 0 [applications.balance]",
            // The template's cover was filled without its 成文日期.
            "warning: \(file.path): report: no date (成文日期): write the date the report was signed [report.no_date]",
        ])
        // convert writes what it read, the bad cell kept as typed, and fails like an unresolved row.
        let json = folder.appendingPathComponent("某局.json")
        let convert = try CLI.run(["convert", file.path, json.path])
        XCTAssertEqual(convert.status, 1, convert.standardError)
        let written = try String(contentsOf: json, encoding: .utf8)
        XCTAssertTrue(written.contains(#""reason": "invalid""#) && written.contains(#""typed": "十二""#), written)
        XCTAssertTrue(convert.standardError.contains("cell D9: expected a whole number ≥ 0, found \"十二\" [cell.invalid]"), convert.standardError)
        // The JSON gives the same findings, placed by JSON path.
        let again = try CLI.run(["check", json.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.standardOutput.contains("2 errors"), again.standardOutput)
    }

    /// A real client: the template filled through LibreOffice's UNO API (as Calc saves it),
    /// then checked in Chinese, the default language.
    func testTemplateFilledThroughLibreOfficeGivesBothFindingsInChinese() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            (try? CLI.runProgram("/usr/bin/python3", ["-c", "import uno"]))?.status == 0
        else { throw XCTSkip("python3-uno is not installed (make setup-interop)") }
        let folder = try makeTemporaryDirectory("every-finding-uno")
        let file = try filledWorkbook(in: folder, uno: true)
        let check = try CLI.run(["check", file.path], environment: ["XXGK_LANG": "zh"])
        XCTAssertEqual(check.status, 1, check.standardOutput + check.standardError)
        let output = lines(check.standardOutput)
        XCTAssertTrue(output.contains("错误：\(file.path)：工作表「\(Self.sheet三)」D9 单元格：应填写不小于 0 的整数，实际为“十二” [cell.invalid]"), check.standardOutput)
        XCTAssertTrue(output.contains { $0.hasPrefix("错误：\(file.path)：工作表「\(Self.sheet三)」E5 单元格：") && $0.hasSuffix("[applications.balance]") }, check.standardOutput)
        XCTAssertEqual(output.filter { $0.hasPrefix("错误") }.count, 2, check.standardOutput)
    }

    func testFeedbackWorkbookMarksTheCellsAndListsTheProblems() throws {
        let folder = try makeTemporaryDirectory("feedback")
        let file = try filledWorkbook(in: folder, uno: false)
        let out = folder.appendingPathComponent("反馈")
        let check = try CLI.run(["check", file.path, "--feedback", out.path])
        XCTAssertEqual(check.status, 1, check.standardError)
        XCTAssertEqual(CLI.contents(of: out), ["某局-反馈.xlsx"])
        let feedback = out.appendingPathComponent("某局-反馈.xlsx")
        let dump = try FeedbackDump(feedback)
        XCTAssertEqual(dump.sheets.first, "问题清单")
        XCTAssertEqual(dump.values["问题清单"]?["A1"] as? String, "序号")
        XCTAssertEqual(dump.values["问题清单"]?["E1"] as? String, "问题")
        XCTAssertEqual(dump.values["问题清单"]?["C2"] as? String, Self.sheet三)
        XCTAssertEqual(dump.values["问题清单"]?["D2"] as? String, "D9")
        XCTAssertEqual(dump.links["问题清单"]?["D2"], "'\(Self.sheet三)'!D9")
        XCTAssertEqual(dump.links["问题清单"]?["D3"], "'\(Self.sheet三)'!E5")
        // The bad value as typed, red, with its note; the failing rule's cell too.
        XCTAssertEqual(dump.values[Self.sheet三]?["D9"] as? String, "十二")
        XCTAssertEqual(dump.fills[Self.sheet三]?["D9"], "FFC7CE")
        XCTAssertEqual(dump.comments[Self.sheet三]?["D9"], "Problem 1: expected a whole number ≥ 0, found \"十二\" [cell.invalid]")
        XCTAssertTrue(dump.comments[Self.sheet三]?["E5"]?.hasSuffix("[applications.balance]") ?? false, "\(dump.comments)")
        XCTAssertEqual(dump.fills[Self.sheet三]?["E5"], "FFC7CE")
        // The feedback workbook is a submission again: mended and sent back, it is read as the report.
        let recheck = try CLI.run(["check", feedback.path])
        XCTAssertEqual(recheck.status, 1)
        XCTAssertTrue(recheck.standardOutput.contains("cell D9: expected a whole number ≥ 0, found \"十二\" [cell.invalid]"), recheck.standardOutput)
        // No feedback for a submission without findings, and never over an input.
        // (The example alone: examples/ holds it twice, as JSON and as text, which are duplicates.)
        let clean = try CLI.run(["check", "--feedback", out.path, CLI.packageRoot.appendingPathComponent("examples/000_dongxihu_2020.json").path])
        XCTAssertEqual(CLI.contents(of: out), ["某局-反馈.xlsx"], clean.standardOutput)
    }

    /// LibreOffice opens the feedback workbook: its comments and links survive a re-save, and
    /// the problem list and the typed value are what Calc shows.
    func testLibreOfficeOpensTheFeedbackWorkbook() throws {
        guard (try? CLI.runProgram("/usr/bin/env", ["sh", "-c", "command -v soffice"]))?.status == 0 else {
            throw XCTSkip("LibreOffice is not installed (make setup-interop)")
        }
        let folder = try makeTemporaryDirectory("feedback-libreoffice")
        let file = try filledWorkbook(in: folder, uno: false)
        let out = folder.appendingPathComponent("反馈")
        _ = try CLI.run(["check", file.path, "--feedback", out.path])
        let feedback = out.appendingPathComponent("某局-反馈.xlsx")
        let resaved = folder.appendingPathComponent("resaved")
        try LibreOffice.convert([feedback], to: "xlsx:Calc MS Excel 2007 XML", in: resaved)
        let dump = try FeedbackDump(resaved.appendingPathComponent("某局-反馈.xlsx"))
        XCTAssertEqual(dump.sheets.first, "问题清单")
        XCTAssertEqual(dump.values[Self.sheet三]?["D9"] as? String, "十二")
        XCTAssertTrue(dump.comments[Self.sheet三]?["D9"]?.contains("found \"十二\"") ?? false, "\(dump.comments)")
        XCTAssertTrue(dump.links["问题清单"]?["D2"]?.contains("D9") ?? false, "\(dump.links)")
        let csv = folder.appendingPathComponent("csv")
        try LibreOffice.convert([feedback], to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", in: csv)
        let list = try String(contentsOf: csv.appendingPathComponent("某局-反馈-问题清单.csv"), encoding: .utf8)
        XCTAssertTrue(list.hasPrefix("序号,级别,工作表,单元格,问题\n"), list)
        XCTAssertTrue(list.contains("\(Self.sheet三),D9,"), list)
    }
}

/// What `Tests/Scripts/dump_feedback.py` (openpyxl) sees of a workbook's marks.
struct FeedbackDump {
    let sheets: [String]
    let values: [String: [String: Any]]
    let comments: [String: [String: String]]
    let links: [String: [String: String]]
    let fills: [String: [String: String]]

    init(_ file: URL) throws {
        let run = try CLI.runProgram("/usr/bin/env", ["python3", CLI.packageRoot.appendingPathComponent("Tests/Scripts/dump_feedback.py").path, file.path])
        guard run.status == 0, let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any] else {
            throw XCTSkip("openpyxl could not read \(file.lastPathComponent): \(run.standardError)")
        }
        sheets = object["sheets"] as? [String] ?? []
        values = object["values"] as? [String: [String: Any]] ?? [:]
        comments = object["comments"] as? [String: [String: String]] ?? [:]
        links = object["links"] as? [String: [String: String]] ?? [:]
        fills = object["fills"] as? [String: [String: String]] ?? [:]
    }
}
