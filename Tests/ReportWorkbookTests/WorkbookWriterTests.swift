import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest
import XLSX

/// Written workbooks read back with openpyxl: every label, merge, validation, lock, defined
/// name and value is where the layout (and so the form) says.
final class WorkbookWriterTests: XCTestCase {
    private func form(_ id: String) throws -> Form { try XCTUnwrap(FormCatalog.form(id: id)) }

    private func writeAndDump(_ write: (String) throws -> Void) throws -> Openpyxl.Workbook {
        let folder = try makeTemporaryDirectory("workbook")
        let file = folder.appendingPathComponent("book.xlsx")
        try write(file.path)
        return try XCTUnwrap(try Openpyxl.dump([file]).values.first)
    }

    private static let prompts: [ValueKind: String] = [
        .count: "填写大于或等于 0 的整数；不适用的留空。",
        .change: "填写整数，减少填负数；不适用的留空。",
        .amount: "填写金额（万元），大于或等于 0，最多四位小数。",
    ]

    func testTemplateDrawsEveryLabelMergeInputNameAndLockOfTheLayout() throws {
        for id in ["2019", "2021"] {
            let form = try form(id)
            let layout = WorkbookLayout(form: form)
            let book = try writeAndDump { try ReportWorkbook.writeTemplate(form: form, to: $0, generator: Interop.generator) }
            XCTAssertEqual(book.sheets.map(\.name), layout.sheets.map(\.name))
            XCTAssertEqual(book.custom, ["xxgk.form": id, "xxgk.version": "xxgk test"])
            for sheetLayout in layout.sheets {
                let sheet = try XCTUnwrap(book.sheet(sheetLayout.name))
                XCTAssertTrue(sheet.protected, "\(sheet.name) is protected")
                XCTAssertNil(sheet.password, "\(sheet.name) has no password")
                XCTAssertEqual(sheet.paper, 9, "\(sheet.name) prints on A4")
                XCTAssertTrue(sheet.fitToPage && (sheet.fitToWidth ?? 1) == 1, "\(sheet.name) fits one page wide")
                // Tables on one page; text, checks and cover as long as they are, never shrunk to fit.
                XCTAssertEqual(sheet.fitToHeight ?? 1, sheetLayout.fit == .onePage ? 1 : 0, "\(sheet.name) fit")
                XCTAssertEqual(sheetLayout.fit == .onePage, sheetLayout.content != .cover && sheetLayout.content != .checks && sheetLayout.sectionID.map { layout.form.table($0) != nil } == true, sheetLayout.name)
                XCTAssertEqual(sheet.footer, "第 &P 页，共 &N 页")
                XCTAssertTrue(sheet.centered)
                for label in sheetLayout.labels {
                    XCTAssertEqual(sheet.cells[label.first.description]?.value, .string(label.text), "\(sheet.name)!\(label.first)")
                    XCTAssertEqual(sheet.cells[label.first.description]?.locked, true, "\(sheet.name)!\(label.first) locked")
                    XCTAssertEqual(sheet.cells[label.first.description]?.rotation, label.isVertical ? 255 : nil, "\(sheet.name)!\(label.first) rotation")
                    if label.isMerged {
                        XCTAssertTrue(sheet.merges.contains("\(label.first):\(label.last)"), "\(sheet.name): merge \(label.first):\(label.last)")
                    }
                }
                let expectedMerges = sheetLayout.labels.filter(\.isMerged).count + (sheetLayout.content == .checks ? 1 : 0)
                    + layout.cells.values.filter { $0.sheet == sheetLayout.name && $0.isMerged }.count
                    + layout.textCells.values.filter { $0.sheet == sheetLayout.name && $0.isMerged }.count
                XCTAssertEqual(sheet.merges.count, expectedMerges, "\(sheet.name): no other merges")
            }
            let computed = form.computedCells
            for (key, placed) in layout.cells {
                let sheet = try XCTUnwrap(book.sheet(placed.sheet))
                let cell = try XCTUnwrap(sheet.cells[placed.reference.description], "\(key)")
                XCTAssertEqual(book.names[placed.definedName], "'\(placed.sheet)'!\(placed.reference.absolute)", "\(key)")
                let kind = try XCTUnwrap(form.column(of: key)?.kind)
                // Amounts show every decimal the form allows (amount_decimals 4).
                XCTAssertEqual(cell.format, kind == .amount ? "0.00##" : "0", "\(key)")
                if computed[key] != nil {
                    XCTAssertTrue(cell.formula?.hasPrefix("=IF(COUNT(") ?? false, "\(key) is a formula")
                    XCTAssertTrue(cell.formula?.contains(")=0,\"\",SUM(") ?? false, "\(key) shows nothing while its parts are blank")
                    XCTAssertTrue(cell.locked, "\(key) total is locked")
                    // A blank total stays blank: the formula's cached result is the empty string.
                    XCTAssertTrue(cell.value == nil || cell.value == .string(""), "\(key) caches blank in a blank template")
                } else {
                    XCTAssertNil(cell.formula, "\(key)")
                    XCTAssertNil(cell.value, "\(key) is blank")
                    XCTAssertFalse(cell.locked, "\(key) is unlocked")
                    XCTAssertEqual(cell.fill, "FFF2CC", "\(key) is shaded")
                    let covering = sheet.validations.filter { Self.covers($0.sqref, placed.reference) && Self.covers($0.sqref, placed.last) }
                    XCTAssertEqual(covering.count, 1, "\(key) validated once")
                    let validation = try XCTUnwrap(covering.first, "\(key) validated")
                    XCTAssertEqual(validation.prompt, Self.prompts[kind])
                    XCTAssertEqual(validation.promptTitle, "请填写")
                    XCTAssertEqual(validation.errorTitle, "填写有误")
                    XCTAssertTrue(validation.allowBlank)
                    switch kind {
                    case .count: XCTAssertEqual([validation.type, validation.formula1, validation.formula2], ["whole", "0", "999999999"])
                    case .change: XCTAssertEqual([validation.type, validation.formula1, validation.formula2], ["whole", "-999999999", "999999999"])
                    case .amount:
                        // A custom formula is written for the top-left cell of its range.
                        let ref = String(validation.sqref.prefix { $0 != ":" })
                        XCTAssertEqual([validation.type, validation.formula1], ["custom", "AND(ISNUMBER(\(ref)),\(ref)>=0,ROUND(\(ref),4)=\(ref))"])
                    }
                }
            }
            // Nothing else is unlocked: only value inputs, texts and the cover's inputs.
            var inputs = Set(layout.cells.filter { computed[$0.key] == nil }.map { "\($0.value.sheet)!\($0.value.reference)" })
            layout.textCells.values.forEach { inputs.insert("\($0.sheet)!\($0.reference)") }
            // A text section offers its blank rows to type into, one paragraph a row.
            for sheetLayout in layout.sheets {
                guard case .text(let id) = sheetLayout.content, let first = layout.textCells[id]?.reference else { continue }
                for row in first.row..<(first.row + 12) { inputs.insert("\(sheetLayout.name)!\(CellReference(row: row, column: first.column))") }
            }
            [WorkbookLayout.CoverField.agency, .year, .date].compactMap { layout.coverFields[$0] }.forEach { inputs.insert("\($0.sheet)!\($0.reference)") }
            let unlocked = Set(book.sheets.flatMap { sheet in
                sheet.cells.filter { !$0.value.locked }.map { "\(sheet.name)!\($0.key)" }
            }.filter { place in
                // The other cells of a merged input are unlocked with it; count only top-left cells.
                !layout.cells.values.contains { $0.isMerged && place.hasPrefix("\($0.sheet)!") && place != "\($0.sheet)!\($0.reference)" && self.isInside(place, $0) }
                    && !layout.textCells.values.contains { $0.isMerged && place != "\($0.sheet)!\($0.reference)" && self.isInside(place, $0) }
            })
            XCTAssertEqual(unlocked, inputs, "form \(id)")
            for (section, placed) in layout.textCells {
                XCTAssertEqual(book.names[placed.definedName], "'\(placed.sheet)'!\(placed.reference.absolute)", section)
                XCTAssertEqual(book.sheet(placed.sheet)?.cells[placed.reference.description]?.wrap, true, section)
            }
        }
    }

    private func isInside(_ place: String, _ cell: WorkbookCell) -> Bool {
        guard place.hasPrefix("\(cell.sheet)!"), let reference = CellReference(String(place.dropFirst(cell.sheet.count + 1))) else { return false }
        return (cell.reference.row...cell.last.row).contains(reference.row) && (cell.reference.column...cell.last.column).contains(reference.column)
    }

    func testFrozenPanesPrintTitlesAndOrientationFollowTheLayout() throws {
        let form = try form("2021")
        let book = try writeAndDump { try ReportWorkbook.writeTemplate(form: form, to: $0, generator: Interop.generator) }
        XCTAssertEqual(book.sheet("三、收到和处理政府信息公开申请情况")?.freeze, "D5")
        XCTAssertEqual(book.sheet("三、收到和处理政府信息公开申请情况")?.printTitleRows, "$1:$4")
        XCTAssertEqual(book.sheet("三、收到和处理政府信息公开申请情况")?.orientation, "landscape")
        XCTAssertEqual(book.sheet("四、政府信息公开行政复议、行政诉讼情况")?.freeze, "A5")
        XCTAssertEqual(book.sheet("二、主动公开政府信息情况")?.freeze, "A2")
        XCTAssertEqual(book.sheet("二、主动公开政府信息情况")?.orientation, "portrait")
        XCTAssertEqual(book.sheet("校验")?.freeze, "A3")
        XCTAssertEqual(book.sheet("封面")?.cells["B5"]?.value, .string("2021"))
        XCTAssertEqual(book.sheet("封面")?.cells["A1"]?.font, "宋体")
        XCTAssertEqual(book.title, form.name)
    }

    func testTemplateCoverIsPrefilledWithAgencyAndYear() throws {
        let form = try form("2021")
        let book = try writeAndDump { try ReportWorkbook.writeTemplate(form: form, agency: "某某区人民政府办公室", year: 2022, to: $0, generator: Interop.generator) }
        let cover = try XCTUnwrap(book.sheet("封面"))
        XCTAssertEqual(cover.cells["B2"]?.value, .string("某某区人民政府办公室"))
        XCTAssertEqual(cover.cells["B3"]?.value, .number(2022))
        XCTAssertNil(cover.cells["B4"]?.value)
        XCTAssertEqual(book.names["report_agency"], "'封面'!$B$2")
        let year = try XCTUnwrap(cover.validations.first { $0.sqref == "B3" })
        XCTAssertEqual([year.type, year.formula1, year.formula2, year.error], ["whole", "1990", "2100", "年度应为 1990 至 2100 之间的整数。"])
        let date = try XCTUnwrap(cover.validations.first { $0.sqref == "B4" })
        // 1990-01-01 and 2100-12-31 as serial days.
        XCTAssertEqual([date.type, date.formula1, date.formula2], ["date", "32874", "73415"])
        XCTAssertEqual(cover.cells["B4"]?.format, "yyyy\"年\"m\"月\"d\"日\"")
        XCTAssertEqual(cover.cells["B5"]?.locked, true)
        XCTAssertEqual(book.title, "某某区人民政府办公室2022年政府信息公开工作年度报告")
    }

    func testRealReportsLandInTheirCellsWithTotalsComputed() throws {
        let reports = try Interop.corpusReports()
        let folder = try makeTemporaryDirectory("workbook")
        let files = reports.map { folder.appendingPathComponent("\($0.name).xlsx") }
        for ((_, report), file) in zip(reports, files) {
            try ReportWorkbook.write(report, to: file.path, generator: Interop.generator)
        }
        let books = try Openpyxl.dump(files)
        for ((name, report), file) in zip(reports, files) {
            let book = try XCTUnwrap(books[file.path], name)
            let layout = WorkbookLayout(form: report.form)
            let computed = report.form.computedCells
            // Published reports sometimes leave a total blank or wrong; the workbook keeps it as printed.
            for (key, placed) in layout.cells {
                let cell = book.sheet(placed.sheet)?.cells[placed.reference.description]
                let shown = cell?.value == .string("") && computed[key] != nil ? nil : cell?.value
                XCTAssertEqual(shown, report[key].map { .number($0.doubleValue) }, "\(name): \(key)")
            }
            XCTAssertEqual(book.sheet("封面")?.cells["B2"]?.value, .string(report.agency), name)
            XCTAssertEqual(book.custom["xxgk.form"], report.form.id, name)
        }
    }

    func testFilledWorkbookHoldsTheReportValuesTextsAndCachedTotals() throws {
        let report = try Interop.exampleReport()
        let layout = WorkbookLayout(form: report.form)
        let book = try writeAndDump { try ReportWorkbook.write(report, to: $0, generator: Interop.generator) }
        let computed = report.form.computedCells
        for (key, placed) in layout.cells {
            let cell = try XCTUnwrap(book.sheet(placed.sheet)?.cells[placed.reference.description], "\(key)")
            if computed[key] != nil {
                // The report's totals, blank kept blank (the formula caches the empty string).
                let expected: Openpyxl.Value? = report[key].map { .number($0.doubleValue) }
                XCTAssertTrue(cell.value == expected || (expected == nil && cell.value == .string("")), "\(key) cached total")
            } else if let value = report[key] {
                XCTAssertEqual(cell.value, .number(value.doubleValue), "\(key)")
            } else {
                XCTAssertNil(cell.value, "\(key) stays blank")
            }
        }
        // The example's procurement amount is a decimal: kept exactly.
        XCTAssertEqual(book.sheet("二、主动公开政府信息情况")?.cells[layout.cells[CellKey(table: "proactive", row: "procurement", column: "amount")]?.reference.description ?? ""]?.value, .number(199.2))
        let cover = try XCTUnwrap(book.sheet("封面"))
        XCTAssertEqual(cover.cells["B2"]?.value, .string("武汉市东西湖区残疾人联合会"))
        // The cover's heading is the report's own title.
        XCTAssertEqual(cover.cells["A1"]?.value, .string(report.form.title(agency: report.agency, year: report.year)))
        XCTAssertEqual(cover.cells["B3"]?.value, .number(2020))
        XCTAssertEqual(cover.cells["B4"]?.value, .string("2021-01-13 00:00:00"))
        XCTAssertEqual(cover.cells["B5"]?.value, .string("2019"))
        // Each line (paragraph) of a text section in its own row, from the first row down.
        for section in report.form.textSectionIDs {
            let placed = try XCTUnwrap(layout.textCells[section])
            let lines = report.sections[section].map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
            for (index, line) in lines.enumerated() where !line.isEmpty {
                let reference = CellReference(row: placed.reference.row + index, column: placed.reference.column)
                XCTAssertEqual(book.sheet(placed.sheet)?.cells[reference.description]?.value, .string(line), "\(section) \(reference)")
            }
        }
        XCTAssertEqual(book.custom["xxgk.form"], "2019")
    }

    func testChecksSheetShowsEachRuleAsFormulaWithTheEngineVerdict() throws {
        for id in ["2019", "2021"] {
            let form = try form(id)
            let layout = WorkbookLayout(form: form)
            var reports = form.rules.map { ReportFixtures.breaking($0, form: form) }
            reports.append(ReportFixtures.randomlyFilled(form, seed: 7))
            // One openpyxl run for all of the form's reports.
            let folder = try makeTemporaryDirectory("workbook")
            let files = reports.indices.map { folder.appendingPathComponent("report-\($0).xlsx") }
            for (report, file) in zip(reports, files) {
                try ReportWorkbook.write(report, to: file.path, generator: Interop.generator)
            }
            let books = try Openpyxl.dump(files)
            XCTAssertEqual(books.count, reports.count)
            for (report, file) in zip(reports, files) {
                let book = try XCTUnwrap(books[file.path])
                let checks = try XCTUnwrap(book.sheet("校验"))
                // The workbook shows the report as it is: no total is recomputed.
                let shown = report
                for (instance, row) in zip(form.ruleInstances, layout.checkRows) {
                    let place = "\(report.agency) \(instance.rule.id) \(instance.along)"
                    func cell(_ column: WorkbookLayout.CheckColumn) -> Openpyxl.Cell? { checks.cells[CellReference(row: row, column: column.rawValue).description] }
                    let result = cell(.result)
                    let fails = CheckEngine.evaluate(instance, in: shown) != nil
                    XCTAssertEqual(result?.value, .string(fails ? "不通过" : "通过"), place)
                    XCTAssertTrue(result?.formula?.hasPrefix("=IF(ROUND(D\(row + 1)-E\(row + 1),6)") ?? false, place)
                    // Places in the sheet's words: the sheet's name, then the cells.
                    if case .string(let cells)? = cell(.cells)?.value {
                        let sheet = layout.cells[instance.cells[0]]?.sheet ?? ""
                        XCTAssertTrue(cells.hasPrefix("工作表「\(sheet)」"), cells)
                    } else {
                        XCTFail("no cells at \(place)")
                    }
                    XCTAssertEqual(cell(.title)?.value, .string(instance.rule.title))
                    XCTAssertTrue(cell(.left)?.formula?.hasPrefix("=SUM('") ?? false, place)
                    let left = instance.left.reduce(Decimal(0)) { $0 + (shown[$1] ?? 0) }
                    XCTAssertEqual(cell(.left)?.value, .number(left.doubleValue), place)
                }
                // The rule that was broken on purpose shows 不通过, a computed total's too (it stays as printed).
                if let rule = form.rules.first(where: { report.agency.contains($0.id) }) {
                    let index = try XCTUnwrap(form.ruleInstances.firstIndex { $0.rule.id == rule.id })
                    XCTAssertEqual(
                        checks.cells[CellReference(row: layout.checkRows[index], column: WorkbookLayout.CheckColumn.result.rawValue).description]?.value,
                        .string("不通过"), rule.id)
                }
            }
        }
    }

    /// A total the report prints differently from the sum of its parts (the agency's own
    /// arithmetic), a blank total over filled parts and a 0 over blank parts are written as
    /// the report's values, not formulas: orange, with a note giving both numbers; the checks
    /// sheet shows the total's rule failing; reading the workbook gives the report back.
    func testPrintedTotalsThatDifferAreKeptAsValuesWithANote() throws {
        let form = try form("2021")
        let layout = WorkbookLayout(form: form)
        func key(_ row: String, _ column: String) -> CellKey { CellKey(table: "applications", row: row, column: column) }
        var report = Report(form: form, agency: "测试局", year: 2023)
        report[key("received", "natural")] = 22
        report[key("received", "total")] = 23
        report[key("carried_over", "natural")] = 7
        report[key("carried_forward", "total")] = 0
        let folder = try makeTemporaryDirectory("workbook")
        let file = folder.appendingPathComponent("printed.xlsx")
        try ReportWorkbook.write(report, to: file.path, generator: Interop.generator)
        let book = try XCTUnwrap(try Openpyxl.dump([file])[file.path])
        let sheet = try XCTUnwrap(book.sheet("三、收到和处理政府信息公开申请情况"))
        func cell(_ key: CellKey) throws -> Openpyxl.Cell {
            try XCTUnwrap(sheet.cells[try XCTUnwrap(layout.cells[key]).reference.description], "\(key)")
        }
        let expected: [(CellKey, Openpyxl.Value?, String)] = [
            (key("received", "total"), .number(23), "报告所列数值 23，各项之和 22"),
            (key("carried_over", "total"), nil, "报告所列数值 空白，各项之和 7"),
            (key("carried_forward", "total"), .number(0), "报告所列数值 0，各项均为空白"),
        ]
        for (key, value, note) in expected {
            let printed = try cell(key)
            XCTAssertNil(printed.formula, "\(key) is the printed value")
            XCTAssertEqual(printed.value, value, "\(key)")
            XCTAssertEqual(printed.fill, "F8CBAD", "\(key) is marked")
            XCTAssertTrue(printed.locked, "\(key)")
            XCTAssertEqual(printed.comment, note, "\(key)")
        }
        // A consistent total (all parts blank) stays a formula that shows nothing.
        let blank = try cell(key("results_total", "total"))
        XCTAssertTrue(blank.formula?.hasPrefix("=IF(COUNT(") ?? false)
        XCTAssertNil(blank.comment)
        // The checks sheet caches the rule over the values shown: the printed 23 fails it.
        let checks = try XCTUnwrap(book.sheet("校验"))
        let row = try XCTUnwrap(zip(form.ruleInstances, layout.checkRows).first { $0.0.rule.id == "applications.row_total" && $0.0.along == "received" }?.1)
        XCTAssertEqual(checks.cells[CellReference(row: row, column: WorkbookLayout.CheckColumn.result.rawValue).description]?.value, .string("不通过"))
        XCTAssertEqual(checks.cells[CellReference(row: row, column: WorkbookLayout.CheckColumn.left.rawValue).description]?.value, .number(23))
        // And the workbook reads back as the report, the printed total a finding.
        let loaded = try ReportWorkbook.read(Data(contentsOf: file), file: "printed.xlsx")
        XCTAssertEqual(loaded.report, report)
        XCTAssertEqual(loaded.findings.map(\.rule), ["workbook.total"])
        XCTAssertEqual(loaded.findings.first?.found, 23)
        XCTAssertEqual(loaded.findings.first?.expected, 22)
    }

    func testFailingRulesTurnTheirCellsRedByConditionalFormatting() throws {
        let form = try form("2021")
        let layout = WorkbookLayout(form: form)
        let book = try writeAndDump { try ReportWorkbook.writeTemplate(form: form, to: $0, generator: Interop.generator) }
        let sheet = try XCTUnwrap(book.sheet("三、收到和处理政府信息公开申请情况"))
        // applications.balance in the 自然人 column: received + carried_over = results_total + carried_forward.
        let balance = sheet.conditional.first { $0.formula == ["ROUND(SUM($D$5:$D$6)-SUM($D$28:$D$29),6)<>0"] }
        XCTAssertEqual(balance?.sqref, "D5:D6 D28:D29")
        XCTAssertEqual(balance?.type, "expression")
        let instances = form.ruleInstances.filter { $0.rule.table == "applications" }
        XCTAssertEqual(sheet.conditional.count, instances.count)
        for instance in instances {
            for key in instance.cells {
                let reference = try XCTUnwrap(layout.cells[key]?.reference)
                XCTAssertTrue(sheet.conditional.contains { Self.covers($0.sqref, reference) }, "\(key) is highlighted by \(instance.rule.id)")
            }
        }
        let checks = try XCTUnwrap(book.sheet("校验"))
        XCTAssertEqual(checks.conditional.map(\.formula), [["F3=\"不通过\""]])
        // The first check row names its rule, place and cells in Chinese; the cells link to their place.
        let sheetName = "三、收到和处理政府信息公开申请情况"
        XCTAssertEqual((0..<3).map { checks.cells[CellReference(row: 2, column: $0).description]?.value }, [
            .string("一 + 二 = 三(七) + 四"), .string("自然人 列"), .string("工作表「\(sheetName)」D5:D6 = D28:D29"),
        ])
        XCTAssertEqual(checks.cells["C3"]?.link, "'\(sheetName)'!D5")
        // The top line counts with a formula: every instance, and the failing ones.
        let count = form.ruleInstances.count
        XCTAssertEqual(checks.cells["A1"]?.value, .string("共 \(count) 项，0 项不通过"))
        XCTAssertEqual(checks.cells["A1"]?.formula, "=\"共 \"&ROWS($F$3:$F$\(count + 2))&\" 项，\"&COUNTIF($F$3:$F$\(count + 2),\"不通过\")&\" 项不通过\"")
    }

    func testTextOverTheCellLimitFailsNamingSheetAndCellAndLeavesNoFile() throws {
        let form = try form("2021")
        var report = Report(form: form, agency: "某局", year: 2021)
        report.sections["overview"] = String(repeating: "长", count: 40_000)
        let folder = try makeTemporaryDirectory("workbook")
        let path = folder.appendingPathComponent("long.xlsx").path
        XCTAssertThrowsError(try ReportWorkbook.write(report, to: path, generator: Interop.generator)) { error in
            XCTAssertTrue("\(error)".hasPrefix("sheet 一、总体情况, cell A2: "), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    private static func covers(_ sqref: String, _ reference: CellReference) -> Bool {
        sqref.split(separator: " ").contains { range in
            let ends = range.split(separator: ":").compactMap { CellReference(String($0)) }
            guard let first = ends.first, let last = ends.last else { return false }
            return (first.row...last.row).contains(reference.row) && (first.column...last.column).contains(reference.column)
        }
    }
}
