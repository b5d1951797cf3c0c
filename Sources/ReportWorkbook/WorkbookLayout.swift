import Foundation
import ReportModel
import XLSX

/// Where everything of a form sits in its workbook: the sheets in order, every label and
/// header cell with its merged span, every value cell with its defined name, the text and
/// cover cells. Computed from the form definition alone, so the writer draws it and the
/// importer finds (and verifies) cells with the very same geometry.
///
/// Sheets, in report order:
/// 1. the cover sheet `封面` (机关名称, 报告年度, 成文日期, 表式版本, 填报说明);
/// 2. one sheet per section, named by `sheetName(forHeading:)` from the section's heading
///    (`一、总体情况`, `三、收到和处理政府信息公开申请情况`, …);
/// 3. the checks sheet `校验`: a top line counting the failures, a header row, then one row
///    per rule instance (`form.ruleInstances`).
///
/// Each table sheet starts with its heading in row 1 (merged over the table's width), then
/// the table as the form's layout draws it, then a caption and one wrapped input cell for
/// the table's notes (`Report.noteSectionID(forTable:)`). A text section's sheet has its
/// heading in A1 and the text from A2 down, one line (paragraph) per row (`TextRows`), so
/// that every paragraph gets the height it needs and the sheet prints onto as many pages
/// as the text fills; `textCells` names its first row.
public struct WorkbookLayout: Sendable {
    /// The form drawn.
    public let form: Form
    /// Every sheet, in workbook order.
    public let sheets: [SheetLayout]
    /// Every value cell of the form: sheet, top-left reference, span and defined name.
    public let cells: [CellKey: WorkbookCell]
    /// The input cell of each table's notes (`proactive_notes`, …) and the first row of each
    /// text section (`overview`, `problems`, `other`; its lines run down from there), by section id.
    public let textCells: [String: WorkbookCell]
    /// The input cells of the cover sheet.
    public let coverFields: [CoverField: WorkbookCell]
    /// The row (zero-based, on the checks sheet) of each rule instance, in `form.ruleInstances` order.
    public let checkRows: [Int]
    /// The cell of the checks sheet's top line (`共 N 项，M 项不通过`, a formula).
    public static let checksSummary = CellReference(row: 0, column: 0)

    /// The name of the cover sheet.
    public static let coverSheetName = "封面"
    /// The name of the checks sheet.
    public static let checksSheetName = "校验"

    /// The columns of the checks sheet, left to right; one row per rule instance.
    public enum CheckColumn: Int, Sendable, CaseIterable {
        /// The rule as the form states it (`一 + 二 = 三(七) + 四`).
        case title
        /// Where the instance runs: the column (`自然人 列`) or row (`行政复议 行`).
        case place
        /// The cells compared, left side first, on their sheet (`工作表「三、…」D5:D6 = D28:D29`),
        /// a link to the first of them.
        case cells
        /// A formula: the sum of the left side.
        case left
        /// A formula: the sum of the right side.
        case right
        /// A formula: 通过 or 不通过.
        case result
    }

    /// The fields of the cover sheet, each one input cell.
    public enum CoverField: String, Sendable, CaseIterable {
        /// 机关名称: text.
        case agency
        /// 报告年度: a whole number.
        case year
        /// 成文日期: a date (a serial date number with a 年月日 format).
        case date
        /// 表式版本: the form id as text (locked; the document's custom property `xxgk.form` too).
        case form
    }

    /// The layout of `form`.
    public init(form: Form) {
        self.form = form
        var builder = Builder(form: form)
        builder.addCover()
        for section in form.sections {
            if let tableID = section.table, let table = form.table(tableID) {
                builder.addTable(table, heading: section.heading)
            } else {
                builder.addText(sectionID: section.id, heading: section.heading)
            }
        }
        builder.addChecks()
        sheets = builder.sheets
        cells = builder.cells
        textCells = builder.textCells
        coverFields = builder.coverFields
        checkRows = builder.checkRows
    }

    /// The layout of `form`, computed once per shipped form on first use (the writer asks for
    /// it on every workbook); a form that differs from the shipped one of its id is laid out anew.
    public static func of(_ form: Form) -> WorkbookLayout {
        cache.value(for: form) { WorkbookLayout(form: form) }
    }

    private static let cache = PerFormCache<WorkbookLayout>()

    /// The sheet with this name.
    public func sheet(named name: String) -> SheetLayout? { sheets.first { $0.name == name } }

    /// The sheet showing a section (`overview`, `applications`, …).
    public func sheet(forSection id: String) -> SheetLayout? {
        sheets.first { $0.sectionID == id }
    }

    /// The sheet of a table (`applications`).
    public func sheet(forTable id: String) -> SheetLayout? {
        sheets.first { $0.content == .table(id) }
    }

    /// The defined name of a value cell: its id `table.row.column` with every character
    /// other than ASCII letters, digits and `_` replaced by `_`
    /// (`applications.received.natural` → `applications_received_natural`), prefixed with `_`
    /// when it would not start with a letter or `_`. Unique within a form (checked by tests).
    public static func definedName(for cell: CellKey) -> String {
        nameSafe(cell.description)
    }

    /// The defined name of a text section's cell: `section_` + the section id (`section_overview`).
    public static func definedName(forSection id: String) -> String { nameSafe("section." + id) }

    /// The defined name of a cover field: `report_` + the field (`report_agency`).
    public static func definedName(for field: CoverField) -> String { "report_" + field.rawValue }

    /// A section heading as a sheet name: the characters Excel forbids in sheet names
    /// (`[ ] : * ? / \`) become `_`, leading and trailing apostrophes are dropped, and the name is
    /// cut to Excel's 31 characters (UTF-16 units). The official headings pass unchanged.
    public static func sheetName(forHeading heading: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var name = String(heading.map { forbidden.contains($0) ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        while name.utf16.count > 31 { name.removeLast() }
        return name.isEmpty ? "_" : name
    }

    private static func nameSafe(_ text: String) -> String {
        // On bytes: ASCII letters, digits and `_` stay, every other scalar becomes one `_`.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 1)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isLetter = (65...90).contains(value) || (97...122).contains(value)
            let isSafe = isLetter || (48...57).contains(value) || value == 95
            bytes.append(isSafe ? UInt8(value) : UInt8(ascii: "_"))
        }
        if let first = bytes.first, !((65...90).contains(first) || (97...122).contains(first) || first == UInt8(ascii: "_")) {
            bytes.insert(UInt8(ascii: "_"), at: 0)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One input or value cell of the workbook.
public struct WorkbookCell: Sendable, Hashable {
    /// The sheet's name.
    public let sheet: String
    /// The top-left cell (the one holding the value).
    public let reference: CellReference
    /// The bottom-right cell; equal to `reference` unless the cell is merged.
    public let last: CellReference
    /// The workbook-level defined name pointing at `reference`.
    public let definedName: String

    /// Whether the cell is a merged range.
    public var isMerged: Bool { reference != last }
}

/// What a label cell is, for styling and for the importer's label check.
public enum LabelRole: String, Sendable, CaseIterable {
    /// The sheet's heading (the section heading, the cover's form name).
    case title
    /// The caption of a block in section 二 (第二十条第（一）项).
    case caption
    /// The top-left cell of a header (信息内容, the 勾稽关系 note).
    case corner
    /// A header cell over value columns.
    case columnHeader
    /// A label cell left of value rows.
    case rowHeader
    /// The name of a cover field or a caption over an input cell.
    case fieldName
    /// Fixed explanatory text (填报说明).
    case instructions
}

/// A label or header cell: its text, role and merged span.
public struct LabelCell: Sendable, Hashable {
    /// The label exactly as the form states it.
    public let text: String
    /// What the label is.
    public let role: LabelRole
    /// The top-left cell (the one holding the text).
    public let first: CellReference
    /// The bottom-right cell; equal to `first` unless merged.
    public let last: CellReference
    /// Whether the text is written vertically (stacked characters): a label spanning more
    /// rows than columns that would not fit across its narrow column (三、本年度办理结果).
    public internal(set) var isVertical = false

    /// Whether the label is a merged range.
    public var isMerged: Bool { first != last }
}

/// How a sheet is scaled onto paper (always A4).
public enum PrintFit: Sendable, Equatable {
    /// The whole sheet on one page: the tables, as the official form prints them.
    case onePage
    /// As wide as one page, running onto as many pages as its rows need, never shrunk
    /// further: free text, the checks sheet, the cover.
    case width
}

/// One sheet of the workbook layout.
public struct SheetLayout: Sendable {
    /// What the sheet shows.
    public enum Content: Sendable, Equatable {
        case cover
        /// A table section, by table id.
        case table(String)
        /// A text section, by section id.
        case text(String)
        case checks
    }

    /// The sheet's name (see `WorkbookLayout.sheetName(forHeading:)`).
    public let name: String
    /// What the sheet shows.
    public let content: Content
    /// The section shown, for table and text sheets.
    public let sectionID: String?
    /// Every label and header cell, top to bottom.
    public internal(set) var labels: [LabelCell]
    /// The width of the sheet's content in columns.
    public internal(set) var columnCount: Int
    /// The number of rows used.
    public internal(set) var rowCount: Int
    /// Rows above the frozen pane (the heading and the header rows).
    public internal(set) var frozenRows: Int
    /// Columns left of the frozen pane (the row labels of a grid).
    public internal(set) var frozenColumns: Int
    /// Zero-based rows repeated at the top of every printed page, if any.
    public internal(set) var repeatedRows: ClosedRange<Int>?
    /// The width of each column in characters of the default font.
    public internal(set) var columnWidths: [Double]
    /// The height of rows that need more than the default, in points.
    public internal(set) var rowHeights: [Int: Double]
    /// Whether the sheet prints in landscape.
    public internal(set) var landscape: Bool
    /// How the sheet is scaled onto the page.
    public internal(set) var fit: PrintFit
}
