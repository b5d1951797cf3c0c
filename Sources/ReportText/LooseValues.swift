import Foundation
import ReportModel

/// Values printed apart from their labels: raw PDF text order (labels after their
/// numbers, rows given column by column) and converters that pull labels out of tables.
/// The unclaimed runs of values of a table are given, in order, to its rows whose labels
/// are printed without values; the rules choose row-by-row or column-by-column order.
extension TableWalker {
    /// What the loose-values pass read: value groups, the anchors they fill, and warnings.
    struct LooseResult {
        var groups: [ValueGroup] = []
        var found: Set<Int> = []
        var warnings: [Diagnostic] = []
    }

    /// The values of the rows label matching did not find with values, from each table's
    /// unclaimed runs of values.
    func looseValues(found: Set<Int>, claimed: Set<Int>, tableStart: [String: Int]) -> LooseResult {
        var result = LooseResult()
        let starts = regionStarts(tableStart: tableStart, claimed: claimed)
        for (position, table) in form.tables.enumerated() {
            guard let start = starts[table.id] else { continue }
            let end = form.tables[(position + 1)...].compactMap { starts[$0.id] }.first ?? tokens.count
            let missing = anchors.indices.filter { index in
                guard !found.contains(index), case .row(let owner, _, _) = anchors[index].kind else { return false }
                return owner == table.id
            }
            guard !missing.isEmpty, start < end else { continue }
            if let solved = solve(table: table, missing: missing, region: start..<end, claimed: claimed) {
                result.groups += solved.groups
                result.found.formUnion(solved.found)
                result.warnings += solved.warnings
            }
        }
        return result
    }

    /// Where each table's text begins: after the last value claimed before its first label,
    /// or at its section heading when that comes later.
    private func regionStarts(tableStart: [String: Int], claimed: Set<Int>) -> [String: Int] {
        var starts: [String: Int] = [:]
        for section in form.sections {
            guard let tableID = section.table, let first = tableStart[tableID] else { continue }
            var start = (claimed.filter { $0 < first }.max() ?? -1) + 1
            let heading = LabelPattern(Labels.coreScalars(Labels.normalize(section.heading)))
            if let headingToken = (start...first).last(where: { index in
                normalizedTexts[index].map { normalized in
                    !normalized.hasPrefix("(") && Labels.score(Labels.coreScalars(normalized), heading, atLeast: 0.8) >= 0.8
                } ?? false
            }) {
                start = headingToken
            }
            starts[tableID] = start
        }
        return starts
    }

    private struct Run {
        let tokens: [Token]
        var line: Int { tokens.first?.line ?? 0 }
    }

    /// A row waiting for values, and the label it is printed under.
    private struct WaitingRow {
        let anchor: Int
        let cells: [CellKey]
        let label: String
    }

    /// The values of `table`'s rows `missing` from the unclaimed runs of values of `region`;
    /// nil unless the runs fill exactly the rows whose labels the region prints.
    private func solve(table: TableDefinition, missing: [Int], region: Range<Int>, claimed: Set<Int>) -> LooseResult? {
        let runs = unclaimedRuns(in: region, claimed: claimed)
        guard !runs.isEmpty else { return nil }
        let (queue, singleRows) = waitingRows(missing, present: labelsPresent(in: region, table: table.id))
        var result = LooseResult()
        for (group, row) in singleRows {
            result.found.formUnion(descendants(of: group))
            result.warnings.append(Diagnostic(.warning,
                Messages.text("text.single_row_counted", ["single": anchors[group].label, "row": anchors[row].label])))
        }
        var position = 0
        for run in runs {
            var taken: [WaitingRow] = []
            var size = 0
            while position < queue.count, size < run.tokens.count {
                taken.append(queue[position])
                size += queue[position].cells.count
                position += 1
            }
            guard size == run.tokens.count, let orders = orders(of: run.tokens, for: taken.map(\.cells)) else { return nil }
            for (row, values) in zip(taken, orders) {
                result.groups.append(ValueGroup(cells: row.cells, line: values.first?.line ?? run.line, tokens: values, form: form,
                    kinds: anchors[row.anchor].kinds))
                result.found.insert(row.anchor)
            }
            let names = taken.map { "“\($0.label)”" }.joined(separator: Messages.text("list.separator"))
            result.warnings.append(Diagnostic(.warning, at: .line(run.line),
                taken.count > 1 ? Messages.text("text.loose_values.rows", ["names": names]) : Messages.text("text.loose_values.row", ["names": names])))
        }
        guard position == queue.count, !queue.isEmpty else { return nil }
        return result
    }

    /// Runs of unclaimed values in `region` holding at least one number.
    private func unclaimedRuns(in region: Range<Int>, claimed: Set<Int>) -> [Run] {
        var runs: [Run] = []
        var current: [Token] = []
        for index in region {
            if tokens[index].isValue && !claimed.contains(index) {
                current.append(tokens[index])
            } else {
                if current.contains(where: \.isNumber) { runs.append(Run(tokens: current)) }
                current = []
            }
        }
        if current.contains(where: \.isNumber) { runs.append(Run(tokens: current)) }
        return runs
    }

    /// The anchors of `table` (rows and groups) whose labels `region` prints.
    private func labelsPresent(in region: Range<Int>, table: String) -> Set<Int> {
        // The table's anchors once, not once per piece of text; scores on the anchors'
        // patterns (made once per form) and the segments' cores (made once per parse).
        let candidates = anchors.indices.filter { anchors[$0].table == table }
        var present = [Bool](repeating: false, count: anchors.count)
        var left = candidates.count
        var index = region.lowerBound
        while index < region.upperBound, left > 0 {
            guard tokens[index].text != nil else { index += 1; continue }
            let segments = segmentsStarting(at: index)
            var texts = segments.map { (text: $0.text, core: $0.core) }
            // Each line's text on its own too: raw order puts one label per line, and the
            // next line's words are not part of it. A text that is a segment already finds
            // the same labels.
            var single = index
            while single < tokens.count, !tokens[single].isNumber {
                if let text = normalizedTexts[single], !segments.contains(where: { $0.text == text }) {
                    texts.append((text, Labels.coreScalars(text)))
                }
                single += 1
            }
            for (text, core) in texts where !core.isEmpty {
                for anchorIndex in candidates where !present[anchorIndex] {
                    let anchor = anchors[anchorIndex]
                    // A short label (`3.其他`) only with its enumerator: `其他` is also a column.
                    let found = anchor.coreLength > 3 ? Labels.score(core, anchor.pattern, atLeast: 0.75) >= 0.75 : text == anchor.full
                    if found {
                        present[anchorIndex] = true
                        left -= 1
                    }
                }
            }
            index = max(index + 1, (segments.last?.endToken ?? index) + 1)
        }
        return Set(candidates.filter { present[$0] })
    }

    /// The rows waiting for values, in form order; a group printed without its rows stands
    /// for its last row (an older form's single row), returned as `singleRows` too.
    private func waitingRows(_ missing: [Int], present: Set<Int>) -> (queue: [WaitingRow], singleRows: [(group: Int, row: Int)]) {
        var queue: [WaitingRow] = []
        var singleRows: [(group: Int, row: Int)] = []
        for anchorIndex in missing {
            guard case .row(_, let row, let cells) = anchors[anchorIndex].kind else { continue }
            if present.contains(anchorIndex) {
                queue.append(WaitingRow(anchor: anchorIndex, cells: cells, label: anchors[anchorIndex].label))
                continue
            }
            let group = anchors[..<anchorIndex].indices.last { candidate in
                if case .group(_, let lastRow, _) = anchors[candidate].kind { return lastRow == row && present.contains(candidate) }
                return false
            }
            if let group, !descendants(of: group).contains(where: { present.contains($0) && $0 != anchorIndex }) {
                queue.append(WaitingRow(anchor: anchorIndex, cells: cells, label: anchors[group].label))
                singleRows.append((group, anchorIndex))
            }
        }
        return (queue, singleRows)
    }

    /// The values of each row: row by row, or column by column when that is the reading the
    /// rules accept (raw PDF text gives a table's columns one after another). Nil when the
    /// rules cannot choose.
    private func orders(of values: [Token], for rows: [[CellKey]]) -> [[Token]]? {
        var byRow: [[Token]] = []
        var offset = 0
        for cells in rows {
            byRow.append(Array(values[offset..<(offset + cells.count)]))
            offset += cells.count
        }
        guard rows.count > 1, let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else { return byRow }
        let byColumn = (0..<rows.count).map { row in (0..<width).map { column in values[column * rows.count + row] } }
        let readings = [byRow, byColumn].filter { reading in zip(reading, rows).allSatisfy { rowRulesHold($0, $1) } }
        guard let first = readings.first else { return nil }
        if readings.count == 2, !same(byRow, byColumn) { return nil }
        return first
    }

    private func same(_ a: [[Token]], _ b: [[Token]]) -> Bool {
        zip(a.joined(), b.joined()).allSatisfy { $0.kind == $1.kind }
    }

    /// Whether the rules within one row hold for these values.
    func rowRulesHold(_ tokens: [Token], _ cells: [CellKey]) -> Bool {
        var values: [CellKey: Decimal] = [:]
        for (token, cell) in zip(tokens, cells) {
            if case .number(let digits) = token.kind, let value = DigitSplits.number(digits) {
                values[cell] = ValueGroup.scaled(value, token.suffix, units: form.units)
            }
        }
        return Rule.Instance.instances(inside: cells, of: form).allSatisfy { $0.holds(in: values) }
    }
}
