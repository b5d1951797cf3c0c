import Foundation
import ReportModel

/// Walks the tokens of a report, finds the form's row labels in order, takes the values
/// that follow each, and settles their alignment with the form's rules.
struct TableWalker {
    let form: Form
    let tokens: [Token]
    /// The first header label of each band table (`行政复议`).
    private let bandCores: [String]
    /// The lines that hold some text (labels, headers, prose).
    private let linesWithText: Set<Int>

    init(form: Form, tokens: [Token]) {
        self.form = form
        self.tokens = tokens
        bandCores = Anchor.anchors(of: form).compactMap { anchor in
            if case .band = anchor.kind { return anchor.core }
            return nil
        }
        linesWithText = Set(tokens.filter { $0.text != nil }.map(\.line))
    }

    struct Result {
        var values: [CellKey: Decimal] = [:]
        var lines: [CellKey: Int] = [:]
        var warnings: [Diagnostic] = []
        var matchedRows = 0
    }


    /// How many unmatched labels ahead a label may be found (rows a report leaves out).
    private let window = 8

    func walk() -> Result {
        let anchors = Anchor.anchors(of: form)
        var result = Result()
        var groups: [ValueGroup] = []
        var next = 0
        var index = 0
        var tablesStarted: Set<String> = []
        // Anchors read (rows with their values) or accounted for (rows under a single row of
        // an older form).
        var found: Set<Int> = []
        // The tokens taken as some row's values.
        var claimed: Set<Int> = []
        // The first token of each table's first label found, to tell tables' regions apart.
        var tableStart: [String: Int] = [:]
        while index < tokens.count {
            guard tokens[index].text != nil else { index += 1; continue }
            // A run of text tokens, segmented at cell boundaries and enumerators.
            let segments = segmentsStarting(at: index)
            var matchedEnd: Int?
            for segment in segments {
                guard next < anchors.count else { break }
                guard let (anchorIndex, _) = bestAnchor(segment.text, anchors: anchors, from: next, started: tablesStarted, endToken: segment.endToken) else { continue }
                let anchor = anchors[anchorIndex]
                if !segment.takesValues {
                    // A label glued to the next one has no values of its own.
                    if case .group = anchor.kind { next = anchorIndex + 1 }
                    continue
                }
                switch anchor.kind {
                case .row(let table, _, let cells):
                    var values = valuesAfter(segment.endToken)
                    // More numbers than cells after a label (raw PDF order): the row's own
                    // when the first of them make a row its rules accept; the rest (or all)
                    // are left for `looseValues`.
                    if values.tokens.filter(\.isNumber).count > cells.count, !values.tokens.contains(where: \.inCell) {
                        let own = Array(values.tokens.prefix(cells.count))
                        guard own.allSatisfy(\.isNumber), rowRulesHold(own, cells),
                            let last = (segment.endToken + 1..<values.end).filter({ tokens[$0].isValue }).dropFirst(cells.count - 1).first
                        else { continue }
                        values = (own, last + 1)
                    }
                    groups.append(ValueGroup(cells: cells, line: tokens[segment.endToken].line, tokens: values.tokens, form: form))
                    tablesStarted.insert(table)
                    if tableStart[table] == nil { tableStart[table] = segment.endToken }
                    result.matchedRows += 1
                    found.insert(anchorIndex)
                    claimed.formUnion((segment.endToken + 1)..<values.end)
                    matchedEnd = values.end
                case .group(let table, let lastRow, let cells):
                    let values = valuesAfter(segment.endToken)
                    if values.tokens.contains(where: \.isNumber), values.tokens.filter(\.isNumber).count <= cells.count {
                        groups.append(ValueGroup(cells: cells, line: tokens[segment.endToken].line, tokens: values.tokens, form: form))
                        let rowLabel = form.table(table)?.row(lastRow)?.label ?? lastRow
                        result.warnings.append(Diagnostic(.warning, at: .line(tokens[segment.endToken].line),
                            "the single row “\(anchor.label)” (an older form's row) is counted under “\(rowLabel)”"))
                        matchedEnd = values.end
                        claimed.formUnion((segment.endToken + 1)..<values.end)
                        result.matchedRows += 1
                        found.formUnion(descendants(of: anchorIndex, in: anchors))
                    } else if values.tokens.contains(where: \.isNumber) {
                        continue
                    }
                case .band(let table, let cells):
                    let values = bandValues(after: segment.endToken, count: cells.count)
                    if tableStart[table] == nil { tableStart[table] = segment.endToken }
                    if let values {
                        groups.append(ValueGroup(cells: cells, line: tokens[segment.endToken].line, tokens: values.tokens, form: form))
                        claimed.formUnion((segment.endToken + 1)..<values.end)
                        matchedEnd = values.end
                    }
                    result.matchedRows += 1
                    found.insert(anchorIndex)
                }
                next = anchorIndex + 1
                if matchedEnd != nil { break }
            }
            index = max(index + 1, matchedEnd ?? segments.last.map { $0.endToken + 1 } ?? index + 1)
        }
        let loose = looseValues(anchors: anchors, found: found, claimed: claimed, tableStart: tableStart)
        groups += loose.groups
        found.formUnion(loose.found)
        result.warnings += loose.warnings
        result.matchedRows += loose.found.count
        var resolver = AlignmentResolver(form: form, groups: groups)
        let (chosen, ambiguous) = resolver.resolve()
        var undetermined: [String] = []
        for (groupIndex, group) in groups.enumerated() {
            for cell in group.cells { result.lines[cell] = group.line }
            if let choice = chosen[groupIndex] {
                for (position, cell) in group.cells.enumerated() {
                    if let value = group.candidates[choice][position] { result.values[cell] = value }
                    result.lines[cell] = group.lines[choice][position]
                }
                // The cells' own units need no word: only conversions and notes do.
                for token in group.tokens where !token.suffix.isEmpty && !form.units.isOwnUnit(token.suffix) {
                    result.warnings.append(noteWarning(token))
                }
            }
        }
        for groupIndex in ambiguous {
            let group = groups[groupIndex]
            let table = group.cells.first?.table ?? ""
            let readings = group.candidates.prefix(20).map { reading in
                reading.map { $0.map(ReportJSON.format) ?? "·" }.joined(separator: " ")
            }
            let more = group.candidates.count > 20 ? " (and \(group.candidates.count - 20) more)" : ""
            let row = group.cells.first.map { form.table($0.table)?.row($0.row)?.label ?? $0.row } ?? ""
            result.warnings.append(Diagnostic(.warning, at: .line(group.line),
                "cannot tell which columns the values of “\(row)” belong to; candidate readings: \(readings.joined(separator: " | "))\(more); left blank"))
            if !undetermined.contains(table) { undetermined.append(table) }
        }
        for (anchorIndex, anchor) in anchors.enumerated() where !found.contains(anchorIndex) {
            guard case .row(let table, _, _) = anchor.kind else {
                if case .band(let table, _) = anchor.kind {
                    result.warnings.append(Diagnostic(.warning, "the header of table \(table) (“\(anchor.label)”) was not found: its cells are left blank"))
                    if !undetermined.contains(table) { undetermined.append(table) }
                }
                continue
            }
            result.warnings.append(Diagnostic(.warning, "row “\(anchor.label)” of table \(table) was not found: its cells are left blank"))
            if !undetermined.contains(table) { undetermined.append(table) }
        }
        for table in undetermined {
            result.warnings.append(Diagnostic(.warning, "table \(table) is undetermined: the text does not fix its values"))
        }
        return result
    }

    /// The anchors under a group anchor (pre-order: up to its last row).
    func descendants(of group: Int, in anchors: [Anchor]) -> [Int] {
        guard case .group(_, let lastRow, _) = anchors[group].kind else { return [] }
        var result: [Int] = []
        var index = group + 1
        while index < anchors.count {
            result.append(index)
            if case .row(_, lastRow, _) = anchors[index].kind { break }
            index += 1
        }
        return result
    }

    private func noteWarning(_ token: Token) -> Diagnostic {
        let value: String
        if case .number(let digits) = token.kind { value = digits } else { value = "" }
        if form.units.conversion(for: token.suffix) != nil {
            let unit = form.units.amountConversions.keys.first { token.suffix.hasPrefix($0) } ?? token.suffix
            return Diagnostic(.warning, at: .line(token.line), "“\(value)\(token.suffix)” is in \(unit): converted to \(form.units.amount)")
        }
        return Diagnostic(.warning, at: .line(token.line), "“\(value)\(token.suffix)”: kept the number \(value), the note “\(token.suffix)” is not a value")
    }

    struct Segment {
        let text: String
        let endToken: Int
        /// Only the last label of a token can be followed by that token's values.
        var takesValues = true
    }

    /// The text run from `start` (text tokens, skipping empty cells, broken by values), cut
    /// into segments at cell boundaries and enumerators (`1.`, `（一）`, `一、`).
    func segmentsStarting(at start: Int) -> [Segment] {
        var segments: [Segment] = []
        var current = ""
        var currentEnd = start
        var index = start
        while index < tokens.count, !tokens[index].isNumber {
            let token = tokens[index]
            guard let text = token.text else { index += 1; continue }
            let normalized = Labels.normalize(text)
            // A new line that starts a cell-separated row, or a new cell: a new segment.
            // Cells are labels of their own; so is a line that begins with the band's first
            // header label (`行政复议行政诉讼` under a heading that names it too).
            let separated = segmentBoundary(before: index)
                || (index > start && tokens[index - 1].line != token.line && bandCores.contains { normalized.hasPrefix($0) })
            if separated, !current.isEmpty {
                segments.append(contentsOf: cut(current, end: currentEnd))
                current = ""
            }
            current += normalized
            currentEnd = index
            index += 1
            if segments.count > 200 { break }
        }
        if !current.isEmpty { segments.append(contentsOf: cut(current, end: currentEnd)) }
        return segments
    }

    /// Cells of a TAB or `|` row are separate labels; words of a wrapped label are not.
    private func segmentBoundary(before index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = tokens[index - 1]
        return previous.kind == .empty || tokens[index].inCell
    }

    /// Splits glued labels at their enumerators; each piece ends at the run's last token
    /// only if it is the last piece (values follow the last label of a run).
    private func cut(_ text: String, end: Int) -> [Segment] {
        let starts = Labels.enumeratorStarts(text).filter { $0 > 0 }
        var pieces: [String] = []
        var previous = 0
        let chars = Array(text)
        for start in starts {
            pieces.append(String(chars[previous..<start]))
            previous = start
        }
        pieces.append(String(chars[previous...]))
        let kept = pieces.filter { !$0.isEmpty }
        return kept.enumerated().map { Segment(text: $1, endToken: end, takesValues: $0 == kept.count - 1) }
    }

    /// The best anchor for a segment among the next labels in order.
    private func bestAnchor(_ segment: String, anchors: [Anchor], from next: Int, started: Set<String>, endToken: Int) -> (Int, Double)? {
        let core = Labels.core(segment)
        guard !core.isEmpty else { return nil }
        var best: (Int, Double)?
        var seen = 0
        var index = next
        while index < anchors.count, seen < window {
            let anchor = anchors[index]
            seen += 1
            var score = Labels.score(core, anchor.core)
            if case .band = anchor.kind, score < 0.6 {
                if core.hasPrefix(anchor.core) {
                    // The band's header cells glued together (`行政复议行政诉讼`).
                    score = 0.9
                } else if segment.contains(anchor.core), valuesAfter(endToken).tokens.contains(where: \.isNumber) {
                    // Flattened text: the band's header glued to its digits.
                    score = 0.9
                }
            }
            if case .group = anchor.kind, !started.contains(anchor.table) { score = 0 }
            if score < 0.9, anchor.core.count <= 3 { score = 0 }
            if score >= 0.6, score > (best?.1 ?? 0) + 0.05 {
                // A row label with no values beside it is left for `looseValues`.
                if case .row = anchor.kind, !hasValues(after: endToken) { index += 1; continue }
                best = (index, score)
            }
            index += 1
        }
        if best == nil {
            // A row far ahead (rows or tables left out): only an exact label followed by a number.
            for farIndex in (next + window)..<max(anchors.count, next + window) where farIndex < anchors.count {
                let anchor = anchors[farIndex]
                guard case .row = anchor.kind, core == anchor.core, anchor.core.count >= 4 else { continue }
                if valuesAfter(endToken).tokens.contains(where: \.isNumber) { return (farIndex, 1) }
            }
        }
        return best
    }

    private func hasValues(after token: Int) -> Bool {
        !valuesAfter(token).tokens.isEmpty
    }

    /// The values of a row whose label ends at `token`: the values on the label's line; when
    /// there are no numbers there, the numbers on the following lines before the next label.
    private func valuesAfter(_ token: Int) -> (tokens: [Token], end: Int) {
        let line = tokens[token].line
        var same: [Token] = []
        var index = token + 1
        while index < tokens.count, tokens[index].line == line, tokens[index].isValue {
            same.append(tokens[index])
            index += 1
        }
        if same.contains(where: \.isNumber) || (index < tokens.count && tokens[index].line == line) {
            return (same, index)
        }
        var following: [Token] = []
        var next = index
        while next < tokens.count, tokens[next].isValue {
            following.append(tokens[next])
            next += 1
        }
        if following.contains(where: \.isNumber) { return (following, next) }
        return (same, index)
    }

    /// The band's values: the first run of values after its header (header lines' empty
    /// cells excluded), before the next section's text. A band split into several small
    /// tables (a converter's work) is read across their headers until it is full.
    private func bandValues(after token: Int, count: Int) -> (tokens: [Token], end: Int)? {
        var index = token + 1
        while index < tokens.count {
            let current = tokens[index]
            if current.isNumber { break }
            if let text = current.text, isStopper(text) { return nil }
            index += 1
        }
        guard index < tokens.count else { return nil }
        let line = tokens[index].line
        if lineHasText(line) {
            // Flattened text or a labelled line: the run of values around the first number.
            var start = index
            while start > token + 1, tokens[start - 1].isValue { start -= 1 }
            var end = index
            while end < tokens.count, tokens[end].isValue { end += 1 }
            return (Array(tokens[start..<end]), end)
        }
        var start = index
        while start > token + 1, tokens[start - 1].isValue, tokens[start - 1].line == line { start -= 1 }
        var values: [Token] = []
        var end = start
        while end < tokens.count, values.count < count {
            let current = tokens[end]
            if let text = current.text {
                if isStopper(text) { break }
                end += 1
                continue
            }
            if !lineHasText(current.line) { values.append(current) }
            end += 1
        }
        return (values, end)
    }

    /// Prose or a section heading: the end of a table.
    func isStopper(_ text: String) -> Bool {
        Labels.normalize(text).count > 30 || isSectionHeading(text)
    }

    private func lineHasText(_ line: Int) -> Bool {
        linesWithText.contains(line)
    }

    private func isSectionHeading(_ text: String) -> Bool {
        let core = Labels.core(Labels.normalize(text))
        return form.sections.contains { $0.table == nil && Labels.score(core, Labels.core(Labels.normalize($0.heading))) >= 0.6 }
    }
}
