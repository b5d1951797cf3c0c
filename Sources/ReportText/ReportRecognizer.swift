import Foundation
import ReportModel

/// What stage 2 recognises of a report before its tables are read: title, year, form,
/// signature and agency.
struct Recognition {
    /// The title line, when found.
    let title: TitleReader.Title?
    /// The report year and the line it was read from: the title's, else the statistics
    /// period's; nil when the text states neither.
    let year: TitleReader.StatedYear?
    /// The form, decided from the labels only one form has, then from the year.
    let form: Form
    /// The agency and date at the end.
    let signature: SignatureReader.Signature
    /// The agency of the title, else of the signature, trimmed; empty when neither names one.
    let agency: String
}

/// Stage 2 of reading a text report: recognises the report in its lines (`TitleReader`,
/// `FormDetector`, `SignatureReader`).
struct ReportRecognizer {
    let input: TokenizedText

    /// The title, year, form, signature and agency of the text.
    func recognize() -> Recognition {
        let title = TitleReader.title(in: input.lines)
        let year = title.map { TitleReader.StatedYear(year: $0.year, line: $0.line) } ?? TitleReader.statisticsYear(in: input.lines)
        let form = FormDetector.form(text: input.text, year: title?.year)
        let signature = SignatureReader.read(input.lines, agency: title?.agency)
        let agency = [title?.agency, signature.agency].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return Recognition(title: title, year: year, form: form, signature: signature,
            agency: agency.trimmingWhitespace())
    }
}
