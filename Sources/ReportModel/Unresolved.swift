import Foundation

/// A part of a table that the source did not determine: a row whose printed values admit
/// several readings the rules cannot choose between, or a row (or a band's header) not found
/// at all. Its cells stay blank in the report, and the report says so: `check` counts each
/// as an error (`report.unresolved`), and the JSON keeps it, so a later reader knows.
public struct Unresolved: Sendable, Equatable {
    /// Why the cells are not known.
    public enum Reason: String, Sendable {
        /// The values printed admit several readings (`candidates`).
        case ambiguous
        /// The row's label (or the table's header) was not found in the source.
        case notFound = "not_found"
        /// One cell holds something that is not a value of its column's kind (`十二`, `-1` for
        /// a count, `2.5` for a whole number, `2件`): `column` names the cell and `typed` keeps
        /// what was typed, so the cell is blank in the report but nothing is lost.
        case invalid
    }

    /// The table id.
    public let table: String
    /// The row id, or nil when the whole table is meant (a band header not found).
    public let row: String?
    /// The line of the source where the values were printed, when known.
    public let line: Int?
    public let reason: Reason
    /// For `.ambiguous`: each reading the text allows, one value (or nil for blank) per
    /// column of the row in form order.
    public let candidates: [[Decimal?]]
    /// For `.invalid`: the column id of the bad cell.
    public let column: String?
    /// For `.invalid`: the cell's content as the user typed it (`十二`).
    public let typed: String?

    /// An unresolved row (or table, when `row` is nil).
    public init(table: String, row: String?, line: Int?, reason: Reason, candidates: [[Decimal?]] = []) {
        self.table = table
        self.row = row
        self.line = line
        self.reason = reason
        self.candidates = candidates
        column = nil
        typed = nil
    }

    /// A bad cell: `typed` is what it holds, which is not a value of its column's kind.
    public init(invalid cell: CellKey, typed: String, line: Int? = nil) {
        table = cell.table
        row = cell.row
        column = cell.column
        self.line = line
        reason = .invalid
        candidates = []
        self.typed = typed
    }

    /// The bad cell of an `.invalid` entry; nil for a row or a table.
    public var invalidCell: CellKey? {
        guard reason == .invalid, let row, let column else { return nil }
        return CellKey(table: table, row: row, column: column)
    }

    /// The cells it leaves unknown in `form`: the bad cell, the row's, or the whole table's.
    public func cells(in form: Form) -> [CellKey] {
        if let cell = invalidCell { return form.contains(cell) ? [cell] : [] }
        guard let table = form.table(table) else { return [] }
        guard let row else { return table.cells }
        return table.row(row).map { row in row.columns.map { CellKey(table: table.id, row: row.id, column: $0.id) } } ?? []
    }
}

extension CheckEngine {
    /// The rule id of the findings for unresolved parts.
    public static let unresolvedRule = "report.unresolved"

    /// One error per unresolved part: nothing a source did not determine passes as blank.
    public static func unresolvedFindings(_ report: Report) -> [Finding] {
        report.unresolved.map { unresolved in
            if let cell = unresolved.invalidCell { return invalidCellFinding(cell, typed: unresolved.typed ?? "", in: report.form) }
            let form = report.form
            let table = form.table(unresolved.table)
            let place = unresolved.row.flatMap { table?.row($0)?.labelPath.joined(separator: "›") } ?? unresolved.table
            let line = unresolved.line.map { Messages.text("unresolved.line", ["line": String($0)]) } ?? ""
            let what: String
            switch unresolved.reason {
            case .ambiguous:
                let readings = unresolved.candidates.prefix(20).map { reading in
                    reading.map { $0.map(ReportJSON.format) ?? "·" }.joined(separator: " ")
                }
                let more = unresolved.candidates.count > 20 ? Messages.text("unresolved.more", ["count": String(unresolved.candidates.count - 20)]) : ""
                what = Messages.text("unresolved.ambiguous", ["place": place, "line": line, "readings": readings.joined(separator: " | "), "more": more])
            case .invalid:
                what = Messages.text("unresolved.invalid", ["place": place])
            case .notFound:
                what = unresolved.row == nil
                    ? Messages.text("unresolved.table_not_found")
                    : Messages.text("unresolved.row_not_found", ["place": place])
            }
            return Finding(
                rule: unresolvedRule, severity: .error, cells: unresolved.cells(in: form), place: place,
                found: nil, expected: nil, message: Messages.text("unresolved.finding", ["table": form.heading(ofTable: unresolved.table), "what": what]))
        }
    }
}
