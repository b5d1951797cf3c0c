import Foundation
import ReportModel

/// Resolving, the joint step: the rows still open after each was weighed alone and against
/// the rows already settled are weighed together, against every rule that joins them (row
/// totals, the column totals of 三(七), the balance 一 + 二 = 三(七) + 四, the groups of 四).
/// Flattened text often needs it: `（七）总计23 0 00 0 023` has several readings that pass its
/// own row total, and only one that also makes the columns and the balance add up with the
/// other open rows. Every combination of the open rows' readings is tried (depth first,
/// each rule checked as soon as all its cells have values, by the rule engine); a row takes
/// the reading it has in every combination that satisfies the rules, and only then.
struct JointSearch {
    let form: Form
    let groups: [ValueGroup]

    /// The most combinations visited, and the most consistent combinations collected, for
    /// one set of joined rows: beyond them the rows stay open (bounded work, never a guess).
    static let nodeLimit = 200_000
    static let solutionLimit = 2_000

    /// Settles the open groups that every consistent combination agrees on, and narrows the
    /// others to the readings some consistent combination uses. True when one was settled.
    func settle(_ chosen: inout [Int?], _ alive: inout [[Int]]) -> Bool {
        var known: [CellKey: Decimal] = [:]
        var owner: [CellKey: Int] = [:]
        var repeated: Set<CellKey> = []
        // Room for every cell at once: growing rehashes every key (three strings each).
        let cellCount = groups.reduce(0) { $0 + $1.cells.count }
        known.reserveCapacity(cellCount)
        owner.reserveCapacity(cellCount)
        for (index, group) in groups.enumerated() {
            for cell in group.cells where owner.updateValue(index, forKey: cell) != nil { repeated.insert(cell) }
            guard let choice = chosen[index] else { continue }
            for (cell, value) in zip(group.cells, group.candidates[choice]) { known[cell] = value }
        }
        // Open rows: undecided, fully enumerated, not sharing cells with another row.
        let open = groups.indices.filter { index in
            chosen[index] == nil && groups[index].complete && !alive[index].isEmpty
                && !groups[index].cells.contains(where: repeated.contains)
        }
        let openSet = Set(open)
        // The rules all of whose cells some row has values for, touching an open row.
        var joining: [(instance: Rule.Instance, groups: [Int])] = []
        for instance in form.ruleInstances {
            var touched: [Int] = []
            var covered = true
            for cell in instance.cells {
                guard let index = owner[cell] else { covered = false; break }
                if openSet.contains(index), !touched.contains(index) { touched.append(index) }
                if !openSet.contains(index) && chosen[index] == nil { covered = false; break }
            }
            if covered, !touched.isEmpty { joining.append((instance, touched)) }
        }
        var settled = false
        for component in components(of: open, joinedBy: joining.map(\.groups)) where component.count > 1 {
            let rules = joining.filter { $0.groups.contains(where: component.contains) }
            guard let agreed = consistentReadings(of: component, rules: rules, known: known, alive: alive) else { continue }
            for (group, readings) in zip(component, agreed) where !readings.isEmpty {
                alive[group] = alive[group].filter { readings.contains(zeroed(group, $0)) }
                if readings.count == 1 {
                    chosen[group] = alive[group].first
                    settled = true
                }
            }
        }
        return settled
    }

    /// A reading with blanks as 0: readings that differ only there are one for the rules.
    private func zeroed(_ group: Int, _ candidate: Int) -> [Decimal] {
        groups[group].candidates[candidate].map { $0 ?? 0 }
    }

    /// The open groups joined (directly or through others) by some rule, each in group order.
    private func components(of open: [Int], joinedBy links: [[Int]]) -> [[Int]] {
        var root = Dictionary(uniqueKeysWithValues: open.map { ($0, $0) })
        func find(_ group: Int) -> Int {
            var current = group
            while let parent = root[current], parent != current { current = parent }
            return current
        }
        for link in links {
            guard let first = link.first else { continue }
            for other in link.dropFirst() { root[find(other)] = find(first) }
        }
        var byRoot: [Int: [Int]] = [:]
        for group in open { byRoot[find(group), default: []].append(group) }
        return byRoot.values.sorted { ($0.first ?? 0) < ($1.first ?? 0) }
    }

    /// For each group of `component`, the readings (blank as 0) it has in the combinations
    /// that satisfy every rule; nil when there is none or the search hit its bounds.
    private func consistentReadings(of component: [Int], rules: [(instance: Rule.Instance, groups: [Int])],
        known: [CellKey: Decimal], alive: [[Int]]) -> [Set<[Decimal]>]?
    {
        // One reading per blank-against-0 class; the fewest readings first, to fail early.
        let options: [Int: [Int]] = Dictionary(uniqueKeysWithValues: component.map { group in
            var seen: Set<[Decimal]> = []
            return (group, alive[group].filter { seen.insert(zeroed(group, $0)).inserted })
        })
        let order = component.sorted { (options[$0]?.count ?? 0, $0) < (options[$1]?.count ?? 0, $1) }
        // Each rule is checked at the depth where its last open row gets its reading.
        var checksAt = [[Rule.Instance]](repeating: [], count: order.count)
        for rule in rules {
            let depth = rule.groups.compactMap { order.firstIndex(of: $0) }.max() ?? 0
            checksAt[depth].append(rule.instance)
        }
        var values = known
        var picked = [Int](repeating: 0, count: order.count)
        var found = [Set<[Decimal]>](repeating: [], count: order.count)
        var solutions = 0
        var nodes = 0
        var exceeded = false
        func visit(_ depth: Int) {
            if exceeded { return }
            if depth == order.count {
                solutions += 1
                if solutions > Self.solutionLimit { exceeded = true; return }
                for (position, group) in order.enumerated() { found[position].insert(zeroed(group, picked[position])) }
                return
            }
            let group = order[depth]
            let cells = groups[group].cells
            for candidate in options[group] ?? [] {
                nodes += 1
                if nodes > Self.nodeLimit { exceeded = true; return }
                for (cell, value) in zip(cells, groups[group].candidates[candidate]) { values[cell] = value }
                picked[depth] = candidate
                if checksAt[depth].allSatisfy({ $0.holds(in: values) }) { visit(depth + 1) }
                if exceeded { return }
            }
            for cell in cells { values[cell] = nil }
        }
        visit(0)
        guard !exceeded, solutions > 0 else { return nil }
        return component.map { group in order.firstIndex(of: group).map { found[$0] } ?? [] }
    }
}
