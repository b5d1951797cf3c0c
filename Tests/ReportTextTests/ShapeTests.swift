import Foundation
import ReportModel
import ReportText
import XCTest

/// One test per shape of docs/TEXT-SHAPES.md, on small texts made for the test.
final class ShapeTests: XCTestCase {
    /// A 2021-form report whose rules all hold. `zeros`: cells the report leaves blank are
    /// printed as 0 (shapes that cannot show a blank cell).
    private func sample(zeros: Bool = false) throws -> Report {
        var report = Report(form: try Fixtures.form("2021"), agency: "某某区教育局", year: 2023, date: ReportDate(year: 2024, month: 1, day: 17))
        report.sections = ["overview": "2023年，本局认真贯彻落实《条例》。", "problems": "公开意识有待加强。", "other": "无。"]
        let values: [(String, String, [String: String])] = [
            ("proactive", "rules", ["issued": "1", "repealed": "0", "in_force": "9"]),
            ("proactive", "normative_documents", ["issued": "3", "repealed": "1", "in_force": "8"]),
            ("proactive", "licensing", ["decisions": "550"]),
            ("proactive", "penalty", ["decisions": "4119"]),
            ("proactive", "coercion", ["decisions": "195"]),
            ("proactive", "fees", ["amount": "7730.28"]),
            ("applications", "received", ["natural": "21", "legal": "2", "total": "23"]),
            ("applications", "carried_over", ["natural": "1", "total": "1"]),
            ("applications", "granted", ["natural": "10", "total": "10"]),
            ("applications", "partly_granted", ["natural": "4", "total": "4"]),
            ("applications", "denied_state_secret", ["natural": "1", "total": "1"]),
            ("applications", "unavailable_not_held", ["natural": "5", "legal": "2", "total": "7"]),
            ("applications", "other_misc", ["natural": "1", "total": "1"]),
            ("applications", "results_total", ["natural": "21", "legal": "2", "total": "23"]),
            ("applications", "carried_forward", ["natural": "1", "total": "1"]),
            ("appeals", "review", ["upheld": "2", "corrected": "1", "other": "3", "pending": "1", "total": "7"]),
            ("appeals", "litigation_after_review", ["upheld": "13", "corrected": "2", "other": "4", "pending": "0", "total": "19"]),
        ]
        for (table, row, cells) in values {
            for (column, value) in cells { report[table, row, column] = Decimal(string: value) }
        }
        if zeros {
            for cell in report.form.cells where report[cell] == nil { report[cell] = 0 }
        }
        XCTAssertEqual(CheckEngine.check(report).filter { $0.severity == .error }.map(\.message), [])
        return report
    }

    /// The body lines of the report's official text (title first).
    private func lines(_ report: Report) -> [String] {
        ReportText.plainText(report).components(separatedBy: "\n")
    }

    private func assertValues(_ loaded: LoadedReport, _ expected: Report, exact: Bool, tables: [String]? = nil, file: StaticString = #filePath, line: UInt = #line) {
        for cell in expected.form.cells where tables?.contains(cell.table) ?? true {
            if exact {
                XCTAssertEqual(loaded.report[cell], expected[cell], "\(cell)", file: file, line: line)
            } else {
                XCTAssertEqual(loaded.report[cell] ?? 0, expected[cell] ?? 0, "\(cell)", file: file, line: line)
            }
        }
    }

    // A. TAB rows: merged cells written once, continuation rows with or without their
    // leading TAB, a row missing a blank, a row with an extra leading blank.
    func testShapeATabRows() throws {
        let report = try sample()
        var text = lines(report)
        let received = try XCTUnwrap(text.firstIndex { $0.hasPrefix("一、本年新收") })
        XCTAssertEqual(text[received], "一、本年新收政府信息公开申请数量\t21\t\t\t\t2\t\t23")
        text[received] = "一、本年新收政府信息公开申请数量\t21\t\t\t2\t\t23"  // one blank lost: 6 cells
        let forward = try XCTUnwrap(text.firstIndex { $0.hasPrefix("四、结转下年度") })
        text[forward] = "四、结转下年度继续办理\t\t1\t\t\t\t\t\t1"  // an extra leading blank: 8 cells
        let partly = try XCTUnwrap(text.firstIndex { $0.contains("（二）部分公开") })
        text[partly] = String(text[partly].drop { $0 == "\t" })  // continuation row without its TAB
        let loaded = try Fixtures.parse(text.joined(separator: "\n"))
        assertValues(loaded, report, exact: true)
        XCTAssertEqual(loaded.report.form.id, "2021")
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "received", column: "legal")], .line(received + 1))
        XCTAssertEqual(loaded.warnings, [])
    }

    func testShapeATotalLeftBlankIsReportedOnItsLine() throws {
        var text = lines(try sample())
        let granted = try XCTUnwrap(text.firstIndex { $0.contains("（一）予以公开") })
        text[granted] = "三、本年度办理结果\t（一）予以公开\t10\t\t\t\t\t\t"  // 总计 left blank
        let loaded = try Fixtures.parse(text.joined(separator: "\n"))
        XCTAssertNil(loaded.report["applications", "granted", "total"])
        let failing = CheckEngine.check(loaded.report).filter { $0.severity == .error }
        XCTAssertEqual(failing.map(\.rule).sorted(), ["applications.results_total", "applications.row_total"])
        let rowTotal = try XCTUnwrap(failing.first { $0.rule == "applications.row_total" })
        XCTAssertEqual(rowTotal.cells.compactMap { loaded.origins[$0] }.first, .line(granted + 1))
    }

    // B. Flattened: the whole body on one line; digits split by the rules.
    func testShapeBFlattened() throws {
        let report = try sample(zeros: true)
        let text = lines(report)
        let flattened = text[0] + "\n" + text.dropFirst().joined().replacingOccurrences(of: "\t", with: "")
        let loaded = try Fixtures.parse(flattened)
        assertValues(loaded, report, exact: false)
        XCTAssertEqual(loaded.report.agency, "某某区教育局")
        XCTAssertEqual(loaded.report.sections["problems"], "公开意识有待加强。")
    }

    func testShapeBUnsplittableDigitsAreReportedNotGuessed() throws {
        let text = """
            某某区教育局2024年政府信息公开工作年度报告
            二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6233440第二十条第（五）项信息内容本年处理决定数量行政许可5第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0三、收到和处理政府信息公开申请情况
            """
        let loaded = try Fixtures.parse(text)
        XCTAssertNil(loaded.report["proactive", "normative_documents", "issued"])
        XCTAssertEqual(loaded.report["proactive", "rules", "in_force"], 0)
        XCTAssertEqual(loaded.report["proactive", "licensing", "decisions"], 5)
        // Not guessed and not silently blank: an unresolved row, an error of the report.
        let unresolved = try XCTUnwrap(loaded.report.unresolved.first { $0.row == "normative_documents" })
        XCTAssertEqual(unresolved.line, 2)
        XCTAssertEqual(unresolved.reason, .ambiguous)
        XCTAssertTrue(unresolved.candidates.contains([62, 33, 440]) && unresolved.candidates.contains([6, 2, 33440]), "\(unresolved.candidates)")
        let finding = try XCTUnwrap(CheckEngine.check(loaded.report).first { $0.rule == "report.unresolved" })
        XCTAssertEqual(finding.severity, .error)
        XCTAssertTrue(finding.message.contains("62 33 440") && finding.message.contains("6 2 33440"), finding.message)
        XCTAssertTrue(loaded.warnings.contains { $0.message == "table proactive is undetermined: the text does not fix its values" })
    }

    // C. `cell |` one per line, `|||` for merged and empty cells; row boundaries lost.
    func testShapeCOneCellPerLineWithPipes() throws {
        let report = try sample(zeros: true)
        var out: [String] = []
        for line in lines(report) {
            guard line.contains("\t") else { out.append(line); continue }
            var filler = false
            for cell in line.components(separatedBy: "\t") {
                if cell.isEmpty {
                    if !filler { out.append("|||") }
                    filler = true
                } else {
                    out.append("\(cell) |")
                    filler = false
                }
            }
        }
        let loaded = try Fixtures.parse(out.joined(separator: "\n"))
        assertValues(loaded, report, exact: false)
    }

    // D. `a | b | c |` one row per line, trailing merged cells as `|||`.
    func testShapeDPipeRows() throws {
        let report = try sample()
        let out = lines(report).map { line -> String in
            guard line.contains("\t") else { return line }
            var cells = line.components(separatedBy: "\t")
            var trailing = false
            while cells.count > 1, cells.last == "" { cells.removeLast(); trailing = true }
            return cells.joined(separator: " | ") + (trailing ? " |||" : " |")
        }
        let loaded = try Fixtures.parse(out.joined(separator: "\n"))
        assertValues(loaded, report, exact: false)
        XCTAssertEqual(loaded.report["applications", "received", "legal"], 2)
        XCTAssertNil(loaded.report["applications", "received", "social"])
    }

    // E. One cell per line with blank lines between, header cells split, numbers with
    // leading spaces or no-break spaces.
    func testShapeEOneCellPerLine() throws {
        let report = try sample(zeros: true)
        var out: [String] = []
        for (index, line) in lines(report).enumerated() {
            guard line.contains("\t") else { out.append(line); continue }
            for cell in line.components(separatedBy: "\t") where !cell.isEmpty {
                if cell == "本年制发件数" {
                    out += ["本年制", "", "发件数", ""]
                } else if Decimal(string: cell) != nil {
                    out += [(index % 2 == 0 ? "  " : "\u{00A0}") + cell, ""]
                } else {
                    out += [cell, ""]
                }
            }
        }
        let loaded = try Fixtures.parse(out.joined(separator: "\n"))
        assertValues(loaded, report, exact: false)
    }

    // F. pdftotext -layout: space-aligned columns, a wrapped label with its numbers on a
    // line of their own, the vertical label one character per line, a page number inside
    // the table, the band's header jumbled and its values on one line.
    func testShapeFLayout() throws {
        let report = try sample(zeros: true)
        let form = report.form
        func numbers(_ row: String) -> String {
            (form.table("applications")?.row(row)?.columns ?? []).map { report["applications", row, $0.id].map(ReportJSON.format) ?? "" }
                .joined(separator: "     ")
        }
        var out = [
            "                某某区教育局",
            "      2023 年政府信息公开工作年度报告",
            "   一、总体情况",
            "   2023年，本局认真贯彻落实《条例》。",
            "     二、主动公开政府信息情况",
            "              第二十条第（一）项",
            "       信息内容   本年制发件数    本年废止件数    现行有效件数",
            "规章               1          0       9",
            "行政规范性文件          3          1       8",
            "              第二十条第（五）项",
            "       信息内容            本年处理决定数量",
            "行政许可                      550",
            "     -2-",
            "                    信息内容                      本年处理决定数量",
            "行政处罚                                                   4119",
            "行政强制                                                   195",
            "                    信息内容                   本年收费金额（单位：万元）",
            "行政事业性收费                                            7730.28",
            "                  三、收到和处理政府信息公开申请情况",
            "                                                              申请人情况",
            "（本列数据的勾稽关系为：第一项加第二项之和， 等",
            "于第三项加第四项之和）",
            "                                             自然人         社会 法律                总计",
            "                                                   商业 科研",
            "                                                   企业 机构",
        ]
        for row in form.table("applications")?.rows ?? [] {
            switch row.id {
            case "partly_granted":
                out += ["                  （二）部分公开（区分处理的，只计这一情 形，不", "                  计其他情形）", "                                              " + numbers(row.id)]
            case "denied_state_secret":
                out += ["                            1.属于国家秘密         " + numbers(row.id), " 三", "", " 、", " 本", " 年", " 度", " 办", " 理", " 结", " 果"]
            case "unavailable_unclear":
                out += ["                                                                        -3-", "                 3.补正后申请内容仍不明确         " + numbers(row.id)]
            default:
                out.append("     \(row.label)                           " + numbers(row.id))
            }
        }
        out += [
            "     四、政府信息公开行政复议、行政诉讼情况",
            "          行政复议                              行政诉讼",
            "                              未经复议直接起诉                  复议后起诉",
            "结果   结果     其他   尚未",
            "                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未",
            "维持   纠正     结果   审结                                               总计",
            "2    1      3   1    7   0    0   0   0    0   13   2     4   0   19",
            "   五、存在的主要问题及改进情况",
            "   公开意识有待加强。",
            "   六、其他需要报告的事项",
            "   无。",
        ]
        let loaded = try Fixtures.parse(out.joined(separator: "\n"))
        assertValues(loaded, report, exact: false)
        XCTAssertEqual(loaded.report.agency, "某某区教育局")
        XCTAssertEqual(loaded.report.year, 2023)
        XCTAssertEqual(loaded.report.sections["overview"], "2023年，本局认真贯彻落实《条例》。")
    }

    // G. pdftotext raw order: one token per line, labels after their numbers, a block of
    // rows given column by column, header words among the band's values.
    func testShapeGRawOrder() throws {
        let report = try sample(zeros: true)
        let applications = try XCTUnwrap(report.form.table("applications"))
        func row(_ id: String) -> [String] {
            (applications.row(id)?.columns ?? []).map { report["applications", id, $0.id].map(ReportJSON.format) ?? "" }
        }
        var out = ["某某区教育局", "2023 年政府信息公开工作年度报告", "一、总体情况", "2023年，本局认真贯彻落实《条例》。",
            "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
            "规章", "1", "0", "9", "行政规范性文件", "3", "1", "8", "第二十条第（五）项", "信息内容", "本年处理决定数量",
            "550", "行政许可", "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "4119", "行政强制", "195",
            "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）", "7730.28", "行政事业性收费",
            "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "总计"]
        out += row("received")
        for id in ["carried_over", "granted", "partly_granted"] {
            out.append(applications.row(id)?.label ?? id)
            out += row(id)
        }
        // The eight rows of （三） and the first two of （四）, column by column, labels after.
        let block = ["denied_state_secret", "denied_prohibited", "denied_security", "denied_third_party", "denied_internal",
            "denied_process", "denied_enforcement", "denied_query", "unavailable_not_held", "unavailable_needs_creation"]
        for column in 0..<7 { out += block.map { row($0)[column] } }
        out += ["三 、本 年 度办 理 结果", "一、本年新收政府信息公开申请数量"] + block.map { applications.row($0)?.label ?? $0 }
        for id in applications.rows.map(\.id) where !["received", "carried_over", "granted", "partly_granted"].contains(id) && !block.contains(id) {
            out.append(applications.row(id)?.label ?? id)
            out += row(id)
        }
        out += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "结果", "维持", "2", "1", "3", "1", "7", "0", "0",
            "0", "0", "0", "13", "2", "4", "0", "总计", "19", "五、存在的主要问题及改进情况", "公开意识有待加强。", "六、其他需要报告的事项", "无。"]
        let loaded = try Fixtures.parse(out.joined(separator: "\n\n"))
        assertValues(loaded, report, exact: false)
        XCTAssertFalse(loaded.warnings.contains { $0.message.contains("undetermined") }, "\(loaded.warnings)")
        XCTAssertTrue(loaded.warnings.contains { $0.message.contains("read as the rows “1.属于国家秘密”") }, "\(loaded.warnings)")
    }

    // H. PDF→Markdown: injected headings, invented headers, a label outside its table,
    // section 四 in three 5-column tables, a note in a cell.
    func testShapeHMarkdownFragments() throws {
        let text = """
            # 某某区教育局2023年政府信息公开工作年度报告
            ## 二、主动公开政府信息情况
            | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
            |---|---|---|---|
            ## 表二：主动公开政府信息情况
            | 规章 | 1 | 22（其中修订 16 件） | 9 |
            | 行政规范性文件 | 3 | 1 | 8 |
            | 行政许可 | 550 |
            | 行政处罚 | 4119 |
            | 行政强制 | 195 |
            | 行政事业性收费 | 7730.28 |
            ## 三、收到和处理政府信息公开申请情况
            | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
            |---|---|---|---|---|---|---|
            | 一、本年新收政府信息公开申请数量 | 21 | 0 | 0 | 0 | 2 | 0 | 23 |
            ## 表三：收到和处理政府信息公开申请情况
            | 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
            | （一）予以公开 | 10 | 0 | 0 | 0 | 0 | 0 | 10 |
            （二）部分公开（区分处理的，只计这一情
            形，不计其他情形）
            | 4 | 0 | 0 | 0 | 0 | 0 | 4 |
            |---|---|---|---|---|---|---|
            | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
            | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | （三）不 | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 予公开 | 5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 1.本机关不掌握相关政府信息 | 5 | 0 | 0 | 0 | 2 | 0 | 7 |
            | 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            5.要求行政机关确认或重新出具
            已获取信息
            | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
            | 3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
            | （七）总计 | 21 | 0 | 0 | 0 | 2 | 0 | 23 |
            | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
            ## 四、政府信息公开行政复议、行政诉讼情况
            | 行政复议 | | | | |
            |---|---|---|---|---|
            | 2 | 1 | 3 | 1 | 7 |
            ## 表四
            | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
            |---|---|---|---|---|
            | 0 | 0 | 0 | 0 | 0 |
            ## 表四
            | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
            |---|---|---|---|---|
            | 13 | 2 | 4 | 0 | 19 |
            ## 五、存在的主要问题及改进情况
            公开意识有待加强。
            ## 六、其他需要报告的事项
            无。
            """
        let loaded = try Fixtures.parse(text)
        var expected = try sample(zeros: true)
        expected["proactive", "rules", "repealed"] = 22
        assertValues(loaded, expected, exact: false)
        XCTAssertTrue(loaded.warnings.contains { $0.location == .line(6) && $0.message.contains("其中修订") && $0.message.contains("kept the number 22") }, "\(loaded.warnings)")
        // The label printed apart from its values still owns them, and the line says where.
        XCTAssertEqual(loaded.origins[CellKey(table: "applications", row: "partly_granted", column: "total")], .line(21))
        XCTAssertTrue(loaded.warnings.contains { $0.location == .line(42) && $0.message.contains("5.要求行政机关确认或重新出具已获取信息") }, "\(loaded.warnings)")
        XCTAssertFalse(loaded.warnings.contains { $0.message.contains("undetermined") }, "\(loaded.warnings)")
        XCTAssertEqual(loaded.report.sections["other"], "无。")
    }

    // Cell contents: signed changes, amounts in 元, a 2019 flattened signed row that the
    // rules cannot split.
    func testSignedChangesAndUnits() throws {
        var text = lines(try sample()).joined(separator: "\n")
        text = "某某区教育局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
            + "规章\t0\t0\t0\n规范性文件\t2\t2\t40\n第二十条第（五）项\t\t\t\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
            + "行政许可\t120\t+1036\t900\n其他对外管理服务事项\t5\t−18\t3\n第二十条第（九）项\t\t\t\n信息内容\t采购项目数量\t采购总金额\t\n"
            + "政府集中采购\t3\t73802895.90元\t\n"
        let loaded = try Fixtures.parse(text)
        XCTAssertEqual(loaded.report.form.id, "2019")
        XCTAssertEqual(loaded.report["proactive", "licensing", "change"], 1036)
        XCTAssertEqual(loaded.report["proactive", "other_services", "change"], -18)
        XCTAssertEqual(loaded.report["proactive", "procurement", "amount"], Decimal(string: "7380.28959"))
        XCTAssertTrue(loaded.warnings.contains { $0.location == .line(13) && $0.message == "“73802895.90元” is in 元: converted to 万元" })

        let flattened = "某某区教育局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚2648-18538行政强制000"
        let ambiguous = try Fixtures.parse(flattened)
        XCTAssertNil(ambiguous.report["proactive", "penalty", "change"])
        XCTAssertEqual(ambiguous.report["proactive", "coercion", "decisions"], 0)
        let unresolved = try XCTUnwrap(ambiguous.report.unresolved.first { $0.row == "penalty" })
        XCTAssertEqual(unresolved.line, 2)
        XCTAssertTrue(unresolved.candidates.contains([2648, -18, 538]) && unresolved.candidates.contains([2648, -1, 8538]), "\(unresolved.candidates)")
    }

    func testFullWidthDigitsAndThousandsSeparators() throws {
        let text = "某某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t０\t１\t1,234\n"
        let loaded = try Fixtures.parse(text)
        XCTAssertEqual(loaded.report["proactive", "rules", "issued"], 0)
        XCTAssertEqual(loaded.report["proactive", "rules", "repealed"], 1)
        XCTAssertEqual(loaded.report["proactive", "rules", "in_force"], 1234)
        XCTAssertEqual(loaded.origins[CellKey(table: "proactive", row: "rules", column: "in_force")], .line(5))
    }
}
