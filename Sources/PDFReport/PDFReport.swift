import Foundation
import ReportModel
import ReportText

/// Reads published reports from PDF: poppler's text layer, with positions, rebuilt into the
/// lines of a text report (paragraphs as lines, table rows as TAB-joined cells) and read by
/// the text parser.
public enum PDFReport {
    /// Files larger than this are refused before poppler sees them: reports are a few MB.
    static let byteLimit = 50 * 1024 * 1024
    /// Documents with more pages are refused: a report has a handful, a bundle of reports is
    /// not one report.
    static let pageLimit = 300
    /// The most lines of text a PDF may give the text parser (its cost grows with them, tens of
    /// seconds for 20,000 lines in a debug build): a report has a few hundred; 300 full pages would be 20,000.
    static let lineLimit = 10_000

    /// True when `data` looks like a PDF: `%PDF-` within its first 1024 bytes (the
    /// specification allows leading garbage, and some servers add some).
    public static func sniff(_ data: Data) -> Bool {
        let head = data.prefix(1024)
        return head.range(of: Data("%PDF-".utf8)) != nil
    }

    /// Reads a published report from a PDF's text layer. Throws `ReportInputError` (naming
    /// `file`) for a file that is not a PDF, damaged, encrypted, too large, has no text layer,
    /// or whose text is not a readable report.
    public static func read(_ data: Data, file: String?) throws(ReportInputError) -> LoadedReport {
        guard data.count <= byteLimit else {
            throw ReportInputError(file: file, Messages.text("pdf.too_large", ["size": String(data.count / (1024 * 1024)), "limit": String(byteLimit / (1024 * 1024))]))
        }
        guard sniff(data) else {
            throw ReportInputError(file: file, Messages.text("pdf.not_pdf"))
        }
        let pages: [PageText]
        do {
            pages = try PopplerText.pages(of: data, pageLimit: pageLimit)
        } catch {
            switch error {
            case .encrypted:
                throw ReportInputError(file: file, Messages.text("pdf.encrypted"))
            case .tooManyPages(let count):
                throw ReportInputError(file: file, Messages.text("pdf.too_many_pages", ["count": String(count), "limit": String(pageLimit)]))
            case .unreadable(let reason):
                throw ReportInputError(file: file, Messages.text("pdf.unreadable", ["reason": reason]))
            case .libraryMissing(let reason):
                throw ReportInputError(file: file, Messages.text("pdf.poppler.missing", ["reason": reason]))
            }
        }
        guard !pages.isEmpty else {
            throw ReportInputError(file: file, Messages.text("pdf.no_pages"))
        }
        guard pages.contains(where: { page in page.glyphs.contains { !$0.scalar.properties.isWhitespace } }) else {
            throw ReportInputError(file: file, Messages.text("pdf.no_text_layer"))
        }
        let lines = ReportLines(pages: pages)
        guard lines.lines.count <= lineLimit else {
            throw ReportInputError(file: file, Messages.text("pdf.too_many_lines", ["limit": String(lineLimit)]))
        }
        return try lines.parse(file: file)
    }

    /// The lines of text the reader rebuilds from a PDF, each with the page it came from;
    /// for tests and for seeing what the parser was given.
    static func textLines(_ data: Data) throws(PopplerFailure) -> [(page: Int, text: String)] {
        let lines = ReportLines(pages: try PopplerText.pages(of: data, pageLimit: pageLimit))
        return zip(lines.pageOfLine, lines.lines).map { (page: $0, text: $1) }
    }
}
