import Foundation
import ReportFormats
import ReportModel
import XLSX

/// The summary of a batch of submissions: one row per file with its status, failing rules
/// and key figures (the form's `key_figures`), written as CSV or as a workbook.
public struct SummaryTable: Sendable {
    /// The output kinds of a summary.
    public enum Kind: Sendable {
        case csv, xlsx
        /// The kind of a summary file by its extension, or nil.
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "csv": self = .csv
            case "xlsx": self = .xlsx
            default: return nil
            }
        }
    }

    /// A cell of the summary: text, or a number (blank when nil).
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Decimal?)
    }

    /// The column headers.
    public let header: [String]
    /// One row per submission.
    public let rows: [[Cell]]

    /// The summary of `results`, one row each, in their order; `changes` adds, per key
    /// figure, its change from last year's report (`--previous`), blank where none was found.
    public init(results: [CheckResult], changes: Bool = false) {
        // Key figures by caption, in the order the forms list them, so that reports of both
        // forms share columns where their figures mean the same.
        var captions: [String] = []
        for form in FormCatalog.all {
            for figure in form.keyFigures where !captions.contains(figure.label) { captions.append(figure.label) }
        }
        header = [
            Messages.text("batch.summary.file"), Messages.text("batch.summary.agency"), Messages.text("batch.summary.year"),
            Messages.text("batch.summary.form"), Messages.text("batch.summary.status"), Messages.text("batch.summary.errors"),
            Messages.text("batch.summary.warnings"), Messages.text("batch.summary.failing_rules"),
        ] + captions
            + (changes ? captions.map { "\($0)增减" } : [])
        rows = results.map { result in
            guard let report = result.loaded?.report else {
                return [.text(result.file), .text(""), .number(nil), .text(""), .text(Messages.text("batch.status.unreadable")), .number(nil), .number(nil),
                        .text(result.failure?.first?.message ?? "")] + captions.map { _ in .number(nil) }
                    + (changes ? captions.map { _ in .number(nil) } : [])
            }
            let figures = Dictionary(report.form.keyFigures.map { ($0.label, $0.cell) }, uniquingKeysWith: { first, _ in first })
            return [
                .text(result.file), .text(report.agency), .number(Decimal(report.year)), .text(report.form.id),
                .text(Self.status(of: result)),
                .number(Decimal(result.errorCount)), .number(Decimal(result.warningCount)),
                .text(result.failingRules.joined(separator: " ")),
            ] + captions.map { caption in .number(figures[caption].flatMap { report[$0] }) }
                + (changes ? captions.map { caption in .number(Self.change(of: caption, in: report, previous: result.previous)) } : [])
        }
    }

    /// 通过, 未通过 or 重复提交 (`passed`, `failed`, `duplicate`): the status column of a readable file.
    private static func status(of result: CheckResult) -> String {
        if result.isDuplicate { return Messages.text("batch.status.duplicate") }
        return result.errorCount == 0 ? Messages.text("batch.summary.passed") : Messages.text("batch.summary.failed")
    }

    /// The change of a key figure from last year's report (`ReportComparison.Change`), nil
    /// without last year's report or when the figure is blank in both.
    private static func change(of caption: String, in report: Report, previous: Report?) -> Decimal? {
        guard let previous else { return nil }
        func value(_ report: Report) -> Decimal? { report.form.keyFigures.first { $0.label == caption }.flatMap { report[$0.cell] } }
        return ReportComparison.Change(from: value(previous), to: value(report)).difference
    }

    /// Writes the summary whole or not at all; the kind comes from the extension.
    public func write(to path: String) throws {
        switch Kind(path: path) {
        case .csv?, nil:
            try OutputFile.write(Data(csv.utf8), to: path)
        case .xlsx?:
            try SummaryWorkbook.write(self, to: path)
        }
    }

    /// RFC 4180 CSV with a UTF-8 byte order mark, so Excel and WPS open the Chinese text correctly.
    public var csv: String {
        var lines = [header.map(CSVText.field)]
        for row in rows {
            lines.append(row.map { cell in
                switch cell {
                case .text(let text): return CSVText.field(text)
                case .number(let value): return value.map(ReportJSON.format) ?? ""
                }
            })
        }
        return CSVText.document(lines)
    }
}

/// The summary as a workbook: one sheet, a bold frozen header row, numbers as numbers.
enum SummaryWorkbook {
    /// Writes the summary whole or not at all; a writer error becomes an `OutputError` naming `path`.
    static func write(_ table: SummaryTable, to path: String) throws {
        try WorkbookOutput.write(to: path) { (temporaryPath: String) throws(XLSXWriteError) in
            let workbook = try XLSXWorkbook(path: temporaryPath)
            let sheet = try workbook.addSheet(named: "汇总")
            var header = CellStyle()
            header.bold = true
            header.fillColor = 0xD9E1F2
            header.bordered = true
            for (column, title) in table.header.enumerated() {
                try sheet.write(string: title, at: CellReference(row: 0, column: column), style: header)
            }
            for (index, row) in table.rows.enumerated() {
                for (column, cell) in row.enumerated() {
                    let reference = CellReference(row: index + 1, column: column)
                    switch cell {
                    case .text(let text) where !text.isEmpty:
                        try sheet.write(string: text, at: reference)
                    case .number(let value?):
                        try sheet.write(number: NSDecimalNumber(decimal: value).doubleValue, at: reference)
                    default:
                        continue
                    }
                }
            }
            try sheet.setColumns(0...0, width: 40)
            try sheet.setColumns(1...1, width: 24)
            try sheet.setColumns(2...(table.header.count - 1), width: 12)
            try sheet.freezePanes(rows: 1, columns: 0)
            // Printed as a list: landscape A4, one page wide, the header on every page; filters
            // on the header so a reviewer can narrow the agencies down on screen.
            try sheet.autofilter(from: CellReference(row: 0, column: 0), to: CellReference(row: max(1, table.rows.count), column: table.header.count - 1))
            try sheet.setUpPage(.list(headerRows: 0...0))
            try workbook.close()
        }
    }
}
