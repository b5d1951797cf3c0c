import Foundation
import ReportModel

/// Report ⇄ text: the official plain-text layout and Markdown, and the parser that reads
/// published reports back.
public enum ReportText {
    /// The report as plain text in the official layout (tables as TAB-separated rows).
    public static func plainText(_ report: Report) -> String {
        TextRenderer(report: report, style: .plain).render()
    }

    /// The report as Markdown: headings and pipe tables.
    public static func markdown(_ report: Report) -> String {
        TextRenderer(report: report, style: .markdown).render()
    }

    /// Reads a published report (plain text or Markdown, any of the shapes of
    /// docs/TEXT-SHAPES.md). Throws `ReportInputError` (naming `file`) when the bytes are not
    /// a readable report.
    public static func parse(_ data: Data, file: String? = nil) throws(ReportInputError) -> LoadedReport {
        do {
            return try TextParser(input: try TokenizedText(data: data), file: file).parse()
        } catch {
            throw file.map { error.inFile($0) } ?? error
        }
    }

    /// Reads a published report already decoded to text: the entry for readers that turn
    /// other kinds (HTML pages, PDF text layers) into the lines of a text report. Lines are
    /// 1-based in `text`; a caller maps them back to its own places.
    public static func parse(text: String, file: String? = nil) throws(ReportInputError) -> LoadedReport {
        do {
            return try TextParser(text: text, file: file).parse()
        } catch {
            throw file.map { error.inFile($0) } ?? error
        }
    }
}
