import TestSupport
import XCTest

/// The command line speaks Chinese by default and English when asked (`--lang en`,
/// `XXGK_LANG`, an English `LANG`): help, exit codes, usage errors and output errors.
final class LanguageCLITests: XCTestCase {
    /// The environment of a Chinese run; a wide terminal, so no help line is wrapped.
    private let chinese = ["XXGK_LANG": "zh", "COLUMNS": "1000"]

    func testHelpIsChineseByDefault() throws {
        let help = try CLI.run(["--help"], environment: chinese)
        XCTAssertEqual(help.status, 0, help.standardError)
        let lines = help.standardOutput.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "概述：转换和校验政府信息公开工作年度报告。")
        XCTAssertTrue(lines.contains(
            "退出码：0 完成且全部校验通过；1 有勾稽关系校验未通过；2 有输入无法读取或不是已知表式的报告（不写出任何文件）；64 用法错误；73 无法写出输出文件（不会留下写了一半的文件）。"),
            help.standardOutput)
        XCTAssertTrue(lines.contains("用法：xxgk <subcommand>"), help.standardOutput)
        XCTAssertTrue(lines.contains("选项："), help.standardOutput)
        XCTAssertTrue(lines.contains("子命令："), help.standardOutput)
        XCTAssertTrue(help.standardOutput.contains("显示帮助信息。"), help.standardOutput)
        XCTAssertTrue(help.standardOutput.contains("运行“xxgk help <子命令>”查看子命令的详细说明。"), help.standardOutput)
        XCTAssertFalse(help.standardOutput.contains("OVERVIEW"), help.standardOutput)
    }

    func testASubcommandsHelpIsChinese() throws {
        let help = try CLI.run(["serve", "--help"], environment: chinese)
        XCTAssertEqual(help.status, 0, help.standardError)
        XCTAssertTrue(help.standardOutput.hasPrefix("概述：提供收集、校验和汇总各部门报告的网页。\n"), help.standardOutput)
        XCTAssertTrue(help.standardOutput.contains("要监听的端口。（默认：8080）\n"), help.standardOutput)
    }

    /// ArgumentParser counts characters; a Chinese help is laid out again by display width
    /// (two columns a character), so no line runs past the terminal's edge.
    func testChineseHelpFitsTheTerminalWidth() throws {
        for command in ["compare", "convert", "serve"] {
            let help = try CLI.run([command, "--help"], environment: ["XXGK_LANG": "zh", "COLUMNS": "60"])
            XCTAssertEqual(help.status, 0, help.standardError)
            for line in help.standardOutput.components(separatedBy: "\n") where !line.hasPrefix("用法：") && !line.hasPrefix("       ") {
                let width = line.unicodeScalars.reduce(0) { $0 + ((0x2E80...0xFFEF).contains($1.value) ? 2 : 1) }
                XCTAssertLessThanOrEqual(width, 60, "\(command): \(line)")
            }
            XCTAssertTrue(help.standardOutput.contains("\n  -h, --help              显示帮助信息。\n"), help.standardOutput)
        }
    }

    func testAnUnknownExtensionIsAChineseUsageError() throws {
        let folder = try makeTemporaryDirectory("cli")
        let run = try CLI.run(["convert", "r.doc", "r.json"], environment: chinese, in: folder)
        XCTAssertEqual(run.status, 64)
        XCTAssertEqual(run.standardError, """
            错误：无法从扩展名判断输入 r.doc 的格式；应为 .json、.xlsx、.txt、.md、.html 或 .pdf（或用 --from 指明）
            用法：xxgk convert <input> <output> [--from <from>] [--to <to>] [--strict]
              运行“xxgk convert --help”查看说明。

            """)
        XCTAssertEqual(CLI.contents(of: folder), [])
    }

    func testArgumentParsersOwnErrorsAreFramedInChinese() throws {
        let run = try CLI.run(["convert", "--bogus", "a.json", "b.json"], environment: chinese)
        XCTAssertEqual(run.status, 64)
        let lines = run.standardError.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "错误：未知选项“--bogus”")
        XCTAssertEqual(lines.dropFirst().first?.hasPrefix("用法：xxgk convert "), true, run.standardError)
        XCTAssertTrue(lines.contains("  运行“xxgk convert --help”查看说明。"), run.standardError)
        let missing = try CLI.run(["convert", "a.json"], environment: chinese)
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.standardError.hasPrefix("错误：缺少参数“<output>”\n说明：<output>  要写出的文件（"), missing.standardError)
    }

    func testAMissingOutputFolderIsAChineseOutputError() throws {
        let folder = try makeTemporaryDirectory("cli")
        let target = folder.appendingPathComponent("没有这个文件夹/r.txt")
        let run = try CLI.run(["convert", Fixtures.exampleJSON.path, target.path], environment: chinese)
        XCTAssertEqual(run.status, 73)
        XCTAssertEqual(run.standardError, "错误：\(target.path)：文件夹 \(target.deletingLastPathComponent().path) 不存在\n")
    }

    func testLangEnGivesEnglish() throws {
        let help = try CLI.run(["--lang", "en", "--help"], environment: chinese)
        XCTAssertEqual(help.status, 0, help.standardError)
        XCTAssertTrue(help.standardOutput.hasPrefix(
            "OVERVIEW: Convert and check annual reports on government information disclosure (政府信息公开工作年度报告).\n"),
            help.standardOutput)
        XCTAssertTrue(help.standardOutput.contains(
            "Exit codes: 0 done and every check passed; 1 a cross-check failed; 2 an input could not be read or is not a report of a known form (nothing written); 64 wrong usage; 73 an output could not be written (nothing half-written)."),
            help.standardOutput)
        let unknown = try CLI.run(["convert", "r.doc", "r.json", "--lang=en"], environment: chinese)
        XCTAssertEqual(unknown.status, 64)
        XCTAssertEqual(unknown.standardError, """
            Error: cannot tell the kind of input r.doc from its extension; expected .json, .xlsx, .txt, .md, .html or .pdf (or --from)
            Usage: xxgk convert <input> <output> [--from <from>] [--to <to>] [--strict]
              See 'xxgk convert --help' for more information.

            """)
        let folder = try makeTemporaryDirectory("cli")
        let target = folder.appendingPathComponent("missing/r.txt")
        let output = try CLI.run(["--lang", "en", "convert", Fixtures.exampleJSON.path, target.path], environment: chinese)
        XCTAssertEqual(output.status, 73)
        XCTAssertEqual(output.standardError, "error: \(target.path): the folder \(target.deletingLastPathComponent().path) does not exist\n")
    }

    func testAnEnglishLocaleGivesEnglishAndNoLocaleChinese() throws {
        let english = try CLI.run(["forms"], environment: ["XXGK_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"])
        XCTAssertTrue(english.standardOutput.contains("\treports for 2021 on\n"), english.standardOutput)
        let none = try CLI.run(["forms"], environment: ["XXGK_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""])
        XCTAssertTrue(none.standardOutput.contains("\t适用年度：2021 起\n"), none.standardOutput)
    }
}

/// The writer's failures reach users through the output error, in the language of the run.
final class WriterErrorLanguageCLITests: XCTestCase {
    func testAWriterFailureIsSaidInChineseWithItsCell() throws {
        let folder = try makeTemporaryDirectory("cli")
        let agency = String(repeating: "乙", count: 40_000)
        let run = try CLI.run(["template", "--agency", agency, "-o", "t.xlsx"], environment: ["XXGK_LANG": "zh"], in: folder)
        XCTAssertEqual(run.status, 73)
        XCTAssertTrue(run.standardError.hasPrefix("错误：t.xlsx：工作表「"), run.standardError)
        XCTAssertTrue(run.standardError.hasSuffix(" 单元格：文字超过 Excel 允许的长度（单元格最多 32767 个字符）\n"), run.standardError)
        XCTAssertEqual(CLI.contents(of: folder), [])
        let english = try CLI.run(["template", "--agency", agency, "-o", "t.xlsx", "--lang", "en"], in: folder)
        XCTAssertEqual(english.status, 73)
        XCTAssertTrue(english.standardError.hasPrefix("error: t.xlsx: sheet "), english.standardError)
        XCTAssertTrue(english.standardError.hasSuffix(": String exceeds Excel's limit of 32,767 characters.\n"), english.standardError)
    }
}
