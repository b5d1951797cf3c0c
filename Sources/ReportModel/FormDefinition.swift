import Foundation

/// The kind of value a cell holds, which fixes what may be written in it.
public enum ValueKind: String, Sendable, Codable, CaseIterable {
    /// A whole number ≥ 0 (most cells).
    case count
    /// A signed whole number (本年增/减).
    case change
    /// A decimal ≥ 0 in the form's unit of amounts (采购总金额, 本年收费金额).
    case amount

    /// What a valid value looks like, for messages ("expected a whole number ≥ 0"); `unit`
    /// is the form's unit of the kind (`Units.unit(of:)`), named for amounts.
    public func expectation(unit: String?) -> String {
        switch self {
        case .count: return Messages.text("form.expect.count")
        case .change: return Messages.text("form.expect.change")
        case .amount: return unit.map { Messages.text("form.expect.amount_in", ["unit": $0]) } ?? Messages.text("form.expect.amount")
        }
    }

    /// The largest magnitude a value may have: 15 digits, as many as a workbook cell holds
    /// exactly. Far above any real report, and low enough that sums never overflow `Decimal`
    /// (which would turn them into NaN and the JSON written into invalid JSON).
    public static let largestMagnitude: Decimal = 999_999_999_999_999

    /// Whether `value` may stand in a cell of this kind.
    public func accepts(_ value: Decimal) -> Bool {
        guard !value.isNaN, value.magnitude <= Self.largestMagnitude else { return false }
        switch self {
        case .count: return value >= 0 && value.isWholeNumber
        case .change: return value.isWholeNumber
        case .amount: return value >= 0
        }
    }

    /// True when `value` is rejected for its size alone: nil (a number too large or too
    /// precise for `Decimal`), NaN, or beyond `largestMagnitude`.
    public static func isTooLarge(_ value: Decimal?) -> Bool {
        guard let value, !value.isNaN else { return true }
        return value.magnitude > largestMagnitude
    }

    /// What a valid value looks like, said for a number that was rejected: with the size
    /// limit when the number's size is what is wrong ("a whole number ≥ 0 of at most 15 digits").
    public func expectation(rejecting value: Decimal?, unit: String?) -> String {
        Self.isTooLarge(value) ? Messages.text("form.expect.at_most_digits", ["expectation": expectation(unit: unit)]) : expectation(unit: unit)
    }
}

extension Decimal {
    /// True when the value has no fractional part.
    public var isWholeNumber: Bool {
        var copy = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &copy, 0, .plain)
        return rounded == self
    }
}

/// A node of a label tree: a header cell of the official table, spanning its children.
/// A node with an `id` names a row or column of the model.
public struct LabelNode: Sendable, Codable, Equatable {
    public let id: String?
    public let label: String
    public let children: [LabelNode]?
    /// How many value columns the cell spans, for single-column blocks of section 二 (2021).
    public let span: Int?
    /// The value kind of a column node; `count` where absent.
    public let kind: ValueKind?

    /// The children, or none for a leaf.
    public var childNodes: [LabelNode] { children ?? [] }
    /// Number of levels below and including this node.
    public var depth: Int { 1 + (childNodes.map(\.depth).max() ?? 0) }
    /// Number of leaves below this node (1 for a leaf).
    public var leafCount: Int { childNodes.isEmpty ? 1 : childNodes.map(\.leafCount).reduce(0, +) }
}

/// One value column of a row.
public struct ColumnDefinition: Sendable, Equatable {
    /// The stable id (`natural`, `total`, `amount`).
    public let id: String
    /// The labels from the outermost header cell down to this column's own (`法人或其他组织`, `商业企业`).
    public let labelPath: [String]
    public let kind: ValueKind
    /// How many grid columns the value cell spans (1 except in section 二 of the 2021 form).
    public let span: Int
    /// The column's own label.
    public var label: String { labelPath.last ?? id }
}

/// One row of values.
public struct RowDefinition: Sendable, Equatable {
    /// The stable id (`received`, `denied_state_secret`, `review`).
    public let id: String
    /// The labels from the outermost label cell down to this row's own.
    public let labelPath: [String]
    /// The row's value columns, in form order.
    public let columns: [ColumnDefinition]
    /// The row's own label.
    public var label: String { labelPath.last ?? id }

    /// The column with this id, if the row has it.
    public func column(_ id: String) -> ColumnDefinition? { columns.first { $0.id == id } }
}

/// A small table of section 二: its caption (第二十条第（一）项), corner label, columns and rows.
public struct TableBlock: Sendable, Equatable {
    public let caption: String
    public let corner: String
    public let columns: [ColumnDefinition]
    public let rows: [LabelNode]
}

/// How a table is laid out in the official form. Each layout is drawn, read and parsed by
/// generic code; a new form reuses these layouts with other labels.
public enum TableLayout: Sendable, Equatable {
    /// A column of small tables, each with a caption row and its own header (section 二).
    case blocks([TableBlock])
    /// Label columns on the left (nested row labels), a header tree over the value columns,
    /// and a note in the top-left corner (section 三).
    case grid(corner: String, columnHeader: [LabelNode], rowHeader: [LabelNode])
    /// A single row of values under a header tree; each node with an id and children is a
    /// row of the model, its leaves its columns (section 四).
    case band(columnHeader: [LabelNode])
}

/// One table of the form: its layout and its rows in form order.
public struct TableDefinition: Sendable, Equatable {
    public let id: String
    public let layout: TableLayout
    public let rows: [RowDefinition]

    /// The row with this id, if the table has it.
    public func row(_ id: String) -> RowDefinition? { rows.first { $0.id == id } }

    /// Every cell of the table, row by row, in form order.
    public var cells: [CellKey] {
        rows.flatMap { row in row.columns.map { CellKey(table: id, row: row.id, column: $0.id) } }
    }

    /// The number of label columns (grid) or label levels, for layouts that have them.
    public var rowLabelDepth: Int {
        if case .grid(_, _, let rowHeader) = layout { return rowHeader.map(\.depth).max() ?? 1 }
        return 1
    }
}

/// One of the report's six sections, with its official heading.
public struct SectionDefinition: Sendable, Equatable, Codable {
    public let id: String
    public let heading: String
    /// The table shown in this section, or nil for a text section.
    public let table: String?
}

/// The years a form is used for.
public struct YearRange: Sendable, Equatable, Codable {
    public let first: Int
    public let last: Int?

    /// Whether reports of `year` use this form.
    public func contains(_ year: Int) -> Bool { year >= first && year <= (last ?? Int.max) }
    /// "2019–2020" or "2021 on".
    public var description: String { last.map { "\(first)–\($0)" } ?? Messages.text("form.years.from", ["first": String(first)]) }
}

extension LabelNode {
    /// A node of a definition file (`{"id": …, "label": …, "children": […]}`).
    init(_ object: DefinitionObject) throws(DefinitionReadError) {
        id = try object.string(ifPresent: "id")
        label = try object.string("label")
        children = try object.list(ifPresent: "children", LabelNode.init)
        span = try object.integer(ifPresent: "span")
        kind = try object.choice(ifPresent: "kind", as: ValueKind.self)
    }
}

extension SectionDefinition {
    /// A section of a definition file.
    init(_ object: DefinitionObject) throws(DefinitionReadError) {
        id = try object.string("id")
        heading = try object.string("heading")
        table = try object.string(ifPresent: "table")
    }
}

extension YearRange {
    /// The `years` of a definition file.
    init(_ object: DefinitionObject) throws(DefinitionReadError) {
        first = try object.integer("first")
        last = try object.integer(ifPresent: "last")
    }
}
