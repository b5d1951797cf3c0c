import Foundation
import ReportModel
import XLSX

extension WorkbookLayout {
    /// Places the sheets one after another; each `add…` appends one sheet.
    struct Builder {
        let form: Form
        var sheets: [SheetLayout] = []
        var cells: [CellKey: WorkbookCell] = [:]
        var textCells: [String: WorkbookCell] = [:]
        var coverFields: [CoverField: WorkbookCell] = [:]
        var checkRows: [Int] = []

        init(form: Form) { self.form = form }

        // MARK: cover

        mutating func addCover() {
            var sheet = Draft(name: uniqueName(WorkbookLayout.coverSheetName), content: .cover, sectionID: nil)
            sheet.columnWidths = [14, 64]
            sheet.label(form.name, .title, row: 0, column: 0, lastColumn: 1)
            var row = 1
            for field in CoverField.allCases {
                sheet.label(WorkbookText.coverFieldNames[field] ?? field.rawValue, .fieldName, row: row, column: 0)
                let reference = CellReference(row: row, column: 1)
                coverFields[field] = WorkbookCell(
                    sheet: sheet.name, reference: reference, last: reference,
                    definedName: WorkbookLayout.definedName(for: field))
                sheet.rowHeights[row] = Metrics.minimumRowHeight
                row += 1
            }
            sheet.label(WorkbookText.instructionsName, .fieldName, row: row, column: 0)
            sheet.label(WorkbookText.instructions(for: form), .instructions, row: row, column: 1)
            sheet.fitRowHeights()
            sheets.append(sheet.finished())
        }

        // MARK: text sections

        mutating func addText(sectionID: String, heading: String) {
            var sheet = Draft(name: uniqueName(WorkbookLayout.sheetName(forHeading: heading)), content: .text(sectionID), sectionID: sectionID)
            sheet.columnWidths = [Metrics.textColumnWidth]
            sheet.label(heading, .title, row: 0, column: 0)
            let reference = CellReference(row: 1, column: 0)
            textCells[sectionID] = WorkbookCell(
                sheet: sheet.name, reference: reference, last: reference,
                definedName: WorkbookLayout.definedName(forSection: sectionID))
            // The text's rows get their heights from the text itself (WorkbookWriter.fillText).
            sheet.fitRowHeights()
            sheet.rowCount = 2
            sheet.frozenRows = 1
            sheet.repeatedRows = 0...0
            sheets.append(sheet.finished())
        }

        // MARK: tables

        mutating func addTable(_ table: TableDefinition, heading: String) {
            var sheet = Draft(name: uniqueName(WorkbookLayout.sheetName(forHeading: heading)), content: .table(table.id), sectionID: table.id)
            let bottom: Int
            switch table.layout {
            case .blocks(let blocks):
                bottom = placeBlocks(blocks, of: table, on: &sheet)
            case .grid(let corner, let columnHeader, let rowHeader):
                bottom = placeGrid(corner: corner, columnHeader: columnHeader, rowHeader: rowHeader, of: table, on: &sheet)
            case .band(let columnHeader):
                bottom = placeBand(columnHeader, of: table, on: &sheet)
            }
            sheet.label(heading, .title, row: 0, column: 0, lastColumn: sheet.columnCount - 1)
            // The table's notes: a caption and one wide wrapped input cell under the table.
            let noteID = Report.noteSectionID(forTable: table.id)
            sheet.label(WorkbookText.notesCaption, .fieldName, row: bottom + 1, column: 0, lastColumn: sheet.columnCount - 1)
            let note = CellReference(row: bottom + 2, column: 0)
            textCells[noteID] = WorkbookCell(
                sheet: sheet.name, reference: note, last: CellReference(row: bottom + 2, column: sheet.columnCount - 1),
                definedName: WorkbookLayout.definedName(forSection: noteID))
            sheet.fitRowHeights()
            sheet.rowHeights[bottom + 2] = Metrics.noteRowHeight
            sheet.rowCount = bottom + 3
            sheet.fit = .onePage
            sheets.append(sheet.finished())
        }

        /// Section 二: a column of small tables, each a caption row, a header row (corner and
        /// column labels) and its rows. Returns the first row below the table.
        private mutating func placeBlocks(_ blocks: [TableBlock], of table: TableDefinition, on sheet: inout Draft) -> Int {
            let width = blocks.map { $0.columns.map(\.span).reduce(0, +) }.max() ?? 1
            sheet.columnCount = 1 + width
            var row = 1
            for block in blocks {
                sheet.label(block.caption, .caption, row: row, column: 0, lastColumn: width)
                row += 1
                let spans = Self.stretched(block.columns.map(\.span), to: width)
                sheet.label(block.corner, .corner, row: row, column: 0)
                var column = 1
                for (index, definition) in block.columns.enumerated() {
                    sheet.label(definition.label, .columnHeader, row: row, column: column, lastColumn: column + spans[index] - 1)
                    column += spans[index]
                }
                row += 1
                for node in block.rows {
                    sheet.label(node.label, .rowHeader, row: row, column: 0)
                    column = 1
                    for (index, definition) in block.columns.enumerated() {
                        if let id = node.id {
                            place(CellKey(table: table.id, row: id, column: definition.id), on: sheet, row: row, column: column, lastColumn: column + spans[index] - 1)
                        }
                        column += spans[index]
                    }
                    row += 1
                }
            }
            sheet.columnWidths = [Metrics.width(ofLabelsIn: sheet, column: 0, minimum: 12, maximum: 30)]
                + (1...width).map { Metrics.width(ofLabelsIn: sheet, column: $0, minimum: 10, maximum: 16) }
            sheet.frozenRows = 1
            sheet.repeatedRows = 0...0
            return row
        }

        /// Section 三: the corner note over the row-label columns, the column header tree to its
        /// right, the row header tree below it, values where leaves meet.
        private mutating func placeGrid(corner: String, columnHeader: [LabelNode], rowHeader: [LabelNode], of table: TableDefinition, on sheet: inout Draft) -> Int {
            let labelColumns = rowHeader.map(\.depth).max() ?? 1
            let headerRows = columnHeader.map(\.depth).max() ?? 1
            let valueColumns = columnHeader.map(\.leafCount).reduce(0, +)
            sheet.columnCount = labelColumns + valueColumns
            sheet.label(corner, .corner, row: 1, column: 0, lastRow: headerRows, lastColumn: labelColumns - 1)
            let columnLeaves = Self.placeTree(columnHeader, across: true, levels: headerRows, levelOrigin: 1, offset: labelColumns, on: &sheet)
            let rowLeaves = Self.placeTree(rowHeader, across: false, levels: labelColumns, levelOrigin: 0, offset: 1 + headerRows, on: &sheet)
            for (rowNode, row) in rowLeaves {
                guard let rowID = rowNode.node.id else { continue }
                for (columnNode, column) in columnLeaves {
                    guard let columnID = columnNode.node.id else { continue }
                    place(CellKey(table: table.id, row: rowID, column: columnID), on: sheet, row: row, column: column)
                }
            }
            // Label columns holding only tall labels stay narrow: those labels print vertically.
            sheet.columnWidths = (0..<labelColumns).map { column in
                Metrics.width(ofLabelsIn: sheet, column: column, minimum: 5, maximum: 40)
            } + (labelColumns..<sheet.columnCount).map { Metrics.width(ofLabelsIn: sheet, column: $0, minimum: 10, maximum: 14) }
            sheet.frozenRows = 1 + headerRows
            sheet.frozenColumns = labelColumns
            sheet.repeatedRows = 0...headerRows
            sheet.landscape = true
            return 1 + headerRows + rowLeaves.count
        }

        /// Section 四: one header tree over all value columns and one row of values; each node
        /// with an id whose children are leaves is a row of the model.
        private mutating func placeBand(_ columnHeader: [LabelNode], of table: TableDefinition, on sheet: inout Draft) -> Int {
            let headerRows = columnHeader.map(\.depth).max() ?? 1
            sheet.columnCount = max(1, columnHeader.map(\.leafCount).reduce(0, +))
            let leaves = Self.placeTree(columnHeader, across: true, levels: headerRows, levelOrigin: 1, offset: 0, on: &sheet)
            let valueRow = 1 + headerRows
            for (leaf, column) in leaves {
                guard let parent = leaf.parent, let rowID = parent.id, let columnID = leaf.node.id,
                    table.row(rowID)?.column(columnID) != nil
                else { continue }
                place(CellKey(table: table.id, row: rowID, column: columnID), on: sheet, row: valueRow, column: column)
            }
            sheet.columnWidths = (0..<sheet.columnCount).map { Metrics.width(ofLabelsIn: sheet, column: $0, minimum: 9, maximum: 12) }
            sheet.frozenRows = valueRow
            sheet.repeatedRows = 0...headerRows
            sheet.landscape = true
            return valueRow + 1
        }

        /// A leaf of a label tree with its parent.
        struct Leaf {
            let node: LabelNode
            let parent: LabelNode?
        }

        /// Draws a label tree as the official forms do: every inner node takes one level, its
        /// children the next, and a leaf stretches to the last level (行政复议 in the first
        /// header row over its five columns, each of those over the two rows below;
        /// 一、本年新收… over three label columns). `across` trees grow downwards over columns
        /// (headers), others rightwards over rows. Returns each leaf with its column (across) or row.
        private static func placeTree(_ nodes: [LabelNode], across: Bool, levels: Int, levelOrigin: Int, offset: Int, on sheet: inout Draft) -> [(Leaf, Int)] {
            var leaves: [(Leaf, Int)] = []
            func visit(_ node: LabelNode, parent: LabelNode?, level: Int, position: Int) {
                let lastLevel = node.childNodes.isEmpty ? levels - 1 : level
                let lastPosition = position + node.leafCount - 1
                let role: LabelRole = across ? .columnHeader : .rowHeader
                if across {
                    sheet.label(node.label, role, row: levelOrigin + level, column: position, lastRow: levelOrigin + lastLevel, lastColumn: lastPosition)
                } else {
                    sheet.label(node.label, role, row: position, column: levelOrigin + level, lastRow: lastPosition, lastColumn: levelOrigin + lastLevel)
                }
                if node.childNodes.isEmpty {
                    leaves.append((Leaf(node: node, parent: parent), position))
                    return
                }
                var childPosition = position
                for child in node.childNodes {
                    visit(child, parent: node, level: lastLevel + 1, position: childPosition)
                    childPosition += child.leafCount
                }
            }
            var position = offset
            for node in nodes {
                visit(node, parent: nil, level: 0, position: position)
                position += node.leafCount
            }
            return leaves
        }

        /// Column spans widened so the last column fills `width` (a block narrower than the table).
        static func stretched(_ spans: [Int], to width: Int) -> [Int] {
            var spans = spans
            if let last = spans.indices.last { spans[last] += max(0, width - spans.reduce(0, +)) }
            return spans
        }

        private mutating func place(_ cell: CellKey, on sheet: Draft, row: Int, column: Int, lastColumn: Int? = nil) {
            cells[cell] = WorkbookCell(
                sheet: sheet.name, reference: CellReference(row: row, column: column),
                last: CellReference(row: row, column: lastColumn ?? column),
                definedName: WorkbookLayout.definedName(for: cell))
        }

        // MARK: checks

        /// The checks sheet: the top line (a formula the writer puts in `checksSummary`), the
        /// header row, one row per rule instance.
        mutating func addChecks() {
            var sheet = Draft(name: uniqueName(WorkbookLayout.checksSheetName), content: .checks, sectionID: nil)
            for column in CheckColumn.allCases {
                sheet.label(WorkbookText.checksHeaders[column] ?? "", .columnHeader, row: 1, column: column.rawValue)
            }
            sheet.columnCount = CheckColumn.allCases.count
            sheet.columnWidths = CheckColumn.allCases.map { WorkbookText.checksWidths[$0] ?? 10 }
            let count = form.ruleInstances.count
            checkRows = (0..<count).map { 2 + $0 }
            sheet.rowCount = 2 + count
            sheet.rowHeights[0] = Metrics.minimumRowHeight * Metrics.titlePoints / Metrics.bodyPoints
            sheet.frozenRows = 2
            sheet.repeatedRows = 1...1
            sheet.landscape = true
            sheet.fitRowHeights()
            sheets.append(sheet.finished())
        }

        /// `base`, or `base` with a number when an earlier sheet has that name (Excel compares
        /// sheet names case-insensitively).
        private func uniqueName(_ base: String) -> String {
            var name = base
            var number = 2
            while sheets.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                let suffix = "(\(number))"
                var stem = base
                while stem.utf16.count + suffix.utf16.count > 31 { stem.removeLast() }
                name = stem + suffix
                number += 1
            }
            return name
        }
    }

    /// A sheet being placed.
    struct Draft {
        let name: String
        let content: SheetLayout.Content
        let sectionID: String?
        var labels: [LabelCell] = []
        var columnCount = 1
        var rowCount = 0
        var frozenRows = 0
        var frozenColumns = 0
        var repeatedRows: ClosedRange<Int>?
        var columnWidths: [Double] = []
        var rowHeights: [Int: Double] = [:]
        var landscape = false
        var fit = PrintFit.width

        init(name: String, content: SheetLayout.Content, sectionID: String?) {
            self.name = name
            self.content = content
            self.sectionID = sectionID
        }

        mutating func label(_ text: String, _ role: LabelRole, row: Int, column: Int, lastRow: Int? = nil, lastColumn: Int? = nil) {
            labels.append(LabelCell(
                text: text, role: role, first: CellReference(row: row, column: column),
                last: CellReference(row: lastRow ?? row, column: lastColumn ?? column)))
            rowCount = max(rowCount, (lastRow ?? row) + 1)
        }

        /// Gives each row with a one-row label the height its wrapped text needs.
        mutating func fitRowHeights() {
            for label in labels where label.first.row == label.last.row {
                let width = (label.first.column...label.last.column).reduce(0.0) { total, column in
                    total + (column < columnWidths.count ? columnWidths[column] : 8.43)
                }
                let height = Metrics.height(of: label.text, role: label.role, width: width)
                rowHeights[label.first.row] = max(rowHeights[label.first.row] ?? 0, height)
            }
        }

        func finished() -> SheetLayout {
            var placed = labels.sorted { $0.first < $1.first }
            for index in placed.indices { placed[index].isVertical = isVertical(placed[index]) }
            return SheetLayout(
                name: name, content: content, sectionID: sectionID, labels: placed,
                columnCount: columnCount, rowCount: rowCount, frozenRows: frozenRows, frozenColumns: frozenColumns,
                repeatedRows: repeatedRows, columnWidths: columnWidths, rowHeights: rowHeights, landscape: landscape, fit: fit)
        }

        /// Whether a row header is printed vertically: it spans more rows than columns (at
        /// least three) and its text would need more than one and a half lines across its
        /// columns, so written across it would be a thin column of broken lines.
        func isVertical(_ label: LabelCell) -> Bool {
            let rows = label.last.row - label.first.row + 1
            let columns = label.last.column - label.first.column + 1
            guard label.role == .rowHeader, rows >= 3, rows > columns else { return false }
            let width = (label.first.column...label.last.column).reduce(0.0) { total, column in
                total + (column < columnWidths.count ? columnWidths[column] : 8.43)
            }
            let tall = Double(rows) * Metrics.lineHeight
            let needed = Metrics.displayWidth(Substring(label.text))
            // Stacked characters are about one line high each (a CJK character ~ 2 width units).
            return needed > width * 1.5 && tall >= needed / 2 * Metrics.lineHeight * 0.8
        }
    }
}

/// Text measures for column widths and row heights (Excel's units: characters of the
/// default font for widths, points for heights). A CJK character is about two characters wide.
enum Metrics {
    static let lineHeight = 15.0
    static let minimumRowHeight = 20.0
    static let noteRowHeight = 48.0
    /// The text sections' one column: no wider than A4 portrait prints at 100 % (~494 pt
    /// between the margins, ~7 pt a width unit in LibreOffice with the CJK font). Fitting to
    /// the page width never splits a column, so LibreOffice would not shrink a wider one
    /// but cut it at both edges.
    static let textColumnWidth = 68.0
    /// Excel's largest row height.
    static let textRowHeight = 409.0
    /// The body font size; titles are larger.
    static let bodyPoints = 11.0
    static let titlePoints = 16.0

    /// The width of `text` in characters of the default font.
    static func displayWidth(_ text: Substring) -> Double {
        text.unicodeScalars.reduce(0.0) { width, scalar in
            width + (scalar.value >= 0x2E80 ? 2.1 : 1.1)
        }
    }

    /// The row height (points) that shows `text` wrapped in `width` characters.
    static func height(of text: String, role: LabelRole, width: Double) -> Double {
        let scale = role == .title ? titlePoints / bodyPoints : 1
        let usable = max(1, width - 1.5)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { count, paragraph in
            count + max(1, Int((displayWidth(paragraph) * scale / usable).rounded(.up)))
        }
        return max(minimumRowHeight * scale, Double(lines) * lineHeight * scale + 5)
    }

    /// A column width for the one-column labels in `column`, between `minimum` and
    /// `maximum`; a label over many rows may wrap onto them.
    static func width(ofLabelsIn sheet: WorkbookLayout.Draft, column: Int, minimum: Double, maximum: Double) -> Double {
        let needed = sheet.labels.filter { $0.first.column == column && $0.last.column == column }.map { label in
            let rows = Double(label.last.row - label.first.row + 1)
            return displayWidth(Substring(label.text)) / rows + 2
        }.max() ?? minimum
        return min(maximum, max(minimum, needed.rounded(.up)))
    }
}
