import Foundation

/// One line of the text report being rebuilt, placed on its page so it can be ordered.
struct PlacedLine {
    enum Kind {
        /// Ordinary text (paragraphs, headings, table headers): may be joined with the next line.
        case text
        /// A table row (cells joined by TAB), a label of several rows, or a vertical label.
        case table
    }
    var page: Int
    var y: Double
    var text: String
    var kind: Kind
    /// The horizontal extent and character height, for joining paragraph lines.
    var minX: Double
    var maxX: Double
    var charHeight: Double
}

/// Rebuilds the tables of a run of lines: value rows, the columns of their values, and the
/// labels that belong to each row (wrapped over several lines, split from their values).
struct TableLayout {
    /// The numbers of a line, when it is a table row: where its run of trailing numbers
    /// starts. A label's own text ends well before the first value column.
    static func valueStart(of line: TextLine, pageWidth: Double) -> Int? {
        let fragments = line.fragments
        var start = fragments.count
        while start > 0, fragments[start - 1].isNumber { start -= 1 }
        guard start < fragments.count else { return nil }
        if start == 0 {
            // A lone number on the left margin is a wrapped paragraph line, not a row.
            return fragments.count >= 2 || fragments[0].minX > pageWidth * 0.35 ? 0 : nil
        }
        // Measured in the label's type size: values are often set larger than labels.
        let gap = fragments[start].minX - fragments[start - 1].maxX
        let size = min(fragments[start].height, fragments[start - 1].height)
        return gap >= 1.5 * size ? start : nil
    }

    /// The placed lines of `lines` (every page's, in reading order): tables rebuilt, the rest as text.
    static func place(_ lines: [TextLine], pageWidths: [Int: Double]) -> [PlacedLine] {
        var placed: [PlacedLine] = []
        var index = 0
        while index < lines.count {
            let width = pageWidths[lines[index].page] ?? 595
            guard let start = valueStart(of: lines[index], pageWidth: width) else {
                placed.append(text(lines[index]))
                index += 1
                continue
            }
            // The block: value rows and, between them, lines entirely left of the values.
            var members: [(line: TextLine, valueStart: Int?)] = [(lines[index], start)]
            var valueLeft = lines[index].fragments[start].minX
            var next = index + 1
            while next < lines.count {
                let line = lines[next]
                if let start = valueStart(of: line, pageWidth: pageWidths[line.page] ?? 595) {
                    members.append((line, start))
                    valueLeft = min(valueLeft, line.fragments[start].minX)
                } else if line.maxX < valueLeft - 0.3 * line.charHeight {
                    members.append((line, nil))
                } else {
                    break
                }
                next += 1
            }
            // Lines after the last row are text that happens to be short, not labels.
            while let last = members.last, last.valueStart == nil {
                members.removeLast()
                next -= 1
            }
            placed += block(members)
            index = next
        }
        return placed
    }

    /// A line of text outside tables: fragments far apart become TAB-separated cells (headers).
    static func text(_ line: TextLine) -> PlacedLine {
        PlacedLine(page: line.page, y: line.minY, text: joined(line.fragments, height: line.charHeight), kind: .text,
                   minX: line.minX, maxX: line.maxX, charHeight: line.charHeight)
    }

    /// Fragments of one line as text: a TAB where the gap is a column's, a space between two
    /// Latin letters or digits, nothing between Chinese characters.
    static func joined(_ fragments: [Fragment], height: Double) -> String {
        var text = ""
        var previous: Fragment?
        for fragment in fragments {
            if let previous {
                let gap = fragment.minX - previous.maxX
                if gap >= 1.5 * height {
                    text += "\t"
                } else if let a = previous.text.unicodeScalars.last, let b = fragment.text.unicodeScalars.first,
                          a.isASCII && b.isASCII {
                    text += " "
                }
            }
            text += fragment.text
            previous = fragment
        }
        return text
    }

    /// A label of a table: one cell's text with its box, and the row it belongs to (none:
    /// a label over several rows, printed once beside them).
    private struct Label {
        var box: Fragment
        var page: Int
        var row: Int?
    }

    /// The rows of one table block as TAB-joined cells: labels first, then one cell per value column.
    private static func block(_ members: [(line: TextLine, valueStart: Int?)]) -> [PlacedLine] {
        let rows = members.compactMap { member in member.valueStart.map { (line: member.line, start: $0) } }
        let columns = valueColumns(rows.flatMap { $0.line.fragments[$0.start...] })

        var labels: [Label] = []
        for (rowIndex, row) in rows.enumerated() {
            for piece in cells(Array(row.line.fragments[..<row.start]), height: row.line.charHeight) {
                labels.append(Label(box: piece, page: row.line.page, row: rowIndex))
            }
        }
        for member in members where member.valueStart == nil {
            for piece in cells(member.line.fragments, height: member.line.charHeight) {
                attach(piece, page: member.line.page, to: &labels, rows: rows.map(\.line))
            }
        }

        var placed: [PlacedLine] = []
        for (rowIndex, row) in rows.enumerated() {
            let own = labels.filter { $0.row == rowIndex }.sorted { $0.box.minX < $1.box.minX }
            var values = [String](repeating: "", count: columns.count)
            for fragment in row.line.fragments[row.start...] {
                let column = columns.firstIndex { fragment.overlapsHorizontally($0, slack: 0.2 * fragment.height) } ?? 0
                values[column] = values[column].isEmpty ? fragment.text : values[column] + " " + fragment.text
            }
            let cells = own.map(\.box.text) + values
            let top = ([row.line.minY] + own.map(\.box.minY)).min() ?? row.line.minY
            placed.append(PlacedLine(page: row.line.page, y: top, text: cells.joined(separator: "\t"), kind: .table,
                                     minX: row.line.minX, maxX: row.line.maxX, charHeight: row.line.charHeight))
        }
        for label in labels where label.row == nil {
            placed.append(PlacedLine(page: label.page, y: label.box.minY, text: label.box.text, kind: .table,
                                     minX: label.box.minX, maxX: label.box.maxX, charHeight: label.box.height))
        }
        return placed
    }

    /// The columns of a table's values: the x ranges of its numbers, merged where they overlap
    /// (values of one column are aligned over all rows, whatever their widths).
    private static func valueColumns(_ values: [Fragment]) -> [Fragment] {
        var columns: [Fragment] = []
        for value in values.sorted(by: { $0.minX < $1.minX }) {
            if let last = columns.indices.last, value.overlapsHorizontally(columns[last], slack: 0.2 * value.height) {
                columns[last].absorb(value)
            } else {
                columns.append(value)
            }
        }
        return columns
    }

    /// The cells of a run of label fragments: neighbours closer than a column gap are one cell.
    private static func cells(_ fragments: [Fragment], height: Double) -> [Fragment] {
        var cells: [Fragment] = []
        for fragment in fragments {
            if var last = cells.last, fragment.minX - last.maxX < 1.5 * height {
                last.text = joined([last, fragment], height: height)
                last.minX = min(last.minX, fragment.minX); last.maxX = max(last.maxX, fragment.maxX)
                last.minY = min(last.minY, fragment.minY); last.maxY = max(last.maxY, fragment.maxY)
                cells[cells.count - 1] = last
            } else {
                cells.append(fragment)
            }
        }
        return cells
    }

    /// Places a label line that carries no values: the middle of a row whose values sit between
    /// two label lines; the next line of a wrapped label above it; the first line of the label
    /// below it; or, when none of these, a label over several rows.
    private static func attach(_ piece: Fragment, page: Int, to labels: inout [Label], rows: [TextLine]) {
        let height = max(piece.height, 1)
        // A row whose values are printed level with this line, and which has no label in its column.
        if let row = rows.firstIndex(where: { $0.page == page && (piece.minY...piece.maxY).contains(Fragment(bandOf: $0).midY) }),
           !labels.contains(where: { $0.row == row && $0.box.overlapsHorizontally(piece) }) {
            labels.append(Label(box: piece, page: page, row: row))
            return
        }
        let above = labels.indices.filter { index in
            let box = labels[index].box
            return labels[index].page == page && box.overlapsHorizontally(piece) && box.midY < piece.minY && piece.minY - box.maxY <= 0.8 * height
        }.max { labels[$0].box.maxY < labels[$1].box.maxY }
        let below = labels.indices.filter { index in
            let box = labels[index].box
            return labels[index].page == page && labels[index].row != nil && box.overlapsHorizontally(piece) && box.minY > piece.midY && box.minY - piece.maxY <= 0.8 * height
        }.min { labels[$0].box.minY < labels[$1].box.minY }
        let gapAbove = above.map { piece.minY - labels[$0].box.maxY } ?? .infinity
        let gapBelow = below.map { labels[$0].box.minY - piece.maxY } ?? .infinity
        if let above, gapAbove <= gapBelow, gapAbove <= 0.65 * height || below == nil {
            var box = labels[above].box
            box.text += piece.text
            box.absorb(Fragment(spanOf: piece))
            labels[above].box = box
        } else if let below {
            var box = piece
            box.text += labels[below].box.text
            box.absorb(Fragment(spanOf: labels[below].box))
            labels[below].box = box
        } else {
            labels.append(Label(box: piece, page: page, row: nil))
        }
    }
}

extension Fragment {
    /// The box of `other` with no text, for growing a box without repeating the text.
    init(spanOf other: Fragment) {
        self = other
        text = ""
    }
}
