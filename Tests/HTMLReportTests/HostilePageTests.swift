import Foundation
@testable import HTMLReport
import ReportModel
import TestSupport
import XCTest

/// Pages built to hurt: each is refused with its own message or read safely, never a crash,
/// a hang or output on stderr.
final class HostilePageTests: XCTestCase {
    private func assertRefused(_ data: Data, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let loaded = try HTMLReport.read(data, file: "hostile.html")
            XCTFail("read: \(loaded.report.agency)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.description, message, file: file, line: line)
        }
    }

    /// libxml2's HTML parser defines no entities from a DTD: a billion-laughs page keeps its
    /// `&lol9;` as the text it is, in no time.
    func testEntityExpansionIsNotPerformed() throws {
        var dtd = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        let page = "<!DOCTYPE html [\n\(dtd)]>\n<html><body><p>a&lol9;b</p><p>&unknown; &amp;&lt;&#x4E2D;&#20013;</p></body></html>"
        let start = Date()
        let lines = try HTMLReport.pageLines(Data(page.utf8)).map(\.text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        XCTAssertTrue(lines.contains("a&lol9;b"), "\(lines)")
        XCTAssertTrue(lines.contains("&unknown; &<中中"), "\(lines)")
        XCTAssertLessThan(lines.joined().count, 2000)
        assertRefused(Data(page.utf8), "error: hostile.html: not a 政府信息公开工作年度报告: no title such as “…2023年政府信息公开工作年度报告” and no table rows of the form were found")
    }

    /// 10,000 nested elements are refused at the limit, naming the line, without recursing
    /// that deep; 200 levels around a real report are read.
    func testDeepNestingIsRefused() throws {
        let deep = "<html><body>\n" + String(repeating: "<div>", count: 10_000) + "x</body></html>"
        let start = Date()
        assertRefused(Data(deep.utf8), "error: hostile.html: line 2: the page nests elements more than 256 deep; a report page is not built so")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        let text = try String(contentsOf: Fixtures.corpus.appendingPathComponent("000_7a2d54064bc2732c.txt"), encoding: .utf8)
        let body = text.components(separatedBy: "\n").map { "<p>\($0.replacingOccurrences(of: "\t", with: " "))</p>" }.joined(separator: "\n")
        let nested = "<html><body>" + String(repeating: "<div>", count: 200) + body + String(repeating: "</div>", count: 200) + "</body></html>"
        XCTAssertEqual(try HTMLReport.read(Data(nested.utf8), file: nil).report.agency, "武汉市东西湖区残疾人联合会")
    }

    /// A page over 20 MB is refused before it is decoded or parsed.
    func testTooLargePageIsRefused() {
        var data = Data("<html><body><p>".utf8)
        data.append(Data(repeating: 0x61, count: 20 * 1024 * 1024))
        assertRefused(data, "error: hostile.html: the page is larger than 20 MB; a report page is far smaller")
    }

    /// Spans that would make a grid of millions of slots are refused by the cell limit.
    func testTooManyTableCellsAreRefused() {
        let rows = String(repeating: "<tr><td colspan=\"1000\">x</td></tr>\n", count: 300)
        assertRefused(Data("<html><body><table>\(rows)</table></body></html>".utf8),
            "error: hostile.html: the page's tables have more than 200000 cells (rowspan and colspan counted); a report's tables have a few hundred")
    }

    /// Bytes that are not a page are refused by `sniff`, with what was expected.
    func testNotHTMLIsRefused() throws {
        let expected = "error: hostile.html: not an HTML page: expected <!DOCTYPE html>, <html>, <head>, <body>, <table> or <meta> at the start"
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        for data in [garbage, Data(), Data("%PDF-1.7\n".utf8), Data("PK\u{3}\u{4}".utf8),
                     try Data(contentsOf: Fixtures.corpus.appendingPathComponent("000_7a2d54064bc2732c.txt")),
                     Data("<htmlish>".utf8), Data("<p>text</p>".utf8)] {
            XCTAssertFalse(HTMLReport.sniff(data))
            assertRefused(data, expected)
        }
        // Markup after a page's start that is binary garbage: refused for its bytes.
        var binary = Data("<html><body>".utf8)
        binary.append(Data([0x80, 0x00, 0xFF, 0xFE, 0x81, 0x20] + (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        assertRefused(binary, "error: hostile.html: the page's bytes are neither UTF-8 nor GB18030/GBK text, and it declares no charset")
        let declared = Data("<meta charset=\"gbk\"><p>".utf8) + Data([0xD6, 0x20, 0xFF])
        assertRefused(declared, "error: hostile.html: the page declares charset “gbk” but its bytes are not GB18030/GBK text")
    }

    /// What counts as a page: markup near the start, after a BOM, white space, comments or an
    /// XML declaration.
    func testSniff() throws {
        for yes in ["<!DOCTYPE html>", "\u{FEFF}  \n<!doctype HTML PUBLIC \"-//W3C//DTD XHTML 1.0\">", "<html>", "<HTML lang=zh>",
                    "<head>", "<body class=x>", "<table>", "<meta charset=gbk>", "<!-- 生成于 CMS --><html>",
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"] {
            XCTAssertTrue(HTMLReport.sniff(Data(yes.utf8)), yes)
        }
        XCTAssertTrue(HTMLReport.sniff(Data([0xFF, 0xFE]) + (try XCTUnwrap("<html><body>".data(using: .utf16LittleEndian)))))
        for no in ["", "   ", "<htmlx>", "<p>", "2020年政府信息公开工作年度报告", "{\"form\": \"2019\"}", "<tablet>", "<?xml version=\"1.0\"?><worksheet>"] {
            XCTAssertFalse(HTMLReport.sniff(Data(no.utf8)), no)
        }
    }

    /// Broken markup (unclosed and stray tags, unknown elements and entities, control bytes)
    /// is recovered from like a browser, and libxml2 prints nothing.
    func testBrokenMarkupIsRecoveredSilently() throws {
        let page = "<html><body><p>unclosed <b><i>x</p></table></tr><td>y<zz:foo a=>&bogus;\u{1}<p>z</body></html></html><html>"
        let stderrCopy = dup(2)
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-stderr-\(UUID().uuidString)")
        XCTAssertTrue(FileManager.default.createFile(atPath: capture.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: capture) }
        let handle = try FileHandle(forWritingTo: capture)
        dup2(handle.fileDescriptor, 2)
        let lines = try? HTMLReport.pageLines(Data(page.utf8)).map(\.text)
        _ = try? HTMLReport.read(Data(page.utf8), file: nil)
        dup2(stderrCopy, 2)
        close(stderrCopy)
        try handle.close()
        XCTAssertEqual(lines, ["unclosed x", "y&bogus;", "z"])
        XCTAssertEqual(try Data(contentsOf: capture), Data())
    }

    /// Cut, repeated and spliced pieces of a real page (tags torn apart, spans made huge,
    /// bytes of GBK in a UTF-8 page): every variant is read or refused, none crashes.
    func testMangledPagesAreReadOrRefused() throws {
        let original = [UInt8](try Fixtures.page("09_shuyang_fgj_2023.html"))
        let splices = ["<table>", "</td>", "<td rowspan=\"65534\" colspan=\"1000\">", "</table></table>", "<tr>", "&#0;", "<!--", "\u{0}", "<![CDATA["]
            .map { Array($0.utf8) } + [[0xD6, 0xD0, 0x80], [0xFF, 0xFE]]
        var random = SeededGenerator(seed: 14)
        var read = 0, refused = 0
        for _ in 0..<30 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                let length = min(Int.random(in: 1...400, using: &random), bytes.count - at)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.removeSubrange(at..<(at + length))
                case 1: bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
                default: bytes.insert(contentsOf: splices[Int.random(in: 0..<splices.count, using: &random)], at: at)
                }
            }
            do {
                _ = try HTMLReport.read(Data(bytes), file: "mangled.html")
                read += 1
            } catch {
                XCTAssertFalse(error.description.isEmpty)
                refused += 1
            }
        }
        XCTAssertEqual(read + refused, 30)
        XCTAssertGreaterThan(read, 0)
    }
}
