import Foundation
@testable import HTMLReport
import ReportModel
import TestSupport
import ReportText
import XCTest

/// How the parts of a page become lines of text: spans, nested tables, furniture, charsets.
final class PageShapeTests: XCTestCase {
    private func lines(_ page: String) throws -> [String] {
        try HTMLReport.pageLines(Data(page.utf8)).map(\.text)
    }

    /// The seed report (Tests/Fixtures/corpus) as a page: TAB lines as table rows, other
    /// lines as paragraphs, inside `wrapper` (`%@` marks the report).
    private func seedPage(_ wrapper: String = "<html><body>%@</body></html>") throws -> (page: String, text: String) {
        let text = try String(contentsOf: Fixtures.corpus.appendingPathComponent("000_7a2d54064bc2732c.txt"), encoding: .utf8)
        var html = ""
        var inTable = false
        for line in text.components(separatedBy: "\n") {
            let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            if line.contains("\t") {
                if !inTable { html += "<table border=\"1\">\n" }
                inTable = true
                html += "<tr>" + escaped.components(separatedBy: "\t").map { "<td>\($0)</td>" }.joined() + "</tr>\n"
            } else {
                if inTable { html += "</table>\n" }
                inTable = false
                if !line.isEmpty { html += "<p>\(escaped)</p>\n" }
            }
        }
        if inTable { html += "</table>\n" }
        return (wrapper.replacingOccurrences(of: "%@", with: html), text)
    }

    /// A rowspan label is written on its first row only (later rows start with the next
    /// cell); a colspan is one cell; a slot that a rowspan covers after a row's first cell is
    /// written empty, so the numbers after it keep their columns.
    func testRowspanAndColspanAreLaidOutLikeABrowserCopy() throws {
        let page = """
            <html><body><table>
            <tr><td rowspan="3">A</td><td colspan="2">B</td><td>C</td></tr>
            <tr><td>1</td><td>2</td><td>3</td></tr>
            <tr><td rowspan="2">X</td><td>4</td><td>5</td></tr>
            <tr><td>Z</td><td>6</td><td>7</td></tr>
            <tr><td colspan="99999999">wide</td><td rowspan="0">to the end</td></tr>
            <tr><td> 8 </td></tr>
            </table></body></html>
            """
        XCTAssertEqual(try lines(page), ["A\tB\tC", "1\t2\t3", "X\t4\t5", "Z\t\t6\t7", "wide\tto the end", "8"])
    }

    /// The official form's three-level header and row labels become the browser-copy rows the
    /// text parser reads (shape A of docs/TEXT-SHAPES.md).
    func testOfficialFormSpansGiveTheRowsOfABrowserCopy() throws {
        let lines = try HTMLReport.pageLines(try Fixtures.page("09_shuyang_fgj_2023.html")).map(\.text)
        let corpus = try String(contentsOf: Fixtures.corpus.appendingPathComponent("09_shuyang_fgj_2023.txt"), encoding: .utf8)
            .components(separatedBy: "\n")
        // From section 二's heading to the signature, the page gives exactly the lines of the
        // published text (a browser copy of the real page): every header and row of 二, 三, 四.
        let from = try XCTUnwrap(corpus.firstIndex(of: "二、主动公开政府信息情况"))
        let start = try XCTUnwrap(lines.firstIndex(of: "二、主动公开政府信息情况"))
        XCTAssertEqual(Array(lines[start...]), Array(corpus[from...]).filter { !$0.isEmpty })
    }

    /// The 索引号/发布机构/发文日期 block, breadcrumbs, navigation, share/print links, scripts
    /// and the 版权所有 footer are not report text: the agency and the date come from the
    /// report's title and signature, not from the block's 发布机构 and 发文日期.
    func testSiteFurnitureIsDropped() throws {
        let (page, text) = try seedPage("""
            <!DOCTYPE html><html><head><title>年度报告</title><script>var t = "2099年政府信息公开工作年度报告";</script></head><body>
            <div class="nav-top"><a href="/">首页</a><a href="/xxgk">信息公开</a></div>
            <div class="position">当前位置：首页 &gt; 信息公开 &gt; 年报</div>
            <table class="meta"><tr><td>索引号：</td><td>011086/2021-00012</td><td>主题分类：</td><td>年报</td></tr>
            <tr><td>发布机构：</td><td>武汉市东西湖区人民政府</td><td>发文日期：</td><td>2021-02-01</td></tr></table>
            <div style="display: none">2099年某局政府信息公开工作年度报告</div><p hidden>首页</p>
            <div class="content"><div class="info"><span>发布时间：2021-02-01 09:30</span> <span>来源：区政府办</span> <span>浏览次数：312</span></div>
            %@
            <div class="pager"><p>上一篇：武汉市东西湖区人民政府2020年政府信息公开工作年度报告</p><p>下一篇：关于2021年春节期间值班安排的通知</p></div></div>
            <div class="tools"><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a> 分享到：<a>微信</a></div>
            <form action="/search"><input name="q"><button>搜索</button></form>
            <div id="bottom"><p>版权所有：武汉市东西湖区人民政府 鄂ICP备05003320号</p></div>
            </body></html>
            """)
        let got = try lines(page)
        for furniture in ["索引号", "发布机构", "当前位置", "打印", "版权所有", "搜索", "2099", "信息公开\t", "首页", "发布时间", "浏览次数", "上一篇", "下一篇"] {
            XCTAssertFalse(got.contains { $0.contains(furniture) }, furniture)
        }
        XCTAssertEqual(got, text.components(separatedBy: "\n").filter { !$0.isEmpty })
        let loaded = try HTMLReport.read(Data(page.utf8), file: "page.html")
        XCTAssertEqual(loaded.report.agency, "武汉市东西湖区残疾人联合会")
        XCTAssertEqual(loaded.report.date?.description, "2021-01-13")
        XCTAssertEqual(loaded.report.values, try ReportText.parse(text: text).report.values)
    }

    /// A table inside a cell is a table of its own; the table around it (a layout table) is
    /// read as flowing text.
    func testNestedTablesAreTablesOfTheirOwn() throws {
        let page = """
            <html><body>
            <table class="layout"><tr><td>
              <p>前言</p>
              <table border="1">
                <tr><td rowspan="2">甲</td><td>1</td></tr>
                <tr><td>2</td></tr>
              </table>
            </td><td>右栏</td></tr></table>
            <table border="1"><tr><td>外</td><td><table><tr><td>内1</td><td>内<br>2</td></tr></table></td><td>9</td></tr></table>
            </body></html>
            """
        XCTAssertEqual(try lines(page), ["前言", "甲\t1", "2", "右栏", "外", "内1\t内2", "9"])
        // The seed report inside a two-level layout table reads as the bare report.
        let (wrapped, text) = try seedPage("<html><body><table><tr><td><table><tr><td>%@</td></tr></table></td></tr></table></body></html>")
        XCTAssertEqual(try lines(wrapped), text.components(separatedBy: "\n").filter { !$0.isEmpty })
    }

    /// Paragraph text is white space collapsed, a source line break between Chinese
    /// characters removed, entities decoded; a cell's `<br>` and `<p>` join its text.
    func testTextIsCollapsedAsABrowserShowsIt() throws {
        let page = """
            <html><body><p>　　本年新收政府信息
                公开申请数量&nbsp;26&#20214;, &amp; more
            text</p><table><tr><td><p>（二）部分公开</p><p>（区分处理的）</p></td><td>\t3 </td></tr></table></body></html>
            """
        XCTAssertEqual(try lines(page), ["本年新收政府信息公开申请数量 26件, & more text", "（二）部分公开（区分处理的）\t3"])
    }

    /// The title outside the report region (a heading above the article, or only <title>)
    /// is put first, so the parser finds agency and year.
    func testTitleOutsideTheArticleIsKept() throws {
        let (page, _) = try seedPage("<html><head><title>武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告_东西湖区人民政府</title></head><body><article>%@</article></body></html>")
        // The seed's title is two lines, 武汉市东西湖区残疾人联合会 / 2020 年政府信息公开工作年度报告.
        let withoutTitle = page.replacingOccurrences(of: "<p>武汉市东西湖区残疾人联合会</p>\n<p>2020 年政府信息公开工作年度报告</p>", with: "")
        XCTAssertNotEqual(withoutTitle, page)
        let got = try lines(withoutTitle)
        XCTAssertEqual(got.first, "武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告")
        XCTAssertEqual(try HTMLReport.read(Data(withoutTitle.utf8), file: nil).report.agency, "武汉市东西湖区残疾人联合会")
    }

    /// The site's <header> (banner and menu) is dropped, the article's <header> with the
    /// report title is kept.
    func testArticleHeaderKeepsTheTitle() throws {
        let (page, text) = try seedPage("""
            <!DOCTYPE html><html><body>
            <header><div class="logo">武汉市东西湖区人民政府</div><ul><li>首页</li><li>政务公开</li></ul></header>
            <article><header><h1>武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告</h1><p>2021-01-13 来源：区残联</p></header>
            %@</article></body></html>
            """)
        let got = try lines(page)
        XCTAssertEqual(Array(got.prefix(2)), ["武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告", "2021-01-13 来源：区残联"])
        XCTAssertEqual(Array(got.dropFirst(2)), text.components(separatedBy: "\n").filter { !$0.isEmpty })
    }

    /// A list of links to other reports (their titles carry other years and agencies) and a
    /// menu are no part of the report, and a linked title is not the page's title.
    func testLinkListsAreNotTheReport() throws {
        let (page, text) = try seedPage("""
            <html><head><title>武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告</title></head><body>
            <div class="left"><h3>年度报告</h3><ul>
            <li><a href="/1.html">武汉市东西湖区残疾人联合会2019年政府信息公开工作年度报告</a></li>
            <li><a href="/2.html">武汉市东西湖区民政局2020年政府信息公开工作年度报告</a></li>
            <li><a href="/3.html">武汉市东西湖区教育局2020年政府信息公开工作年度报告</a></li></ul></div>
            <div class="right"><div id="zoom">%@</div></div>
            </body></html>
            """)
        let withoutTitle = page.replacingOccurrences(of: "<p>武汉市东西湖区残疾人联合会</p>\n<p>2020 年政府信息公开工作年度报告</p>", with: "")
        XCTAssertNotEqual(withoutTitle, page)
        let got = try lines(withoutTitle)
        XCTAssertEqual(got.first, "武汉市东西湖区残疾人联合会2020年政府信息公开工作年度报告")
        XCTAssertFalse(got.contains { $0.contains("2019年") || $0.contains("民政局") || $0 == "年度报告" }, "\(got.prefix(3))")
        let loaded = try HTMLReport.read(Data(withoutTitle.utf8), file: nil)
        XCTAssertEqual(loaded.report.agency, "武汉市东西湖区残疾人联合会")
        XCTAssertEqual(loaded.report.year, 2020)
        XCTAssertEqual(loaded.report.values, try ReportText.parse(text: text).report.values)
    }

    /// A report saved from Word as a web page: Office namespaces, conditional comments,
    /// downlevel-revealed `<![if …]>` markers, `<o:p>` and smart tags read as their text.
    func testWordSaveAsWebPage() throws {
        let page = """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
            <!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]--></head>
            <body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>
            <p class=MsoNormal><![if !supportLists]><span>1.</span><![endif]>列表项<o:p></o:p></p>
            <p class=MsoNormal align=right><st1:chsdate Year="2024" Month="1" Day="17" w:st="on">2024年1月17日</st1:chsdate><o:p>&nbsp;</o:p></p>
            <table class=MsoNormalTable border=1><tr style='height:20pt'><td width=100 rowspan=2 style='border:solid'>
            <p class=MsoNormal align=center><span lang=EN-US>0<o:p></o:p></span></p></td><td>x</td></tr><tr><td>y</td></tr></table>
            </div></body></html>
            """
        XCTAssertEqual(try lines(page), ["1.列表项", "2024年1月17日", "0\tx", "y"])
    }

    /// The charset comes from the BOM, `<meta charset>` or `http-equiv`; an undeclared page
    /// that is not UTF-8 is GB18030; GB2312 and GBK labels are read as GB18030.
    func testCharsetDeclarations() throws {
        XCTAssertEqual(PageEncoding.declaredCharset(Array("<html><head><META Charset='GBK'>".utf8)), "gbk")
        XCTAssertEqual(PageEncoding.declaredCharset(Array(#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />"#.utf8)), "gb2312")
        XCTAssertEqual(PageEncoding.declaredCharset(Array(#"<meta name="keywords" content="年报"><meta charset="utf-8">"#.utf8)), "utf-8")
        XCTAssertNil(PageEncoding.declaredCharset(Array("<html><body>charset=gbk</body>".utf8)))
        // 中文 in GBK (D6 D0 CE C4) and the GB18030-only four-byte 𠀀 (95 32 82 36).
        let gbk: [UInt8] = Array("<html><body><p>".utf8) + [0xD6, 0xD0, 0xCE, 0xC4, 0x95, 0x32, 0x82, 0x36] + Array("</p></body></html>".utf8)
        XCTAssertEqual(try HTMLReport.pageLines(Data(gbk)).map(\.text), ["中文𠀀"])
        XCTAssertEqual(try HTMLReport.pageLines(Data([0xEF, 0xBB, 0xBF] + Array("<html><p>中文</p>".utf8))).map(\.text), ["中文"])
        let utf16 = Data([0xFF, 0xFE]) + (try XCTUnwrap("<html><p>中文</p></html>".data(using: .utf16LittleEndian)))
        XCTAssertEqual(try HTMLReport.pageLines(utf16).map(\.text), ["中文"])
        // A few broken bytes (a character cut by the CMS) are read around, and said so.
        var gbkPage = [UInt8](try Fixtures.page("09_shuyang_fgj_2023.gbk.html"))
        let paragraphEnd = try XCTUnwrap(gbkPage.indices.first { gbkPage[$0...].starts(with: Array("</p>".utf8)) })
        gbkPage.insert(0xFF, at: paragraphEnd)
        let broken = try HTMLReport.read(Data(gbkPage), file: "broken.html")
        XCTAssertEqual(broken.warnings, [Diagnostic(.warning, file: "broken.html", "1 of the page's 19049 bytes are not valid gbk, the charset it declares: read as �")])
        XCTAssertEqual(broken.report, try HTMLReport.read(try Fixtures.page("09_shuyang_fgj_2023.gbk.html"), file: nil).report)
        var utf8Page = [UInt8](try Fixtures.page("09_shuyang_fgj_2023.html"))
        utf8Page.insert(0xE4, at: paragraphEnd)
        XCTAssertEqual(try HTMLReport.read(Data(utf8Page), file: nil).warnings.first?.message, "1 of the page's 21170 bytes are not valid UTF-8: read as �")
        // Declared GBK but UTF-8 bytes: a re-encoding CMS; read as what the bytes are.
        XCTAssertEqual(try HTMLReport.pageLines(Data("<meta charset=gbk><p>中文</p>".utf8)).map(\.text), ["中文"])
    }
}
