import Foundation

/// Why reports cannot be added up: they are on different forms or for different years.
public struct ReportSumError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

extension Report {
    /// The element-wise sum of reports of one form and one year (a district's total).
    /// A cell is blank in the sum only when it is blank in every part; otherwise blanks count as 0.
    /// The sum's totals are computed from its summed parts, so a part's own arithmetic error
    /// (a printed total that differs from its parts) does not pass into the district's total.
    /// `sources` names each part in messages (file names), in the same order as `reports`.
    public static func sum(_ reports: [Report], sources: [String], agency: String) throws(ReportSumError) -> Report {
        guard let first = reports.first else { throw ReportSumError(description: Messages.text("sum.no_reports")) }
        let named = zip(sources, reports).map { (source: $0, report: $1) }
        let forms = Dictionary(grouping: named, by: { $0.report.form.id })
        if forms.count > 1 {
            let listing = forms.keys.sorted().map { id in Messages.text("sum.form_listing", ["form": id, "sources": forms[id, default: []].map(\.source).joined(separator: ", ")]) }
            throw ReportSumError(description: Messages.text("sum.different_forms", ["listing": listing.joined(separator: "; ")]))
        }
        let years = Dictionary(grouping: named, by: { $0.report.year })
        if years.count > 1 {
            let listing = years.keys.sorted().map { year in "\(year): \(years[year, default: []].map(\.source).joined(separator: ", "))" }
            throw ReportSumError(description: Messages.text("sum.different_years", ["listing": listing.joined(separator: "; ")]))
        }
        var total = Report(form: first.form, agency: agency, year: first.year)
        for report in reports {
            for (cell, value) in report.values {
                total[cell] = (total[cell] ?? 0) + value
            }
        }
        total.computeTotals()
        return total
    }
}
