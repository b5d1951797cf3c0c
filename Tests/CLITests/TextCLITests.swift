import Foundation
import TestSupport
import XCTest

/// `xxgk convert` and `xxgk check` on text reports, through the built binary.
final class TextCLITests: XCTestCase {
    private let corpus = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

    /// Converting `bytes` as a .txt file fails with exit 2, `message` on stderr naming the
    /// file, and writes nothing.
    private func assertRejected(_ bytes: Data, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try makeTemporaryDirectory("cli")
        let input = folder.appendingPathComponent("published.txt")
        try bytes.write(to: input)
        let run = try CLI.run(["convert", input.path, folder.appendingPathComponent("out.json").path])
        XCTAssertEqual(run.status, 2, run.standardError, file: file, line: line)
        XCTAssertEqual(run.standardError, "error: \(input.path): \(message)\n", file: file, line: line)
        XCTAssertEqual(CLI.contents(of: folder), ["published.txt"], file: file, line: line)
    }

    func testEmptyFileIsRejected() throws {
        try assertRejected(Data(), "the file is empty; expected the text of a 政府信息公开工作年度报告")
        try assertRejected(Data(" \n\n\t\n".utf8), "the file is empty; expected the text of a 政府信息公开工作年度报告")
    }

    func testBinaryDataIsRejected() throws {
        var random = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        random[0] = 0
        try assertRejected(random, "binary data (not UTF-8 text), not a text report")
        try assertRejected(Data("PK\u{3}\u{4}rest of a zip".utf8), "this is a ZIP archive (an .xlsx or .docx document?), not a text report")
    }

    func testRandomDocumentIsRejected() throws {
        let text = """
            关于做好2024年春节期间安全生产工作的通知
            各单位：春节将至，为切实做好节日期间安全生产工作，现将有关事项通知如下。
            一、提高思想认识。二、加强隐患排查。
            """
        try assertRejected(Data(text.utf8), "not a 政府信息公开工作年度报告: no title such as “…2023年政府信息公开工作年度报告” and no table rows of the form were found")
    }

    func testGB18030TextIsDecoded() throws {
        let seed = corpus.appendingPathComponent("000_7a2d54064bc2732c.txt")
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", seed.path]
        let pipe = Pipe()
        iconv.standardOutput = pipe
        try iconv.run()
        let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
        iconv.waitUntilExit()
        XCTAssertEqual(iconv.terminationStatus, 0)
        // A report saved in GB18030/GBK reads to the same JSON as its UTF-8 text.
        let folder = try makeTemporaryDirectory("cli")
        let input = folder.appendingPathComponent("published.txt")
        try bytes.write(to: input)
        let run = try CLI.run(["convert", input.path, "-", "--to", "json"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardError, "")
        XCTAssertEqual(run.standardOutput, try CLI.run(["convert", seed.path, "-", "--to", "json"]).standardOutput)
    }

    func testConvertJSONToTextAndMarkdownAndBack() throws {
        let folder = try makeTemporaryDirectory("cli")
        let example = CLI.packageRoot.appendingPathComponent("examples/000_dongxihu_2020.json")
        let original = try String(contentsOf: example, encoding: .utf8)
        for kind in ["txt", "md"] {
            let text = folder.appendingPathComponent("report.\(kind)")
            let back = folder.appendingPathComponent("back-\(kind).json")
            XCTAssertEqual(try CLI.run(["convert", example.path, text.path]).status, 0)
            let run = try CLI.run(["convert", text.path, back.path])
            XCTAssertEqual(run.status, 0, run.standardError)
            XCTAssertEqual(run.standardError, "")
            let canonical = try CLI.run(["convert", example.path, "-", "--to", "json"]).standardOutput
            XCTAssertEqual(try String(contentsOf: back, encoding: .utf8), canonical, kind)
            XCTAssertFalse(original.isEmpty)
        }
        let text = try String(contentsOf: folder.appendingPathComponent("report.txt"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告\n"))
    }

    func testCheckNamesTheLineOfEachFailingRule() throws {
        let run = try CLI.run(["check", corpus.appendingPathComponent("02_hongze_quzf_2023.txt").path])
        XCTAssertEqual(run.status, 1, run.standardOutput + run.standardError)
        let errors = run.standardOutput.components(separatedBy: "\n").filter { $0.hasPrefix("error:") }
        XCTAssertEqual(errors.count, 2, run.standardOutput)
        for error in errors {
            XCTAssertTrue(error.contains("02_hongze_quzf_2023.txt: line 149: 四、政府信息公开行政复议、行政诉讼情况:"), error)
            XCTAssertTrue(error.hasSuffix("[appeals.group_total]"), error)
        }
    }
}
