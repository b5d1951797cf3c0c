import CXlsxWriter
import Foundation

/// One worksheet of an `XLSXWorkbook`. Every call checks that the workbook is still open and
/// that references are inside the sheet, so nothing reaches C that could crash it.
public final class XLSXSheet {
    /// The workbook owning the sheet (libxlsxwriter frees the sheet when it closes).
    let workbook: XLSXWorkbook
    /// The libxlsxwriter sheet; internal so the chart calls (XLSXChart.swift) reach it.
    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name.
    public let name: String

    init(workbook: XLSXWorkbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    // MARK: cells

    /// Writes a number.
    public func write(number: Double, at cell: CellReference, style: CellStyle? = nil) throws(XLSXWriteError) {
        let (sheet, format) = try prepare(cell, style)
        try check(worksheet_write_number(sheet, row(cell), column(cell), number, format), cell)
    }

    /// Writes text; empty text writes a blank cell with the style.
    public func write(string: String, at cell: CellReference, style: CellStyle? = nil) throws(XLSXWriteError) {
        if string.isEmpty { return try writeBlank(at: cell, style: style) }
        let (sheet, format) = try prepare(cell, style)
        try check(worksheet_write_string(sheet, row(cell), column(cell), Self.escapingEscapes(string), format), cell)
    }

    /// Writes an empty cell that carries a style (borders, shading, unlocking).
    public func writeBlank(at cell: CellReference, style: CellStyle?) throws(XLSXWriteError) {
        let (sheet, format) = try prepare(cell, style)
        try check(worksheet_write_blank(sheet, row(cell), column(cell), format), cell)
    }

    /// Writes a formula (`=SUM(D5:D6)`) with the numeric result it computes, which readers
    /// that do not recalculate (LibreOffice, most libraries) show.
    public func write(formula: String, cachedNumber: Double, at cell: CellReference, style: CellStyle? = nil) throws(XLSXWriteError) {
        try checkFormula(formula, cell)
        let (sheet, format) = try prepare(cell, style)
        try check(worksheet_write_formula_num(sheet, row(cell), column(cell), formula, format, cachedNumber), cell)
    }

    /// Writes a formula with the text result it computes.
    public func write(formula: String, cachedString: String, at cell: CellReference, style: CellStyle? = nil) throws(XLSXWriteError) {
        try checkFormula(formula, cell)
        let (sheet, format) = try prepare(cell, style)
        try check(worksheet_write_formula_str(sheet, row(cell), column(cell), formula, format, cachedString), cell)
    }

    /// Merges `first...last` into one cell showing `string` (a number can then be written
    /// to `first` with the same style). A single cell is written, not merged.
    public func merge(from first: CellReference, to last: CellReference, string: String, style: CellStyle? = nil) throws(XLSXWriteError) {
        if first == last { return try write(string: string, at: first, style: style) }
        let (sheet, format) = try prepare(first, style)
        try checkRange(first, last)
        try check(worksheet_merge_range(sheet, row(first), column(first), row(last), column(last), Self.escapingEscapes(string), format), first)
    }

    /// The text with every literal `_xHHHH_` written as `_x005F_xHHHH_`: libxlsxwriter escapes
    /// control characters that way (`_x000D_` for CR) but not text that already looks like an
    /// escape, which every reader would then decode (`_x0041_` read back as `A`).
    static func escapingEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 14)
        func isHex(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte) }
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "_"), index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
                bytes[(index + 2)...(index + 5)].allSatisfy(isHex), bytes[index + 6] == UInt8(ascii: "_")
            {
                output.append(contentsOf: Array("_x005F".utf8))
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Attaches a note (`worksheet_write_comment`) to a cell, shown when the pointer is over it;
    /// `author` names who wrote it in Excel's and LibreOffice's comment box.
    public func comment(_ text: String, at cell: CellReference, author: String? = nil) throws(XLSXWriteError) {
        // libxlsxwriter 1.1.4 reads an empty string out of bounds: refused before C.
        guard !text.isEmpty else { throw XLSXWriteError(place: "sheet \(name), cell \(cell)", reason: "empty comment") }
        let (sheet, _) = try prepare(cell, nil)
        var options = lxw_comment_options()
        let authorCopy = author.flatMap { $0.isEmpty ? nil : strdup($0) }
        defer { free(authorCopy) }
        options.author = authorCopy
        try check(worksheet_write_comment_opt(sheet, row(cell), column(cell), text, &options), cell)
    }

    /// Writes `text` as a link (`worksheet_write_url_opt`, an `internal:` URL) that jumps to
    /// `target` on the sheet named `sheet` of the same workbook.
    public func link(_ text: String, toSheet sheet: String, cell target: CellReference, at cell: CellReference, style: CellStyle? = nil) throws(XLSXWriteError) {
        // libxlsxwriter 1.1.4 reads empty strings out of bounds and caps URLs at 255 characters.
        guard !text.isEmpty, !sheet.isEmpty else { throw XLSXWriteError(place: "sheet \(name), cell \(cell)", reason: "empty link") }
        let url = "internal:'\(sheet.replacingOccurrences(of: "'", with: "''"))'!\(target)"
        guard url.utf8.count <= 255 else { throw XLSXWriteError(place: "sheet \(name), cell \(cell)", reason: "link target too long") }
        let (handle, format) = try prepare(cell, style)
        try check(worksheet_write_url_opt(handle, row(cell), column(cell), url, format, Self.escapingEscapes(text), nil), cell)
    }

    // MARK: rows and columns

    /// Sets the width of columns (characters of the default font).
    public func setColumns(_ columns: ClosedRange<Int>, width: Double, style: CellStyle? = nil) throws(XLSXWriteError) {
        try checkRange(CellReference(row: 0, column: columns.lowerBound), CellReference(row: 0, column: columns.upperBound))
        let (sheet, format) = try prepare(CellReference(row: 0, column: columns.lowerBound), style)
        try check(worksheet_set_column(sheet, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, format), "columns")
    }

    /// Sets the height of a row in points (at most 409).
    public func setRow(_ index: Int, height: Double) throws(XLSXWriteError) {
        let (sheet, _) = try prepare(CellReference(row: index, column: 0), nil)
        try check(worksheet_set_row(sheet, lxw_row_t(index), min(409, max(0, height)), nil), "row \(index + 1)")
    }

    // MARK: input rules and highlighting

    /// Restricts what may be typed into `first...last`.
    public func validate(from first: CellReference, to last: CellReference, _ validation: DataValidation) throws(XLSXWriteError) {
        let (sheet, _) = try prepare(first, nil)
        try checkRange(first, last)
        var options = lxw_data_validation()
        var owned: [UnsafeMutablePointer<CChar>?] = []
        defer { owned.forEach { free($0) } }
        func copy(_ text: String?) -> UnsafeMutablePointer<CChar>? {
            guard let text, !text.isEmpty else { return nil }
            let pointer = strdup(text)
            owned.append(pointer)
            return pointer
        }
        switch validation.rule {
        case .wholeNumber(let minimum, let maximum):
            options.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            options.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            options.minimum_number = minimum
            options.maximum_number = maximum
        case .decimal(let minimum, let maximum):
            options.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            options.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            options.minimum_number = minimum
            options.maximum_number = maximum
        case .date(let minimum, let maximum):
            options.validate = UInt8(LXW_VALIDATION_TYPE_DATE_NUMBER.rawValue)
            options.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            options.minimum_number = minimum
            options.maximum_number = maximum
        case .formula(let formula):
            try checkFormula(formula, first)
            options.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            options.value_formula = copy(formula)
        case .any:
            options.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        }
        options.ignore_blank = UInt8((validation.allowsBlank ? LXW_VALIDATION_ON : LXW_VALIDATION_OFF).rawValue)
        options.input_title = copy(validation.inputTitle)
        options.input_message = copy(validation.inputMessage)
        options.error_title = copy(validation.errorTitle)
        options.error_message = copy(validation.errorMessage)
        try check(worksheet_data_validation_range(sheet, row(first), column(first), row(last), column(last), &options), first)
    }

    /// Gives every range of `ranges` (first and last cell of each) the style's font colour,
    /// bold, fill and border while `formula` is true. The formula is written for the first
    /// range's top-left cell; absolute references (`$D$5`) mean the same cell everywhere.
    public func highlight(_ ranges: [(CellReference, CellReference)], when formula: String, style: CellStyle) throws(XLSXWriteError) {
        guard let (first, last) = ranges.first else { return }
        try checkFormula(formula, first)
        let (sheet, format) = try prepare(first, style)
        for (rangeFirst, rangeLast) in ranges { try checkRange(rangeFirst, rangeLast) }
        var options = lxw_conditional_format()
        options.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        let text = strdup(formula)
        defer { free(text) }
        options.value_string = text
        options.format = format
        let rangeList = ranges.map { $0 == $1 ? "\($0)" : "\($0):\($1)" }.joined(separator: " ")
        let multiRange = ranges.count > 1 ? strdup(rangeList) : nil
        defer { free(multiRange) }
        options.multi_range = multiRange
        try check(worksheet_conditional_format_range(sheet, row(first), column(first), row(last), column(last), &options), first)
    }

    // MARK: sheet settings

    /// Protects the sheet without a password: locked cells cannot be changed, unlocked ones
    /// can; the user may still resize rows and columns, and unprotect on purpose.
    public func protect() throws(XLSXWriteError) {
        let (sheet, _) = try prepare(CellReference(row: 0, column: 0), nil)
        var options = lxw_protection()
        options.format_columns = 1
        options.format_rows = 1
        worksheet_protect(sheet, nil, &options)
    }

    /// Freezes the rows above `rows` and the columns left of `columns`.
    public func freezePanes(rows: Int, columns: Int) throws(XLSXWriteError) {
        let (sheet, _) = try prepare(CellReference(row: rows, column: columns), nil)
        worksheet_freeze_panes(sheet, lxw_row_t(rows), lxw_col_t(columns))
    }

    /// Puts filter buttons on the header row `first.row` over `first.column...last.column`,
    /// filtering the rows down to `last.row` (`worksheet_autofilter`).
    public func autofilter(from first: CellReference, to last: CellReference) throws(XLSXWriteError) {
        let (sheet, _) = try prepare(first, nil)
        try checkRange(first, last)
        try check(worksheet_autofilter(sheet, row(first), column(first), row(last), column(last)), first)
    }

    /// Applies paper, orientation, scaling, repeated rows, centring and footer.
    public func setUpPage(_ setup: PageSetup) throws(XLSXWriteError) {
        let (sheet, _) = try prepare(CellReference(row: 0, column: 0), nil)
        worksheet_set_paper(sheet, setup.paper.rawValue)
        if setup.landscape { worksheet_set_landscape(sheet) } else { worksheet_set_portrait(sheet) }
        if let fit = setup.fitToPages { worksheet_fit_to_pages(sheet, fit.width, fit.height) }
        if let rows = setup.repeatedRows {
            try check(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), "repeated rows")
        }
        if setup.centeredHorizontally { worksheet_center_horizontally(sheet) }
        if let footer = setup.footer, !footer.isEmpty {
            try check(worksheet_set_footer(sheet, footer), "footer")
        }
    }

    /// Hides the grid lines on screen and on paper (the table draws its own borders).
    public func hideGridlines() throws(XLSXWriteError) {
        let (sheet, _) = try prepare(CellReference(row: 0, column: 0), nil)
        worksheet_gridlines(sheet, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    /// Makes this the sheet shown when the workbook opens.
    public func activate() throws(XLSXWriteError) {
        let (sheet, _) = try prepare(CellReference(row: 0, column: 0), nil)
        worksheet_activate(sheet)
    }

    // MARK: checks before C

    private func prepare(_ cell: CellReference, _ style: CellStyle?) throws(XLSXWriteError) -> (UnsafeMutablePointer<lxw_worksheet>, UnsafeMutablePointer<lxw_format>?) {
        _ = try workbook.openHandle("sheet \(name)")
        guard cell.row >= 0, cell.column >= 0, cell.row < CellReference.maximumRows, cell.column < CellReference.maximumColumns else {
            throw XLSXWriteError(place: "sheet \(name)", reason: "cell row \(cell.row), column \(cell.column) is outside the sheet")
        }
        return (handle, try workbook.format(for: style))
    }

    private func checkRange(_ first: CellReference, _ last: CellReference) throws(XLSXWriteError) {
        guard last.row >= first.row, last.column >= first.column, last.row < CellReference.maximumRows,
            last.column < CellReference.maximumColumns
        else { throw XLSXWriteError(place: "sheet \(name), \(first)", reason: "bad range \(first):\(last)") }
    }

    private func checkFormula(_ formula: String, _ cell: CellReference) throws(XLSXWriteError) {
        guard formula.utf8.contains(where: { $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: " ") }) else {
            throw XLSXWriteError(place: "sheet \(name), cell \(cell)", reason: "empty formula")
        }
    }

    private func check(_ code: lxw_error, _ cell: CellReference) throws(XLSXWriteError) {
        try XLSXWriteError.check(code, "sheet \(name), cell \(cell)")
    }

    private func check(_ code: lxw_error, _ what: String) throws(XLSXWriteError) {
        try XLSXWriteError.check(code, "sheet \(name), \(what)")
    }

    private func row(_ cell: CellReference) -> lxw_row_t { lxw_row_t(cell.row) }
    private func column(_ cell: CellReference) -> lxw_col_t { lxw_col_t(cell.column) }
}
