import ArgumentParser
import Foundation
import ReportFormats
import ReportBatch
import ReportModel

/// `xxgk compare REPORT...`: how an agency's report changed from year to year, or (with
/// `--by agency`) how many agencies' reports changed between two rounds.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("cli.compare.abstract"),
        discussion: Messages.text("cli.compare.discussion", ["exit_codes": CommandFailure.exitCodesHelp]))

    /// The output formats on standard output.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    /// What reports are matched by.
    enum Matching: String, ExpressibleByArgument, CaseIterable {
        case agency
    }

    @Argument(help: ArgumentHelp(Messages.text("cli.compare.inputs", ["extensions": ReportFormats.readableExtensions])))
    var inputs: [String]

    @Option(help: ArgumentHelp(Messages.text("cli.compare.by")))
    var by: Matching?

    @Flag(help: ArgumentHelp(Messages.text("cli.compare.all")))
    var all = false

    @Option(help: ArgumentHelp(Messages.text("cli.compare.format")))
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp(Messages.text("cli.compare.output"), valueName: "file"))
    var output: String?

    func validate() throws {
        if by == .agency && inputs.count != 2 {
            throw ValidationError(Messages.text("cli.compare.by_agency_count", ["count": String(inputs.count)]))
        }
        if by == nil && inputs.count < 2 && ReportFiles.expand(inputs).count < 2 {
            throw ValidationError(Messages.text("cli.compare.too_few"))
        }
        if let output, OutputKind(path: output) == nil {
            throw ValidationError(Messages.text("cli.compare.output_kind", ["path": output]))
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
            throw ValidationError(Messages.text("cli.compare.no_files", ["inputs": input]))
        }
        if rounds.allSatisfy(\.isEmpty) {
            throw ValidationError(Messages.text("cli.compare.no_files", ["inputs": inputs.joined(separator: Messages.text("list.separator"))]))
        }
        let results = rounds.map { ParallelCheck.run($0, progress: nil) }
        let unreadable = results.joined().filter { $0.loaded == nil }
        if !unreadable.isEmpty {
            for result in unreadable { result.diagnostics.forEach { printError($0.description) } }
            let count = String(unreadable.count)
            let message = unreadable.count == 1
                ? Messages.text("cli.compare.unreadable_one", ["count": count]) : Messages.text("cli.compare.unreadable_many", ["count": count])
            printError(Diagnostic.line(severity: .error, parts: [], message: message))
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
