import Foundation
import ReportModel

/// Reads the text of a published report into a `LoadedReport`, in four stages: tokens
/// (`TokenizedText`), the report's title, year, form and signature (`ReportRecognizer`), the
/// tables (`TableReader`), and sections and assembly (`ReportAssembler`).
struct TextParser {
    let input: TokenizedText
    let file: String?

    /// A parser of decoded text.
    init(text: String, file: String?) {
        self.init(input: TokenizedText(text: text), file: file)
    }

    /// A parser of text already cut into lines and tokens.
    init(input: TokenizedText, file: String?) {
        self.input = input
        self.file = file
    }

    /// The report the text holds; throws when it is not a readable report.
    func parse() throws(ReportInputError) -> LoadedReport {
        let recognition = ReportRecognizer(input: input).recognize()
        let tables = TableReader(form: recognition.form, tokens: input.tokens).read()
        return try ReportAssembler(input: input, recognition: recognition, tables: tables, file: file).assemble()
    }
}
