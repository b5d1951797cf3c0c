import ArgumentParser
import Foundation
import ReportFormats
import ReportBatch
import ReportModel

/// `xxgk compare REPORT...`: how an agency's report changed from year to year, or (with
/// `--by agency`) how many agencies' reports changed between two rounds.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare reports of one agency over several years, or two rounds of many agencies.",
        discussion: """
            Prints every key figure (with --all every cell) per year, the change from the year before and \
            its percentage: the change divided by last year's value, times 100, to one decimal; shown as — \
            when last year's value is 0 or blank (no percentage exists). Blank counts as 0 in a change; a \
            figure blank in both years has no change. A total the report leaves blank is taken from its \
            parts. Then the shares of the results (三) and the carry-over rule between consecutive years.

            With --by agency, give two folders (or files): the reports are matched by agency name (spaces \
            and bracket widths ignored), and the agencies found in only one are listed.

            -o writes .xlsx (the table with charts), .csv, .json or .txt; without -o the comparison goes \
            to standard output in --format. Exit code: 2 if a report cannot be read or the reports cannot \
            be compared (different agencies, two of one year); nothing is written then. \
            \(CommandFailure.exitCodesHelp)
            """)

    /// The output formats on standard output.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    /// What reports are matched by.
    enum Matching: String, ExpressibleByArgument, CaseIterable {
        case agency
    }

    @Argument(help: "Reports of one agency (\(ReportFormats.readableExtensions)), or with --by agency two folders.")
    var inputs: [String]

    @Option(help: "agency: compare two folders of many agencies, matched by name.")
    var by: Matching?

    @Flag(help: "Every cell of the forms, not only the key figures.")
    var all = false

    @Option(help: "text (default), json or csv, for standard output.")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to a file: .xlsx (with charts), .csv, .json or .txt.", valueName: "file"))
    var output: String?

    func validate() throws {
        if by == .agency && inputs.count != 2 {
            throw ValidationError("--by agency compares two folders (or files); \(inputs.count) given")
        }
        if by == nil && inputs.count < 2 && ReportFiles.expand(inputs).count < 2 {
            throw ValidationError("give at least two reports of one agency (or a folder of them) to compare")
        }
        if let output, OutputKind(path: output) == nil {
            throw ValidationError("-o must name a .xlsx, .csv, .json or .txt file, not \(output)")
        }
    }

    /// The kinds `-o` writes, by extension.
    enum OutputKind {
        case xlsx, csv, json, text
        init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "xlsx": self = .xlsx
            case "csv": self = .csv
            case "json": self = .json
            case "txt": self = .text
            default: return nil
            }
        }
    }

    func run() throws {
        let rounds = by == .agency ? inputs.map { ReportFiles.expand([$0]) } : [ReportFiles.expand(inputs)]
        if by == .agency, let (input, _) = zip(inputs, rounds).first(where: { $0.1.isEmpty }) {
            throw ValidationError("no report files found in \(input)")
        }
        if rounds.allSatisfy(\.isEmpty) { throw ValidationError("no report files found in \(inputs.joined(separator: ", "))") }
        let results = rounds.map { ParallelCheck.run($0, progress: nil) }
        let unreadable = results.joined().filter { $0.loaded == nil }
        if !unreadable.isEmpty {
            for result in unreadable { result.diagnostics.forEach { printError($0.description) } }
            printError("error: nothing compared: \(unreadable.count) input\(unreadable.count == 1 ? "" : "s") could not be read")
            throw CommandFailure.inputsUnreadable
        }
        let reports = results.map { $0.compactMap { $0.loaded?.report } }

        let grid: ComparisonGrid
        let json: JSONValue
        let writeWorkbook: (String) throws -> Void
        do {
            if by == .agency {
                let compared = try ReportComparison.byAgency(reports[0], reports[1], allCells: all)
                grid = ComparisonGrid(compared)
                json = ComparisonJSON.value(compared)
                writeWorkbook = { try ComparisonWorkbook.write(compared, grid: grid, to: $0) }
            } else {
                let compared = try ReportComparison(reports[0], allCells: all)
                grid = ComparisonGrid(compared)
                json = ComparisonJSON.value(compared)
                writeWorkbook = { try ComparisonWorkbook.write(compared, grid: grid, to: $0) }
            }
        } catch {
            throw CommandFailure.inputsIncompatible(error.description)
        }

        func rendered(_ kind: OutputFormat) -> String {
            switch kind {
            case .text: return grid.plainText
            case .csv: return grid.csv
            case .json: return JSONWriter.write(json)
            }
        }
        guard let output else { return print(rendered(format), terminator: "") }
        switch OutputKind(path: output) {
        case .xlsx?: try writeWorkbook(output)
        case .csv?: try OutputFile.write(Data(rendered(.csv).utf8), to: output)
        case .json?: try OutputFile.write(Data(rendered(.json).utf8), to: output)
        case .text?, nil: try OutputFile.write(Data(rendered(.text).utf8), to: output)
        }
    }
}
