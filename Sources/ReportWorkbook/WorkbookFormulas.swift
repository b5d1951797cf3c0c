import Foundation
import ReportModel
import XLSX

/// Everything of a form's workbook that does not depend on the values: the layout, the
/// formulas built from the rule definitions, the highlighted ranges. Built once per form.
struct WorkbookPlan: Sendable {
    let layout: WorkbookLayout
    /// `form.ruleInstances`, in rule order.
    let instances: [Rule.Instance]
    /// Total cells and the rule instance that computes each (`form.computedCells`).
    let computed: [CellKey: Rule.Instance]
    /// The formula of each total cell (`=IF(COUNT(D5:I5)=0,"",SUM(D5:I5))`): blank while
    /// every part is blank, as the model keeps such a total, else the sum.
    let totalFormulas: [CellKey: String]
    /// One row of the checks sheet.
    struct Check: Sendable {
        let instance: Rule.Instance
        let row: Int
        let place: String
        /// `D5:D6 = D28:D29`.
        let cells: String
        /// The sheet of the instance's cells (one table, so one sheet).
        let sheet: String?
        /// The first cell of the left side, where the checks sheet's link jumps.
        let firstCell: CellReference?
        let leftFormula: String
        let rightFormula: String
        let resultFormula: String
    }
    let checks: [Check]
    /// The conditional format that turns a failing instance's cells red.
    struct Highlight: Sendable {
        let table: String
        let ranges: [(CellReference, CellReference)]
        let condition: String
    }
    let highlights: [Highlight]
    /// A rectangle of input cells of one kind, validated as one range.
    struct InputArea: Sendable {
        let table: String
        let kind: ValueKind
        let first: CellReference
        let last: CellReference
    }
    let inputAreas: [InputArea]

    init(layout: WorkbookLayout) {
        let formulas = WorkbookFormulas(layout: layout)
        self.layout = layout
        instances = layout.form.ruleInstances
        computed = formulas.computed
        totalFormulas = formulas.computed.mapValues { instance in
            let arguments = formulas.arguments(instance.right, sheetPrefix: false)
            return "=IF(COUNT(\(arguments))=0,\"\",SUM(\(arguments)))"
        }
        checks = zip(instances, layout.checkRows).map { instance, row in
            Check(
                instance: instance, row: row, place: formulas.place(of: instance),
                cells: formulas.cellList(instance.left) + " \(instance.rule.relation.rawValue) " + formulas.cellList(instance.right),
                sheet: instance.cells.first.flatMap { layout.cells[$0]?.sheet },
                firstCell: instance.cells.first.flatMap { layout.cells[$0]?.reference },
                leftFormula: "=" + formulas.sumExpression(instance.left, sheetPrefix: true),
                rightFormula: "=" + formulas.sumExpression(instance.right, sheetPrefix: true),
                resultFormula: WorkbookFormulas.resultFormula(instance, row: row))
        }
        highlights = instances.map { instance in
            // Merged value cells (section 二) are single cells in a run, so runs cover them whole.
            Highlight(
                table: instance.rule.table, ranges: formulas.runs(instance.cells).map { ($0.first, $0.last) },
                condition: formulas.failureCondition(instance))
        }
        inputAreas = layout.form.tables.flatMap { Self.inputAreas(of: $0, layout: layout, computed: formulas.computed) }
    }

    /// The input cells of a table as few rectangles: merged cells alone, other cells joined
    /// along rows into runs of one kind, and equal runs in consecutive rows into rectangles.
    private static func inputAreas(of table: TableDefinition, layout: WorkbookLayout, computed: [CellKey: Rule.Instance]) -> [InputArea] {
        var areas: [InputArea] = []
        var runs: [InputArea] = []
        for row in table.rows {
            for column in row.columns {
                let key = CellKey(table: table.id, row: row.id, column: column.id)
                guard computed[key] == nil, let placed = layout.cells[key] else { continue }
                if placed.isMerged {
                    areas.append(InputArea(table: table.id, kind: column.kind, first: placed.reference, last: placed.last))
                } else if let previous = runs.last, previous.kind == column.kind, previous.last.row == placed.reference.row,
                    previous.last.column + 1 == placed.reference.column
                {
                    runs[runs.count - 1] = InputArea(table: table.id, kind: column.kind, first: previous.first, last: placed.reference)
                } else {
                    runs.append(InputArea(table: table.id, kind: column.kind, first: placed.reference, last: placed.reference))
                }
            }
        }
        var rectangles: [InputArea] = []
        for run in runs {
            if let previous = rectangles.last, previous.kind == run.kind, previous.first.column == run.first.column,
                previous.last.column == run.last.column, previous.last.row + 1 == run.first.row
            {
                rectangles[rectangles.count - 1] = InputArea(table: table.id, kind: run.kind, first: previous.first, last: run.last)
            } else {
                rectangles.append(run)
            }
        }
        return areas + rectangles
    }

    /// The plan of `form`, cached for the shipped forms.
    static func of(_ form: Form) -> WorkbookPlan {
        cache.value(for: form) { WorkbookPlan(layout: WorkbookLayout.of(form)) }
    }

    private static let cache = PerFormCache<WorkbookPlan>()
}

/// What every value cell of a workbook shows: exactly the report's values. Inputs are written
/// as given; a total is its formula where the formula shows the report's value (blank when
/// every part is blank), and the report's printed value where it does not.
struct WorkbookValues {
    /// The shown value of each cell; absent when blank.
    let values: [CellKey: Decimal]
    /// A total whose printed value is not what its formula would show.
    struct PrintedTotal: Equatable {
        /// The report's value (nil: left blank).
        let printed: Decimal?
        /// The sum of its parts as the report gives them (nil: every part blank).
        let sum: Decimal?
        /// Whether the two differ as numbers (blank counts 0), so the total's rule fails,
        /// rather than only as blank against 0.
        var isArithmeticError: Bool { (printed ?? 0) != (sum ?? 0) }
    }
    /// The totals written as their printed value instead of the formula, with their sums.
    let printedTotals: [CellKey: PrintedTotal]

    /// The values of `report` in the workbook of `plan` (a blank template when nil).
    init(plan: WorkbookPlan, report: Report?) {
        let shown = report?.values ?? [:]
        values = shown
        var printed: [CellKey: PrintedTotal] = [:]
        for (cell, instance) in plan.computed {
            // One level, over the values as printed: the formula sums the cells above it as
            // the sheet shows them, and the rule engine evaluates the instance the same way.
            let sum = Self.sum(of: instance.right, in: shown)
            if shown[cell] != sum { printed[cell] = PrintedTotal(printed: shown[cell], sum: sum) }
        }
        printedTotals = printed
    }

    /// The sum of `cells` (blank counts 0), nil when every one is blank: what the formula
    /// `IF(COUNT(…)=0,"",SUM(…))` shows.
    static func sum(of cells: [CellKey], in values: [CellKey: Decimal]) -> Decimal? {
        var sum: Decimal?
        for cell in cells {
            if let value = values[cell] { sum = (sum ?? 0) + value }
        }
        return sum
    }

    subscript(cell: CellKey) -> Decimal? { values[cell] }

    /// The rule engine's evaluation of an instance over the shown values: the sums the
    /// checks sheet caches and whether it shows 通过.
    func evaluate(_ instance: Rule.Instance) -> RuleEvaluation {
        instance.evaluate { values[$0] }
    }
}

/// Builds formula text from rule definitions and the layout's cell positions.
struct WorkbookFormulas {
    let layout: WorkbookLayout
    let computed: [CellKey: Rule.Instance]

    init(layout: WorkbookLayout) {
        self.layout = layout
        computed = layout.form.computedCells
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

    /// `D8:D28 D30`: the cells as ranges, for people reading the checks sheet.
    func cellList(_ cells: [CellKey]) -> String {
        runs(cells).map { $0.first == $0.last ? $0.first.description : "\($0.first):\($0.last)" }.joined(separator: " ")
    }

    /// Where an instance runs, in the workbook's words: `法人或其他组织›商业企业 列`, `行政复议 行`.
    func place(of instance: Rule.Instance) -> String {
        let place = instance.place(in: layout.form)
        return place.scope == .column ? WorkbookText.place(column: place.name) : WorkbookText.place(row: place.name)
    }

    /// `SUM(D8:D28,D30)`: the cells as ranges of neighbours, prefixed with their sheet when
    /// the formula stands on another sheet (`'三、…'!D8:D28`).
    func sumExpression(_ cells: [CellKey], sheetPrefix: Bool, absolute: Bool = false) -> String {
        "SUM(" + arguments(cells, sheetPrefix: sheetPrefix, absolute: absolute) + ")"
    }

    /// `D8:D28,D30`: the arguments of `sumExpression`, for other functions over the same cells.
    func arguments(_ cells: [CellKey], sheetPrefix: Bool, absolute: Bool = false) -> String {
        let parts = runs(cells).map { run -> String in
            let prefix = sheetPrefix ? XLSXWorkbook.quoted(run.sheet) + "!" : ""
            let first = absolute ? run.first.absolute : run.first.description
            let last = absolute ? run.last.absolute : run.last.description
            return prefix + (run.first == run.last ? first : first + ":" + last)
        }
        return parts.joined(separator: ",")
    }

    /// A condition true when the instance fails, for conditional formatting on its sheet.
    /// Differences are rounded so that decimal amounts compare as written.
    func failureCondition(_ instance: Rule.Instance) -> String {
        let difference = "ROUND(\(sumExpression(instance.left, sheetPrefix: false, absolute: true))-\(sumExpression(instance.right, sheetPrefix: false, absolute: true)),\(Rule.comparisonDecimals))"
        return instance.rule.relation == .equal ? "\(difference)<>0" : "\(difference)<0"
    }

    /// The result formula of a check row comparing the left (column D) and right (E) sums.
    static func resultFormula(_ instance: Rule.Instance, row: Int) -> String {
        let left = CellReference(row: row, column: WorkbookLayout.CheckColumn.left.rawValue)
        let right = CellReference(row: row, column: WorkbookLayout.CheckColumn.right.rawValue)
        let comparison = instance.rule.relation == .equal ? "=0" : ">=0"
        return "=IF(ROUND(\(left)-\(right),\(Rule.comparisonDecimals))\(comparison),\"\(WorkbookText.passed)\",\"\(WorkbookText.failed)\")"
    }
}

extension Decimal {
    /// The value as the Double nearest to it, for the file (libxlsxwriter writes `%.16G`).
    /// Parsed from the decimal text: NSDecimalNumber's conversion can miss the nearest Double
    /// (5456.818 would be written 5456.818000000001).
    var doubleValue: Double { Double(ReportJSON.format(self)) ?? NSDecimalNumber(decimal: self).doubleValue }
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
