import Foundation
import ReportModel

/// Reporting, the last step of reading the tables: the chosen readings as values and lines,
/// and warnings for notes and units, rows the rules cannot settle, rows not found and the
/// tables the text therefore does not determine.
struct TableReporter {
    let form: Form
    let anchors: [Anchor]
    let matches: LabelMatches
    let resolution: AlignmentResolver.Resolution

    /// The tables' values, lines and warnings.
    func reading() -> TableReading {
        var reading = TableReading(warnings: matches.warnings, matchedRows: matches.matchedRows)
        for (index, group) in matches.groups.enumerated() {
            record(group, choice: resolution.chosen[index], into: &reading)
        }
        var undetermined: [String] = []
        func undetermine(_ table: String) {
            if !undetermined.contains(table) { undetermined.append(table) }
        }
        for index in resolution.ambiguous {
            let group = matches.groups[index]
            reading.warnings.append(ambiguityWarning(group))
            undetermine(group.cells.first?.table ?? "")
        }
        for (index, anchor) in anchors.enumerated() where !matches.found.contains(index) {
            guard let warning = missingWarning(anchor) else { continue }
            reading.warnings.append(warning)
            undetermine(anchor.table)
        }
        for table in undetermined {
            reading.warnings.append(Diagnostic(.warning, "table \(table) is undetermined: the text does not fix its values"))
        }
        return reading
    }

    /// A group's cells at its label's line; with a chosen reading, its values at their lines
    /// and a warning for each unit converted or note dropped.
    private func record(_ group: ValueGroup, choice: Int?, into reading: inout TableReading) {
        for cell in group.cells { reading.lines[cell] = group.line }
        guard let choice else { return }
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
            return Diagnostic(.warning, at: .line(token.line), "“\(value)\(token.suffix)” is in \(unit): converted to \(form.units.amount)")
        }
        return Diagnostic(.warning, at: .line(token.line), "“\(value)\(token.suffix)”: kept the number \(value), the note “\(token.suffix)” is not a value")
    }

    /// A row whose values the rules cannot place, with its candidate readings.
    private func ambiguityWarning(_ group: ValueGroup) -> Diagnostic {
        let readings = group.candidates.prefix(20).map { reading in
            reading.map { $0.map(ReportJSON.format) ?? "·" }.joined(separator: " ")
        }
        let more = group.candidates.count > 20 ? " (and \(group.candidates.count - 20) more)" : ""
        let row = group.cells.first.map { form.table($0.table)?.row($0.row)?.label ?? $0.row } ?? ""
        return Diagnostic(.warning, at: .line(group.line),
            "cannot tell which columns the values of “\(row)” belong to; candidate readings: \(readings.joined(separator: " | "))\(more); left blank")
    }

    /// A row or band header the text does not have; nil for a group label (its rows speak).
    private func missingWarning(_ anchor: Anchor) -> Diagnostic? {
        switch anchor.kind {
        case .row(let table, _, _):
            return Diagnostic(.warning, "row “\(anchor.label)” of table \(table) was not found: its cells are left blank")
        case .band(let table, _):
            return Diagnostic(.warning, "the header of table \(table) (“\(anchor.label)”) was not found: its cells are left blank")
        case .group:
            return nil
        }
    }
}
