import ArgumentParser
import Foundation
import ReportModel
import ReportWorkbook
import XLSX

/// `xxgk template [--form 2019|2021] [--agency NAME] [--year YYYY] -o FILE.xlsx`: a blank
/// workbook in the official layout for agencies to fill in.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("cli.template.abstract"),
        discussion: Messages.text("cli.template.discussion"))

    @Option(help: ArgumentHelp(Messages.text("cli.template.form", ["ids": FormArgument.idList])))
    var form: String?

    @Option(help: ArgumentHelp(Messages.text("cli.template.agency")))
    var agency: String?

    @Option(help: ArgumentHelp(Messages.text("cli.template.year")))
    var year: Int?

    @Option(name: .shortAndLong, help: ArgumentHelp(Messages.text("cli.template.output")))
    var output: String

    func run() throws {
        let chosen = try FormArgument.form(form)
        if let year, !ReportYears.contains(year) {
            throw ValidationError(Messages.text("cli.template.not_a_year", ["year": String(year), "years": ReportYears.description]))
        }
        try ReportFiles.writeWorkbook(to: output) { path throws(XLSXWriteError) in
            try ReportWorkbook.writeTemplate(form: chosen, agency: agency, year: year, to: path, generator: XXGK.generator)
        }
    }
}
