import Foundation
import ReportModel
import ReportText

/// The lines of a text report rebuilt from a PDF's pages, each with its page: page furniture
/// dropped, tables as TAB rows, paragraphs as single lines, in reading order.
struct ReportLines {
    private(set) var lines: [String] = []
    /// The page (1-based) of each line of `lines`.
    private(set) var pageOfLine: [Int] = []

    /// The report's lines from the text layers of `pages`.
    init(pages: [PageText]) {
        var layouts = pages.enumerated().map { PageLayout($1, index: $0 + 1) }
        Self.dropFurniture(&layouts, pages: pages)
        var widths: [Int: Double] = [:]
        for (index, page) in pages.enumerated() { widths[index + 1] = page.width }

        var placed = TableLayout.place(layouts.flatMap(\.lines), pageWidths: widths)
        for (index, layout) in layouts.enumerated() {
            for label in layout.verticalLabels {
                placed.append(PlacedLine(page: index + 1, y: label.minY, text: label.text, kind: .table,
                                         minX: label.minX, maxX: label.maxX, charHeight: label.maxX - label.minX))
            }
        }
        // Stable: lines that start at the same height keep the order the tables gave them.
        let ordered = placed.enumerated().sorted { a, b in
            (a.element.page, a.element.y, a.offset) < (b.element.page, b.element.y, b.offset)
        }.map(\.element)
        let margins = Self.textMargins(ordered)

        var previous: PlacedLine?
        for line in ordered {
            if let last = previous, Self.continues(last, with: line, margins: margins), let end = lines.indices.last {
                lines[end] += Self.separator(between: lines[end], and: line.text) + line.text
            } else {
                lines.append(line.text)
                pageOfLine.append(line.page)
            }
            previous = line
        }
    }

    /// Reads the lines with the text parser; every place on a line of the rebuilt text
    /// (values' origins, warnings, errors) becomes the page and the line on that page, the
    /// places a reader of the PDF can find.
    func parse(file: String?) throws(ReportInputError) -> LoadedReport {
        do {
            var loaded = try ReportText.parse(text: lines.joined(separator: "\n"), file: file)
            loaded.warnings = loaded.warnings.map(onPage)
            loaded.origins = loaded.origins.mapValues(place)
            return loaded
        } catch {
            var located = error
            located.diagnostic = onPage(error.diagnostic)
            located.more = error.more.map(onPage)
            throw located
        }
    }

    /// A diagnostic on a line of the rebuilt text, placed on its page instead.
    func onPage(_ diagnostic: Diagnostic) -> Diagnostic {
        var copy = diagnostic
        copy.location = diagnostic.location.map(place)
        return copy
    }

    /// `.page(P, line: L)` for line `n` of the rebuilt text (L counts the lines of page P).
    func place(_ location: SourceLocation) -> SourceLocation {
        guard case .line(let number) = location, pageOfLine.indices.contains(number - 1) else { return location }
        let page = pageOfLine[number - 1]
        let first = pageOfLine.firstIndex(of: page) ?? (number - 1)
        return .page(page, line: number - first)
    }

    // MARK: - Page furniture

    /// Drops page numbers (`- 3 -`, `第3页`, `3/5`) in the top or bottom margin, and running
    /// headers and footers: margin lines that repeat, numbers aside, on most pages.
    private static func dropFurniture(_ layouts: inout [PageLayout], pages: [PageText]) {
        func inMargin(_ line: TextLine, _ page: PageText) -> Bool {
            line.maxY < page.height * 0.1 || line.minY > page.height * 0.88
        }
        func key(_ line: TextLine) -> String {
            String(line.compactText.unicodeScalars.map { ("0"..."9").contains($0) ? "#" : Character($0) })
        }
        // A running header or footer repeats at the same height; a title just below the
        // header, with the header's words, does not.
        var places: [String: [(page: Int, y: Double)]] = [:]
        for (index, layout) in layouts.enumerated() {
            for line in layout.lines where inMargin(line, pages[index]) {
                places[key(line), default: []].append((index, line.minY))
            }
        }
        let needed = max(2, (pages.count + 1) / 2)
        func repeated(_ line: TextLine, on page: Int) -> Bool {
            let others = (places[key(line)] ?? []).filter { abs($0.y - line.minY) <= 3 }
            return pages.count >= 2 && Set(others.map(\.page)).count >= needed && others.contains { $0.page == page }
        }
        for index in layouts.indices {
            layouts[index].lines.removeAll { line in
                inMargin(line, pages[index]) && (isPageNumber(line.compactText) || repeated(line, on: index))
            }
        }
    }

    /// `-3-`, `— 4 —`, `3`, `第3页`, `第 3 页 共 5 页`, `3/5`, `Page 3`.
    ///
    /// Matched by hand, not by regex literals: a literal compiles each time it is evaluated,
    /// which cost more than the rest of the layout.
    static func isPageNumber(_ text: String) -> Bool {
        let compact = Array(text.filter { !$0.isWhitespace })
        return isDashedNumber(compact) || isPageOfPages(compact) || isNumberSlashNumber(compact)
    }

    private static let dashes: Set<Character> = ["-", "—", "–", "－", "_", "·", "•"]

    private static func isDigit(_ character: Character) -> Bool {
        character.asciiValue.map { (48...57).contains($0) } ?? false
    }

    /// The end of the run of ASCII digits from `start` when it is `range.lowerBound` to
    /// `range.upperBound` long, else nil.
    private static func digits(_ text: [Character], from start: Int, count range: ClosedRange<Int>) -> Int? {
        var end = start
        while end < text.count, isDigit(text[end]) { end += 1 }
        return range.contains(end - start) ? end : nil
    }

    /// `[-—–－_·•]*(第|Page|page|P)?[0-9]{1,4}(页)?[-—–－_·•]*`, the whole text.
    private static func isDashedNumber(_ text: [Character]) -> Bool {
        var index = 0
        while index < text.count, dashes.contains(text[index]) { index += 1 }
        if index < text.count, text[index] == "第" {
            index += 1
        } else if text[index...].starts(with: ["P", "a", "g", "e"]) || text[index...].starts(with: ["p", "a", "g", "e"]) {
            index += 4
        } else if index < text.count, text[index] == "P" {
            index += 1
        }
        guard var end = digits(text, from: index, count: 1...4) else { return false }
        if end < text.count, text[end] == "页" { end += 1 }
        return text[end...].allSatisfy(dashes.contains)
    }

    /// `(第[0-9]{1,4}页)?[,，/]?共[0-9]{1,4}页`, the whole text.
    private static func isPageOfPages(_ text: [Character]) -> Bool {
        var index = 0
        if index < text.count, text[index] == "第", let end = digits(text, from: 1, count: 1...4), end < text.count, text[end] == "页" {
            index = end + 1
        }
        if index < text.count, [",", "，", "/"].contains(text[index]) { index += 1 }
        guard index < text.count, text[index] == "共", let end = digits(text, from: index + 1, count: 1...4) else { return false }
        return end == text.count - 1 && text[end] == "页"
    }

    /// `[0-9]{1,4}/[0-9]{1,4}`, the whole text.
    private static func isNumberSlashNumber(_ text: [Character]) -> Bool {
        guard let slash = digits(text, from: 0, count: 1...4), slash < text.count, text[slash] == "/" else { return false }
        return digits(text, from: slash + 1, count: 1...4) == text.count
    }

    // MARK: - Paragraphs

    /// Where the text of each page starts and ends: most paragraph lines start at the left
    /// margin and run to the right one. Measured over the whole document, since a last page
    /// may hold only a signature.
    private static func textMargins(_ lines: [PlacedLine]) -> [Int: (left: Double, right: Double)] {
        let text = lines.filter { $0.kind == .text }
        guard !text.isEmpty else { return [:] }
        let lefts = text.map(\.minX).sorted()
        let margin = (left: lefts[lefts.count / 5], right: text.map(\.maxX).max() ?? 0)
        var margins: [Int: (left: Double, right: Double)] = [:]
        for page in Set(lines.map(\.page)) { margins[page] = margin }
        return margins
    }

    /// A paragraph line runs on into the next when it reaches the right margin and the next
    /// starts at the left margin (no indent) in the same type size, on this page or the next.
    private static func continues(_ line: PlacedLine, with next: PlacedLine, margins: [Int: (left: Double, right: Double)]) -> Bool {
        guard line.kind == .text, next.kind == .text, !line.text.utf8.contains(UInt8(ascii: "\t")), !next.text.utf8.contains(UInt8(ascii: "\t")),
              let here = margins[line.page], let there = margins[next.page],
              next.page == line.page || next.page == line.page + 1 else { return false }
        // A full line that ends a sentence, followed by a numbered heading, ends its paragraph
        // even without an indent.
        if line.text.hasSuffix("。") || line.text.hasSuffix("：") || line.text.hasSuffix(":"), startsWithHeadingNumber(next.text) {
            return false
        }
        let size = max(line.charHeight, 1)
        // A short line (a signature, a date) is never a wrapped paragraph's line.
        return line.maxX - line.minX >= 0.5 * (here.right - here.left)
            && line.maxX >= here.right - 1.5 * size
            && next.minX <= there.left + 0.8 * size
            && abs(next.charHeight - line.charHeight) <= 0.25 * size
    }

    /// `（一）`, `一、`, `1.`, `1、`, `（1）`: how sub-headings and list items start.
    ///
    /// By hand for the reason `isPageNumber` is: the prefix
    /// `[（(][一二三四五六七八九十0-9]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[.、．]`.
    static func startsWithHeadingNumber(_ text: String) -> Bool {
        let head = Array(text.prefix(5))
        guard let first = head.first else { return false }
        /// The length of the run from `start` of characters in `set`.
        func run(from start: Int, in set: (Character) -> Bool) -> Int {
            var end = start
            while end < head.count, set(head[end]) { end += 1 }
            return end - start
        }
        if first == "（" || first == "(" {
            let length = run(from: 1) { chineseNumerals.contains($0) || isDigit($0) }
            return (1...3).contains(length) && 1 + length < head.count && (head[1 + length] == "）" || head[1 + length] == ")")
        }
        if chineseNumerals.contains(first) {
            let length = run(from: 0, in: chineseNumerals.contains)
            return length <= 3 && length < head.count && head[length] == "、"
        }
        let length = run(from: 0, in: isDigit)
        return (1...2).contains(length) && length < head.count && [".", "、", "．"].contains(head[length])
    }

    private static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// Nothing between Chinese text, a space between Latin words.
    private static func separator(between text: String, and next: String) -> String {
        guard let a = text.unicodeScalars.last, let b = next.unicodeScalars.first else { return "" }
        return a.isASCII && b.isASCII && a.properties.isAlphabetic && b.properties.isAlphabetic ? " " : ""
    }
}
