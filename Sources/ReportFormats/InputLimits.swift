import Foundation
import ReportModel
import ReportWorkbook
import XLSX

/// The caps the registry's readers put on what an input controls, checked at each reader's
/// entry before any parsing, so one hostile file costs at most these (docs/LIMITS.md).
public enum InputLimits {
    /// The largest text or Markdown report: a long published report is well under 100 KB, and
    /// the parser takes seconds a megabyte of prose (a debug build: tens of seconds).
    public static let textBytes = 2 << 20
    /// The most lines of a text report: real ones have a few hundred; the parser's time grows
    /// with them (tens of seconds for 20,000 short lines of figures in a debug build).
    public static let textLines = 10_000
    /// The longest line, in bytes: a whole report flattened onto one line is about 20 KB.
    public static let textLineBytes = 256 << 10
    /// The largest canonical JSON: a report's JSON is about 20 KB.
    public static let jsonBytes = 16 << 20
    /// The largest workbook file: a filled template is about 20 KB.
    public static let workbookBytes = 32 << 20
    /// Zip caps for a report's workbook, far below the generic reader's (1 GiB an entry).
    public static let workbookZip = ReaderLimits(
        maximumEntrySize: 128 << 20, maximumTotalSize: 256 << 20, maximumSharedStringsSize: 32 << 20, maximumCells: 1_000_000)
    /// The most cells of all sheets of a report's workbook: a filled template has about 2,000.
    public static let workbookCells = 1_000_000
    /// The largest web page: real report pages are 20–200 KB; the page's text goes to the text
    /// parser, which the HTML reader's own 20 MB cap would let run for minutes.
    public static let pageBytes = 4 << 20
    /// The largest file any reader takes (the PDF reader's 50 MB): a batch reads no more of a file.
    public static let anyFileBytes = 50 << 20

    /// Refuses a text report over the size, line count or line length caps.
    static func checkText(_ data: Data) throws(ReportInputError) {
        try checkSize(data, limit: textBytes, what: Messages.text("limits.what.text"))
        var lines = 1
        var lineStart = 0
        var index = 0
        for byte in data {
            if byte == 0x0A {
                if index - lineStart > textLineBytes { throw lineTooLong(lines) }
                lines += 1
                lineStart = index + 1
                if lines > textLines {
                    throw ReportInputError(Messages.text("limits.text_lines", ["limit": String(textLines)]))
                }
            }
            index += 1
        }
        if index - lineStart > textLineBytes { throw lineTooLong(lines) }
    }

    private static func lineTooLong(_ line: Int) -> ReportInputError {
        ReportInputError(at: .line(line), Messages.text("limits.line_length", ["limit": String(textLineBytes / 1024)]))
    }

    /// Refuses a web page over the size cap (nesting and table cells are capped by `HTMLReport`).
    static func checkPage(_ data: Data) throws(ReportInputError) {
        try checkSize(data, limit: pageBytes, what: Messages.text("limits.what.page"))
    }

    /// Refuses a JSON document over the size cap (nesting and numbers are capped by `JSONParser`).
    static func checkJSON(_ data: Data) throws(ReportInputError) {
        try checkSize(data, limit: jsonBytes, what: Messages.text("limits.what.json"))
    }

    /// Refuses a workbook over the file size, zip or cell caps, streaming every sheet once
    /// with `workbookZip` before the importer collects any sheet in memory.
    static func checkWorkbook(_ data: Data) throws(ReportInputError) {
        try checkSize(data, limit: workbookBytes, what: Messages.text("limits.what.workbook"))
        // Not a zip: the importer's own message (an encrypted or old .xls file) says more.
        guard data.starts(with: [0x50, 0x4B]) else { return }
        // Opening fails as the importer's own opening would (the same reader, the same sentence),
        // so a refusal here saves the second attempt (a zip of 100,000 entries takes seconds).
        let workbook: Workbook
        do {
            workbook = try Workbook(data: data, limits: workbookZip)
        } catch {
            throw ReportInputError(error.message)
        }
        var cells = 0
        for sheet in workbook.sheets {
            do {
                try workbook.forEachCell(in: sheet) { _ in cells += 1 }
            } catch {
                switch error {
                case .entryTooLarge, .totalTooLarge, .suspiciousCompression, .tooManyCells:
                    throw ReportInputError(error.message)
                default:
                    continue  // A damaged sheet the importer may never read is its to judge.
                }
            }
            if cells > workbookCells {
                throw ReportInputError(Messages.text("limits.workbook_cells", ["limit": String(workbookCells)]))
            }
        }
    }

    private static func checkSize(_ data: Data, limit: Int, what: String) throws(ReportInputError) {
        guard data.count > limit else { return }
        throw ReportInputError(Messages.text("limits.size", ["what": what, "size": megabytes(data.count), "limit": megabytes(limit)]))
    }

    /// `8 MB`, `8.5 MB`: sizes in messages.
    public static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 20) - 1) >> 20
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
