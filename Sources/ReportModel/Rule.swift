import Foundation

/// How serious a finding is: errors break a rule of the official form, warnings are
/// plausibility checks.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// A cross-check of the form (勾稽关系), read from the form definition:
/// `left relation right`, where each side is a sum of row ids (evaluated in every column)
/// or of column ids (evaluated in every row).
public struct Rule: Sendable, Equatable {
    /// The comparison between the two sums.
    public enum Relation: String, Sendable {
        case equal = "="
        case atLeast = ">="
        /// The sign shown when the rule fails (`≠`, `<`).
        public var failureSign: String { self == .equal ? "≠" : "<" }
    }
    /// Whether the terms are rows (the rule holds in each column) or columns (in each row).
    public enum Scope: String, Sendable, Codable, CaseIterable {
        case column
        case row
    }

    /// The shape of a rule in a definition file.
    struct Definition {
        let id: String
        let severity: Severity
        let table: String
        let title: String
        let forEach: Scope
        let expression: String
        let computes: Bool?
        let rows: [String]?
        let columns: [String]?

        /// A rule of a definition file.
        init(_ object: DefinitionObject) throws(DefinitionReadError) {
            id = try object.string("id")
            severity = try object.choice("severity", as: Severity.self)
            table = try object.string("table")
            title = try object.string("title")
            forEach = try object.choice("for_each", as: Scope.self)
            expression = try object.string("expression")
            computes = try object.bool(ifPresent: "computes")
            rows = try object.strings(ifPresent: "rows")
            columns = try object.strings(ifPresent: "columns")
        }
    }

    struct DefinitionError: Error { let reason: String }

    public let id: String
    public let severity: Severity
    public let table: String
    /// The rule as the official form states it (`一 + 二 = 三(七) + 四`).
    public let title: String
    public let scope: Scope
    public let left: [String]
    public let relation: Relation
    public let right: [String]
    /// True when the single id on the left is a total that the workbook computes by
    /// formula from the right side (总计 column, （七）总计 row), rather than an input.
    public let computesLeft: Bool
    /// The rows (scope `.row`) or columns (scope `.column`) the rule is limited to; nil for all.
    public let limitedTo: [String]?
    /// True for a rule across two reports of one agency: the left side is read from the
    /// report of a year, the right side from its report of the year before (上年结转 =
    /// last year's 结转下年度继续办理). Its title may name `{year}` and `{previous_year}`.
    public let acrossYears: Bool

    init(_ definition: Definition, tables: [TableDefinition], acrossYears: Bool = false) throws(DefinitionError) {
        guard let table = tables.first(where: { $0.id == definition.table }) else {
            throw DefinitionError(reason: Messages.text("form.rule.unknown_table", ["table": definition.table]))
        }
        let relation: Relation
        let sides: [Substring]
        if definition.expression.contains(">=") {
            relation = .atLeast
            sides = definition.expression.split(separator: ">=")
        } else {
            relation = .equal
            sides = definition.expression.split(separator: "=")
        }
        guard sides.count == 2 else { throw DefinitionError(reason: Messages.text("form.rule.relation", ["expression": definition.expression])) }
        func terms(_ side: Substring) -> [String] {
            side.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        id = definition.id
        severity = definition.severity
        self.table = definition.table
        title = definition.title
        scope = definition.forEach
        left = terms(sides[0])
        self.relation = relation
        right = terms(sides[1])
        computesLeft = definition.computes ?? false
        limitedTo = definition.forEach == .row ? definition.rows : definition.columns
        self.acrossYears = acrossYears
        if acrossYears && computesLeft { throw DefinitionError(reason: Messages.text("form.rule.across_years_computes")) }
        if computesLeft && (left.count != 1 || relation != .equal) {
            throw DefinitionError(reason: Messages.text("form.rule.computing"))
        }
        let known: Set<String> = scope == .column
            ? Set(table.rows.map(\.id))
            : Set(table.rows.flatMap { $0.columns.map(\.id) })
        for term in left + right where !known.contains(term) {
            throw DefinitionError(reason: scope == .column ? Messages.text("form.rule.unknown_row", ["id": term]) : Messages.text("form.rule.unknown_column", ["id": term]))
        }
        if instances(in: table).isEmpty { throw DefinitionError(reason: Messages.text("form.rule.no_cell")) }
    }

    /// One application of the rule: in one column (or row), the cells of each side.
    public struct Instance: Sendable, Equatable {
        public let rule: Rule
        /// The column (scope `.column`) or row (scope `.row`) id the instance is in.
        public let along: String
        public let left: [CellKey]
        public let right: [CellKey]
        /// Every cell involved, left side first.
        public var cells: [CellKey] { left + right }
    }

    /// Every instance of the rule in `table`: one per column that all its rows share, or
    /// one per row that has all its columns.
    public func instances(in table: TableDefinition) -> [Instance] {
        let terms = left + right
        switch scope {
        case .column:
            let rows = terms.compactMap { table.row($0) }
            guard let first = rows.first else { return [] }
            let columns = first.columns.map(\.id).filter { column in
                rows.allSatisfy { $0.column(column) != nil } && (limitedTo?.contains(column) ?? true)
            }
            return columns.map { column in
                Instance(
                    rule: self, along: column,
                    left: left.map { CellKey(table: table.id, row: $0, column: column) },
                    right: right.map { CellKey(table: table.id, row: $0, column: column) })
            }
        case .row:
            return table.rows.filter { row in
                terms.allSatisfy { row.column($0) != nil } && (limitedTo?.contains(row.id) ?? true)
            }.map { row in
                Instance(
                    rule: self, along: row.id,
                    left: left.map { CellKey(table: table.id, row: row.id, column: $0) },
                    right: right.map { CellKey(table: table.id, row: row.id, column: $0) })
            }
        }
    }
}

extension Form {
    /// Every instance of every rule of `rules` over `tables`, in rule order.
    static func instances(of rules: [Rule], in tables: [TableDefinition]) -> [Rule.Instance] {
        rules.flatMap { rule in tables.first { $0.id == rule.table }.map { rule.instances(in: $0) } ?? [] }
    }

    /// The cells that are totals computed from other cells, with the instance computing each.
    static func computedCells(of instances: [Rule.Instance]) -> [CellKey: Rule.Instance] {
        var computed: [CellKey: Rule.Instance] = [:]
        for instance in instances where instance.rule.computesLeft {
            if let cell = instance.left.first, computed[cell] == nil { computed[cell] = instance }
        }
        return computed
    }
}
