import Foundation
import ReportModel
import XLSX

/// The formulas of a workbook, built from the rule definitions, and the values they compute
/// (the cached results written beside them).
struct WorkbookFormulas {
    let layout: WorkbookLayout
    /// Total cells and the rule instance that computes each (`form.computedCells`).
    let computed: [CellKey: Rule.Instance]
    /// What every value cell shows: inputs as given, totals as computed; nil when blank.
    private(set) var values: [CellKey: Decimal] = [:]

    /// The formulas of `layout`, evaluated with the input values of `report` (blank = absent).
    init(layout: WorkbookLayout, report: Report?) {
        self.layout = layout
        computed = layout.form.computedCells
        for cell in layout.form.cells where computed[cell] == nil {
            if let value = report?[cell] { values[cell] = value }
        }
        var visiting: Set<CellKey> = []
        for cell in layout.form.cells where computed[cell] != nil {
            _ = total(cell, visiting: &visiting)
        }
    }

    /// A total: the sum of its instance's right side (blank counts 0), totals within computed first.
    private mutating func total(_ cell: CellKey, visiting: inout Set<CellKey>) -> Decimal {
        if let known = values[cell] { return known }
        guard let instance = computed[cell], visiting.insert(cell).inserted else { return values[cell] ?? 0 }
        var sum: Decimal = 0
        for term in instance.right {
            sum += computed[term] != nil ? total(term, visiting: &visiting) : (values[term] ?? 0)
        }
        visiting.remove(cell)
        values[cell] = sum
        return sum
    }

    /// The sum of the cells' shown values (blank = 0).
    func sum(_ cells: [CellKey]) -> Decimal {
        cells.reduce(0) { $0 + (values[$1] ?? 0) }
    }

    /// Whether a rule instance holds for the shown values.
    func holds(_ instance: Rule.Instance) -> Bool {
        let left = sum(instance.left)
        let right = sum(instance.right)
        return instance.rule.relation == .equal ? left == right : left >= right
    }

    /// The cells as runs of neighbours (down a column or along a row) on one sheet each:
    /// sheet, first and last cell of every run, in the cells' order.
    func runs(_ cells: [CellKey]) -> [(sheet: String, first: CellReference, last: CellReference)] {
        let placed = cells.compactMap { layout.cells[$0] }
        var runs: [(sheet: String, first: CellReference, last: CellReference)] = []
        var index = 0
        while index < placed.count {
            var end = index
            var down: Bool?
            while end + 1 < placed.count, placed[end + 1].sheet == placed[index].sheet {
                let previous = placed[end].reference
                let next = placed[end + 1].reference
                let step: Bool? = next.column == previous.column && next.row == previous.row + 1 ? true
                    : next.row == previous.row && next.column == previous.column + 1 ? false : nil
                guard let step, down == nil || down == step else { break }
                down = step
                end += 1
            }
            runs.append((placed[index].sheet, placed[index].reference, placed[end].reference))
            index = end + 1
        }
        return runs
    }

    /// `SUM(D8:D28,D30)`: the cells as ranges of neighbours, prefixed with their sheet when
    /// the formula stands on another sheet (`'三、…'!D8:D28`).
    func sumExpression(_ cells: [CellKey], sheetPrefix: Bool, absolute: Bool = false) -> String {
        let parts = runs(cells).map { run -> String in
            let prefix = sheetPrefix ? XLSXWorkbook.quoted(run.sheet) + "!" : ""
            let first = absolute ? run.first.absolute : run.first.description
            let last = absolute ? run.last.absolute : run.last.description
            return prefix + (run.first == run.last ? first : first + ":" + last)
        }
        return "SUM(" + parts.joined(separator: ",") + ")"
    }

    /// The formula of a total cell (`=SUM(D5:I5)`), on the total's own sheet.
    func totalFormula(_ cell: CellKey) -> String? {
        computed[cell].map { "=" + sumExpression($0.right, sheetPrefix: false) }
    }

    /// A condition true when the instance fails, for conditional formatting on its sheet.
    /// Differences are rounded so that decimal amounts compare as written.
    func failureCondition(_ instance: Rule.Instance) -> String {
        let difference = "ROUND(\(sumExpression(instance.left, sheetPrefix: false, absolute: true))-\(sumExpression(instance.right, sheetPrefix: false, absolute: true)),6)"
        return instance.rule.relation == .equal ? "\(difference)<>0" : "\(difference)<0"
    }

    /// The result formula of a check row comparing the left (column D) and right (E) sums.
    static func resultFormula(_ instance: Rule.Instance, row: Int) -> String {
        let left = CellReference(row: row, column: 3)
        let right = CellReference(row: row, column: 4)
        let comparison = instance.rule.relation == .equal ? "=0" : ">=0"
        return "=IF(ROUND(\(left)-\(right),6)\(comparison),\"\(WorkbookText.passed)\",\"\(WorkbookText.failed)\")"
    }
}

extension Decimal {
    /// The value as a Double, for the file (libxlsxwriter writes `%.16G`).
    var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}

extension ReportDate {
    /// Excel's serial day number (days since 1899-12-30).
    var serialNumber: Double {
        // Days from the civil date (Howard Hinnant's algorithm), shifted to Excel's epoch.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let daysSince1970 = era * 146_097 + dayOfEra - 719_468
        return Double(daysSince1970 + 25_569)
    }
}
