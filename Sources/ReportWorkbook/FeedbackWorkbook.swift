import Foundation
import ReportModel
import XLSX

extension ReportWorkbook {
    /// Writes the feedback workbook for a department: its own values in the official layout
    /// (the writer of `write(_:to:generator:)`), every bad cell shown as typed (`十二` as text),
    /// each cell a finding names filled red (errors) or yellow (warnings) with a note saying
    /// what is wrong, and a first sheet 问题清单 listing every finding (序号, 级别, 工作表,
    /// 单元格, 问题) with a link to its cell. `findings` are the check's (the reader's own
    /// findings among them); `warnings` are the reader's diagnostics, listed without a cell.
    public static func writeFeedback(
        _ report: Report, findings: [Finding], warnings: [Diagnostic] = [], to path: String, generator: String
    ) throws(XLSXWriteError) {
        var content = WorkbookContent(
            form: report.form, agency: report.agency, year: report.year, date: report.date,
            sections: report.sections, report: report)
        let feedback = Feedback(report: report, findings: findings, warnings: warnings)
        content.marks = feedback.marks
        content.problems = feedback.problems
        try WorkbookWriter(content: content, generator: generator).write(to: path)
    }

    /// The name of the feedback workbook of a submission: `某局.xlsx` → `某局-反馈.xlsx`.
    public static func feedbackFileName(for file: String) -> String {
        let name = (file as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return (stem.isEmpty ? name : stem) + Messages.text("feedback.file_suffix", in: .chinese) + ".xlsx"
    }
}

/// How one value cell of a feedback workbook (or of any workbook of a report with bad cells)
/// is drawn: its text as typed, its fill, its note.
struct CellMark: Sendable {
    /// The bad content as typed, written as text in place of a value.
    var typed: String?
    /// An error (red) rather than a warning (yellow).
    var isError: Bool
    /// What is wrong, one line per finding; empty for a cell that is only coloured.
    var notes: [String]
}

/// One line of the 问题清单 sheet.
struct ProblemLine: Sendable {
    let severity: Severity
    /// The sheet and cell of the workbook written, when the finding names a cell.
    let target: WorkbookCell?
    let message: String
}

/// The marks and problem lines of a report's findings.
struct Feedback {
    var marks: [CellKey: CellMark] = [:]
    var problems: [ProblemLine] = []

    init(report: Report, findings: [Finding], warnings: [Diagnostic]) {
        let layout = WorkbookPlan.of(report.form).layout
        marks = Self.invalidCells(of: report)
        for (index, finding) in findings.enumerated() {
            let number = index + 1
            let isError = finding.severity == .error
            let note = Messages.text("feedback.note", ["number": String(number), "message": finding.message])
            for (position, cell) in finding.cells.enumerated() where layout.cells[cell] != nil {
                var mark = marks[cell] ?? CellMark(typed: nil, isError: isError, notes: [])
                mark.isError = mark.isError || isError
                // The invalid cell's own note is set already; others get the finding on their first cell.
                if position == 0 && finding.rule != CheckEngine.invalidCellRule { mark.notes.append(note) }
                if finding.rule == CheckEngine.invalidCellRule { mark.notes = [note] }
                marks[cell] = mark
            }
            problems.append(ProblemLine(severity: finding.severity, target: finding.cells.first.flatMap { layout.cells[$0] }, message: finding.message))
        }
        for warning in warnings {
            let place = warning.location.map { "\($0.description)\(Messages.text("separator.part"))" } ?? ""
            problems.append(ProblemLine(severity: warning.severity, target: nil, message: place + warning.message))
        }
    }

    /// The bad cells of a report, each with its text as typed and a note saying what is wrong.
    static func invalidCells(of report: Report) -> [CellKey: CellMark] {
        var marks: [CellKey: CellMark] = [:]
        for unresolved in report.unresolved {
            guard let cell = unresolved.invalidCell, report.form.contains(cell) else { continue }
            let finding = CheckEngine.invalidCellFinding(cell, typed: unresolved.typed ?? "", in: report.form)
            marks[cell] = CellMark(typed: unresolved.typed, isError: true, notes: [finding.message])
        }
        return marks
    }
}

extension WorkbookWriter {
    /// The 问题清单 sheet, written first: one row per finding, its cell a link.
    func writeProblemList(_ problems: [ProblemLine], on workbook: XLSXWorkbook) throws(XLSXWriteError) {
        let sheet = try workbook.addSheet(named: Messages.text("feedback.sheet", in: .chinese))
        let headers = [
            Messages.text("feedback.column.number", in: .chinese), Messages.text("feedback.column.severity", in: .chinese),
            Messages.text("feedback.column.sheet", in: .chinese), Messages.text("feedback.column.cell", in: .chinese),
            Messages.text("feedback.column.problem", in: .chinese),
        ]
        let widths: [Double] = [6, 8, 36, 10, 90]
        for (column, width) in widths.enumerated() { try sheet.setColumns(column...column, width: width) }
        for (column, header) in headers.enumerated() {
            try sheet.write(string: header, at: CellReference(row: 0, column: column), style: FeedbackStyles.header)
        }
        for (index, problem) in problems.enumerated() {
            let row = index + 1
            func at(_ column: Int) -> CellReference { CellReference(row: row, column: column) }
            try sheet.write(number: Double(row), at: at(0), style: FeedbackStyles.text)
            try sheet.write(string: problem.severity.word, at: at(1), style: FeedbackStyles.text)
            if let target = problem.target {
                try sheet.write(string: target.sheet, at: at(2), style: FeedbackStyles.text)
                try sheet.link(target.reference.description, toSheet: target.sheet, cell: target.reference, at: at(3))
            }
            try sheet.write(string: problem.message, at: at(4), style: FeedbackStyles.text)
            let height = Metrics.height(of: problem.message, role: .rowHeader, width: widths[4])
            try sheet.setRow(row, height: height)
        }
        try sheet.freezePanes(rows: 1, columns: 0)
    }

    /// A value cell that carries a mark: the value (or the text as typed) in the cell's own
    /// layout, filled red or yellow, with the notes (and a printed total's note) as its comment.
    func drawMarked(_ mark: CellMark, key: CellKey, placed: WorkbookCell, kind: ValueKind, on sheet: XLSXSheet) throws(XLSXWriteError) {
        var notes = mark.notes
        var style: CellStyle
        let value = values[key]
        if let printed = values.printedTotals[key] {
            style = WorkbookStyles.printedTotal(kind, units: units)
            notes.append(WorkbookText.printedTotalNote(printed: printed.printed, sum: printed.sum))
        } else if plan.totalFormulas[key] != nil {
            style = WorkbookStyles.total(kind, units: units)
        } else {
            style = WorkbookStyles.input(kind, units: units)
        }
        style.fillColor = mark.isError ? FeedbackStyles.errorFill : FeedbackStyles.warningFill
        if placed.isMerged { try sheet.merge(from: placed.reference, to: placed.last, string: "", style: style) }
        if let typed = mark.typed, !typed.isEmpty {
            try sheet.write(string: typed, at: placed.reference, style: style)
        } else if let printed = values.printedTotals[key] {
            if let shown = printed.printed { try sheet.write(number: shown.doubleValue, at: placed.reference, style: style) } else if !placed.isMerged { try sheet.writeBlank(at: placed.reference, style: style) }
        } else if let formula = plan.totalFormulas[key] {
            if let value {
                try sheet.write(formula: formula, cachedNumber: value.doubleValue, at: placed.reference, style: style)
            } else {
                try sheet.write(formula: formula, cachedString: "", at: placed.reference, style: style)
            }
        } else if let value {
            try sheet.write(number: value.doubleValue, at: placed.reference, style: style)
        } else if !placed.isMerged {
            try sheet.writeBlank(at: placed.reference, style: style)
        }
        if !notes.isEmpty { try sheet.comment(notes.joined(separator: "\n"), at: placed.reference, author: WorkbookText.noteAuthor) }
    }
}

/// The looks of the feedback workbook.
enum FeedbackStyles {
    /// Light red, as spreadsheets mark bad cells.
    static let errorFill: UInt32 = 0xFFC7CE
    /// Light yellow: a warning.
    static let warningFill: UInt32 = 0xFFEB9C

    static let header: CellStyle = {
        var style = WorkbookStyles.base
        style.bold = true
        style.bordered = true
        style.fillColor = WorkbookStyles.headerFill
        style.horizontal = .center
        return style
    }()

    static let text: CellStyle = {
        var style = WorkbookStyles.base
        style.bordered = true
        style.wrapsText = true
        style.vertical = .top
        return style
    }()
}
