import Foundation

/// Warnings about a submitted report as a whole that its form's rules cannot see: a returned
/// template with nothing filled in passes every rule (blank counts as 0), and a report
/// without its 成文日期 reads like any other. Run on every submission checked (the command
/// line's `check` and `sum`, the server's intake); not on reports xxgk makes itself (a sum).
public enum ReportWarnings {
    /// The rule id of a report whose every table cell is blank.
    public static let blankRule = "report.blank"
    /// The rule id of a report without its date.
    public static let noDateRule = "report.no_date"

    /// The warnings for `report`, blank first; empty for a filled-in, dated report.
    public static func check(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        if isBlank(report) {
            findings.append(warning(blankRule, Messages.text("batch.report.blank")))
        }
        if report.date == nil {
            findings.append(warning(noDateRule, Messages.text("batch.report.no_date")))
        }
        return findings
    }

    /// Whether no table cell holds a value and the source left nothing undetermined (a part
    /// it could not read means something was written there).
    public static func isBlank(_ report: Report) -> Bool {
        report.values.isEmpty && report.unresolved.isEmpty
    }

    private static func warning(_ rule: String, _ message: String) -> Finding {
        Finding(rule: rule, severity: .warning, cells: [], place: "", found: nil, expected: nil, message: message)
    }
}
