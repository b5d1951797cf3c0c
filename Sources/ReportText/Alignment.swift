import Foundation
import ReportModel

/// The values printed for one row (or the band), and the readings they admit: which
/// number goes to which cell. Settled by the form's rules where the text alone cannot.
struct ValueGroup {
    let cells: [CellKey]
    /// The line of the row's label, for blank cells and messages.
    let line: Int
    let tokens: [Token]
    /// Readings, preferred first; each gives every cell a value or blank.
    var candidates: [[Decimal?]]
    /// The line of each value of a reading (by position in `tokens`), per candidate.
    var lines: [[Int]]
    /// False when the readings were cut off at the work bound (hostile input): the rules
    /// then cannot show that one reading is the only one, so the row stays unresolved.
    var complete = true

    /// The most readings kept for one row, and the most placements tried: a pathological
    /// row gives up, it does not hang.
    static let readingLimit = 20000
    static let workLimit = 300_000

    /// All readings of `tokens` for `cells`: exact when the counts agree; otherwise glued
    /// digits split and values placed in every order-keeping way, the natural one first.
    /// `kinds`, the value kind of each cell, when the caller has them (an `Anchor` does).
    init(cells: [CellKey], line: Int, tokens rawTokens: [Token], form: Form, kinds: [ValueKind?]? = nil) {
        self.cells = cells
        self.line = line
        var tokens = rawTokens
        let n = cells.count
        while tokens.count > n, let last = tokens.last, last.kind == .empty { tokens.removeLast() }
        while tokens.count > n, let first = tokens.first, first.kind == .empty { tokens.removeFirst() }
        if tokens.count > n { tokens = Array(tokens.prefix(n)) }
        self.tokens = tokens
        // The kinds once per row, not once per reading.
        let kinds = kinds ?? cells.map { form.column(of: $0)?.kind }
        var readings: [[Decimal?]] = []
        var readingLines: [[Int]] = []
        var seen: Set<[Decimal?]> = []
        var placementsByCount: [Int: [[Int]]] = [:]
        var work = 0
        var complete = true
        let splits = DigitSplits(tokens: tokens, target: n, units: form.units)
        complete = splits.forEach { values, valueLines in
            let placements = placementsByCount[values.count] ?? Self.placements(values.count, n)
            placementsByCount[values.count] = placements
            for placement in placements {
                work += 1
                if work > Self.workLimit || readings.count >= Self.readingLimit { return false }
                var reading = [Decimal?](repeating: nil, count: n)
                var lineOf = [Int](repeating: line, count: n)
                var valid = true
                for (index, position) in placement.enumerated() {
                    guard let value = values[index] else {
                        lineOf[position] = valueLines[index]
                        continue
                    }
                    guard kinds[position]?.accepts(value) ?? false else { valid = false; break }
                    reading[position] = value
                    lineOf[position] = valueLines[index]
                }
                if valid && seen.insert(reading).inserted {
                    readings.append(reading)
                    readingLines.append(lineOf)
                }
            }
            return true
        }
        candidates = readings
        lines = readingLines
        self.complete = complete
    }

    /// A value in the form's unit: printed in another unit (元), it is converted (to 万元).
    static func scaled(_ value: Decimal, _ suffix: String, units: Units) -> Decimal {
        guard !suffix.isEmpty else { return value }
        return units.conversion(for: suffix).map { value * $0 } ?? value
    }

    /// Order-keeping placements of k values in n cells: the natural one first (the first
    /// values from the left, the last value in the last cell), then the others.
    static func placements(_ k: Int, _ n: Int) -> [[Int]] {
        guard k < n else { return [Array(0..<n)] }
        guard k > 0 else { return [[]] }
        var all: [[Int]] = []
        func walk(_ start: Int, _ chosen: [Int]) {
            if chosen.count == k { all.append(chosen); return }
            if all.count > 20000 { return }
            let remaining = k - chosen.count
            guard start <= n - remaining else { return }
            for position in start...(n - remaining) { walk(position + 1, chosen + [position]) }
        }
        walk(0, [])
        let natural = Array(0..<(k - 1)) + [n - 1]
        return [natural] + all.filter { $0 != natural }
    }
}

/// Resolving: chooses one reading per value group with the form's rules (evaluated by the
/// rule engine, `Rule.Instance.holds(in:)`), or names the groups the rules cannot settle.
struct AlignmentResolver {
    let form: Form
    let groups: [ValueGroup]

    /// The reading chosen for each group, and the groups left undetermined.
    struct Resolution: Equatable {
        /// The chosen candidate of each group, by group index; nil when undetermined.
        var chosen: [Int?]
        /// The groups whose readings the rules leave open, in group order.
        var ambiguous: [Int]
    }

    /// The working state: the chosen reading of each group, and the readings still possible.
    private struct Progress {
        var chosen: [Int?]
        var alive: [[Int]]
    }

    /// Settles every group that the rules can settle: each row by its own rules, then by the
    /// rows already settled, then all the open rows of a table weighed together.
    func resolve() -> Resolution {
        var progress = Progress(chosen: [Int?](repeating: nil, count: groups.count), alive: groups.map { Array($0.candidates.indices) })
        settleWithinGroups(&progress)
        while settleAcrossGroups(&progress) || JointSearch(form: form, groups: groups).settle(&progress.chosen, &progress.alive) {}
        return settleBlankAgainstZero(progress)
    }

    /// 1. Rules wholly inside a group (总计 of a row, a band group).
    private func settleWithinGroups(_ progress: inout Progress) {
        for (index, group) in groups.enumerated() {
            // Cut-off readings (hostile input) may lack the true one: the row stays open.
            guard group.complete else { continue }
            let inside = Rule.Instance.instances(inside: group.cells, of: form)
            // Each rule's cells as positions in the row, once: the readings are then summed by
            // position, without a dictionary of cells for each reading (flattened rows have
            // thousands of readings).
            let position = Dictionary(group.cells.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
            let rules = inside.map { instance in
                (rule: instance.rule, left: instance.left.compactMap { position[$0] }, right: instance.right.compactMap { position[$0] })
            }
            // Without rules inside the row every reading passes: no values to gather.
            let passing = inside.isEmpty ? progress.alive[index] : progress.alive[index].filter { candidate in
                let reading = group.candidates[candidate]
                return rules.allSatisfy { rule in
                    let left = rule.left.reduce(Decimal(0)) { $0 + (reading[$1] ?? 0) }
                    let right = rule.right.reduce(Decimal(0)) { $0 + (reading[$1] ?? 0) }
                    return rule.rule.holds(left: left, right: right)
                }
            }
            if !passing.isEmpty { progress.alive[index] = passing }
            if progress.alive[index].count == 1 || group.candidates.count == 1 { progress.chosen[index] = progress.alive[index].first }
        }
    }

    /// 2. Rules across rows, with the groups already settled; true when one more was settled
    /// (the pass repeats while there is progress).
    private func settleAcrossGroups(_ progress: inout Progress) -> Bool {
        var settled = false
        var known: [CellKey: Decimal?] = [:]
        for (index, choice) in progress.chosen.enumerated() {
            guard let choice else { continue }
            for (cell, value) in zip(groups[index].cells, groups[index].candidates[choice]) { known[cell] = value }
        }
        for (index, group) in groups.enumerated() where progress.chosen[index] == nil && group.complete {
            let own = Set(group.cells)
            let touching = form.ruleInstances.filter { instance in
                instance.cells.contains(where: own.contains) && instance.cells.allSatisfy { own.contains($0) || known[$0] != nil }
            }
            guard !touching.isEmpty else { continue }
            let passing = progress.alive[index].filter { candidate in
                var values = known
                for (cell, value) in zip(group.cells, group.candidates[candidate]) { values[cell] = value }
                let present = values.compactMapValues { $0 }
                return touching.allSatisfy { $0.holds(in: present) }
            }
            if passing.count == 1 || (!passing.isEmpty && passing.count < progress.alive[index].count) {
                progress.alive[index] = passing
                if passing.count == 1 { progress.chosen[index] = passing[0]; settled = true }
            }
        }
        return settled
    }

    /// 4. Readings that differ only in blank against 0 are one reading: take the first. A row
    /// with no reading at all (more digits than its cells can hold) or whose readings were cut
    /// off is left open too: nothing the text did not say passes as blank.
    private func settleBlankAgainstZero(_ progress: Progress) -> Resolution {
        var resolution = Resolution(chosen: progress.chosen, ambiguous: [])
        for (index, group) in groups.enumerated() where progress.chosen[index] == nil {
            let zeroed = Set(progress.alive[index].map { group.candidates[$0].map { $0 ?? 0 } })
            if zeroed.count == 1, group.complete { resolution.chosen[index] = progress.alive[index].first } else { resolution.ambiguous.append(index) }
        }
        return resolution
    }
}

extension Rule.Instance {
    /// The instances of `form`'s rules wholly inside `cells` (one row, or the band): the
    /// rules a row's values can be checked by on their own. Remembered per form and cells:
    /// every report asks it for the same rows.
    static func instances(inside cells: [CellKey], of form: Form) -> [Rule.Instance] {
        var hasher = Hasher()
        hasher.combine(form.fingerprint)
        hasher.combine(cells)
        return insideRules.value(for: hasher.finalize()) {
            let own = Set(cells)
            return form.ruleInstances.filter { $0.cells.allSatisfy(own.contains) }
        }
    }
}

/// The rules inside each row of each form definition.
private let insideRules = FormLabelCache<[Rule.Instance]>()
