import Foundation
import ReportModel

/// What stage 3 read of the tables: each cell's value and line, and what the text left open.
struct TableReading {
    var values: [CellKey: Decimal] = [:]
    /// The line each cell (valued or blank) was read from.
    var lines: [CellKey: Int] = [:]
    var warnings: [Diagnostic] = []
    /// The rows the text does not determine (ambiguous or not found): errors, never blanks.
    var unresolved: [Unresolved] = []
    /// The rows (and the band) whose labels were found: how much of the form the text has.
    var matchedRows = 0
}

/// Stage 3 of reading a text report: the tables, in three steps: label matching
/// (`TableWalker`), resolving (the loose-values pass, then `AlignmentResolver` choosing each
/// row's reading by the rules) and reporting (`TableReporter`).
struct TableReader {
    let form: Form
    let tokens: [Token]

    /// The values of the form's tables in `tokens`.
    func read() -> TableReading {
        let walker = TableWalker(form: form, tokens: tokens)
        var matches = walker.matchLabels()
        matches.add(walker.looseValues(found: matches.found, claimed: matches.claimed, tableStart: matches.tableStart))
        let resolution = AlignmentResolver(form: form, groups: matches.groups).resolve()
        return TableReporter(form: form, anchors: walker.anchors, matches: matches, resolution: resolution).reading()
    }
}
