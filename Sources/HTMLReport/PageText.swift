import Foundation
import ReportText
import ReportModel

/// A line of the text made from a page, with the page line it came from.
struct PageLine: Equatable, Sendable {
    var text: String
    var line: Int
}

/// Turns the report region of a page into the lines of a text report: paragraphs one per
/// line, each table row as its cells joined with TAB (the browser-copy shape A of
/// docs/TEXT-SHAPES.md, which the text parser reads best).
enum PageText {
    /// Elements that start and end a line of text.
    static let blockElements: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
        "article", "main", "blockquote", "pre", "center", "address", "figure", "figcaption", "caption",
        "body", "html", "hr", "br", "tr", "table", "tbody", "thead", "tfoot", "td", "th", "form", "fieldset",
    ]

    /// The text of an element with white space collapsed; nil when it is longer than `limit`
    /// characters (the caller wanted a small block only).
    static func plainText(of element: HTMLElement, limit: Int = .max) -> String? {
        var raw = ""
        var count = 0
        guard collect(element, into: &raw, count: &count, limit: limit) else { return nil }
        return collapse(raw)
    }

    /// `count` runs beside `raw` because `String.count` walks the whole string each time.
    private static func collect(_ element: HTMLElement, into raw: inout String, count: inout Int, limit: Int) -> Bool {
        for child in element.children {
            switch child {
            case .text(let text, _):
                raw += text
                count += text.unicodeScalars.count
                if count > limit { return false }
            case .element(let inner):
                if blockElements.contains(inner.name) { raw += "\n" }
                guard collect(inner, into: &raw, count: &count, limit: limit) else { return false }
                if blockElements.contains(inner.name) { raw += "\n" }
            }
        }
        return true
    }

    /// White space as a browser renders it: each run one space, none at the ends, and a line
    /// break between two Chinese characters removed (source lines wrapped inside a paragraph
    /// must not split a label such as 本年新收政府信息公开申请数量).
    static func collapse(_ raw: String) -> String {
        // Scalars, not Characters: grapheme breaking is the costly part of walking a string,
        // and no white space or Han character needs it. Written as UTF-8 bytes, which cost
        // less to append than scalars.
        var result: [UInt8] = []
        result.reserveCapacity(raw.utf8.count)
        var last: Unicode.Scalar?
        var pendingSpace = false
        var spaceHadBreak = false
        for scalar in raw.unicodeScalars {
            if scalar.isWhiteSpace {
                pendingSpace = true
                if scalar == "\n" || scalar == "\r" { spaceHadBreak = true }
                continue
            }
            if pendingSpace, let last {
                if !(spaceHadBreak && isCJK(last) && isCJK(scalar)) { result.append(0x20) }
            }
            pendingSpace = false
            spaceHadBreak = false
            appendUTF8(scalar, to: &result)
            last = scalar
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }


    /// 政, 告 and 年, which every title holds, as bits: text without all three is no title.
    @inline(__always)
    static func titleMask(_ scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0x653F: 1
        case 0x544A: 2
        case 0x5E74: 4
        default: 0
        }
    }

    static let fullTitleMask: UInt8 = 7

    /// Han characters and CJK punctuation (fullwidth forms included).
    static func isCJK(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(isCJK) ?? false
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x3000...0x303F).contains(value) || (0x3400...0x9FFF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFFEF).contains(value) || (0x20000...0x3FFFF).contains(value)
    }

    /// True for a line that reads as a report title: a year, 政府信息公开 and 报告.
    static func isTitle(_ text: String) -> Bool {
        contains(text, Self.governmentInformation) && contains(text, Self.report) && text.count <= 120 && hasYear(text)
    }

    private static let governmentInformation = Array("政府信息公开".utf8)
    private static let report = Array("报告".utf8)

    /// True when the UTF-8 bytes of `text` hold `needle` (Foundation's search costs more than
    /// the rest of the title test).
    private static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = needle.first, bytes.count >= needle.count else { return false }
            var start = 0
            while start + needle.count <= bytes.count {
                if bytes[start] == first {
                    var matched = 1
                    while matched < needle.count, bytes[start + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// The regular expression `(19|20)\d{2}\s*年` by hand: ICU's `\d` is any decimal digit
    /// and its `\s` any White_Space.
    private static func hasYear(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 4 < scalars.count {
            defer { index += 1 }
            let century = (scalars[index], scalars[index + 1])
            guard century == ("1", "9") || century == ("2", "0"),
                scalars[index + 2].properties.numericType == .decimal, scalars[index + 3].properties.numericType == .decimal
            else { continue }
            var end = index + 4
            while end < scalars.count, scalars[end].isWhiteSpace { end += 1 }
            if end < scalars.count, scalars[end] == "年" { return true }
        }
        return false
    }

    /// The element holding the report: `article` (or `main`) when it holds most of the text,
    /// else the deepest element that still holds the title, every data table and most (60 %)
    /// of the text. A page with no data table is taken whole: nothing tells report from rest.
    static func region(in body: HTMLElement) -> HTMLElement {
        let tree = TreeMeasure(body)
        let nodes = tree.nodes
        let total = nodes[0].length
        guard total > 0 else { return body }
        if let article = first(in: body, at: 0, nodes, where: { $0.name == "article" || $0.name == "main" }),
            nodes[article.index].length * 2 >= total {
            return article.element
        }
        let hasTitle = nodes[0].hasTitle
        var current = body
        var index = 0
        while true {
            let size = nodes[index].length
            let tables = nodes[index].dataTables
            guard tables > 0 else { return current }
            var next: (element: HTMLElement, index: Int)?
            var childIndex = index + 1
            for child in current.children {
                guard case .element(let inner) = child else { continue }
                let node = nodes[childIndex]
                // Layout tables are descended too (no cell of a data table holds a report).
                if node.length * 10 >= size * 6 && node.dataTables == tables && !node.isDataTable && (!hasTitle || node.hasTitle) {
                    next = (inner, childIndex)
                    break
                }
                childIndex += node.elements
            }
            guard let next else { return current }
            (current, index) = next
        }
    }

    /// The first element (depth first) that satisfies `test`, with its index in `nodes`.
    private static func first(in element: HTMLElement, at index: Int, _ nodes: [TreeMeasure.Node], where test: (HTMLElement) -> Bool)
        -> (element: HTMLElement, index: Int)? {
        if test(element) { return (element, index) }
        var childIndex = index + 1
        for child in element.children {
            guard case .element(let inner) = child else { continue }
            if let found = first(in: inner, at: childIndex, nodes, where: test) { return found }
            childIndex += nodes[childIndex].elements
        }
        return nil
    }

    /// A table of values, as opposed to one that lays out a page: more than one cell and no
    /// table inside a cell.
    static func isDataTable(_ element: HTMLElement) -> Bool {
        guard element.name == "table" else { return false }
        var cells = 0
        var nested = false
        func visit(_ node: HTMLElement, inCell: Bool) {
            for child in node.children {
                guard case .element(let inner) = child else { continue }
                if inner.name == "table" {
                    if inCell { nested = true }
                    continue
                }
                if inner.name == "td" || inner.name == "th" { cells += 1 }
                visit(inner, inCell: inCell || inner.name == "td" || inner.name == "th")
            }
        }
        visit(element, inCell: false)
        return cells > 1 && !nested
    }

    /// The first element (depth first) that satisfies `test`.
    static func first(in element: HTMLElement, where test: (HTMLElement) -> Bool) -> HTMLElement? {
        if test(element) { return element }
        for child in element.children {
            if case .element(let inner) = child, let found = first(in: inner, where: test) { return found }
        }
        return nil
    }

    /// True when a title line (`isTitle`) is in the element: one text run, or the joined
    /// text of a small heading, paragraph or cell (titles are often split over spans).
    /// Link text is no title: a report's own title is never a link, other reports' are.
    static func containsTitle(_ element: HTMLElement) -> Bool {
        TreeMeasure(element).nodes[0].hasTitle
    }

    /// The lines of `region`. Throws when its tables have more than `maxCells` cells.
    static func lines(of region: HTMLElement, maxCells: Int) throws(ReportInputError) -> [PageLine] {
        var writer = FlowWriter(maxCells: maxCells)
        try writer.walk(region)
        writer.breakLine()
        return writer.lines
    }
}

/// Walks a region in document order, collecting text into lines and laying out tables.
private struct FlowWriter {
    let maxCells: Int
    var lines: [PageLine] = []
    private var pending = ""
    private var pendingLine: Int?
    /// The table written last, while nothing but white space followed it: the next table
    /// may be its continuation.
    private var previousTable: TableGrid?
    private var cellCount = 0

    init(maxCells: Int) {
        self.maxCells = maxCells
    }

    mutating func breakLine() {
        let text = PageText.collapse(pending)
        if !text.isEmpty, let line = pendingLine {
            lines.append(PageLine(text: text, line: line))
            previousTable = nil
        }
        pending = ""
        pendingLine = nil
    }

    mutating func walk(_ element: HTMLElement) throws(ReportInputError) {
        if element.name == "table" {
            breakLine()
            try table(element)
            return
        }
        let block = PageText.blockElements.contains(element.name)
        if block { breakLine() }
        for child in element.children {
            switch child {
            case .text(let text, let line):
                if pendingLine == nil, text.unicodeScalars.contains(where: { !$0.isWhiteSpace }) { pendingLine = line }
                pending += text
            case .element(let inner):
                try walk(inner)
            }
        }
        if block { breakLine() }
    }

    /// The rows of a table (through thead/tbody/tfoot, not into nested tables) and its
    /// caption.
    private func rows(of table: HTMLElement) -> (caption: [HTMLElement], rows: [HTMLElement]) {
        var caption: [HTMLElement] = []
        var rows: [HTMLElement] = []
        for child in table.children {
            guard case .element(let inner) = child else { continue }
            switch inner.name {
            case "tr": rows.append(inner)
            case "thead", "tbody", "tfoot":
                for part in inner.children {
                    if case .element(let row) = part, row.name == "tr" { rows.append(row) }
                }
            case "caption": caption.append(inner)
            default: break
            }
        }
        return (caption, rows)
    }

    private static func cells(of row: HTMLElement) -> [HTMLElement] {
        row.children.compactMap { child in
            guard case .element(let cell) = child, cell.name == "td" || cell.name == "th" else { return nil }
            return cell
        }
    }

    private mutating func table(_ element: HTMLElement) throws(ReportInputError) {
        let (captions, rowElements) = rows(of: element)
        for caption in captions { try walk(caption) }
        let cellElements = rowElements.map(Self.cells)
        // A table around the page's content (a layout table, or one whose cells hold tables
        // of their own) is no data table: its cells are read as flowing text, and an inner
        // table is a table of its own.
        let nested = cellElements.joined().contains { cell in
            cell.children.contains { child in
                if case .element(let inner) = child { return PageFurniture.contains(inner) { $0.name == "table" } }
                return false
            }
        }
        if nested || cellElements.joined().count == 1 {
            for row in cellElements {
                for cell in row { try walk(cell) }
            }
            breakLine()
            return
        }
        var rows: [TableRow] = []
        for (row, cells) in zip(rowElements, cellElements) {
            rows.append(TableRow(cells: cells.map { cell in
                TableCell(text: Self.cellText(cell), rowspan: Self.span(cell[attribute: "rowspan"]), colspan: Self.span(cell[attribute: "colspan"]))
            }, line: row.line))
        }
        var grid = TableGrid()
        let remaining = maxCells - cellCount
        let placed: Bool
        // A table that starts where the previous one left a merged label hanging, and is
        // exactly as wide with it, is that table continued (a page break in the source
        // document split it in two). Split where no label hangs over, the two tables give
        // the same lines as one would.
        if let previous = previousTable, !previous.overruns.isEmpty,
            TableGrid.firstRowWidth(rows, continuing: previous.overruns) == previous.width {
            placed = grid.place(rows, continuing: previous.overruns, maxSlots: remaining)
        } else {
            placed = grid.place(rows, maxSlots: remaining)
        }
        guard placed else {
            throw ReportInputError(Messages.text("html.too_many_cells", ["limit": String(maxCells)]))
        }
        cellCount += grid.slotCount
        for line in grid.textLines() {
            lines.append(PageLine(text: line.text, line: line.line))
        }
        previousTable = grid
    }

    /// A cell's text on one line: its own line breaks (`<br>`, paragraphs) joined without a
    /// space between Chinese characters, with one elsewhere.
    private static func cellText(_ cell: HTMLElement) -> String {
        var writer = FlowWriter(maxCells: 0)
        // A cell holds no table here (those are layout tables), so nothing can throw.
        try? writer.walk(HTMLElement(name: "span", attributes: [:], children: cell.children, line: cell.line))
        writer.breakLine()
        var text = ""
        for line in writer.lines {
            if let last = text.last, let first = line.text.first, !(PageText.isCJK(last) || PageText.isCJK(first)) { text += " " }
            text += line.text
        }
        return text
    }

    /// A rowspan/colspan attribute as browsers read it: leading digits, else 1.
    private static func span(_ value: String?) -> Int {
        guard let value else { return 1 }
        let digits = value.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }.prefix(6)
        return Int(digits) ?? 1
    }
}
