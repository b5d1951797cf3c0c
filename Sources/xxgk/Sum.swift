import ArgumentParser
import Foundation
import ReportBatch
import ReportFormats
import ReportModel

/// `xxgk sum INPUT... -o OUTPUT`: a district's total of many reports of one form and year.
struct Sum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add up the tables of many reports of one form and year, and write the sum in any kind.",
        discussion: """
            A cell of the sum is blank only when it is blank in every report. Refuses reports of different \
            forms or years. Lists the files that went in on standard error, then the sum's checks. \
            Exit code: 2 if an input could not be read or the reports cannot be added up (nothing is \
            written), else 1 if a check of the sum fails, else 0.
            """)

    @Argument(help: "Report files or folders.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (\(ReportFormats.writableExtensions)).", valueName: "file"))
    var output: String

    @Option(help: "The agency named in the sum (e.g. the district).")
    var agency = "合计"

    func run() throws {
        let writer = try ReportFiles.writer(nil, path: output, kindOption: false)
        let files = ReportFiles.expand(inputs)
        if files.isEmpty { throw ValidationError("no report files found in \(inputs.joined(separator: ", "))") }
        let results = ParallelCheck.run(files, progress: ProgressBar(total: files.count))
        let unreadable = results.filter { $0.loaded == nil }
        if !unreadable.isEmpty {
            for result in unreadable { result.diagnostics.forEach { printError($0.description) } }
            printError("error: nothing written: \(unreadable.count) of \(files.count) inputs could not be read")
            throw CommandFailure.inputsUnreadable
        }
        let total: Report
        do {
            total = try Report.sum(results.compactMap { $0.loaded?.report }, sources: results.map(\.file), agency: agency)
        } catch {
            throw CommandFailure.inputsIncompatible("\(error)")
        }
        printError("added up \(results.count) reports (form \(total.form.id), year \(total.year)):")
        for result in results {
            printError("  \(result.file)\t\(result.loaded?.report.agency ?? "")\t\(result.status)")
        }
        let findings = CheckEngine.check(total)
        findings.forEach { printError("\($0.severity.rawValue): sum: \($0.message)") }
        try ReportFiles.save(total, to: output, with: writer)
        if findings.contains(where: { $0.severity == .error }) { throw CommandFailure.checksFailed }
    }
}
