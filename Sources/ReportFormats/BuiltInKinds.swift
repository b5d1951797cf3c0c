import Foundation
import ReportModel
import ReportText
import ReportWorkbook
import XLSX

/// The canonical JSON (docs/MODEL.md).
struct JSONKind: ReportReader, ReportWriter {
    let kind = ReportKind(name: "json", extensions: ["json"], summary: "the canonical JSON")

    func sniff(_ data: Data) -> Bool {
        data.prefix(64).first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "{")
    }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        try ReportJSON.decode(data, file: file)
    }

    func write(_ report: Report, to path: String, generator: String) throws {
        try OutputFile.write(Data(ReportJSON.encode(report).utf8), to: path)
    }
}

/// Workbooks in the official layout.
struct WorkbookKind: ReportReader, ReportWriter {
    let kind = ReportKind(name: "xlsx", extensions: ["xlsx"], summary: "a workbook in the official layout")

    func sniff(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        try ReportWorkbook.read(data, file: file)
    }

    func write(_ report: Report, to path: String, generator: String) throws {
        try WorkbookOutput.write(to: path) { (temporaryPath: String) throws(XLSXWriteError) in
            try ReportWorkbook.write(report, to: temporaryPath, generator: generator)
        }
    }
}

/// Plain text in the official layout, and published reports as text.
struct PlainTextKind: ReportReader, ReportWriter {
    let kind = ReportKind(name: "txt", extensions: ["txt"], summary: "plain text in the official layout")

    func sniff(_ data: Data) -> Bool { TextSniffing.looksLikeText(data) }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        try ReportText.parse(data, file: file)
    }

    func write(_ report: Report, to path: String, generator: String) throws {
        try OutputFile.write(Data(ReportText.plainText(report).utf8), to: path)
    }
}

/// Markdown: headings and pipe tables; read by the same parser as text.
struct MarkdownKind: ReportReader, ReportWriter {
    let kind = ReportKind(name: "md", extensions: ["md"], summary: "Markdown")

    func sniff(_ data: Data) -> Bool { false }

    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        try ReportText.parse(data, file: file)
    }

    func write(_ report: Report, to path: String, generator: String) throws {
        try OutputFile.write(Data(ReportText.markdown(report).utf8), to: path)
    }
}

/// What counts as text when a file's kind is not named: valid UTF-8 without NUL bytes.
enum TextSniffing {
    static func looksLikeText(_ data: Data) -> Bool {
        let head = data.prefix(4096)
        return !head.isEmpty && !head.contains(0) && String(bytes: head.dropLast(min(3, head.count / 2)), encoding: .utf8) != nil
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
                throw OutputError(path: path, reason: error.place == temporaryPath ? error.reason : error.description)
            }
        }
    }
}
