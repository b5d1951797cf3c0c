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
    /// The words of the report the finding is about (a sentence of the narrative), so a
    /// command can find their line in the source; nil for findings about cells.
    public var excerpt: String? = nil

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

    public var description: String { Diagnostic.line(severity: severity, parts: [], message: message) }
}

/// Runs a form's rules on a report. Blank counts as 0.
public enum CheckEngine {
    /// Every finding for the report: what the source did not determine (bad cells among it),
    /// failing rules of the form, then report-level warnings. A rule instance that involves a
    /// bad cell (or a total summing one) is skipped: the bad cell's own error says what to
    /// mend, and a rule run on a blank in its place would only fail misleadingly.
    public static func check(_ report: Report) -> [Finding] {
        let tainted = taintedCells(report)
        let instances = tainted.isEmpty ? report.form.ruleInstances : report.form.ruleInstances.filter { !$0.cells.contains(where: tainted.contains) }
        return unresolvedFindings(report) + instances.compactMap { evaluate($0, in: report) } + reportWarnings(report)
    }

    /// The finding for one rule instance, or nil when it holds.
    public static func evaluate(_ instance: Rule.Instance, in report: Report) -> Finding? {
        finding(for: instance.evaluate { report[$0] }, in: report.form)
    }

    /// The finding of an evaluation that fails, or nil when it holds: the rule, its place in
    /// words, both sides' values. A rule across years names both years in its title.
    public static func finding(for evaluation: RuleEvaluation, in form: Form, years: (current: Int, previous: Int)? = nil) -> Finding? {
        guard !evaluation.holds else { return nil }
        let instance = evaluation.instance
        let rule = instance.rule
        let place = instance.place(in: form).description
        let values = "\(sumText(evaluation.leftValues)) \(rule.relation.failureSign) \(sumText(evaluation.rightValues))"
        let message: String
        if rule.acrossYears {
            let title = rule.title.replacingOccurrences(of: " \(rule.relation.rawValue) ", with: " \(rule.relation.failureSign) ")
                .replacingOccurrences(of: "{year}", with: years.map { String($0.current) } ?? "")
                .replacingOccurrences(of: "{previous_year}", with: years.map { String($0.previous) } ?? "")
            message = Messages.text("check.rule_fails_across_years", ["table": form.heading(ofTable: rule.table), "title": title, "place": place, "values": values, "rule": rule.id])
        } else {
            message = Messages.text("check.rule_fails", ["table": form.heading(ofTable: rule.table), "title": rule.title, "place": place, "values": values, "rule": rule.id])
        }
        return Finding(
            rule: rule.id, severity: rule.severity, cells: rule.acrossYears ? instance.left : instance.cells, place: place,
            found: evaluation.left, expected: evaluation.right,
            message: message)
    }

    /// `column 总计` or `row 行政复议`: the column or row the instance runs along.
    public static func placeDescription(of instance: Rule.Instance, in form: Form) -> String {
        instance.place(in: form).description
    }

    /// Values joined by `+`; more than six terms are shown as their sum.
    private static func sumText(_ values: [Decimal]) -> String {
        if values.count > 6 { return Messages.text("check.sum_of_cells", ["sum": ReportJSON.format(values.reduce(0, +)), "count": String(values.count)]) }
        return values.map(ReportJSON.format).joined(separator: " + ")
    }

    /// Warnings about the report as a whole: the year does not fit the form, the date
    /// precedes the end of the year reported on.
    public static func reportWarnings(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        if !report.form.years.contains(report.year) {
            let fitting = FormCatalog.form(forYear: report.year).map { Messages.text("check.report.year_form.fitting", ["year": String(report.year), "form": $0.id]) } ?? ""
            findings.append(Finding(
                rule: "report.year_form", severity: .warning, cells: [], place: "", found: nil, expected: nil,
                message: Messages.text("check.report.year_form", ["form": report.form.id, "years": report.form.years.description, "year": String(report.year), "fitting": fitting])))
        }
        if let date = report.date, date.year <= report.year {
            findings.append(Finding(
                rule: "report.date", severity: .warning, cells: [], place: "", found: nil, expected: nil,
                message: Messages.text("check.report.date", ["date": date.description, "year": String(report.year)])))
        }
        return findings
    }

    /// The rules across years of the report's form (the carry-over 上年结转 = last year's
    /// 结转下年度继续办理), with this year's values on the left and `previous`'s on the right.
    /// An instance whose cells last year's form does not have is skipped; the forms may differ.
    public static func checkAcrossYears(_ report: Report, previous: Report) -> [Finding] {
        report.form.yearToYearInstances.compactMap { instance in
            guard instance.right.allSatisfy(previous.form.contains) else { return nil }
            let evaluation = instance.evaluate(left: { report[$0] }, right: { previous[$0] })
            return finding(for: evaluation, in: report.form, years: (report.year, previous.year))
        }
    }
}
