import TestSupport
import XCTest
@testable import ReportModel

/// The shipped form definitions against docs/FORMAT.md: every id with its verbatim label.
final class FormDefinitionTests: XCTestCase {
    /// Section 三's rows as FORMAT.md lists them (id, own label), in order, for a form.
    static func applicationRows(form: String) -> [(String, String)] {
        var rows: [(String, String)] = [
            ("received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
            ("granted", "（一）予以公开"), ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            ("denied_state_secret", "1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
            ("denied_security", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
            ("denied_internal", "5.属于三类内部事务信息"), ("denied_process", "6.属于四类过程性信息"),
            ("denied_enforcement", "7.属于行政执法案卷"), ("denied_query", "8.属于行政查询事项"),
            ("unavailable_not_held", "1.本机关不掌握相关政府信息"), ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
            ("unavailable_unclear", "3.补正后申请内容仍不明确"), ("rejected_petition", "1.信访举报投诉类申请"),
            ("rejected_duplicate", "2.重复申请"), ("rejected_publication", "3.要求提供公开出版物"),
            ("rejected_excessive", "4.无正当理由大量反复申请"), ("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ]
        if form == "2019" {
            rows.append(("other_handling", "（六）其他处理"))
        } else {
            rows += [
                ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                ("other_misc", "3.其他"),
            ]
        }
        rows += [("results_total", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
        return rows
    }

    static let applicationColumns = [
        ("natural", "自然人"), ("commercial", "商业企业"), ("research", "科研机构"), ("social", "社会公益组织"),
        ("legal", "法律服务机构"), ("other", "其他"), ("total", "总计"),
    ]

    /// Section 二 as FORMAT.md lists it: row id, row label, caption, [(column id, label, kind)].
    static func proactiveRows(form: String) -> [(String, String, String, [(String, String, ValueKind)])] {
        if form == "2019" {
            let first = [("made", "本年新制作数量", ValueKind.count), ("published", "本年新公开数量", .count), ("total_published", "对外公开总数量", .count)]
            let items = [("previous", "上一年项目数量", ValueKind.count), ("change", "本年增/减", .change), ("decisions", "处理决定数量", .count)]
            return [
                ("rules", "规章", "第二十条第（一）项", first), ("normative_documents", "规范性文件", "第二十条第（一）项", first),
                ("licensing", "行政许可", "第二十条第（五）项", items), ("other_services", "其他对外管理服务事项", "第二十条第（五）项", items),
                ("penalty", "行政处罚", "第二十条第（六）项", items), ("coercion", "行政强制", "第二十条第（六）项", items),
                ("fees", "行政事业性收费", "第二十条第（八）项", Array(items.prefix(2))),
                ("procurement", "政府集中采购", "第二十条第（九）项", [("items", "采购项目数量", .count), ("amount", "采购总金额", .amount)]),
            ]
        }
        let first = [("issued", "本年制发件数", ValueKind.count), ("repealed", "本年废止件数", .count), ("in_force", "现行有效件数", .count)]
        let decisions = [("decisions", "本年处理决定数量", ValueKind.count)]
        return [
            ("rules", "规章", "第二十条第（一）项", first), ("normative_documents", "行政规范性文件", "第二十条第（一）项", first),
            ("licensing", "行政许可", "第二十条第（五）项", decisions),
            ("penalty", "行政处罚", "第二十条第（六）项", decisions), ("coercion", "行政强制", "第二十条第（六）项", decisions),
            ("fees", "行政事业性收费", "第二十条第（八）项", [("amount", "本年收费金额（单位：万元）", .amount)]),
        ]
    }

    func testBothFormsShip() throws {
        XCTAssertEqual(FormCatalog.all.map(\.id), ["2019", "2021"])
        XCTAssertEqual(FormCatalog.form(forYear: 2020)?.id, "2019")
        XCTAssertEqual(FormCatalog.form(forYear: 2019)?.id, "2019")
        XCTAssertEqual(FormCatalog.form(forYear: 2021)?.id, "2021")
        XCTAssertEqual(FormCatalog.form(forYear: 2025)?.id, "2021")
        XCTAssertNil(FormCatalog.form(forYear: 2018))
    }

    func testSectionsHaveTheOfficialHeadings() throws {
        for form in FormCatalog.all {
            XCTAssertEqual(form.sections.map(\.id), ["overview", "proactive", "applications", "appeals", "problems", "other"])
            XCTAssertEqual(form.sections.map(\.heading), [
                "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
            ])
            XCTAssertEqual(form.textSectionIDs, ["overview", "problems", "other"])
            XCTAssertEqual(form.title(agency: "某局", year: 2021), "某局2021年政府信息公开工作年度报告")
        }
    }

    func testProactiveRowsColumnsAndLabels() throws {
        for id in ["2019", "2021"] {
            let table = try XCTUnwrap(FormCatalog.form(id: id)?.table("proactive"))
            let expected = Self.proactiveRows(form: id)
            XCTAssertEqual(table.rows.map(\.id), expected.map(\.0), "form \(id)")
            for (row, (_, label, caption, columns)) in zip(table.rows, expected) {
                XCTAssertEqual(row.labelPath, [caption, label], "form \(id) row \(row.id)")
                XCTAssertEqual(row.columns.map(\.id), columns.map(\.0), "form \(id) row \(row.id)")
                XCTAssertEqual(row.columns.map(\.label), columns.map(\.1), "form \(id) row \(row.id)")
                XCTAssertEqual(row.columns.map(\.kind), columns.map(\.2), "form \(id) row \(row.id)")
            }
            guard case .blocks(let blocks) = table.layout else { return XCTFail("section 二 is a column of small tables") }
            XCTAssertTrue(blocks.allSatisfy { $0.corner == "信息内容" })
        }
        // The single value column of （五）（六）（八） spans the three columns of （一） in the 2021 form.
        let fees = try XCTUnwrap(FormCatalog.form(id: "2021")?.table("proactive")?.row("fees")?.column("amount"))
        XCTAssertEqual(fees.span, 3)
    }

    func testApplicationRowsColumnsAndNesting() throws {
        for id in ["2019", "2021"] {
            let table = try XCTUnwrap(FormCatalog.form(id: id)?.table("applications"))
            let expected = Self.applicationRows(form: id)
            XCTAssertEqual(table.rows.map(\.id), expected.map(\.0), "form \(id)")
            XCTAssertEqual(table.rows.map(\.label), expected.map(\.1), "form \(id)")
            for row in table.rows {
                XCTAssertEqual(row.columns.map(\.id), Self.applicationColumns.map(\.0))
                XCTAssertEqual(row.columns.map(\.label), Self.applicationColumns.map(\.1))
                XCTAssertTrue(row.columns.allSatisfy { $0.kind == .count })
            }
            XCTAssertEqual(table.row("commercial")?.id, nil)
            XCTAssertEqual(table.rows[0].column("commercial")?.labelPath, ["申请人情况", "法人或其他组织", "商业企业"])
            XCTAssertEqual(table.row("denied_state_secret")?.labelPath, ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"])
            XCTAssertEqual(table.row("rejected_confirmation")?.labelPath.dropLast(), ["三、本年度办理结果", "（五）不予处理"])
            XCTAssertEqual(table.row("results_total")?.labelPath, ["三、本年度办理结果", "（七）总计"])
            XCTAssertEqual(table.rowLabelDepth, 3)
            guard case .grid(let corner, _, let rowHeader) = table.layout else { return XCTFail("section 三 is a grid") }
            XCTAssertEqual(corner, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
            // 三、本年度办理结果 spans 20 (2019) or 22 (2021) rows.
            XCTAssertEqual(rowHeader.first { $0.label == "三、本年度办理结果" }?.leafCount, id == "2019" ? 20 : 22)
        }
        let other = try XCTUnwrap(FormCatalog.form(id: "2021")?.table("applications")?.row("other_misc"))
        XCTAssertEqual(other.labelPath, ["三、本年度办理结果", "（六）其他处理", "3.其他"])
    }

    func testAppealsGroupsAndColumns() throws {
        for form in FormCatalog.all {
            let table = try XCTUnwrap(form.table("appeals"))
            XCTAssertEqual(table.rows.map(\.id), ["review", "litigation_direct", "litigation_after_review"])
            XCTAssertEqual(table.rows.map(\.labelPath), [["行政复议"], ["行政诉讼", "未经复议直接起诉"], ["行政诉讼", "复议后起诉"]])
            for row in table.rows {
                XCTAssertEqual(row.columns.map(\.id), ["upheld", "corrected", "other", "pending", "total"])
                XCTAssertEqual(row.columns.map(\.label), ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
            }
            XCTAssertEqual(table.cells.count, 15)
        }
    }

    func testRulesOfFormat() throws {
        let form2019 = try XCTUnwrap(FormCatalog.form(id: "2019"))
        let form2021 = try XCTUnwrap(FormCatalog.form(id: "2021"))
        XCTAssertEqual(form2019.rules.map(\.id), ["applications.balance", "applications.results_total", "applications.row_total", "appeals.group_total", "proactive.total_published"])
        XCTAssertEqual(form2021.rules.map(\.id), ["applications.balance", "applications.results_total", "applications.row_total", "appeals.group_total"])
        for form in [form2019, form2021] {
            let results = try XCTUnwrap(form.rules.first { $0.id == "applications.results_total" })
            // Every leaf of 三 from 予以公开 to the last （六） row.
            let rowIDs = form.table("applications")?.rows.map(\.id) ?? []
            let leaves = Array(rowIDs[rowIDs.firstIndex(of: "granted")!..<rowIDs.firstIndex(of: "results_total")!])
            XCTAssertEqual(results.right, leaves)
            XCTAssertEqual(results.left, ["results_total"])
            // 7 columns × balance, 7 × results_total, 23/25 rows × row_total, 3 × group_total.
            let counts = Dictionary(grouping: form.ruleInstances, by: \.rule.id).mapValues(\.count)
            XCTAssertEqual(counts["applications.balance"], 7)
            XCTAssertEqual(counts["applications.results_total"], 7)
            XCTAssertEqual(counts["applications.row_total"], rowIDs.count)
            XCTAssertEqual(counts["appeals.group_total"], 3)
        }
        XCTAssertEqual(form2019.ruleInstances.filter { $0.rule.id == "proactive.total_published" }.map(\.along), ["rules", "normative_documents"])
        // Totals computed by formula: the 总计 column of every row, the （七）总计 row, 四's 总计.
        let computed = form2021.computedCells
        XCTAssertNotNil(computed[CellKey(table: "applications", row: "received", column: "total")])
        XCTAssertNotNil(computed[CellKey(table: "applications", row: "results_total", column: "natural")])
        XCTAssertNotNil(computed[CellKey(table: "appeals", row: "review", column: "total")])
        XCTAssertNil(computed[CellKey(table: "applications", row: "received", column: "natural")])
        XCTAssertEqual(computed.count, 25 + 6 + 3)
    }

    func testBrokenDefinitionsAreRefusedWithTheirReason() throws {
        let template = try String(contentsOf: Fixtures.templates.appendingPathComponent("form-2021.json"), encoding: .utf8)
        let unknownRow = template.replacingOccurrences(of: "received + carried_over", with: "received + carried_ovr")
        XCTAssertThrowsError(try Form(definition: Data(unknownRow.utf8), file: "bad.json")) { error in
            XCTAssertEqual("\(error)", "form definition bad.json: rule applications.balance: unknown row id 'carried_ovr'")
        }
        let badLayout = template.replacingOccurrences(of: "\"layout\": \"band\"", with: "\"layout\": \"ring\"")
        XCTAssertThrowsError(try Form(definition: Data(badLayout.utf8), file: "bad.json")) { error in
            XCTAssertEqual("\(error)", "form definition bad.json: table appeals: unknown layout ring")
        }
    }

    /// The shape of a file is checked field by field, each mistake named by its place.
    func testMisshapenDefinitionsNameTheField() throws {
        let template = try String(contentsOf: Fixtures.templates.appendingPathComponent("form-2021.json"), encoding: .utf8)
        func reason(_ text: String) -> String? {
            do {
                _ = try Form(definition: Data(text.utf8), file: "bad.json")
                return nil
            } catch {
                return error.reason
            }
        }
        XCTAssertEqual(reason(#"{"id": "2031"}"#), "name is missing")
        XCTAssertEqual(reason("[]"), "the whole file should be an object, found an array")
        XCTAssertEqual(reason(#"{"id": 2031}"#), "id should be a string, found 2031")
        let decimalsAsText = template.replacingOccurrences(of: "\"amount_decimals\": 4", with: "\"amount_decimals\": \"4\"")
        XCTAssertEqual(reason(decimalsAsText), "units.amount_decimals should be an integer, found the string \"4\"")
        let unknownKind = template.replacingOccurrences(of: "\"kind\": \"amount\"", with: "\"kind\": \"money\"")
        XCTAssertEqual(reason(unknownKind)?.hasSuffix(".kind should be one of count, change, amount, found the string \"money\""), true, reason(unknownKind) ?? "")
        let headingMissing = template.replacingOccurrences(of: "\"heading\": \"一、总体情况\"", with: "\"title\": \"一、总体情况\"")
        XCTAssertEqual(reason(headingMissing), "sections[0].heading is missing")
        XCTAssertEqual(reason("{\"id\": \"2031\", \"id\": \"2032\"}")?.hasSuffix("the key \"id\" appears twice"), true, reason("{\"id\": \"2031\", \"id\": \"2032\"}") ?? "")
    }
}

