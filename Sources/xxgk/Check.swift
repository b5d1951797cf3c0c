import ArgumentParser
import Foundation
import ReportBatch
import ReportFormats
import ReportModel

/// `xxgk check INPUT...`: reads each report and runs its form's checks.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check reports (\(ReportFormats.readableExtensions), or folders of them) against their form's rules.",
        discussion: """
            Reads every input in parallel on all cores (a progress bar shows on a terminal). Prints one \
            line per file (agency, year, form, and passed / N errors / unreadable), then each finding with \
            its place. One unreadable file never stops the run.

            With --previous, each agency's 上年结转 (carried_over) must equal its 结转下年度继续办理 \
            (carried_forward) in last year's report, matched by agency name.

            Exit code: 2 if any input could not be read (the others are still checked), else 1 if any \
            check failed, else 0.
            """)

    /// The output formats of `check`.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Report files or folders (every \(ReportFormats.readableExtensions) file in a folder is read).")
    var inputs: [String]

    @Option(help: "text (default) or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Also write a summary, one row per submission (.csv or .xlsx).", valueName: "file"))
    var summary: String?

    @Option(help: ArgumentHelp("Last year's reports (a folder or file), for the year-to-year check.", valueName: "dir"))
    var previous: [String] = []

    @Option(help: ArgumentHelp("Write a feedback workbook for every submission with findings into this folder (<file>-反馈.xlsx: its values, each bad cell marked with a note, and a 问题清单 sheet).", valueName: "dir"))
    var feedback: String?

    @Flag(help: "After each file's line, list every rule of its form with 通过 (passed) or 不通过 (failed), as the 校验 sheet does.")
    var rules = false

    func validate() throws {
        if let summary, SummaryTable.Kind(path: summary) == nil {
            throw ValidationError("--summary must name a .csv or .xlsx file, not \(summary)")
        }
    }

    func run() throws {
        let files = ReportFiles.expand(inputs)
        if files.isEmpty { throw ValidationError("no report files found in \(inputs.joined(separator: ", "))") }
        let previousFiles = ReportFiles.expand(previous)
        let progress = ProgressBar(total: files.count + previousFiles.count)
        var results = ParallelCheck.run(files, progress: progress)
        let previousResults = ParallelCheck.run(previousFiles, progress: progress)
        if !previous.isEmpty { YearToYear.compare(&results, with: previousResults) }

        switch format {
        case .text:
            for result in results {
                print(result.summaryLine)
                if rules { result.ruleLines.forEach { print($0) } }
            }
            let unreadablePrevious = previousResults.filter { $0.loaded == nil }
            for result in unreadablePrevious { print("\(result.file): unreadable (last year's report)") }
            for result in results + unreadablePrevious {
                for diagnostic in result.diagnostics { print(diagnostic.description) }
            }
        case .json:
            print(JSONWriter.write(.object([
                ("files", .array(results.map(\.jsonValue))),
                ("previous", .array(previousResults.map(\.jsonValue))),
            ])), terminator: "")
        }
        if let summary { try SummaryTable(results: results, changes: !previous.isEmpty).write(to: summary) }
        if let feedback { try FeedbackOutput.write(results, to: feedback, inputs: files) }
        if (results + previousResults).contains(where: { $0.loaded == nil }) { throw CommandFailure.inputsUnreadable }
        if results.contains(where: { $0.errorCount > 0 }) { throw CommandFailure.checksFailed }
    }
}
