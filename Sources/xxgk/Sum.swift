import ArgumentParser
import Foundation
import ReportBatch
import ReportFormats
import ReportModel

/// `xxgk sum INPUT... -o OUTPUT`: a district's total of many reports of one form and year.
struct Sum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("batch.sum.abstract"),
        discussion: Messages.text("batch.sum.discussion"))

    @Argument(help: ArgumentHelp(Messages.text("batch.sum.help.inputs")))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp(Messages.text("batch.sum.help.output", ["extensions": ReportFormats.writableExtensions]), valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp(Messages.text("batch.sum.help.agency")))
    var agency = "合计"

    @Flag(help: ArgumentHelp(Messages.text("batch.sum.help.allow_failing")))
    var allowFailing = false

    func run() throws {
        let writer = try ReportFiles.writer(nil, path: output, kindOption: false)
        let listing = BatchFiles.list(inputs)
        let files = listing.files
        if files.isEmpty { throw ValidationError(Messages.text("batch.no_files", ["inputs": inputs.joined(separator: ", ")])) }
        for file in listing.skipped { printError(file.note.description) }
        var results = ParallelCheck.run(files, progress: ProgressBar(total: files.count))
        Duplicates.mark(&results)
        let selection = SumSelection(results, allowFailing: allowFailing)
        if !allowFailing, !selection.leftOut.isEmpty { try refuse(selection, of: files.count) }

        let total: Report
        do {
            total = try Report.sum(selection.included.compactMap { $0.loaded?.report }, sources: selection.included.map(\.file), agency: agency)
        } catch {
            throw CommandFailure.inputsIncompatible("\(error)")
        }
        printError(Messages.text("batch.sum.added_up", ["count": String(selection.included.count), "form": total.form.id, "year": String(total.year)]))
        for result in selection.included {
            printError(Messages.text("batch.sum.added_up_line", ["file": result.file, "agency": result.loaded?.report.agency ?? "", "status": result.status]))
        }
        if !selection.leftOut.isEmpty {
            printError(Messages.text("batch.sum.left_out", ["count": String(selection.leftOut.count)]))
            selection.leftOutLines.forEach { printError($0) }
        }
        let findings = CheckEngine.check(total)
        findings.forEach { printError(Diagnostic.line(severity: $0.severity, parts: [Messages.text("batch.sum.part")], message: $0.message)) }
        try ReportFiles.save(total, to: output, with: writer)
        if selection.unreadableCount > 0 { throw CommandFailure.inputsUnreadable }
        if findings.contains(where: { $0.severity == .error }) { throw CommandFailure.checksFailed }
    }

    /// Writes nothing: prints why each file cannot go in (its own errors, then the list) and
    /// ends with exit 2 when a file could not be read, else 1.
    private func refuse(_ selection: SumSelection, of total: Int) throws -> Never {
        for entry in selection.leftOut {
            entry.result.diagnostics.filter { $0.severity == .error }.forEach { printError($0.description) }
        }
        printError(Messages.text("batch.sum.refused", ["count": String(selection.leftOut.count), "total": String(total)]))
        selection.leftOutLines.forEach { printError($0) }
        let unreadable = selection.unreadableCount
        if unreadable > 0 {
            printError(Diagnostic.line(severity: .error, parts: [], message: Messages.text("batch.sum.nothing_written.unreadable", [
                "count": String(unreadable), "total": String(total),
            ])))
            throw CommandFailure.inputsUnreadable
        }
        printError(Diagnostic.line(severity: .error, parts: [], message: Messages.text("batch.sum.nothing_written.failing", [
            "count": String(selection.leftOut.count), "total": String(total),
        ])))
        throw CommandFailure.checksFailed
    }
}
