import Foundation
import ReportModel

/// Stage 4 of reading a text report: refuses texts that are not a report, reads the text
/// sections and assembles the `LoadedReport` from what stages 2 and 3 found.
struct ReportAssembler {
    let input: TokenizedText
    let recognition: Recognition
    let tables: TableReading
    /// The input file as the user named it, for warnings.
    let file: String?

    /// The report, its values' lines and the warnings; throws when the text is not a report
    /// or its year is missing or outside `ReportYears.accepted`.
    func assemble() throws(ReportInputError) -> LoadedReport {
        let year = try reportYear()
        let form = recognition.form
        var warnings = tables.warnings
        if recognition.agency.isEmpty {
            warnings.append(Diagnostic(.warning, Messages.text("text.no_agency")))
        }
        var report = Report(form: form, agency: recognition.agency, year: year, date: recognition.signature.date)
        for (cell, value) in tables.values { report[cell] = value }
        report.unresolved = tables.unresolved
        report.sections = SectionReader(form: form, lines: input.lines, titleLine: recognition.title?.line,
            end: recognition.signature.firstLine, tablesEnd: tables.lines.values.max().map { $0 - 1 }).sections()
        return LoadedReport(report: report, origins: tables.lines.mapValues { .line($0) },
            warnings: warnings.map { file.map($0.inFile) ?? $0 })
    }

    /// The report year: a text with neither a title nor enough table rows is not a report; a
    /// year outside the accepted range is refused at its line, as every reader does.
    private func reportYear() throws(ReportInputError) -> Int {
        // The example title of the messages is the newest form's.
        let example = (FormCatalog.newest ?? recognition.form).title(agency: "…", year: 2023)
        // A report on a form before the known ones is refused by name, never read as one of them.
        // Looked for only where it could refuse: the search runs over the whole text, and a
        // report with its tables found and a year after every retired form cannot be refused.
        let latestRetiredYear = FormCatalog.retired.map { $0.years.last ?? Int.max }.max() ?? Int.min
        let mayBeRetired = tables.matchedRows < 5 || recognition.year.map { $0.year <= latestRetiredYear } ?? true
        if mayBeRetired, let retired = FormCatalog.retiredForm(in: input.text),
            tables.matchedRows < 5 || recognition.year.map({ $0.year <= (retired.years.last ?? Int.max) }) ?? true
        {
            throw ReportInputError(retired.refusal)
        }
        guard recognition.title != nil || tables.matchedRows >= 5 else {
            throw ReportInputError(Messages.text("text.not_a_report", ["example": example]))
        }
        guard let year = recognition.year else {
            throw ReportInputError(Messages.text("text.no_year", ["example": example]))
        }
        guard ReportYears.contains(year.year) else {
            throw ReportInputError(at: .line(year.line), ReportYears.outOfRangeMessage(year.year))
        }
        return year.year
    }
}
