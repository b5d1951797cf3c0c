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
        // Measured in the label's type size (values are often set larger than labels): a
        // paragraph's number is a space away from its words, a value a cell border or more.
        let gap = fragments[start].minX - fragments[start - 1].maxX
        let size = min(fragments[start].height, fragments[start - 1].height)
        return gap >= size ? start : nil
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
            placed += block(members, header: header(above: index, in: lines, valueLeft: valueLeft))
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

    /// A piece of a label: one cell's text on one line, with the row whose values share its
    /// line (nil: a line without values).
    private struct Piece {
        var box: Fragment
        var page: Int
        var row: Int?
        /// The rightmost label on its row's line: the row's own label, never one of a group.
        var own = false
    }

    /// The rows of one table block as TAB-joined cells: labels first, then one cell per value column.
    private static func block(_ members: [(line: TextLine, valueStart: Int?)], header: [Fragment]) -> [PlacedLine] {
        let rows = members.compactMap { member in member.valueStart.map { (line: member.line, start: $0) } }
        let columns = columnsWithHeader(valueColumns(rows.flatMap { $0.line.fragments[$0.start...] }), header: header)
        let starts = labelColumnStarts(members.flatMap { member in member.line.fragments[..<(member.valueStart ?? member.line.fragments.count)] })

        var pieces: [Piece] = []
        var rowIndex = 0
        for member in members {
            let labelEnd = member.valueStart ?? member.line.fragments.count
            let found = cells(Array(member.line.fragments[..<labelEnd]), height: member.line.charHeight, columnStarts: starts)
            for (index, cell) in found.enumerated() {
                let row = member.valueStart == nil ? nil : rowIndex
                pieces.append(Piece(box: cell, page: member.line.page, row: row, own: row != nil && index == found.count - 1))
            }
            if member.valueStart != nil { rowIndex += 1 }
        }
        let cellsOfLabels = mergedCells(pieces)

        // Each merged cell is a row's own label, or a label over several rows printed once.
        var ownLabels: [Int: [Fragment]] = [:]
        var groupLabels: [(box: Fragment, page: Int)] = []
        let rowBands = rows.map { (page: $0.line.page, middle: Fragment(bandOf: $0.line).midY) }
        var ownLabelLeft: [Int: Double] = [:]
        for cell in cellsOfLabels {
            for piece in cell.pieces where piece.own {
                if let row = piece.row { ownLabelLeft[row] = min(ownLabelLeft[row] ?? .infinity, cell.box.minX) }
            }
        }
        for cell in cellsOfLabels {
            let box = cell.box
            if let row = cell.pieces.first(where: { $0.own })?.row {
                ownLabels[row, default: []].append(box)
                continue
            }
            // A wrapped label whose row's values sit between its lines, the row having no label of its own.
            let spanned = rowBands.indices.filter { rowBands[$0].page == cell.page && (box.minY...box.maxY).contains(rowBands[$0].middle) }
            if spanned.count == 1, let row = spanned.first, !cell.pieces.contains(where: { $0.row != nil && $0.row != row }),
               (ownLabelLeft[row] ?? -.infinity) <= box.minX {
                ownLabels[row, default: []].append(box)
            } else {
                groupLabels.append((box, cell.page))
            }
        }

        // A row broken by a page break: its label ends one page, its values start the next.
        for (index, row) in rows.enumerated() where ownLabels[index] == nil && index > 0 {
            let previous = rows[index - 1]
            guard previous.line.page == row.line.page - 1 else { continue }
            let previousBottom = ([previous.line.maxY] + (ownLabels[index - 1] ?? []).map(\.maxY)).max() ?? previous.line.maxY
            if let last = groupLabels.indices.filter({ groupLabels[$0].page == previous.line.page && groupLabels[$0].box.minY >= previousBottom })
                .max(by: { groupLabels[$0].box.minY < groupLabels[$1].box.minY }) {
                ownLabels[index] = [groupLabels[last].box]
                groupLabels.remove(at: last)
            }
        }

        var placed: [PlacedLine] = []
        for (index, row) in rows.enumerated() {
            let own = (ownLabels[index] ?? []).sorted { $0.minX < $1.minX }
            var values = [String](repeating: "", count: columns.count)
            for fragment in row.line.fragments[row.start...] {
                let column = columns.firstIndex { fragment.overlapsHorizontally($0, slack: 0.2 * fragment.height) } ?? 0
                values[column] = values[column].isEmpty ? fragment.text : values[column] + " " + fragment.text
            }
            let cells = own.map(\.text) + values
            let top = ([row.line.minY] + own.map(\.minY)).min() ?? row.line.minY
            placed.append(PlacedLine(page: row.line.page, y: top, text: cells.joined(separator: "\t"), kind: .table,
                                     minX: row.line.minX, maxX: row.line.maxX, charHeight: row.line.charHeight))
        }
        for label in groupLabels {
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

    /// The column headers over a table: the fragments above its first row, on its page, right
    /// of where its labels end, up to the previous table row or a paragraph line.
    private static func header(above start: Int, in lines: [TextLine], valueLeft: Double) -> [Fragment] {
        var fragments: [Fragment] = []
        var index = start - 1
        while index >= 0, start - index <= 12, lines[index].page == lines[start].page {
            let line = lines[index]
            if line.fragments.contains(where: \.isNumber) { break }
            // A paragraph runs from the labels' side across the value columns.
            if line.fragments.count == 1, let only = line.fragments.first, only.minX < valueLeft - only.height, only.maxX > valueLeft + 4 * only.height { break }
            fragments += line.fragments.flatMap { $0.split(atGaps: 0.3 * $0.height) }.filter { ($0.minX + $0.maxX) / 2 >= valueLeft - $0.height }
            index -= 1
        }
        return fragments
    }

    /// The value columns, completed from the table's header where some column has no value in
    /// any row (a whole 法人或其他组织 block left blank): the header's lowest cells (those that
    /// do not span two others) give every column, and each value column must fall in one of them.
    private static func columnsWithHeader(_ values: [Fragment], header: [Fragment]) -> [Fragment] {
        // A header cell with a cell below it that is no wider spans columns, or is the upper
        // line of a stacked cell: the lowest cells are the columns.
        let leaves = header.filter { cell in
            !header.contains { other in
                other.minY >= cell.midY && other.overlapsHorizontally(cell, slack: -1)
                    && other.maxX - other.minX <= cell.maxX - cell.minX + 1
            }
        }
        let headed = valueColumns(leaves)
        guard headed.count > values.count else { return values }
        var owner: [Int] = []
        for column in values {
            let matches = headed.indices.filter { headed[$0].overlapsHorizontally(column) }
            guard matches.count == 1, let match = matches.first, !owner.contains(match) else { return values }
            owner.append(match)
        }
        return headed.enumerated().map { index, column in
            var merged = column
            if let value = owner.firstIndex(of: index) { merged.absorb(Fragment(spanOf: values[value])) }
            return merged
        }
    }

    /// Where label columns start: left edges shared (within a point) by the labels of three or
    /// more lines. Left-aligned cells of one column all start there.
    private static func labelColumnStarts(_ labels: [Fragment]) -> [Double] {
        var counts: [Int: Int] = [:]
        for label in labels { counts[Int((label.minX * 2).rounded()), default: 0] += 1 }
        return counts.filter { $0.value >= 3 }.keys.map { Double($0) / 2 }.sorted()
    }

    /// The cells of one line's label fragments: a new cell after a column's gap, or where a
    /// fragment starts at a label column's left edge after a visible gap (the cell border
    /// between two columns is narrower than a column gap).
    private static func cells(_ fragments: [Fragment], height: Double, columnStarts: [Double]) -> [Fragment] {
        var cells: [Fragment] = []
        for fragment in fragments {
            let gap = cells.last.map { fragment.minX - $0.maxX } ?? .infinity
            let atColumn = columnStarts.contains { abs($0 - fragment.minX) <= 1 } && gap >= 0.3 * fragment.height
            if var last = cells.last, gap < 1.5 * height, !atColumn {
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

    /// A label cell: its pieces top to bottom, their box and text.
    private struct MergedCell {
        var pieces: [Piece]
        var page: Int
        var box: Fragment
    }

    /// Joins label pieces that are lines of one cell: each piece that is not a row's own label
    /// joins the nearer of the pieces above and below it in its column. Two rows' own labels
    /// are never joined; a piece on top of a page may continue the last label of the page
    /// before (a row broken by the page break).
    private static func mergedCells(_ pieces: [Piece]) -> [MergedCell] {
        // The nearest piece above and below each piece in its column, on its page.
        // Only pieces of one page are compared, so a long table costs per page, not per table squared.
        var onPage: [Int: [Int]] = [:]
        for index in pieces.indices { onPage[pieces[index].page, default: []].append(index) }
        func nearest(to index: Int, below: Bool) -> (index: Int, gap: Double)? {
            let piece = pieces[index]
            let candidates = (onPage[piece.page] ?? []).filter { other in
                other != index && pieces[other].box.overlapsHorizontally(piece.box)
                    && (below ? pieces[other].box.midY > piece.box.maxY : pieces[other].box.midY < piece.box.minY)
            }
            let found = below
                ? candidates.min { pieces[$0].box.minY < pieces[$1].box.minY }
                : candidates.max { pieces[$0].box.maxY < pieces[$1].box.maxY }
            return found.map { other in
                let gap = below ? pieces[other].box.minY - piece.box.maxY : piece.box.minY - pieces[other].box.maxY
                return (other, max(0, gap) / max(piece.box.height, 1))
            }
        }
        var parent = Array(pieces.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        // Whether a cell holds a row's own label, kept per root as cells are joined.
        var own = pieces.map(\.own)
        func hasOwn(_ group: Int) -> Bool { own[group] }
        // Two pieces one above the other in a column are lines of one cell when the gap
        // between them is no wider than the gaps beyond each of them: line gaps inside a cell
        // are smaller than the gaps between rows around it, even where (WPS) some rows' gaps
        // are smaller than other cells' line gaps, and where (LibreOffice) a cell's lines overlap.
        func join(_ index: Int, _ other: Int) {
            let a = root(index), b = root(other)
            if a != b, !(hasOwn(a) && hasOwn(b)) {
                parent[a] = b
                own[b] = own[a] || own[b]
            }
        }
        let ups = pieces.indices.map { nearest(to: $0, below: false) }
        let downs = pieces.indices.map { nearest(to: $0, below: true) }
        for lower in pieces.indices {
            guard let up = ups[lower], up.gap <= 0.8 else { continue }
            let beyondAbove = ups[up.index]?.gap ?? .infinity
            let beyondBelow = downs[lower]?.gap ?? .infinity
            if up.gap <= beyondAbove + 0.1, up.gap <= beyondBelow + 0.1 { join(lower, up.index) }
        }
        // A label piece above every row of its page continues the lowest label of the page before.
        for index in pieces.indices where pieces[index].row == nil && pieces[index].page > 1 && ups[index] == nil && !hasOwn(root(index)) {
            let piece = pieces[index]
            let rowsAbove = pieces.contains { $0.page == piece.page && $0.row != nil && $0.box.maxY <= piece.box.minY }
            guard !rowsAbove else { continue }
            let previous = pieces.indices.filter {
                pieces[$0].page == piece.page - 1 && pieces[$0].box.overlapsHorizontally(piece.box)
            }.max { pieces[$0].box.maxY < pieces[$1].box.maxY }
            if let previous { join(index, previous) }
        }
        var groups: [Int: [Int]] = [:]
        for index in pieces.indices { groups[root(index), default: []].append(index) }
        return groups.values.map { members in
            let ordered = members.sorted { (pieces[$0].page, pieces[$0].box.minY) < (pieces[$1].page, pieces[$1].box.minY) }
            var box = pieces[ordered[0]].box
            for index in ordered.dropFirst() {
                box.text += pieces[index].box.text
                if pieces[index].page == pieces[ordered[0]].page { box.absorb(Fragment(spanOf: pieces[index].box)) }
            }
            return MergedCell(pieces: ordered.map { pieces[$0] }, page: pieces[ordered[0]].page, box: box)
        }.sorted { ($0.page, $0.box.minY) < ($1.page, $1.box.minY) }
    }
}

extension Fragment {
    /// The box of `other` with no text, for growing a box without repeating the text.
    init(spanOf other: Fragment) {
        self = other
        text = ""
        glyphSpans = []
    }
}
