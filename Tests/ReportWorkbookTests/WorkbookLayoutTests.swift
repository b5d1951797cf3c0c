import ReportModel
import ReportWorkbook
import XCTest
import XLSX

/// The layout computed from the shipped forms: sheet names, cell positions, merges, names.
final class WorkbookLayoutTests: XCTestCase {
    private func layout(_ id: String) throws -> WorkbookLayout {
        WorkbookLayout(form: try XCTUnwrap(FormCatalog.form(id: id)))
    }

    func testSheetsAreCoverSectionsAndChecksInReportOrder() throws {
        for id in ["2019", "2021"] {
            XCTAssertEqual(try layout(id).sheets.map(\.name), [
                "封面", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "校验",
            ])
        }
    }

    func testSheetNamesFollowExcelRules() {
        XCTAssertEqual(WorkbookLayout.sheetName(forHeading: "a/b[c]:d*e?f\\g"), "a_b_c__d_e_f_g")
        XCTAssertEqual(WorkbookLayout.sheetName(forHeading: "'引号'"), "引号")
        XCTAssertEqual(WorkbookLayout.sheetName(forHeading: String(repeating: "长", count: 40)), String(repeating: "长", count: 31))
        XCTAssertEqual(WorkbookLayout.sheetName(forHeading: ""), "_")
    }

    func testDefinedNamesAreNameSafeAndUnique() throws {
        XCTAssertEqual(
            WorkbookLayout.definedName(for: CellKey(table: "applications", row: "received", column: "natural")),
            "applications_received_natural")
        XCTAssertEqual(WorkbookLayout.definedName(for: CellKey(table: "9x", row: "a-b", column: "c")), "_9x_a_b_c")
        XCTAssertEqual(WorkbookLayout.definedName(forSection: "overview"), "section_overview")
        for id in ["2019", "2021"] {
            let layout = try layout(id)
            XCTAssertEqual(layout.cells.count, layout.form.cells.count)
            let names = layout.cells.values.map(\.definedName) + layout.textCells.values.map(\.definedName)
                + layout.coverFields.values.map(\.definedName)
            XCTAssertEqual(Set(names).count, names.count, "form \(id)")
            let places = layout.cells.values.map { "\($0.sheet)!\($0.reference)" }
            XCTAssertEqual(Set(places).count, places.count, "form \(id): two cells at one place")
        }
    }

    func testApplicationsGridMatchesTheOfficialLayout() throws {
        let layout = try layout("2021")
        let sheet = try XCTUnwrap(layout.sheet(forTable: "applications"))
        func label(_ text: String) -> String? {
            sheet.labels.first { $0.text == text }.map { "\($0.first):\($0.last)" }
        }
        XCTAssertEqual(label("三、收到和处理政府信息公开申请情况"), "A1:J1")
        XCTAssertEqual(label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), "A2:C4")
        XCTAssertEqual(label("申请人情况"), "D2:J2")
        XCTAssertEqual(label("自然人"), "D3:D4")
        XCTAssertEqual(label("法人或其他组织"), "E3:I3")
        XCTAssertEqual(label("商业企业"), "E4:E4")
        XCTAssertEqual(label("总计"), "J3:J4")
        XCTAssertEqual(label("一、本年新收政府信息公开申请数量"), "A5:C5")
        XCTAssertEqual(label("三、本年度办理结果"), "A7:A28")
        XCTAssertEqual(label("（一）予以公开"), "B7:C7")
        XCTAssertEqual(label("（三）不予公开"), "B9:B16")
        XCTAssertEqual(label("1.属于国家秘密"), "C9:C9")
        XCTAssertEqual(label("（七）总计"), "B28:C28")
        XCTAssertEqual(label("四、结转下年度继续办理"), "A29:C29")
        // Tall narrow labels print vertically, as on the official form; nothing else does.
        let vertical = Set(sheet.labels.filter(\.isVertical).map(\.text))
        XCTAssertTrue(vertical.isSuperset(of: ["三、本年度办理结果", "（三）不予公开"]), "\(vertical)")
        XCTAssertFalse(vertical.contains("一、本年新收政府信息公开申请数量"))
        XCTAssertFalse(vertical.contains("1.属于国家秘密"))
        XCTAssertTrue(sheet.labels.filter(\.isVertical).allSatisfy { $0.last.row - $0.first.row >= 2 })
        XCTAssertEqual(layout.cells[CellKey(table: "applications", row: "received", column: "natural")]?.reference.description, "D5")
        XCTAssertEqual(layout.cells[CellKey(table: "applications", row: "carried_forward", column: "total")]?.reference.description, "J29")
        XCTAssertEqual(sheet.frozenRows, 4)
        XCTAssertEqual(sheet.frozenColumns, 3)
        XCTAssertEqual(layout.textCells["applications_notes"]?.reference.description, "A32")
        XCTAssertEqual(layout.textCells["applications_notes"]?.last.description, "J32")
    }

    func testAppealsBandStretchesShallowBranches() throws {
        let layout = try layout("2021")
        let sheet = try XCTUnwrap(layout.sheet(forTable: "appeals"))
        let spans = sheet.labels.filter { $0.role == .columnHeader }.map { "\($0.text) \($0.first):\($0.last)" }
        // As the official form: 行政复议 in the first header row over its five columns, each of
        // them over the two rows below; 行政诉讼 over ten, split in two groups of five.
        XCTAssertEqual(Array(spans.prefix(5)), ["行政复议 A2:E2", "行政诉讼 F2:O2", "结果维持 A3:A4", "结果纠正 B3:B4", "其他结果 C3:C4"])
        XCTAssertTrue(spans.contains("未经复议直接起诉 F3:J3"))
        XCTAssertTrue(spans.contains("复议后起诉 K3:O3"))
        XCTAssertTrue(spans.contains("结果维持 F4:F4"))
        XCTAssertEqual(layout.cells[CellKey(table: "appeals", row: "review", column: "upheld")]?.reference.description, "A5")
        XCTAssertEqual(layout.cells[CellKey(table: "appeals", row: "litigation_after_review", column: "total")]?.reference.description, "O5")
    }

    func testProactiveBlocksStretchTheLastColumn() throws {
        let layout = try layout("2021")
        let fees = try XCTUnwrap(layout.cells[CellKey(table: "proactive", row: "fees", column: "amount")])
        XCTAssertEqual("\(fees.reference):\(fees.last)", "B15:D15")
        let rules = try XCTUnwrap(layout.cells[CellKey(table: "proactive", row: "rules", column: "in_force")])
        XCTAssertEqual("\(rules.reference):\(rules.last)", "D4:D4")
        let older = try self.layout("2019")
        let procurement = try XCTUnwrap(older.cells[CellKey(table: "proactive", row: "procurement", column: "amount")])
        XCTAssertEqual("\(procurement.reference):\(procurement.last)", "C19:D19")
    }

    func testCoverAndTextCells() throws {
        let layout = try layout("2021")
        XCTAssertEqual(layout.coverFields[.agency]?.reference.description, "B2")
        XCTAssertEqual(layout.coverFields[.form]?.reference.description, "B5")
        XCTAssertEqual(layout.textCells["overview"]?.sheet, "一、总体情况")
        XCTAssertEqual(layout.textCells["overview"]?.reference.description, "A2")
        XCTAssertEqual(layout.checkRows.count, layout.form.ruleInstances.count)
    }

    /// The cover's notes belong to their form: its name and years, and only the kinds of
    /// values its tables hold (本年增/减 is a column of the 2019 form only).
    func testCoverNotesAreThoseOfTheirForm() throws {
        for id in ["2019", "2021"] {
            let layout = try layout(id)
            let notes = try XCTUnwrap(layout.sheets.first?.labels.first { $0.role == .instructions }?.text)
            XCTAssertTrue(notes.contains("《\(layout.form.name)》"), id)
            XCTAssertTrue(notes.contains("用于\(layout.form.years.first)"), id)
            XCTAssertEqual(notes.contains("本年增/减"), id == "2019", id)
            XCTAssertTrue(notes.contains("万元"), id)
        }
    }
}
