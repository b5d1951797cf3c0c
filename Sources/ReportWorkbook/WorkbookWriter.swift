import Foundation
import ReportModel
import XLSX

extension ReportWorkbook {
    /// Writes the blank template of `form`: the official layout, every input cell empty,
    /// totals and checks as formulas (totals cached blank, checks at 0). `agency` and `year` prefill the cover.
    /// `generator` (`xxgk 0.1.0`) goes into the custom property `xxgk.version`.
    public static func writeTemplate(form: Form, agency: String? = nil, year: Int? = nil, to path: String, generator: String) throws(XLSXWriteError) {
        let content = WorkbookContent(form: form, agency: agency, year: year, date: nil, sections: [:], report: nil)
        try WorkbookWriter(content: content, generator: generator).write(to: path)
    }

    /// Writes a filled workbook that keeps what the report says: its values in the input cells
    /// (blank stays blank), its texts, each total as a formula where that shows the report's
    /// value and as the printed value (orange, with a note giving the sum) where it does not,
    /// and every formula's cached result computed from the values shown.
    public static func write(_ report: Report, to path: String, generator: String) throws(XLSXWriteError) {
        let content = WorkbookContent(
            form: report.form, agency: report.agency, year: report.year, date: report.date,
            sections: report.sections, report: report, marks: Feedback.invalidCells(of: report))
        try WorkbookWriter(content: content, generator: generator).write(to: path)
    }
}

/// What goes into a workbook: a template's cover fields, or a whole report.
struct WorkbookContent {
    let form: Form
    let agency: String?
    let year: Int?
    let date: ReportDate?
    let sections: [String: String]
    /// The values; nil for a blank template.
    let report: Report?
    /// Cells drawn marked (FeedbackWorkbook.swift): bad cells as typed, a finding's cells.
    var marks: [CellKey: CellMark] = [:]
    /// The lines of a feedback workbook's first sheet 问题清单; nil for any other workbook.
    var problems: [ProblemLine]?
}

/// Draws a `WorkbookLayout` with libxlsxwriter: labels, merges, inputs, formulas, checks,
/// names, properties, protection and print setup.
struct WorkbookWriter {
    let content: WorkbookContent
    let generator: String
    let plan: WorkbookPlan
    let values: WorkbookValues
    var layout: WorkbookLayout { plan.layout }
    var units: Units { content.form.units }

    init(content: WorkbookContent, generator: String) {
        self.content = content
        self.generator = generator
        plan = WorkbookPlan.of(content.form)
        values = WorkbookValues(plan: plan, report: content.report)
    }

    func write(to path: String) throws(XLSXWriteError) {
        let workbook = try XLSXWorkbook(path: path, temporaryFolder: Self.temporaryFolder)
        let form = content.form
        let title = content.agency.flatMap { agency in content.year.map { form.title(agency: agency, year: $0) } } ?? form.name
        try workbook.setProperties(title: title, subject: form.name, author: generator, comments: "xxgk form \(form.id)")
        try workbook.setCustomProperty("xxgk.form", to: form.id)
        try workbook.setCustomProperty("xxgk.version", to: generator)
        if let problems = content.problems { try writeProblemList(problems, on: workbook) }
        for sheetLayout in layout.sheets {
            let sheet = try workbook.addSheet(named: sheetLayout.name)
            try drawFrame(sheetLayout, on: sheet)
            switch sheetLayout.content {
            case .cover: try fillCover(sheet)
            case .table(let id): try fillTable(id, layout: sheetLayout, on: sheet)
            case .text(let id): try fillText(id, on: sheet)
            case .checks: try fillChecks(sheet)
            }
            try sheet.protect()
        }
        for placed in layout.cells.values.sorted(by: { $0.definedName < $1.definedName }) {
            try workbook.defineName(placed.definedName, sheet: placed.sheet, cell: placed.reference)
        }
        for placed in layout.textCells.values.sorted(by: { $0.definedName < $1.definedName }) {
            try workbook.defineName(placed.definedName, sheet: placed.sheet, cell: placed.reference)
        }
        for field in WorkbookLayout.CoverField.allCases {
            if let placed = layout.coverFields[field] {
                try workbook.defineName(placed.definedName, sheet: placed.sheet, cell: placed.reference)
            }
        }
        try workbook.close()
    }

    /// A memory-backed folder for libxlsxwriter's part files when the system has a writable
    /// one (Linux's /dev/shm): a report's parts are a few kilobytes, and a tmpfs saves the disk
    /// file system's create/unlink work, about a third of the time of a small workbook.
    static let temporaryFolder: String? = {
        let candidate = "/dev/shm"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue,
            access(candidate, W_OK) == 0
        else { return nil }
        return candidate
    }()

    /// Labels, widths, heights, frozen panes and print setup of any sheet.
    private func drawFrame(_ sheetLayout: SheetLayout, on sheet: XLSXSheet) throws(XLSXWriteError) {
        for (column, width) in sheetLayout.columnWidths.enumerated() {
            try sheet.setColumns(column...column, width: width)
        }
        for (row, height) in sheetLayout.rowHeights.sorted(by: { $0.key < $1.key }) {
            try sheet.setRow(row, height: height)
        }
        for label in sheetLayout.labels {
            try sheet.merge(from: label.first, to: label.last, string: text(of: label, on: sheetLayout), style: WorkbookStyles.label(label))
        }
        if sheetLayout.frozenRows > 0 || sheetLayout.frozenColumns > 0 {
            try sheet.freezePanes(rows: sheetLayout.frozenRows, columns: sheetLayout.frozenColumns)
        }
        var page = PageSetup()
        page.landscape = sheetLayout.landscape
        // A table on one page as the official form; everything else one page wide, running
        // onto further pages rather than shrinking (a long text at 5 pt helps nobody).
        switch sheetLayout.fit {
        case .onePage: page.fitToPages = (1, 1)
        case .width: page.fitToPages = (1, 0)
        }
        page.repeatedRows = sheetLayout.repeatedRows
        page.centeredHorizontally = true
        page.footer = "&C第 &P 页，共 &N 页"
        try sheet.setUpPage(page)
        if sheetLayout.content == .cover && content.problems == nil { try sheet.activate() }
    }

    /// A label's text as written: the cover's title is the report's own
    /// (`某某区人民政府2021年政府信息公开工作年度报告`) once agency and year are known.
    private func text(of label: LabelCell, on sheetLayout: SheetLayout) -> String {
        guard sheetLayout.content == .cover, label.role == .title, let agency = content.agency, !agency.isEmpty,
            let year = content.year
        else { return label.text }
        return content.form.title(agency: agency, year: year)
    }

    // MARK: cover

    private func fillCover(_ sheet: XLSXSheet) throws(XLSXWriteError) {
        for field in WorkbookLayout.CoverField.allCases {
            guard let cell = layout.coverFields[field]?.reference else { continue }
            switch field {
            case .agency:
                try sheet.write(string: content.agency ?? "", at: cell, style: WorkbookStyles.coverInput(numberFormat: nil))
                try sheet.validate(from: cell, to: cell, DataValidation(.any, inputTitle: WorkbookText.inputTitle, inputMessage: WorkbookText.agencyMessage))
            case .year:
                let style = WorkbookStyles.coverInput(numberFormat: "0")
                if let year = content.year { try sheet.write(number: Double(year), at: cell, style: style) } else { try sheet.writeBlank(at: cell, style: style) }
                try sheet.validate(from: cell, to: cell, DataValidation(
                    .wholeNumber(minimum: Double(ReportYears.accepted.lowerBound), maximum: Double(ReportYears.accepted.upperBound)), inputTitle: WorkbookText.inputTitle, inputMessage: WorkbookText.yearMessage,
                    errorTitle: WorkbookText.errorTitle, errorMessage: WorkbookText.yearError))
            case .date:
                let style = WorkbookStyles.coverInput(numberFormat: WorkbookStyles.dateFormat)
                if let date = content.date { try sheet.write(number: date.serialNumber, at: cell, style: style) } else { try sheet.writeBlank(at: cell, style: style) }
                let range = (
                    ReportDate(year: ReportYears.accepted.lowerBound, month: 1, day: 1)?.serialNumber ?? 32_874,
                    ReportDate(year: ReportYears.accepted.upperBound, month: 12, day: 31)?.serialNumber ?? 73_415)
                try sheet.validate(from: cell, to: cell, DataValidation(
                    .date(minimum: range.0, maximum: range.1), inputTitle: WorkbookText.inputTitle, inputMessage: WorkbookText.dateMessage,
                    errorTitle: WorkbookText.errorTitle, errorMessage: WorkbookText.dateError))
            case .form:
                try sheet.write(string: content.form.id, at: cell, style: WorkbookStyles.lockedValue)
            }
        }
    }

    // MARK: tables

    private func fillTable(_ tableID: String, layout sheetLayout: SheetLayout, on sheet: XLSXSheet) throws(XLSXWriteError) {
        guard let table = content.form.table(tableID) else { return }
        for row in table.rows {
            for column in row.columns {
                let key = CellKey(table: table.id, row: row.id, column: column.id)
                guard let placed = layout.cells[key] else { continue }
                if let mark = content.marks[key] {
                    try drawMarked(mark, key: key, placed: placed, kind: column.kind, on: sheet)
                    continue
                }
                let value = values[key]
                if let printed = values.printedTotals[key] {
                    // The report's own figure, kept: a formula would replace it by the sum.
                    let style = WorkbookStyles.printedTotal(column.kind, units: units)
                    if placed.isMerged { try sheet.merge(from: placed.reference, to: placed.last, string: "", style: style) }
                    if let shown = printed.printed {
                        try sheet.write(number: shown.doubleValue, at: placed.reference, style: style)
                    } else if !placed.isMerged {
                        try sheet.writeBlank(at: placed.reference, style: style)
                    }
                    try sheet.comment(WorkbookText.printedTotalNote(printed: printed.printed, sum: printed.sum), at: placed.reference, author: WorkbookText.noteAuthor)
                    continue
                }
                if let formula = plan.totalFormulas[key] {
                    let style = WorkbookStyles.total(column.kind, units: units)
                    if placed.isMerged { try sheet.merge(from: placed.reference, to: placed.last, string: "", style: style) }
                    if let value {
                        try sheet.write(formula: formula, cachedNumber: value.doubleValue, at: placed.reference, style: style)
                    } else {
                        try sheet.write(formula: formula, cachedString: "", at: placed.reference, style: style)
                    }
                    continue
                }
                let style = WorkbookStyles.input(column.kind, units: units)
                if placed.isMerged { try sheet.merge(from: placed.reference, to: placed.last, string: "", style: style) }
                if let value {
                    try sheet.write(number: value.doubleValue, at: placed.reference, style: style)
                } else if !placed.isMerged {
                    try sheet.writeBlank(at: placed.reference, style: style)
                }
            }
        }
        for area in plan.inputAreas where area.table == tableID {
            try sheet.validate(from: area.first, to: area.last, validation(for: area.kind, at: area.first))
        }
        for highlight in plan.highlights where highlight.table == tableID {
            try sheet.highlight(highlight.ranges, when: highlight.condition, style: WorkbookStyles.failed)
        }
        if let note = layout.textCells[Report.noteSectionID(forTable: tableID)] {
            try writeText(content.sections[Report.noteSectionID(forTable: tableID)], at: note, on: sheet)
        }
    }

    /// The validation of an input cell of `kind`, with its Chinese prompt and error.
    private func validation(for kind: ValueKind, at cell: CellReference) -> DataValidation {
        let rule: DataValidation.Rule
        switch kind {
        case .count: rule = .wholeNumber(minimum: 0, maximum: 999_999_999)
        case .change: rule = .wholeNumber(minimum: -999_999_999, maximum: 999_999_999)
        case .amount: rule = .formula("AND(ISNUMBER(\(cell)),\(cell)>=0,ROUND(\(cell),\(units.amountDecimals))=\(cell))")
        }
        return DataValidation(
            rule, inputTitle: WorkbookText.inputTitle, inputMessage: WorkbookText.inputMessage(kind, units: units),
            errorTitle: WorkbookText.errorTitle, errorMessage: WorkbookText.errorMessage(kind, units: units))
    }

    // MARK: text

    /// A free-text section, one line (paragraph) per row from its first row down, each row as
    /// tall as its wrapped text (the sheet prints onto as many pages as that takes). A blank
    /// template gets `blankTextRows` empty rows to type in; the column stays unlocked below.
    private func fillText(_ sectionID: String, on sheet: XLSXSheet) throws(XLSXWriteError) {
        guard let cell = layout.textCells[sectionID] else { return }
        let first = cell.reference
        let width = Metrics.textColumnWidth
        try sheet.setColumns(first.column...first.column, width: width, style: WorkbookStyles.textColumn)
        let rows = TextRows.rows(of: content.sections[sectionID] ?? "")
        let count = max(rows.count, content.report == nil ? Self.blankTextRows : 1)
        for index in 0..<count {
            let reference = CellReference(row: first.row + index, column: first.column)
            let text = index < rows.count ? rows[index] : ""
            if !text.isEmpty {
                try sheet.setRow(reference.row, height: Metrics.height(of: text, role: .rowHeader, width: width))
            }
            try sheet.write(string: text, at: reference, style: WorkbookStyles.textRow)
        }
        let last = CellReference(row: first.row + count - 1, column: first.column)
        try sheet.validate(from: first, to: last, DataValidation(.any, inputTitle: WorkbookText.inputTitle, inputMessage: WorkbookText.textMessage))
    }

    /// The empty rows a blank template offers for each text section.
    static let blankTextRows = 12

    /// A table's notes: one wide wrapped cell, as tall as its text needs (at least the
    /// layout's height, at most Excel's largest row).
    private func writeText(_ text: String?, at placed: WorkbookCell, on sheet: XLSXSheet) throws(XLSXWriteError) {
        let style = WorkbookStyles.textInput
        if let text, !text.isEmpty, let widths = layout.sheet(named: placed.sheet)?.columnWidths {
            let width = (placed.reference.column...placed.last.column).reduce(0.0) { $0 + ($1 < widths.count ? widths[$1] : 8.43) }
            let height = Metrics.height(of: text, role: .rowHeader, width: width)
            if height > Metrics.noteRowHeight { try sheet.setRow(placed.reference.row, height: height) }
        }
        try sheet.merge(from: placed.reference, to: placed.last, string: text ?? "", style: style)
        try sheet.validate(from: placed.reference, to: placed.last, DataValidation(.any, inputTitle: WorkbookText.inputTitle, inputMessage: WorkbookText.textMessage))
    }

    // MARK: checks

    private func fillChecks(_ sheet: XLSXSheet) throws(XLSXWriteError) {
        let resultColumn = WorkbookLayout.CheckColumn.result.rawValue
        var failures = 0
        for check in plan.checks {
            let instance = check.instance
            func at(_ column: WorkbookLayout.CheckColumn) -> CellReference { CellReference(row: check.row, column: column.rawValue) }
            let cells = check.sheet.map { WorkbookText.cells(check.cells, onSheet: $0) } ?? check.cells
            // Tall enough for the wrapped place and cells (long row labels in section 三).
            let texts: [(WorkbookLayout.CheckColumn, String)] = [(.title, instance.rule.title), (.place, check.place), (.cells, cells)]
            let height = texts.map { column, text in
                Metrics.height(of: text, role: .rowHeader, width: WorkbookText.checksWidths[column] ?? 10)
            }.max() ?? Metrics.minimumRowHeight
            try sheet.setRow(check.row, height: height)
            try sheet.write(string: instance.rule.title, at: at(.title), style: WorkbookStyles.lockedValue)
            try sheet.write(string: check.place, at: at(.place), style: WorkbookStyles.lockedValue)
            if let target = check.sheet, let first = check.firstCell {
                try sheet.link(cells, toSheet: target, cell: first, at: at(.cells), style: WorkbookStyles.checkLink)
            } else {
                try sheet.write(string: cells, at: at(.cells), style: WorkbookStyles.lockedValue)
            }
            let evaluation = values.evaluate(instance)
            if !evaluation.holds { failures += 1 }
            try sheet.write(formula: check.leftFormula, cachedNumber: evaluation.left.doubleValue, at: at(.left), style: WorkbookStyles.checkNumber)
            try sheet.write(formula: check.rightFormula, cachedNumber: evaluation.right.doubleValue, at: at(.right), style: WorkbookStyles.checkNumber)
            try sheet.write(
                formula: check.resultFormula, cachedString: evaluation.holds ? WorkbookText.passed : WorkbookText.failed,
                at: at(.result), style: WorkbookStyles.lockedValue)
        }
        guard let firstRow = layout.checkRows.first, let lastRow = layout.checkRows.last else { return }
        let first = CellReference(row: firstRow, column: resultColumn)
        let last = CellReference(row: lastRow, column: resultColumn)
        // The top line counts with a formula, so it follows every edit of the values.
        let summary = WorkbookLayout.checksSummary
        try sheet.merge(
            from: summary, to: CellReference(row: summary.row, column: WorkbookLayout.CheckColumn.allCases.count - 1),
            string: "", style: WorkbookStyles.checksSummary)
        try sheet.write(
            formula: WorkbookText.checksSummaryFormula(results: "\(first.absolute):\(last.absolute)"),
            cachedString: WorkbookText.checksSummary(count: plan.checks.count, failures: failures), at: summary, style: WorkbookStyles.checksSummary)
        try sheet.highlight([(first, last)], when: "\(first)=\"\(WorkbookText.failed)\"", style: WorkbookStyles.failed)
    }
}
