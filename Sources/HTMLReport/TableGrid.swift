import Foundation

/// A cell of an HTML table as written: its text (UTF-8) and spans.
struct TableCell: Sendable {
    var text: [UInt8]
    var rowspan: Int
    var colspan: Int
}

/// A row of an HTML table as written (cells not yet placed).
struct TableRow: Sendable {
    var cells: [TableCell]
    /// The page line of the `<tr>`.
    var line: Int
}

/// An HTML table laid out on a grid the way browsers do (rowspan and colspan expanded), and
/// written out as a browser copies it: one line per row, cells joined by TAB, a cell that a
/// rowspan carries down written only on its first row.
struct TableGrid {
    /// Browsers clamp spans to these; they also keep a hostile `colspan="1000000"` small.
    static let maxColspan = 1000
    static let maxRowspan = 65534

    /// What a slot of the grid holds.
    enum Slot: Equatable {
        /// The top-left slot of a cell: its text (UTF-8).
        case cell([UInt8])
        /// The rest of a colspan: nothing of its own.
        case spanned
        /// Covered by a rowspan cell of an earlier row.
        case carried
    }

    /// One output row: its slots in column order and the page line of the row.
    struct Line {
        var slots: [Slot]
        var line: Int
    }

    /// A cell of a row that reaches below the last row of its table: kept so that a table
    /// split in two (`</table><table>` in the middle of a merged label) continues it.
    struct Overrun {
        var column: Int
        var width: Int
        var rows: Int
    }

    private(set) var lines: [Line] = []
    /// Columns of the widest row.
    private(set) var width = 0
    /// Grid slots placed so far (spans expanded): what the page's cell limit counts.
    private(set) var slotCount = 0
    /// Cells of the last placed rows that reach past the end of the table.
    private(set) var overruns: [Overrun] = []

    /// Lays out `rows`, starting with the cells that an earlier table's rowspans carry into
    /// this one. Returns false as soon as more than `maxSlots` slots are placed.
    mutating func place(_ rows: [TableRow], continuing carried: [Overrun] = [], maxSlots: Int) -> Bool {
        overruns = []
        // occupied[r][c]: column c of row r is covered by a cell of an earlier row.
        var occupied = [[Bool]](repeating: [], count: rows.count)
        func occupy(_ row: Int, _ columns: Range<Int>) {
            if occupied[row].count < columns.upperBound {
                occupied[row].append(contentsOf: repeatElement(false, count: columns.upperBound - occupied[row].count))
            }
            for column in columns { occupied[row][column] = true }
        }
        for overrun in carried {
            for row in 0..<min(overrun.rows, rows.count) { occupy(row, overrun.column..<(overrun.column + overrun.width)) }
            if overrun.rows > rows.count {
                overruns.append(Overrun(column: overrun.column, width: overrun.width, rows: overrun.rows - rows.count))
            }
        }
        for (index, row) in rows.enumerated() {
            // The row's slots by column; nil where nothing is placed.
            var slots: [Slot?] = occupied[index].map { $0 ? .carried : nil }
            func set(_ column: Int, _ slot: Slot) {
                if slots.count <= column { slots.append(contentsOf: repeatElement(nil, count: column + 1 - slots.count)) }
                slots[column] = slot
            }
            var column = 0
            for cell in row.cells {
                while column < slots.count, slots[column] != nil { column += 1 }
                let colspan = min(max(cell.colspan, 1), Self.maxColspan)
                // rowspan="0" means "to the end of the table" (HTML).
                let rowspan = cell.rowspan == 0 ? rows.count - index : min(max(cell.rowspan, 1), Self.maxRowspan)
                slotCount += colspan * min(rowspan, rows.count - index)
                if slotCount > maxSlots { return false }
                set(column, .cell(cell.text))
                for extra in 1..<colspan { set(column + extra, .spanned) }
                if rowspan > 1 {
                    for below in (index + 1)..<min(index + rowspan, rows.count) { occupy(below, column..<(column + colspan)) }
                    if index + rowspan > rows.count {
                        overruns.append(Overrun(column: column, width: colspan, rows: index + rowspan - rows.count))
                    }
                }
                column += colspan
            }
            let rowWidth = (slots.lastIndex { $0 != nil } ?? -1) + 1
            width = max(width, rowWidth)
            lines.append(Line(slots: slots[..<rowWidth].map { $0 ?? .spanned }, line: row.line))
        }
        return true
    }

    /// The number of slots the first row of `rows` fills when `carried` rowspans continue
    /// into it: a continuation table has exactly the width of the table it continues.
    static func firstRowWidth(_ rows: [TableRow], continuing carried: [Overrun]) -> Int {
        let own = rows.first.map { $0.cells.reduce(0) { $0 + min(max($1.colspan, 1), maxColspan) } } ?? 0
        return own + carried.reduce(0) { $0 + $1.width }
    }

    /// The rows as text lines (UTF-8), as a browser copies them: cells joined with TAB, a colspan
    /// written once; slots covered by an earlier row are left out before the row's first
    /// cell (a label carried down) and written empty after it (so the numbers of the row
    /// stay in their columns). Rows with no text are dropped.
    func textLines() -> [(text: [UInt8], line: Int)] {
        lines.compactMap { line in
            let isCell: (Slot) -> Bool = { if case .cell = $0 { true } else { false } }
            // Covered slots after the row's last cell belong to no cell of this row either.
            guard let first = line.slots.firstIndex(where: isCell), let last = line.slots.lastIndex(where: isCell) else { return nil }
            // The cells joined as bytes: one string a row, not one a cell.
            var text: [UInt8] = []
            var hasText = false
            var firstCell = true
            for slot in line.slots[first...last] {
                let cell: [UInt8]
                switch slot {
                case .cell(let bytes): cell = bytes
                case .carried: cell = []
                case .spanned: continue
                }
                if !firstCell { text.append(0x09) }
                firstCell = false
                hasText = hasText || !cell.isEmpty
                text.append(contentsOf: cell)
            }
            guard hasText else { return nil }
            return (text, line.line)
        }
    }
}
