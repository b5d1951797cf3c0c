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
    /// The text of element `index` with white space collapsed; nil when it is longer than
    /// `limit` characters (the caller wanted a small block only).
    static func plainText(of tree: PageTree, _ index: Int, limit: Int = .max) -> String? {
        var raw: [UInt8] = []
        var count = 0
        guard collect(tree, index, into: &raw, count: &count, limit: limit) else { return nil }
        return collapse(raw[...])
    }

    /// `count` runs beside `raw`: the scalars so far, which the limit is on.
    private static func collect(_ tree: PageTree, _ index: Int, into raw: inout [UInt8], count: inout Int, limit: Int) -> Bool {
        for child in tree.children(of: index) {
            let node = tree.nodes[child]
            if node.isText {
                let bytes = tree.bytes(of: child)
                raw.append(contentsOf: bytes)
                count += bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                if count > limit { return false }
            } else {
                if node.tag.isBlock { raw.append(0x0A) }
                guard collect(tree, child, into: &raw, count: &count, limit: limit) else { return false }
                if node.tag.isBlock { raw.append(0x0A) }
            }
        }
        return true
    }

    /// White space as a browser renders it: each run one space, none at the ends, and a line
    /// break between two Chinese characters removed (source lines wrapped inside a paragraph
    /// must not split a label such as 本年新收政府信息公开申请数量).
    static func collapse(_ raw: ArraySlice<UInt8>) -> String {
        String(decoding: collapsedBytes(raw), as: UTF8.self)
    }

    /// `collapse` as UTF-8 bytes.
    static func collapsedBytes(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        // On the bytes, not Characters: grapheme breaking is the costly part of walking a
        // string, and no white space or Han character needs it. The runs between white space
        // are copied as they are; a scalar is decoded only for the line-break test.
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        raw.withUnsafeBufferPointer { bytes in
            var offset = 0
            var runStart = 0
            var inRun = false
            var last: Int?
            var pendingSpace = false
            var spaceHadBreak = false
            while offset < bytes.count {
                // Inside a run, Han (U+4000–U+9FFF) is never white space: passed at once.
                if inRun, bytes[offset] >= 0xE4, bytes[offset] <= 0xE9, offset + 2 < bytes.count {
                    last = offset
                    offset += 3
                    continue
                }
                let length = min(UTF8Bytes.length(lead: bytes[offset]), bytes.count - offset)
                if UTF8Bytes.isWhiteSpace(bytes, at: offset, length: length) {
                    if inRun {
                        result.append(contentsOf: bytes[runStart..<offset])
                        inRun = false
                    }
                    pendingSpace = true
                    if bytes[offset] == 0x0A || bytes[offset] == 0x0D { spaceHadBreak = true }
                    offset += length
                    continue
                }
                if !inRun {
                    if pendingSpace, let last {
                        if !(spaceHadBreak && isCJK(scalar(bytes, at: last)) && isCJK(scalar(bytes, at: offset))) { result.append(0x20) }
                    }
                    pendingSpace = false
                    spaceHadBreak = false
                    runStart = offset
                    inRun = true
                }
                last = offset
                offset += length
            }
            if inRun { result.append(contentsOf: bytes[runStart...]) }
        }
        return result
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Unicode.Scalar {
        var position = offset
        return UTF8Bytes.scalar(bytes, at: &position, end: bytes.count)
    }

    /// 政, 告 and 年, which every title holds, as bits (`TreeMeasure` finds them): text
    /// without all three is no title.
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
        // `dropFirst(120)` walks at most 120 Characters; `count` would break the whole text
        // into graphemes.
        TextSearch.contains(text, "政府信息公开") && TextSearch.contains(text, "报告") && text.dropFirst(120).isEmpty && hasYear(text)
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
    static func region(in tree: PageTree, body: Int, known: [TreeMeasure.TextFacts] = []) -> Int {
        let nodes = TreeMeasure(tree, body, known: known).nodes
        let total = nodes[body].length
        guard total > 0 else { return body }
        if let article = tree.first(in: body, where: { tree.nodes[$0].tag == .article || tree.nodes[$0].tag == .main }),
            nodes[article].length * 2 >= total {
            return article
        }
        let hasTitle = nodes[body].hasTitle
        var current = body
        while true {
            let size = nodes[current].length
            let tables = nodes[current].dataTables
            guard tables > 0 else { return current }
            // Layout tables are descended too (no cell of a data table holds a report).
            let next = tree.children(of: current).first { child in
                let node = nodes[child]
                return !tree.nodes[child].isText && node.length * 10 >= size * 6 && node.dataTables == tables && !node.isDataTable
                    && (!hasTitle || node.hasTitle)
            }
            guard let next else { return current }
            current = next
        }
    }

    /// A table of values, as opposed to one that lays out a page: more than one cell and no
    /// table inside a cell.
    static func isDataTable(_ tree: PageTree, _ index: Int) -> Bool {
        guard tree.nodes[index].tag == .table else { return false }
        var cells = 0
        var nested = false
        func visit(_ element: Int, inCell: Bool) {
            for child in tree.children(of: element) {
                let tag = tree.nodes[child].tag
                guard !tree.nodes[child].isText else { continue }
                if tag == .table {
                    if inCell { nested = true }
                    continue
                }
                if tag.isCell { cells += 1 }
                visit(child, inCell: inCell || tag.isCell)
            }
        }
        visit(index, inCell: false)
        return cells > 1 && !nested
    }

    /// True when a title line (`isTitle`) is in the element: one text run, or the joined
    /// text of a small heading, paragraph or cell (titles are often split over spans).
    /// Link text is no title: a report's own title is never a link, other reports' are.
    static func containsTitle(_ tree: PageTree, _ index: Int) -> Bool {
        TreeMeasure(tree, index).nodes[index].hasTitle
    }

    /// The lines of element `region`. Throws when its tables have more than `maxCells` cells.
    static func lines(of tree: PageTree, _ region: Int, maxCells: Int) throws(ReportInputError) -> [PageLine] {
        var writer = FlowWriter(tree: tree, maxCells: maxCells)
        try writer.walk(region)
        writer.breakLine()
        return writer.lines.map { PageLine(text: String(decoding: $0.text, as: UTF8.self), line: $0.line) }
    }
}

/// Walks a region in document order, collecting text into lines and laying out tables.
private struct FlowWriter {
    let tree: PageTree
    let maxCells: Int
    /// The lines so far, as UTF-8: a string is made only for a line of the page (not for each
    /// line of a table cell).
    var lines: [(text: [UInt8], line: Int)] = []
    /// The UTF-8 bytes of the line being collected.
    private var pending: [UInt8] = []
    private var pendingLine: Int?
    /// The table written last, while nothing but white space followed it: the next table
    /// may be its continuation.
    private var previousTable: TableGrid?
    private var cellCount = 0

    init(tree: PageTree, maxCells: Int) {
        self.tree = tree
        self.maxCells = maxCells
    }

    mutating func breakLine() {
        if let line = pendingLine {
            let text = PageText.collapsedBytes(pending[...])
            if !text.isEmpty {
                lines.append((text, line))
                previousTable = nil
            }
        }
        pending.removeAll(keepingCapacity: true)
        pendingLine = nil
    }

    mutating func walk(_ element: Int) throws(ReportInputError) {
        let tag = tree.nodes[element].tag
        if tag == .table {
            breakLine()
            try table(element)
            return
        }
        if tag.isBlock { breakLine() }
        try walkChildren(of: element)
        if tag.isBlock { breakLine() }
    }

    private mutating func walkChildren(of element: Int) throws(ReportInputError) {
        for child in tree.children(of: element) {
            let node = tree.nodes[child]
            if node.isText {
                let bytes = tree.bytes(of: child)
                if pendingLine == nil, UTF8Bytes.hasVisibleScalar(bytes) { pendingLine = node.line }
                pending.append(contentsOf: bytes)
            } else {
                try walk(child)
            }
        }
    }

    /// The rows of a table (through thead/tbody/tfoot, not into nested tables) and its
    /// caption.
    private func rows(of table: Int) -> (caption: [Int], rows: [Int]) {
        var caption: [Int] = []
        var rows: [Int] = []
        for child in tree.children(of: table) where !tree.nodes[child].isText {
            switch tree.nodes[child].tag {
            case .tr: rows.append(child)
            case .thead, .tbody, .tfoot: rows.append(contentsOf: tree.children(of: child, tagged: .tr))
            case .caption: caption.append(child)
            default: break
            }
        }
        return (caption, rows)
    }

    private func cells(of row: Int) -> [Int] {
        tree.children(of: row).filter { !tree.nodes[$0].isText && tree.nodes[$0].tag.isCell }
    }

    private mutating func table(_ element: Int) throws(ReportInputError) {
        let (captions, rowElements) = rows(of: element)
        for caption in captions { try walk(caption) }
        let cellElements = rowElements.map(cells)
        // A table around the page's content (a layout table, or one whose cells hold tables
        // of their own) is no data table: its cells are read as flowing text, and an inner
        // table is a table of its own.
        let nested = cellElements.joined().contains { tree.contains(.table, below: $0) }
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
                TableCell(text: cellText(cell), rowspan: Self.span(tree.attribute(.rowspan, of: cell)),
                    colspan: Self.span(tree.attribute(.colspan, of: cell)))
            }, line: tree.nodes[row].line))
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
            lines.append(line)
        }
        previousTable = grid
    }

    /// A cell's text on one line: its own line breaks (`<br>`, paragraphs) joined without a
    /// space between Chinese characters, with one elsewhere.
    private func cellText(_ cell: Int) -> [UInt8] {
        var writer = FlowWriter(tree: tree, maxCells: 0)
        // A cell holds no table here (those are layout tables), so nothing can throw; its
        // children are walked as those of an inline element.
        try? writer.walkChildren(of: cell)
        writer.breakLine()
        guard writer.lines.count > 1 else { return writer.lines.first?.text ?? [] }
        // Joined by Characters, as a browser would see the last and first of two lines.
        var text = ""
        for line in writer.lines.map({ String(decoding: $0.text, as: UTF8.self) }) {
            if let last = text.last, let first = line.first, !(PageText.isCJK(last) || PageText.isCJK(first)) { text += " " }
            text += line
        }
        return Array(text.utf8)
    }

    /// A rowspan/colspan attribute as browsers read it: leading digits, else 1.
    private static func span(_ value: String?) -> Int {
        guard let value else { return 1 }
        // ASCII (nearly every value) on the bytes: Foundation's trimming costs thousands of
        // instructions a call.
        if value.utf8.allSatisfy({ $0 < 0x80 }) {
            let digits = value.utf8.drop { $0 == 0x20 || $0 == 0x09 }.prefix { (0x30...0x39).contains($0) }.prefix(6)
            return digits.isEmpty ? 1 : digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let digits = value.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }.prefix(6)
        return Int(digits) ?? 1
    }
}
