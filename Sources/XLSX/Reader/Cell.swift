import Foundation

/// What a cell holds, as the file stores it (no formatting applied, no formula evaluated).
public enum CellValue: Sendable, Equatable {
    /// A number, as its text in the file (`12`, `0.1`, `1.5E-3`), so no precision is lost.
    case number(String)
    /// Text: a shared string, an inline string or a formula's text result.
    case string(String)
    /// A boolean (`1`/`0` or `true`/`false` in the file).
    case boolean(Bool)
    /// An error value (`#REF!`, `#DIV/0!`).
    case error(String)
    /// No value: a formula without a cached result.
    case empty

    /// The type as `xxgk cells` prints it.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .boolean: return "boolean"
        case .error: return "error"
        case .empty: return "empty"
        }
    }

    /// The value as text: the number's digits, the string, `TRUE`/`FALSE`, the error code, or "".
    public var text: String {
        switch self {
        case .number(let text), .string(let text), .error(let text): return text
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .empty: return ""
        }
    }
}

/// One cell with a value or a formula.
public struct Cell: Sendable, Equatable {
    /// Where the cell is.
    public let reference: CellReference
    /// Its stored value.
    public let value: CellValue
    /// Its formula without the leading `=`, shared formulas translated to this cell; nil when none.
    public let formula: String?

    /// A cell.
    public init(reference: CellReference, value: CellValue, formula: String? = nil) {
        self.reference = reference
        self.value = value
        self.formula = formula
    }
}

/// A rectangle of cells (`B2:D4`); a single cell has `first == last`.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    /// The top-left cell.
    public let first: CellReference
    /// The bottom-right cell.
    public let last: CellReference

    /// A range from two corners, in any order.
    public init(_ first: CellReference, _ last: CellReference) {
        self.first = CellReference(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellReference(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    /// Parses `B2:D4`, `$B$2` or `B2`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let first = CellReference(String(parts[0])),
            let last = CellReference(String(parts[parts.count - 1]))
        else { return nil }
        self.init(first, last)
    }

    /// Whether the range holds the cell.
    public func contains(_ reference: CellReference) -> Bool {
        (first.row...last.row).contains(reference.row) && (first.column...last.column).contains(reference.column)
    }

    /// `B2:D4`, or `B2` for a single cell.
    public var description: String { first == last ? first.description : "\(first):\(last)" }
}

/// A sheet of the workbook, in workbook order.
public struct SheetInfo: Sendable, Equatable {
    /// The name on its tab.
    public let name: String
    /// The archive path of its XML (`xl/worksheets/sheet1.xml`), found through the relationships.
    public let part: String
    /// `visible`, `hidden` or `veryHidden`.
    public let state: String
}

/// A workbook's defined name (`report_agency` → `封面!$B$3`).
public struct DefinedName: Sendable, Equatable {
    /// The name.
    public let name: String
    /// The index of the sheet the name is local to; nil for a workbook-wide name.
    public let sheetIndex: Int?
    /// What it refers to, as written (`'三、收到…'!$C$9`).
    public let formula: String
    /// Whether the name is hidden from the user.
    public let isHidden: Bool

    /// The sheet and range it points to, when it is a plain reference (`Sheet!$A$1:$B$2`).
    public var target: (sheet: String, range: CellRange)? {
        // On bytes: sheet names are mostly Chinese, where Character iteration is slow.
        let bytes = Array(formula.utf8)
        guard let bang = bytes.lastIndex(of: UInt8(ascii: "!")) else { return nil }
        var sheetBytes = bytes[..<bang]
        if sheetBytes.count >= 2, sheetBytes.first == UInt8(ascii: "'"), sheetBytes.last == UInt8(ascii: "'") {
            sheetBytes = sheetBytes.dropFirst().dropLast()
        }
        var sheet = String(decoding: sheetBytes, as: UTF8.self)
        if sheetBytes.contains(UInt8(ascii: "'")) { sheet = sheet.replacingOccurrences(of: "''", with: "'") }
        guard !sheet.isEmpty, let range = CellRange(String(decoding: bytes[(bang + 1)...], as: UTF8.self)) else { return nil }
        return (sheet, range)
    }
}

/// Every cell of one sheet, collected in memory, with its merged ranges.
public struct SheetContents: Sendable {
    /// The cells that have a value or a formula, by reference.
    public let cells: [CellReference: Cell]
    /// The merged ranges (only their top-left cell holds a value).
    public let mergedRanges: [CellRange]

    /// The cell at a reference, nil when it has neither value nor formula.
    public subscript(reference: CellReference) -> Cell? { cells[reference] }
}
