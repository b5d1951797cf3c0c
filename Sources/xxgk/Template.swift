import ArgumentParser
import Foundation
import ReportModel
import ReportWorkbook

/// `xxgk template [--form 2019|2021] [--agency NAME] [--year YYYY] -o FILE.xlsx`: a blank
/// workbook in the official layout for agencies to fill in.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a blank workbook in the official layout for agencies to fill in.",
        discussion: """
            The workbook has a cover sheet, one sheet per section, and a 校验 sheet with every cross-check \
            as a formula. Input cells are shaded and unlocked; totals are formulas. Default form: the newest.
            """)

    @Option(help: "The form id (\(FormCatalog.all.map(\.id).joined(separator: " or "))); default the newest.")
    var form: String?

    @Option(help: "The agency name to prefill on the cover.")
    var agency: String?

    @Option(help: "The report year to prefill on the cover.")
    var year: Int?

    @Option(name: .shortAndLong, help: "The workbook to write (.xlsx).")
    var output: String

    func run() throws {
        let chosen: Form
        if let form {
            guard let found = FormCatalog.form(id: form) else {
                printError("error: unknown form \"\(form)\"; expected one of \(FormCatalog.knownIDs)")
                throw ExitStatus.unreadableInput
            }
            chosen = found
        } else {
            guard let newest = FormCatalog.newest else {
                printError("error: no forms are built into this xxgk")
                throw ExitStatus.unreadableInput
            }
            chosen = newest
        }
        if let year, !ReportYears.contains(year) {
            throw ValidationError("--year \(year) is not a report year (\(ReportYears.description))")
        }
        do {
            try ReportFiles.writeWorkbook(to: output) { path in
                try ReportWorkbook.writeTemplate(form: chosen, agency: agency, year: year, to: path, generator: XXGK.generator)
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.unreadableInput
        }
    }
}
