import Foundation

/// A rule that does not hold, or a plausibility warning: which rule, which cells, what was
/// found and what was expected.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// The rule id (`applications.balance`, `report.year_form`).
    public let rule: String
    public let severity: Severity
    /// The cells involved, in rule order (empty for report-level findings).
    public let cells: [CellKey]
    /// Where the rule failed: `column 总计`, `row 行政复议`; empty for report-level findings.
    public let place: String
    /// The left side's value (sum), when the finding compares two sums.
    public let found: Decimal?
    /// The value the left side should have had.
    public let expected: Decimal?
    /// The whole finding as a sentence, without file or place of the source.
    public let message: String

    /// A finding; `message` should end with the rule id in brackets, as the engine's do.
    public init(rule: String, severity: Severity, cells: [CellKey], place: String, found: Decimal?, expected: Decimal?, message: String) {
        self.rule = rule
        self.severity = severity
        self.cells = cells
        self.place = place
        self.found = found
        self.expected = expected
        self.message = message
    }

    public var description: String { "\(severity.rawValue): \(message)" }
}

/// Runs a form's rules on a report. Blank counts as 0.
public enum CheckEngine {
    /// Every finding for the report: failing rules of the form, then report-level warnings.
    public static func check(_ report: Report) -> [Finding] {
        report.form.ruleInstances.compactMap { evaluate($0, in: report) } + reportWarnings(report)
    }

    /// The finding for one rule instance, or nil when it holds.
    public static func evaluate(_ instance: Rule.Instance, in report: Report) -> Finding? {
        let leftValues = instance.left.map { report[$0] ?? 0 }
        let rightValues = instance.right.map { report[$0] ?? 0 }
        let found = leftValues.reduce(0, +)
        let expected = rightValues.reduce(0, +)
        let holds = instance.rule.relation == .equal ? found == expected : found >= expected
        if holds { return nil }
        let rule = instance.rule
        let place = placeDescription(of: instance, in: report.form)
        let message = "\(rule.table): \(rule.title) fails in \(place): "
            + "\(sumText(leftValues)) \(rule.relation.failureSign) \(sumText(rightValues))"
            + " [\(rule.id)]"
        return Finding(
            rule: rule.id, severity: rule.severity, cells: instance.cells, place: place,
            found: found, expected: expected, message: message)
    }

    /// `column 总计` or `row 行政复议`: the column or row the instance runs along.
    public static func placeDescription(of instance: Rule.Instance, in form: Form) -> String {
        guard let table = form.table(instance.rule.table) else { return instance.along }
        switch instance.rule.scope {
        case .column:
            let path = instance.left.first.flatMap { table.row($0.row)?.column(instance.along)?.labelPath } ?? [instance.along]
            return "column \(columnName(path))"
        case .row:
            return "row \(table.row(instance.along)?.labelPath.joined(separator: "›") ?? instance.along)"
        }
    }

    /// A column's name without the header over all columns (申请人情况): `法人或其他组织›商业企业`.
    private static func columnName(_ path: [String]) -> String {
        (path.count > 1 ? Array(path.dropFirst()) : path).joined(separator: "›")
    }

    /// Values joined by `+`; more than six terms are shown as their sum.
    private static func sumText(_ values: [Decimal]) -> String {
        if values.count > 6 { return "\(ReportJSON.format(values.reduce(0, +))) (sum of \(values.count) cells)" }
        return values.map(ReportJSON.format).joined(separator: " + ")
    }

    /// Warnings about the report as a whole: the year does not fit the form, the date
    /// precedes the end of the year reported on.
    public static func reportWarnings(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        if !report.form.years.contains(report.year) {
            let fitting = FormCatalog.form(forYear: report.year).map { " (reports for \(report.year) use form \($0.id))" } ?? ""
            findings.append(Finding(
                rule: "report.year_form", severity: .warning, cells: [], place: "", found: nil, expected: nil,
                message: "report: form \(report.form.id) is for the years \(report.form.years.description), but the report is for \(report.year)\(fitting) [report.year_form]"))
        }
        if let date = report.date, date.year <= report.year {
            findings.append(Finding(
                rule: "report.date", severity: .warning, cells: [], place: "", found: nil, expected: nil,
                message: "report: dated \(date), before the end of the year reported on (\(report.year)) [report.date]"))
        }
        return findings
    }

    /// The year-to-year check: this year's 上年结转 must equal last year's 结转下年度继续办理,
    /// column by column. Needs both reports; the forms may differ.
    public static func checkCarryOver(_ report: Report, previous: Report) -> [Finding] {
        guard let table = report.form.table("applications"), let carriedOver = table.row("carried_over"),
            previous.form.table("applications")?.row("carried_forward") != nil
        else { return [] }
        return carriedOver.columns.compactMap { column in
            let now = report["applications", "carried_over", column.id] ?? 0
            let before = previous["applications", "carried_forward", column.id] ?? 0
            guard now != before else { return nil }
            let place = "column \(columnName(column.labelPath))"
            return Finding(
                rule: "report.carry_over", severity: .warning,
                cells: [CellKey(table: "applications", row: "carried_over", column: column.id)],
                place: place, found: now, expected: before,
                message: "applications: 二、上年结转 \(report.year) ≠ 四、结转下年度继续办理 \(previous.year) in \(place): \(ReportJSON.format(now)) ≠ \(ReportJSON.format(before)) [report.carry_over]")
        }
    }
}
