import ReportModel
import XLSX

/// A sheet of the layout found in the workbook: which workbook sheet holds it and by how many
/// rows and columns its content moved (a user inserted rows above a table), verified by its labels.
struct PlacedSheet {
    let layout: SheetLayout
    let info: SheetInfo
    let contents: SheetContents
    let rowShift: Int
    let columnShift: Int

    /// Where a cell of the layout is in the workbook sheet.
    func moved(_ reference: CellReference) -> CellReference {
        CellReference(row: reference.row + rowShift, column: reference.column + columnShift)
    }

    /// The workbook cell at a layout position.
    func cell(at reference: CellReference) -> Cell? { contents[moved(reference)] }
}

/// Finds the sheets of a layout in a workbook even when renamed or reordered, and the shift
/// of their content, by the labels the layout expects: every label must be where the layout
/// (moved by one shift) puts it, so an edited layout is reported rather than misread.
struct SheetLocator {
    let workbook: Workbook
    private var contentsByName: [String: SheetContents] = [:]

    init(workbook: Workbook) { self.workbook = workbook }

    /// A label as compared: white space (line breaks in wrapped headers, full-width spaces) removed.
    static func normalized(_ text: String) -> String {
        // Most labels have no white space at all: check the bytes before building a new string.
        let needsWork = text.utf8.contains { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 }
        guard needsWork else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" }))
    }

    /// The contents of a workbook sheet, read once.
    mutating func contents(of info: SheetInfo) throws(XLSXReadError) -> SheetContents {
        if let cached = contentsByName[info.name] { return cached }
        let contents = try workbook.contents(of: info)
        contentsByName[info.name] = contents
        return contents
    }

    /// The outcome of looking for one layout sheet.
    enum Match {
        case found(PlacedSheet)
        /// The best candidate, whose labels do not all match: the first mismatch.
        case mismatch(sheet: String, reference: CellReference, expected: String, found: String)
        case missing
    }

    /// Finds `layout` in the workbook. `namedSheets` are the workbook sheets that the layout's
    /// defined names point to (Excel renames them along with the sheet).
    mutating func locate(_ layout: SheetLayout, namedSheets: [String], namedShifts: [(Int, Int)]) throws(XLSXReadError) -> Match {
        var order: [SheetInfo] = []
        for name in namedSheets + [layout.name] {
            if let info = workbook.sheets.first(where: { $0.name == name }), !order.contains(info) { order.append(info) }
        }
        for info in workbook.sheets where !order.contains(info) { order.append(info) }
        let titles = layout.labels.filter { $0.role == .title }
        let verified = layout.labels.filter { $0.role != .title && $0.role != .instructions }
        let checked = verified.isEmpty ? titles : verified
        guard !checked.isEmpty else { return .missing }
        // The best partial match, for the message: the most labels matching from the top
        // (where a shifted layout goes wrong), then the most labels overall.
        var best: (prefix: Int, score: Int, sheet: SheetInfo, shift: (Int, Int))?
        for info in order {
            let contents = try contents(of: info)
            // Candidate shifts: none and the defined names' first (the usual case, cheap); then
            // every place a label's text occurs, for sheets edited without updating the names.
            var shifts: [(Int, Int)] = [(0, 0)] + namedShifts
            if !shifts.contains(where: { shift in checked.allSatisfy { Self.matches($0, in: contents, shift: shift) } }) {
                var positions: [String: [CellReference]] = [:]
                for cell in contents.cells.values {
                    if case .string(let text) = cell.value { positions[Self.normalized(text), default: []].append(cell.reference) }
                }
                for label in checked {
                    for reference in positions[Self.normalized(label.text)] ?? [] {
                        let shift = (reference.row - label.first.row, reference.column - label.first.column)
                        if !shifts.contains(where: { $0 == shift }) { shifts.append(shift) }
                    }
                    if shifts.count > 64 { break }
                }
            }
            for shift in shifts {
                let score = checked.reduce(0) { count, label in
                    count + (Self.matches(label, in: contents, shift: shift) ? 1 : 0)
                }
                if score == checked.count {
                    return .found(PlacedSheet(layout: layout, info: info, contents: contents, rowShift: shift.0, columnShift: shift.1))
                }
                let prefix = checked.prefix { Self.matches($0, in: contents, shift: shift) }.count
                if (prefix, score) > (best?.prefix ?? 0, best?.score ?? 0) { best = (prefix, score, info, shift) }
            }
        }
        guard let best, best.prefix >= 3 || best.score * 2 >= checked.count else { return .missing }
        let contents = try contents(of: best.sheet)
        for label in checked where !Self.matches(label, in: contents, shift: best.shift) {
            let reference = CellReference(row: label.first.row + best.shift.0, column: label.first.column + best.shift.1)
            return .mismatch(sheet: best.sheet.name, reference: reference, expected: label.text, found: contents[reference]?.value.text ?? "")
        }
        return .missing
    }

    /// Whether the label's text is at its place. A header label may also stand lower within
    /// its span: earlier versions stretched the parent instead of the leaves (行政复议 over two
    /// rows, 结果维持 in the third), and their workbooks must still be read.
    private static func matches(_ label: LabelCell, in contents: SheetContents, shift: (Int, Int)) -> Bool {
        let column = label.first.column + shift.1
        guard label.first.row + shift.0 >= 0, column >= 0 else { return false }
        let rows = label.role == .columnHeader ? label.first.row...label.last.row : label.first.row...label.first.row
        return rows.contains { row in
            let text = contents[CellReference(row: row + shift.0, column: column)]?.value.text ?? ""
            return normalized(text) == normalized(label.text)
        }
    }
}
