import Foundation

extension CheckEngine {
    /// The rule id of the findings for bad cells: a cell holding something that is not a value
    /// of its column's kind (`十二`, `-1`, `2.5`, `2件`).
    public static let invalidCellRule = "cell.invalid"

    /// The rules of the findings about what a source did not determine (`report.unresolved`,
    /// `cell.invalid`): errors that still let a converter write what it read.
    public static let unresolvedRules: Set<String> = [unresolvedRule, invalidCellRule]

    /// The finding for one bad cell: what its column needs and what it holds, as typed.
    public static func invalidCellFinding(_ cell: CellKey, typed: String, in form: Form) -> Finding {
        let kind = form.column(of: cell)?.kind ?? .count
        let shown = typed.count > 60 ? String(typed.prefix(60)) + "…" : typed
        // A number too large to be a value (1e+20) says so, rather than what the kind needs.
        // Double only tells whether it is a number at all; the cap is ValueKind's one definition.
        let tooLarge = Double(typed.filter { $0 != "," }).map { !$0.isNaN && ValueKind.isTooLarge(Decimal($0)) } ?? false
        let what: String
        switch kind {
        case _ where tooLarge: what = Messages.text("cell.invalid.too_large", ["typed": shown])
        case .count: what = Messages.text("cell.invalid.count", ["typed": shown])
        case .change: what = Messages.text("cell.invalid.change", ["typed": shown])
        case .amount:
            what = Messages.text("cell.invalid.amount", [
                "typed": shown, "unit": form.units.amount, "decimals": String(form.units.amountDecimals),
            ])
        }
        return Finding(
            rule: invalidCellRule, severity: .error, cells: [cell], place: form.label(of: cell),
            found: nil, expected: nil, message: "\(what) [\(invalidCellRule)]")
    }

    /// The cells whose values are not known because of a bad cell: each bad cell and every
    /// computed total that sums one (directly or through another total).
    public static func taintedCells(_ report: Report) -> Set<CellKey> {
        var tainted = Set(report.unresolved.compactMap(\.invalidCell))
        guard !tainted.isEmpty else { return [] }
        let computed = report.form.computedCells
        var changed = true
        while changed {
            changed = false
            for (cell, instance) in computed where !tainted.contains(cell) && instance.right.contains(where: tainted.contains) {
                tainted.insert(cell)
                changed = true
            }
        }
        return tainted
    }
}
