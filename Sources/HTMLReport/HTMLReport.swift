import Foundation
import ReportModel
import ReportText

/// Reads published reports as web pages (HTML, often GBK) through the text parser.
///
/// The page's report region becomes the lines of a text report (paragraphs, table rows as
/// TAB-joined cells); every place in the result is mapped back to the line of the page.
public enum HTMLReport {
    /// Pages larger than this are refused before parsing: a report page is well under 1 MB.
    static let maxPageBytes = 20 * 1024 * 1024
    /// Deeper nesting is refused: real pages nest 20–40 deep; recursion stays bounded.
    static let maxDepth = 256
    /// Table slots (rowspan and colspan expanded) of a whole page.
    static let maxTableCells = 200_000
    /// The most lines of text a page may give the text parser, whose cost grows with them: a
    /// report page gives a few hundred.
    static let maxTextLines = 10_000

    /// True when the bytes start with HTML markup: a doctype, `html`, `head`, `body`, `table` or `meta` tag.
    ///
    /// A BOM, white space, comments and an XML declaration may come first.
    public static func sniff(_ data: Data) -> Bool {
        var bytes = [UInt8](data.prefix(4096))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            // A UTF-16 prefix may end in half a character: drop the odd byte.
            let body = bytes.dropFirst(2).prefix((bytes.count - 2) & ~1)
            bytes = Array((String(data: Data(body), encoding: encoding) ?? "").utf8)
        }
        // ASCII letters lower-cased as bytes: every tag looked for is ASCII. All on the bytes:
        // a GBK page is no UTF-8, and decoding its first 4 KB as such cost more than reading it.
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices where buffer[index] &- 0x41 < 26 { buffer[index] |= 0x20 }
        }
        let page = bytes
        return page.withUnsafeBufferPointer { text in
            var start = 0
            // White space, comments and an XML declaration may come first (XHTML pages, CMS banners).
            while start < text.count {
                let length = min(UTF8Bytes.length(lead: text[start]), text.count - start)
                if UTF8Bytes.isWhiteSpace(text, at: start, length: length) {
                    start += length
                } else if let end = end(of: commentStart, commentEnd, in: page, at: start)
                    ?? end(of: declarationStart, declarationEnd, in: page, at: start) {
                    start = end
                } else {
                    break
                }
            }
            let rest = UnsafeBufferPointer(rebasing: text[start...])
            for tag in markupStarts where rest.starts(with: tag) {
                guard rest.count > tag.count else { return true }
                let next = rest[tag.count]
                if next == UInt8(ascii: ">") || next == UInt8(ascii: "/") { return true }
                let length = min(UTF8Bytes.length(lead: next), rest.count - tag.count)
                if UTF8Bytes.isWhiteSpace(rest, at: tag.count, length: length) { return true }
            }
            return false
        }
    }

    private static let markupStarts = ["<!doctype html", "<html", "<head", "<body", "<table", "<meta"].map { Array($0.utf8) }
    private static let commentStart = Array("<!--".utf8), commentEnd = Array("-->".utf8)
    private static let declarationStart = Array("<?xml".utf8), declarationEnd = Array("?>".utf8)

    /// The end of a `start`…`end` block at `offset`, nil when none starts there or it is not
    /// closed.
    private static func end(of start: [UInt8], _ end: [UInt8], in text: [UInt8], at offset: Int) -> Int? {
        guard text[offset...].starts(with: start) else { return nil }
        let from = offset + start.count
        return TextSearch.firstOffset(of: end, in: text[from...]).map { from + $0 + end.count }
    }

    /// Reads a published report page; every origin and message names a line of the page.
    ///
    /// Throws `ReportInputError` (naming `file`) when the page is not HTML, exceeds a limit
    /// (20 MB, nesting 256 deep, 200,000 table cells) or holds no readable report.
    public static func read(_ data: Data, file: String?) throws(ReportInputError) -> LoadedReport {
        do {
            return try readPage(data, file: file)
        } catch {
            throw file.map { error.inFile($0) } ?? error
        }
    }

    private static func readPage(_ data: Data, file: String?) throws(ReportInputError) -> LoadedReport {
        let (lines, encodingWarning) = try page(data)
        guard lines.count <= maxTextLines else {
            throw ReportInputError(file: file, Messages.text("html.too_many_lines", ["limit": String(maxTextLines)]))
        }
        let text = lines.map(\.text).joined(separator: "\n")
        let pageLine: (Int) -> Int = { line in lines.indices.contains(line - 1) ? lines[line - 1].line : line }
        do {
            var loaded = try ReportText.parse(text: text, file: file)
            loaded.origins = loaded.origins.mapValues { mapped($0, pageLine) }
            loaded.warnings = loaded.warnings.map { mapped($0, pageLine) }
            if let encodingWarning { loaded.warnings.insert(Diagnostic(.warning, file: file, encodingWarning), at: 0) }
            return loaded
        } catch {
            var copy = error
            copy.diagnostic = mapped(copy.diagnostic, pageLine)
            copy.more = copy.more.map { mapped($0, pageLine) }
            throw copy
        }
    }

    /// The lines of the text report a page holds, each with its page line.
    static func pageLines(_ data: Data) throws(ReportInputError) -> [PageLine] {
        try page(data).lines
    }

    /// The lines of the page and what decoding its bytes had to say.
    private static func page(_ data: Data) throws(ReportInputError) -> (lines: [PageLine], encodingWarning: String?) {
        guard data.count <= maxPageBytes else {
            throw ReportInputError(Messages.text("html.too_large", ["limit": String(maxPageBytes / 1024 / 1024)]))
        }
        guard sniff(data) else {
            throw ReportInputError(Messages.text("html.not_html"))
        }
        let decoded = try PageEncoding.utf8([UInt8](data))
        let page = try HTMLDocument.parse(utf8: decoded.bytes, maxDepth: maxDepth)
        let pageTitle = page.first(in: 0) { page.nodes[$0].tag == .title }
        var lines: [PageLine] = []
        if let (tree, texts) = PageFurniture.removed(from: page) {
            let body = tree.first(in: 0) { tree.nodes[$0].tag == .body } ?? 0
            let region = PageText.region(in: tree, body: body, known: texts)
            lines = try PageText.lines(of: tree, region, maxCells: maxTableCells)
            // The title is outside the article on many sites (a heading above it, or only
            // the page's <title>): without it the text parser finds no agency and year.
            if !lines.prefix(40).contains(where: { PageText.isTitle($0.text) }),
                let title = title(outside: body, of: tree, pageTitle: pageTitle.map { (page, $0) }) {
                lines.insert(title, at: 0)
            }
        }
        guard !lines.isEmpty else {
            throw ReportInputError(Messages.text("html.no_text"))
        }
        return (lines, decoded.warning)
    }

    /// The report title from a heading of the page's body, else from its `<title>` (an
    /// element of the page before its furniture, the head, was removed).
    private static func title(outside body: Int, of tree: PageTree, pageTitle: (tree: PageTree, index: Int)?) -> PageLine? {
        let heading = tree.first(in: body) { element in
            tree.nodes[element].tag.isHeading && PageText.containsTitle(tree, element)
        }
        guard let source = heading.map({ (tree, $0) }) ?? pageTitle,
            let text = PageText.plainText(of: source.tree, source.index, limit: 300)
        else { return nil }
        // `…年度报告_沭阳县人民政府`: a site's name follows the title in <title>.
        let parts = text.split(whereSeparator: { "_|｜-—".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.first(where: PageText.isTitle).map { PageLine(text: $0, line: source.tree.nodes[source.index].line) }
    }

    private static func mapped(_ location: SourceLocation, _ pageLine: (Int) -> Int) -> SourceLocation {
        if case .line(let line) = location { return .line(pageLine(line)) }
        return location
    }

    private static func mapped(_ diagnostic: Diagnostic, _ pageLine: (Int) -> Int) -> Diagnostic {
        var copy = diagnostic
        copy.location = diagnostic.location.map { mapped($0, pageLine) }
        return copy
    }
}
