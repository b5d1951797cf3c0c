import ArgumentParser
import Foundation
import ReportModel
import ReportWorkbook
import XLSX

/// `xxgk template [--form 2019|2021] [--agency NAME] [--year YYYY] -o FILE.xlsx`: a blank
/// workbook in the official layout for agencies to fill in.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a blank workbook in the official layout for agencies to fill in.",
        discussion: """
            The workbook has a cover sheet, one sheet per section, and a 校验 sheet with every cross-check \
            as a formula. Input cells are shaded and unlocked; totals are formulas. Default form: the newest.
            """)

    @Option(help: "The form id (\(FormArgument.idList)); default the newest.")
    var form: String?

    @Option(help: "The agency name to prefill on the cover.")
    var agency: String?

    @Option(help: "The report year to prefill on the cover.")
    var year: Int?

    @Option(name: .shortAndLong, help: "The workbook to write (.xlsx).")
    var output: String

    func run() throws {
        let chosen = try FormArgument.form(form)
        if let year, !ReportYears.contains(year) {
            throw ValidationError("--year \(year) is not a report year (\(ReportYears.description))")
        }
        try ReportFiles.writeWorkbook(to: output) { path throws(XLSXWriteError) in
            try ReportWorkbook.writeTemplate(form: chosen, agency: agency, year: year, to: path, generator: XXGK.generator)
        }
    }
}
