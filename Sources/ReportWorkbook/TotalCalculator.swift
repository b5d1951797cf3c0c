import Foundation
import ReportModel

/// Totals recomputed from the inputs (blank counts 0; a total of only blank cells is blank),
/// totals inside totals first: never the value a workbook shows, which openpyxl leaves empty
/// and a user may have typed over.
struct TotalCalculator {
    let computed: [CellKey: Rule.Instance]
    let report: Report
    private var totals: [CellKey: Decimal?] = [:]

    init(computed: [CellKey: Rule.Instance], report: Report) {
        self.computed = computed
        self.report = report
    }

    /// The total of a computed cell; nil when every cell it adds up is blank.
    mutating func value(of cell: CellKey) -> Decimal? {
        var visiting: Set<CellKey> = []
        return total(cell, visiting: &visiting)
    }

    private mutating func total(_ cell: CellKey, visiting: inout Set<CellKey>) -> Decimal? {
        if let known = totals[cell] { return known }
        guard let instance = computed[cell], visiting.insert(cell).inserted else { return report[cell] }
        var sum: Decimal?
        for term in instance.right {
            guard let value = computed[term] != nil ? total(term, visiting: &visiting) : report[term] else { continue }
            sum = (sum ?? 0) + value
        }
        visiting.remove(cell)
        totals[cell] = sum
        return sum
    }
}
