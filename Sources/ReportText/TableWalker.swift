import Foundation
import ReportModel

/// What label matching found: a value group for each row whose label was found with values,
/// and what the loose-values pass and the reporting need to know.
struct LabelMatches {
    var groups: [ValueGroup] = []
    /// Anchors read (rows with their values) or accounted for (rows under a single row of an
    /// older form).
    var found: Set<Int> = []
    /// The tokens taken as some row's values.
    var claimed: Set<Int> = []
    /// The first token of each table's first label found, to tell tables' regions apart.
    var tableStart: [String: Int] = [:]
    var warnings: [Diagnostic] = []
    /// The rows (and the band) whose labels were found: how much of the form the text has.
    var matchedRows = 0

    /// Records a group whose values are the tokens `claiming`.
    mutating func add(_ group: ValueGroup, claiming tokens: Range<Int>) {
        groups.append(group)
        claimed.formUnion(tokens)
    }

    /// Adds what the loose-values pass read.
    mutating func add(_ loose: TableWalker.LooseResult) {
        groups += loose.groups
        found.formUnion(loose.found)
        warnings += loose.warnings
        matchedRows += loose.found.count
    }
}

/// Label matching: walks the tokens of a report, finds the form's row labels (anchors) in
/// order and takes the values that follow each as a `ValueGroup`.
struct TableWalker {
    let form: Form
    let tokens: [Token]
    /// Every label of the form the walker looks for, in print order.
    let anchors: [Anchor]
    /// The first header label of each band table (`行政复议`).
    private let bandCores: [String]
    /// The lines that hold some text (labels, headers, prose).
    private let linesWithText: Set<Int>
    /// Each text token normalized, once: segments are cut from the same tokens many times.
    let normalizedTexts: [String?]
    /// The cores of the headings of the text sections (一、总体情况, 五, 六), once per form.
    private let textHeadingCores: [LabelPattern]
    /// The row anchors of at least 4 scalars by their core, in form order, once per form: the
    /// exact labels found far ahead.
    private let rowsByCore: [[Unicode.Scalar]: [Int]]
    /// The segments from each start token, made once: the walk and the loose values ask for the
    /// same starts again and again (82 cuts of the same runs in a corpus report).
    private let segmentCache = SegmentCache()

    /// A walker over `tokens` for the labels of `form`.
    init(form: Form, tokens: [Token]) {
        self.form = form
        self.tokens = tokens
        anchors = Anchor.anchors(of: form)
        bandCores = anchors.compactMap { anchor in
            if case .band = anchor.kind { return anchor.core }
            return nil
        }
        linesWithText = Set(tokens.filter { $0.text != nil }.map(\.line))
        normalizedTexts = tokens.map { $0.text.map(Labels.normalize) }
        let anchors = anchors
        rowsByCore = rowsByCoreByForm.value(for: form.fingerprint) {
            var rows: [[Unicode.Scalar]: [Int]] = [:]
            for (index, anchor) in anchors.enumerated() where anchor.coreScalars.count >= 4 {
                if case .row = anchor.kind { rows[anchor.coreScalars, default: []].append(index) }
            }
            return rows
        }
        textHeadingCores = headingCoresByForm.value(for: form.fingerprint) {
            form.sections.filter { $0.table == nil }.map { LabelPattern(Labels.coreScalars(Labels.normalize($0.heading))) }
        }
    }

    /// How many unmatched labels ahead a label may be found (rows a report leaves out).
    private let window = 8

    /// The walk's state: what was found, and the next anchor expected.
    private struct Matching {
        var matches = LabelMatches()
        var next = 0
        /// Tables one of whose rows was read: their group labels may match from then on.
        var tablesStarted: Set<String> = []
    }

    /// What an anchor's label found at a place makes of it: not this anchor (`passed`), the
    /// label without values of its own (`label`), or the label and its values up to `end`.
    private enum Take {
        case passed
        case label
        case values(end: Int)
    }

    /// Every run of text matched to the anchors in order, with the values after each label.
    func matchLabels() -> LabelMatches {
        var state = Matching()
        var index = 0
        while index < tokens.count {
            guard tokens[index].text != nil else { index += 1; continue }
            // A run of text tokens, segmented at cell boundaries and enumerators.
            let segments = segmentsStarting(at: index)
            let end = match(segments, into: &state)
            index = max(index + 1, end ?? segments.last.map { $0.endToken + 1 } ?? index + 1)
        }
        return state.matches
    }

    /// Matches the segments of one run to the next anchors; the end of the values taken, if
    /// a label took some (the walk goes on after them).
    private func match(_ segments: [Segment], into state: inout Matching) -> Int? {
        for segment in segments {
            guard state.next < anchors.count else { break }
            guard let (anchorIndex, _) = bestAnchor(segment, from: state.next, started: state.tablesStarted) else { continue }
            if !segment.takesValues {
                // A label glued to the next one has no values of its own.
                if case .group = anchors[anchorIndex].kind { state.next = anchorIndex + 1 }
                continue
            }
            switch take(anchorIndex, after: segment.endToken, into: &state) {
            case .passed: continue
            case .label: state.next = anchorIndex + 1
            case .values(let end):
                state.next = anchorIndex + 1
                return end
            }
        }
        return nil
    }

    /// Takes the values after the label of `anchorIndex`, which ends at token `labelEnd`.
    private func take(_ anchorIndex: Int, after labelEnd: Int, into state: inout Matching) -> Take {
        let line = tokens[labelEnd].line
        switch anchors[anchorIndex].kind {
        case .row(let table, _, let cells):
            guard let values = rowValues(after: labelEnd, cells: cells) else { return .passed }
            state.matches.add(ValueGroup(cells: cells, line: line, tokens: values.tokens, form: form, kinds: anchors[anchorIndex].kinds),
                claiming: (labelEnd + 1)..<values.end)
            state.tablesStarted.insert(table)
            if state.matches.tableStart[table] == nil { state.matches.tableStart[table] = labelEnd }
            state.matches.matchedRows += 1
            state.matches.found.insert(anchorIndex)
            return .values(end: values.end)
        case .group(let table, let lastRow, let cells):
            let values = valuesAfter(labelEnd)
            let numbers = values.tokens.filter(\.isNumber).count
            guard numbers > 0 else { return .label }
            guard numbers <= cells.count else { return .passed }
            state.matches.add(ValueGroup(cells: cells, line: line, tokens: values.tokens, form: form, kinds: anchors[anchorIndex].kinds),
                claiming: (labelEnd + 1)..<values.end)
            let rowLabel = form.table(table)?.row(lastRow)?.label ?? lastRow
            state.matches.warnings.append(Diagnostic(.warning, at: .line(line),
                Messages.text("text.single_row_counted", ["single": anchors[anchorIndex].label, "row": rowLabel])))
            state.matches.matchedRows += 1
            state.matches.found.formUnion(descendants(of: anchorIndex))
            return .values(end: values.end)
        case .band(let table, let cells):
            if state.matches.tableStart[table] == nil { state.matches.tableStart[table] = labelEnd }
            state.matches.matchedRows += 1
            state.matches.found.insert(anchorIndex)
            guard let values = bandValues(after: labelEnd, count: cells.count) else { return .label }
            state.matches.add(ValueGroup(cells: cells, line: line, tokens: values.tokens, form: form, kinds: anchors[anchorIndex].kinds),
                claiming: (labelEnd + 1)..<values.end)
            return .values(end: values.end)
        }
    }

    /// The values after a row's label. More numbers than cells (raw PDF order): the row's own
    /// when the first of them make a row its rules accept, the rest left for `looseValues`;
    /// nil when they do not (all are left for it).
    private func rowValues(after labelEnd: Int, cells: [CellKey]) -> (tokens: [Token], end: Int)? {
        let values = valuesAfter(labelEnd)
        guard values.tokens.filter(\.isNumber).count > cells.count, !values.tokens.contains(where: \.inCell) else { return values }
        let own = Array(values.tokens.prefix(cells.count))
        guard own.allSatisfy(\.isNumber), rowRulesHold(own, cells),
            let last = (labelEnd + 1..<values.end).filter({ tokens[$0].isValue }).dropFirst(cells.count - 1).first
        else { return nil }
        return (own, last + 1)
    }

    /// The anchors under a group anchor (pre-order: up to its last row).
    func descendants(of group: Int) -> [Int] {
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

    struct Segment {
        /// The text, normalized.
        let text: String
        /// `text`'s core as scalars, made once: the walk and the loose values score it
        /// against many labels.
        let core: [Unicode.Scalar]
        let endToken: Int
        /// Only the last label of a token can be followed by that token's values.
        var takesValues = true

        init(text: String, endToken: Int, takesValues: Bool = true) {
            self.text = text
            core = Labels.coreScalars(text)
            self.endToken = endToken
            self.takesValues = takesValues
        }
    }

    /// The text run from `start` (text tokens, skipping empty cells, broken by values), cut
    /// into segments at cell boundaries and enumerators (`1.`, `（一）`, `一、`).
    func segmentsStarting(at start: Int) -> [Segment] {
        if let cached = segmentCache.byStart[start] { return cached }
        let segments = makeSegments(startingAt: start)
        segmentCache.byStart[start] = segments
        return segments
    }

    /// `segmentsStarting(at:)` worked out.
    private func makeSegments(startingAt start: Int) -> [Segment] {
        var segments: [Segment] = []
        var current = ""
        var currentEnd = start
        var index = start
        while index < tokens.count, !tokens[index].isNumber {
            let token = tokens[index]
            guard let normalized = normalizedTexts[index] else { index += 1; continue }
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
        // Every enumerator has `(`, `、` or `.`: without them the text is one label.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ".") }) || TextSearch.contains(text, "、") else {
            return text.isEmpty ? [] : [Segment(text: text, endToken: end)]
        }
        let scalars = Array(text.unicodeScalars)
        let starts = Labels.enumeratorStarts(scalars).filter { $0 > 0 }
        guard !starts.isEmpty else { return [Segment(text: text, endToken: end)] }
        // Pieces cut from the UTF-8 bytes at the scalars' offsets: rebuilding strings scalar
        // by scalar cost more than finding the cuts.
        let bytes = Array(text.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        var pieces: [String] = []
        var previous = 0
        for start in starts + [scalars.count] {
            pieces.append(String(decoding: bytes[offsets[previous]..<offsets[start]], as: UTF8.self))
            previous = start
        }
        let kept = pieces.filter { !$0.isEmpty }
        return kept.enumerated().map { Segment(text: $1, endToken: end, takesValues: $0 == kept.count - 1) }
    }

    /// The best anchor for a segment among the next labels in order.
    private func bestAnchor(_ segment: Segment, from next: Int, started: Set<String>) -> (Int, Double)? {
        let coreScalars = segment.core
        guard !coreScalars.isEmpty else { return nil }
        let endToken = segment.endToken
        let marks = coreScalars.reduce(0) { $0 + (Self.isSentenceMark($1) ? 1 : 0) }
        var best: (Int, Double)?
        var seen = 0
        var index = next
        while index < anchors.count, seen < window {
            let anchor = anchors[index]
            seen += 1
            // A group label of a table not begun scores 0 whatever its text.
            if case .group = anchor.kind, !started.contains(anchor.table) { index += 1; continue }
            // Only scores of 0.6 and over count, and of 0.9 and over for a short label (but
            // the band's below 0.6 are looked at again).
            let short = anchor.coreScalars.count <= 3
            var score = Labels.score(coreScalars, anchor.pattern, atLeast: short && !anchor.isBand ? 0.9 : 0.6)
            if case .band = anchor.kind, score < 0.6 {
                if coreScalars.starts(with: anchor.coreScalars) {
                    // The band's header cells glued together (`行政复议行政诉讼`).
                    score = 0.9
                } else if TextSearch.contains(segment.text, anchor.core), hasNumber(after: endToken) {
                    // Flattened text: the band's header glued to its digits.
                    score = 0.9
                }
            }
            if score < 0.9, short { score = 0 }
            // A sentence that ends in a row's label and a number (`…，现行有效行政规范性文件393`)
            // is prose: a label printed after a sentence mark stands alone, or it is no label.
            if marks > 0, score > 0, !anchor.isBand, !Self.standsAlone(anchor.coreScalars, at: coreScalars, marks: marks) { score = 0 }
            if score >= 0.6, score > (best?.1 ?? 0) + 0.05 {
                // A row label with no values beside it is left for `looseValues`.
                if case .row = anchor.kind, !hasValues(after: endToken) { index += 1; continue }
                best = (index, score)
            }
            index += 1
        }
        // A row far ahead (rows or tables left out): only an exact label followed by a number.
        if best == nil, let far = rowsByCore[coreScalars]?.first(where: { $0 >= next + window }), hasNumber(after: endToken) {
            return (far, 1)
        }
        return best
    }

    /// Whether `scalar` is a mark that ends a sentence or a clause (`，` is `,` once
    /// normalized).
    private static func isSentenceMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", ",", "；", ";", "！", "？": return true
        default: return false
        }
    }

    /// Whether a segment with `marks` sentence marks is the label `label` itself, not a
    /// sentence that ends with it: it has no marks the label lacks, or it ends with the label
    /// right after a mark (`…情况如下。规章`).
    private static func standsAlone(_ label: [Unicode.Scalar], at segment: [Unicode.Scalar], marks: Int) -> Bool {
        guard marks > label.filter(isSentenceMark).count else { return true }
        guard segment.count > label.count, segment[(segment.count - label.count)...].elementsEqual(label) else { return false }
        return isSentenceMark(segment[segment.count - label.count - 1])
    }

    private func hasValues(after token: Int) -> Bool {
        !valueRange(after: token).values.isEmpty
    }

    /// Whether the values after `token` hold a number.
    private func hasNumber(after token: Int) -> Bool {
        tokens[valueRange(after: token).values].contains(where: \.isNumber)
    }

    /// The values of a row whose label ends at `token`: the values on the label's line; when
    /// there are no numbers there, the numbers on the following lines before the next label.
    private func valuesAfter(_ token: Int) -> (tokens: [Token], end: Int) {
        let (values, end) = valueRange(after: token)
        return (Array(tokens[values]), end)
    }

    /// `valuesAfter(token)` as the range of its tokens (always a run of consecutive tokens),
    /// without copying them: the label search asks it of every candidate label.
    private func valueRange(after token: Int) -> (values: Range<Int>, end: Int) {
        let line = tokens[token].line
        var sameHasNumber = false
        var index = token + 1
        while index < tokens.count, tokens[index].line == line, tokens[index].isValue {
            if tokens[index].isNumber { sameHasNumber = true }
            index += 1
        }
        let same = (token + 1)..<index
        if sameHasNumber || (index < tokens.count && tokens[index].line == line) {
            return (same, index)
        }
        var followingHasNumber = false
        var next = index
        while next < tokens.count, tokens[next].isValue {
            if tokens[next].isNumber { followingHasNumber = true }
            next += 1
        }
        if followingHasNumber { return (index..<next, next) }
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
        let normalized = Labels.normalize(text)
        return normalized.unicodeScalars.count > 30 && normalized.count > 30 || isSectionHeading(normalized: normalized)
    }

    private func lineHasText(_ line: Int) -> Bool {
        linesWithText.contains(line)
    }

    private func isSectionHeading(normalized: String) -> Bool {
        let core = Labels.coreScalars(normalized)
        return textHeadingCores.contains { Labels.score(core, $0, atLeast: 0.6) >= 0.6 }
    }
}

/// The row anchors of each form definition by their core.
private let rowsByCoreByForm = FormLabelCache<[[Unicode.Scalar]: [Int]]>()

/// The heading cores of each form definition's text sections.
private let headingCoresByForm = FormLabelCache<[LabelPattern]>()

/// The segments a walker has cut, by start token. A class so the walker's non-mutating
/// methods can fill it; a walker (and its cache) belongs to one parse on one thread.
final class SegmentCache {
    var byStart: [Int: [TableWalker.Segment]] = [:]
}
