import TestSupport
import XCTest

/// The foundation's commands, run as a user runs them: forms, check and convert on JSON.
final class FoundationCLITests: XCTestCase {
    func testVersionAndHelp() throws {
        let version = try CLI.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertEqual(version.standardOutput, "0.1.0\n")
        for command in ["forms", "check", "convert"] {
            let help = try CLI.run([command, "--help"])
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.standardOutput.contains("USAGE: xxgk \(command)"), help.standardOutput)
        }
    }

    func testFormsListsBoth() throws {
        let run = try CLI.run(["forms"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.standardOutput, """
            2019\t政府信息公开工作年度报告格式（2019年）\treports for 2019–2020
            2021\t政府信息公开工作年度报告格式（2021年修订）\treports for 2021 on

            """)
    }

    func testFormsIDsPrintsEveryIDWithItsLabel() throws {
        let run = try CLI.run(["forms", "2021", "--ids"])
        XCTAssertEqual(run.status, 0)
        let lines = Set(run.standardOutput.split(separator: "\n").map(String.init))
        for expected in [
            "section\tappeals\t四、政府信息公开行政复议、行政诉讼情况",
            "row\tproactive.normative_documents\t第二十条第（一）项 › 行政规范性文件",
            "cell\tproactive.fees.amount\t本年收费金额（单位：万元）\tamount",
            "cell\tapplications.received.commercial\t申请人情况 › 法人或其他组织 › 商业企业\tcount",
            "row\tapplications.other_no_fee\t三、本年度办理结果 › （六）其他处理 › 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "cell\tappeals.litigation_after_review.pending\t行政诉讼 › 复议后起诉 › 尚未审结\tcount",
            "rule\tappeals.group_total\terror\t总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结\tfor each row: total = upheld + corrected + other + pending",
        ] {
            XCTAssertTrue(lines.contains(expected), "missing: \(expected)")
        }
        XCTAssertEqual(lines.filter { $0.hasPrefix("cell\t") }.count, 10 + 25 * 7 + 15)
        let form2019 = try CLI.run(["forms", "2019", "--ids"])
        XCTAssertTrue(form2019.standardOutput.contains("cell\tproactive.procurement.amount\t采购总金额\tamount\n"))
        XCTAssertTrue(form2019.standardOutput.contains("row\tapplications.other_handling\t三、本年度办理结果 › （六）其他处理\n"))
        XCTAssertEqual(form2019.standardOutput.split(separator: "\n").filter { $0.hasPrefix("cell\t") }.count, 22 + 23 * 7 + 15)
    }

    func testUnknownFormIsAUsageError() throws {
        let run = try CLI.run(["forms", "2017"])
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.standardError.contains("unknown form \"2017\"; expected one of \"2019\", \"2021\""), run.standardError)
    }

    func testCheckExamplePasses() throws {
        let run = try CLI.run(["check", Fixtures.exampleJSON.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput, "\(Fixtures.exampleJSON.path): 武汉市东西湖区残疾人联合会, year 2020, form 2019: passed\n")
    }

    func testCheckFailingRuleExitsOneAndNamesThePlace() throws {
        let folder = try makeTemporaryDirectory("cli")
        let text = try String(contentsOf: Fixtures.exampleJSON, encoding: .utf8)
            .replacingOccurrences(of: "\"received\": {\n        \"natural\": 0,", with: "\"received\": {\n        \"natural\": 5,")
        let path = folder.appendingPathComponent("bad.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.standardOutput, """
            \(path): 武汉市东西湖区残疾人联合会, year 2020, form 2019: 2 errors
            error: \(path): tables.applications.received.natural: 三、收到和处理政府信息公开申请情况: 一 + 二 = 三(七) + 四 fails in column 自然人: 5 + 0 ≠ 0 + 0 [applications.balance]
            error: \(path): tables.applications.received.total: 三、收到和处理政府信息公开申请情况: 总计 = 自然人 + 法人或其他组织 fails in row 一、本年新收政府信息公开申请数量: 0 ≠ 5 + 0 + 0 + 0 + 0 + 0 [applications.row_total]

            """)
        let rules = try CLI.run(["check", "--rules", path])
        XCTAssertEqual(rules.standardOutput.split(separator: "\n").dropFirst().prefix(5).joined(separator: "\n"), """
              不通过 三、收到和处理政府信息公开申请情况: 一 + 二 = 三(七) + 四 [applications.balance] — column 自然人
              通过   三、收到和处理政府信息公开申请情况: 三(七)总计 = 三(一) + … + 三(六) [applications.results_total]
              不通过 三、收到和处理政府信息公开申请情况: 总计 = 自然人 + 法人或其他组织 [applications.row_total] — row 一、本年新收政府信息公开申请数量
              通过   四、政府信息公开行政复议、行政诉讼情况: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 [appeals.group_total]
              通过   二、主动公开政府信息情况: 对外公开总数量 ≥ 本年新公开数量 [proactive.total_published]
            """)
        let json = try CLI.run(["check", "--format", "json", path])
        XCTAssertEqual(json.status, 1)
        XCTAssertTrue(json.standardOutput.contains("\"status\": \"failed\""))
        XCTAssertTrue(json.standardOutput.contains("\"rule\": \"applications.balance\""))
        XCTAssertTrue(json.standardOutput.contains("\"found\": 5"))
    }

    func testConvertNormalisesJSON() throws {
        let folder = try makeTemporaryDirectory("cli")
        let compact = try String(contentsOf: Fixtures.exampleJSON, encoding: .utf8)
            .replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "  ", with: "")
            .replacingOccurrences(of: "\"amount\": 199.2", with: "\"amount\": 199.20")
        let input = folder.appendingPathComponent("compact.json")
        try compact.write(to: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.json")
        let run = try CLI.run(["convert", input.path, output.path])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(try Data(contentsOf: output), try Data(contentsOf: Fixtures.exampleJSON))
        let piped = try CLI.run(["convert", "-", "-", "--from", "json", "--to", "json"], input: Data(compact.utf8))
        XCTAssertEqual(piped.standardOutput, try String(contentsOf: Fixtures.exampleJSON, encoding: .utf8))
    }

    /// Each bad JSON case: its message, exit code 2, and no output file.
    func testBadJSONExitsTwoAndWritesNothing() throws {
        let original = try String(contentsOf: Fixtures.exampleJSON, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("\"form\": \"2019\"", "\"form\": \"2020\"", "form: unknown form \"2020\"; expected one of \"2019\", \"2021\""),
            ("\"fees\": {", "\"fee\": {", "tables.proactive.fee: unknown id; expected one of rules, normative_documents, licensing, other_services, penalty, coercion, fees, procurement"),
            ("\"items\": 5,", "", "tables.proactive.procurement.items: missing (write null for a blank cell)"),
        ]
        for (target, replacement, message) in cases {
            let folder = try makeTemporaryDirectory("cli")
            let input = folder.appendingPathComponent("in.json")
            try original.replacingOccurrences(of: target, with: replacement).write(to: input, atomically: true, encoding: .utf8)
            let output = folder.appendingPathComponent("out.json")
            let run = try CLI.run(["convert", input.path, output.path])
            XCTAssertEqual(run.status, 2, message)
            XCTAssertEqual(run.standardError, "error: \(input.path): \(message)\n")
            XCTAssertEqual(CLI.contents(of: folder), ["in.json"], "nothing written for: \(message)")
            let check = try CLI.run(["check", input.path])
            XCTAssertEqual(check.status, 2)
            XCTAssertTrue(check.standardOutput.contains("error: \(input.path): \(message)"), check.standardOutput)
        }
    }

    func testUnreadableInputsStillCheckTheOthers() throws {
        let folder = try makeTemporaryDirectory("cli")
        try "<html>".write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Fixtures.exampleJSON, to: folder.appendingPathComponent("b.json"))
        let run = try CLI.run(["check", folder.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.standardOutput, """
            \(folder.path)/a.json: unreadable
            \(folder.path)/b.json: 武汉市东西湖区残疾人联合会, year 2020, form 2019: passed
            error: \(folder.path)/a.json: not valid JSON: line 1, column 1: unexpected character '<'

            """)
    }

    func testOutputToAFolderIsRefused() throws {
        let folder = try makeTemporaryDirectory("cli")
        let target = folder.appendingPathComponent("out.json")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        let run = try CLI.run(["convert", Fixtures.exampleJSON.path, target.path])
        XCTAssertEqual(run.status, 73, "an output that cannot be written is its own exit code, not an unreadable input")
        XCTAssertEqual(run.standardError, "error: \(target.path): is a folder; give a file name to write\n")
        XCTAssertEqual(CLI.contents(of: folder), ["out.json"])
    }

    func testUsageErrorsExit64() throws {
        XCTAssertEqual(try CLI.run(["convert", Fixtures.exampleJSON.path, "out.pdf"]).status, 64)
        XCTAssertEqual(try CLI.run(["frobnicate"]).status, 64)
    }
}
