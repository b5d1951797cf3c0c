import Foundation
import HTMLReport
import PDFReport
import ReportModel
import ReportText
import ReportWorkbook
import XLSX

/// A kind whose files are text made in one go: the canonical JSON, plain text, Markdown.
struct TextualKind: ReportReader, ReportWriter {
    let kind: ReportKind
    let looksLikeKind: @Sendable (Data) -> Bool
    let parse: @Sendable (Data, String) throws(ReportInputError) -> LoadedReport
    let render: @Sendable (Report) -> String

    func sniff(_ data: Data) -> Bool { looksLikeKind(data) }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport { try parse(data, file) }

    func write(_ report: Report, to path: String, generator: String) throws {
        try OutputFile.write(Data(render(report).utf8), to: path)
    }

    /// The canonical JSON (docs/MODEL.md).
    static let json = TextualKind(
        kind: ReportKind(name: "json", extensions: ["json"], summary: Messages.text("formats.summary.json")),
        looksLikeKind: { data in
            data.prefix(64).first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "{")
        },
        parse: { (data, file) throws(ReportInputError) in
            try InputLimits.checkJSON(data)
            return try ReportJSON.decode(data, file: file)
        },
        render: ReportJSON.encode)

    /// Plain text in the official layout, and published reports as text.
    static let plainText = TextualKind(
        kind: ReportKind(name: "txt", extensions: ["txt"], summary: Messages.text("formats.summary.txt")),
        looksLikeKind: TextSniffing.looksLikeText,
        parse: { (data, file) throws(ReportInputError) in
            try InputLimits.checkText(data)
            return try ReportText.parse(data, file: file)
        },
        render: ReportText.plainText)

    /// Markdown: headings and pipe tables; read by the same parser as text.
    static let markdown = TextualKind(
        kind: ReportKind(name: "md", extensions: ["md"], summary: Messages.text("formats.summary.md")),
        looksLikeKind: { _ in false },
        parse: { (data, file) throws(ReportInputError) in
            try InputLimits.checkText(data)
            return try ReportText.parse(data, file: file)
        },
        render: ReportText.markdown)
}

/// Published web pages (a saved page or its source), read through the text parser.
struct WebPageKind: ReportReader {
    let kind = ReportKind(name: "html", extensions: ["html", "htm"], summary: Messages.text("formats.summary.html"))

    func sniff(_ data: Data) -> Bool { HTMLReport.sniff(data) }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        try InputLimits.checkPage(data)
        return try HTMLReport.read(data, file: file)
    }
}

/// Published PDFs: the text layer with its positions, rebuilt into lines and table rows.
struct PDFKind: ReportReader {
    let kind = ReportKind(name: "pdf", extensions: ["pdf"], summary: Messages.text("formats.summary.pdf"))

    func sniff(_ data: Data) -> Bool { PDFReport.sniff(data) }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        try PDFReport.read(data, file: file)
    }
}

/// Workbooks in the official layout.
struct WorkbookKind: ReportReader, ReportWriter {
    let kind = ReportKind(name: "xlsx", extensions: ["xlsx"], summary: Messages.text("formats.summary.xlsx"))

    func sniff(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        try InputLimits.checkWorkbook(data)
        return try ReportWorkbook.read(data, file: file)
    }

    func write(_ report: Report, to path: String, generator: String) throws {
        try WorkbookOutput.write(to: path) { (temporaryPath: String) throws(XLSXWriteError) in
            try ReportWorkbook.write(report, to: temporaryPath, generator: generator)
        }
    }
}

/// What counts as text when a file's kind is not named: UTF-8 without NUL bytes.
enum TextSniffing {
    @Sendable static func looksLikeText(_ data: Data) -> Bool {
        let head = data.prefix(4096)
        guard !head.isEmpty, !head.contains(0) else { return false }
        // The prefix may end inside a character: valid once up to three bytes are dropped.
        return (0...min(3, head.count - 1)).contains { String(bytes: head.dropLast($0), encoding: .utf8) != nil }
    }
}

/// Writes a workbook through libxlsxwriter whole or not at all, with writer errors named
/// by the output path (the temporary name never shows).
public enum WorkbookOutput {
    /// Calls `produce` with a temporary path beside `path`, then moves the finished file into place.
    public static func write(to path: String, _ produce: (String) throws(XLSXWriteError) -> Void) throws {
        try OutputFile.write(to: path) { temporaryPath in
            do {
                try produce(temporaryPath)
            } catch let error as XLSXWriteError {
                throw OutputError(path: path, reason: error.place == temporaryPath ? error.localizedReason : error.message)
            }
        }
    }
}
