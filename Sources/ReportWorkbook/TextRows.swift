import XLSX

/// A free-text section as rows of its sheet, one line (paragraph) per row, and back.
///
/// The split is exact both ways: `joined(rows(of: text)) == text` for every text. Each
/// `\n` ends a row; blank lines inside the text are blank rows; blank lines at the end (which
/// an importer reading down to the last filled row could not see) stay in the last filled
/// row. A CR before a `\n` stays in its row, so CRLF text comes back as it went.
/// Workbooks of earlier versions hold the whole text in the first row's one cell, which
/// `joined` reads back unchanged too.
enum TextRows {
    /// The rows of `text`, top to bottom; none for empty text.
    static func rows(of text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        // On scalars: as Characters, CRLF is one grapheme that is not "\n" and would not split.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        guard let lastFilled = lines.lastIndex(where: { !$0.isEmpty }) else {
            // Only line breaks: one cell keeps them all.
            return [text]
        }
        return Array(lines[..<lastFilled]) + [lines[lastFilled...].joined(separator: "\n")]
    }

    /// The text of rows read from the first row of a section down to its last filled row
    /// (blank rows between are blank lines).
    static func joined(_ rows: [String]) -> String {
        rows.joined(separator: "\n")
    }

    /// The text of a section whose first row is `first` (in layout coordinates) on a placed
    /// sheet: every row of its column from there down to the last one holding text, joined.
    static func read(from first: CellReference, in sheet: PlacedSheet) -> String {
        let start = sheet.moved(first)
        var lastRow: Int?
        for (reference, cell) in sheet.contents.cells
        where reference.column == start.column && reference.row >= start.row && !cell.value.text.isEmpty {
            lastRow = max(lastRow ?? reference.row, reference.row)
        }
        guard let lastRow else { return "" }
        return joined((start.row...lastRow).map { sheet.contents[CellReference(row: $0, column: start.column)]?.value.text ?? "" })
    }
}
