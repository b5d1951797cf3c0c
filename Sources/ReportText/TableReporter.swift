import Foundation
import ReportModel

/// Reporting, the last step of reading the tables: the chosen readings as values and lines,
/// warnings for notes and units, the rows the rules cannot settle and the rows not found as
/// `Unresolved` parts (errors of the report, never silent blanks), and a warning for each
/// table the text therefore does not determine.
struct TableReporter {
    let form: Form
    let anchors: [Anchor]
    let matches: LabelMatches
    let resolution: AlignmentResolver.Resolution

    /// The tables' values, lines and warnings.
    func reading() -> TableReading {
        var reading = TableReading(warnings: matches.warnings, matchedRows: matches.matchedRows)
        // Room for every cell at once: growing rehashes every key (three strings each).
        let cellCount = matches.groups.reduce(0) { $0 + $1.cells.count }
        reading.values.reserveCapacity(cellCount)
        reading.lines.reserveCapacity(cellCount)
        for (index, group) in matches.groups.enumerated() {
            record(group, choice: resolution.chosen[index], into: &reading)
        }
        var undetermined: [String] = []
        func undetermine(_ table: String) {
            if !undetermined.contains(table) { undetermined.append(table) }
        }
        for index in resolution.ambiguous {
            let group = matches.groups[index]
            guard let first = group.cells.first else { continue }
            reading.unresolved.append(Unresolved(
                table: first.table, row: first.row, line: group.line, reason: .ambiguous, candidates: group.candidates))
            undetermine(first.table)
        }
        for (index, anchor) in anchors.enumerated() where !matches.found.contains(index) {
            guard let missing = missingPart(anchor) else { continue }
            reading.unresolved.append(missing)
            undetermine(anchor.table)
        }
        for table in undetermined {
            reading.warnings.append(Diagnostic(.warning, Messages.text("text.table_undetermined", ["table": table])))
        }
        return reading
    }

    /// A group's cells at its label's line; with a chosen reading, its values at their lines
    /// and a warning for each unit converted or note dropped.
    private func record(_ group: ValueGroup, choice: Int?, into reading: inout TableReading) {
        guard let choice else {
            for cell in group.cells { reading.lines[cell] = group.line }
            return
        }
        // Every cell has a line in the reading (a blank's is the label's).
        for (position, cell) in group.cells.enumerated() {
            if let value = group.candidates[choice][position] { reading.values[cell] = value }
            reading.lines[cell] = group.lines[choice][position]
        }
        // The cells' own units need no word: only conversions and notes do.
        for token in group.tokens where !token.suffix.isEmpty && !form.units.isOwnUnit(token.suffix) {
            reading.warnings.append(noteWarning(token))
        }
    }

    /// A value printed with another unit (converted) or a note (dropped).
    private func noteWarning(_ token: Token) -> Diagnostic {
        let value: String
        if case .number(let digits) = token.kind { value = digits } else { value = "" }
        if form.units.conversion(for: token.suffix) != nil {
            let unit = form.units.amountConversions.keys.first { token.suffix.hasPrefix($0) } ?? token.suffix
            return Diagnostic(.warning, at: .line(token.line), Messages.text("text.unit_converted", ["value": value + token.suffix, "unit": unit, "amount": form.units.amount]))
        }
        return Diagnostic(.warning, at: .line(token.line), Messages.text("text.note_dropped", ["written": value + token.suffix, "value": value, "note": token.suffix]))
    }

    /// A row or band header the text does not have; nil for a group label (its rows speak).
    private func missingPart(_ anchor: Anchor) -> Unresolved? {
        switch anchor.kind {
        case .row(let table, let row, _):
            return Unresolved(table: table, row: row, line: nil, reason: .notFound)
        case .band(let table, _):
            return Unresolved(table: table, row: nil, line: nil, reason: .notFound)
        case .group:
            return nil
        }
    }
}
