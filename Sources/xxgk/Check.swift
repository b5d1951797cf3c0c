import ArgumentParser
import Foundation
import ReportBatch
import ReportFormats
import ReportModel

/// `xxgk check INPUT...`: reads each report and runs its form's checks.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("batch.check.abstract", ["extensions": ReportFormats.readableExtensions]),
        discussion: Messages.text("batch.check.discussion"))

    /// The output formats of `check`.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp(Messages.text("batch.check.help.inputs", ["extensions": ReportFormats.readableExtensions])))
    var inputs: [String]

    @Option(help: ArgumentHelp(Messages.text("batch.check.help.format")))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp(Messages.text("batch.check.help.summary"), valueName: "file"))
    var summary: String?

    @Option(help: ArgumentHelp(Messages.text("batch.check.help.previous"), valueName: "dir"))
    var previous: [String] = []

    @Option(help: ArgumentHelp(Messages.text("batch.check.help.feedback"), valueName: "dir"))
    var feedback: String?

    @Flag(help: ArgumentHelp(Messages.text("batch.check.help.rules")))
    var rules = false

    func validate() throws {
        if let summary, SummaryTable.Kind(path: summary) == nil {
            throw ValidationError(Messages.text("batch.check.summary_kind", ["path": summary]))
        }
    }

    func run() throws {
        let listing = BatchFiles.list(inputs)
        let files = listing.files
        if files.isEmpty { throw ValidationError(Messages.text("batch.no_files", ["inputs": inputs.joined(separator: ", ")])) }
        let previousListing = BatchFiles.list(previous)
        let previousFiles = previousListing.files
        let skipped = listing.skipped + previousListing.skipped
        let progress = ProgressBar(total: files.count + previousFiles.count)
        var results = ParallelCheck.run(files, progress: progress)
        let previousResults = ParallelCheck.run(previousFiles, progress: progress)
        // Before the year-to-year check, so both copies of a duplicate are compared alike.
        Duplicates.mark(&results)
        if !previous.isEmpty { YearToYear.compare(&results, with: previousResults) }

        switch format {
        case .text:
            for result in results {
                print(result.summaryLine)
                if rules { result.ruleLines.forEach { print($0) } }
            }
            let unreadablePrevious = previousResults.filter { $0.loaded == nil }
            for result in unreadablePrevious { print(Messages.text("batch.previous_unreadable", ["file": result.file])) }
            for file in skipped { print(file.note.description) }
            for result in results + unreadablePrevious {
                for diagnostic in result.diagnostics { print(diagnostic.description) }
            }
        case .json:
            print(JSONWriter.write(.object([
                ("files", .array(results.map(\.jsonValue))),
                ("previous", .array(previousResults.map(\.jsonValue))),
                ("skipped", .array(skipped.map(\.jsonValue))),
            ])), terminator: "")
        }
        if let summary { try SummaryTable(results: results, changes: !previous.isEmpty).write(to: summary) }
        if let feedback { try FeedbackOutput.write(results, to: feedback, inputs: files) }
        if (results + previousResults).contains(where: { $0.loaded == nil }) { throw CommandFailure.inputsUnreadable }
        if results.contains(where: { $0.errorCount > 0 }) { throw CommandFailure.checksFailed }
    }
}
