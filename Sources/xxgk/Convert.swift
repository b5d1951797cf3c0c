import ArgumentParser
import Foundation
import ReportBatch
import ReportFormats
import ReportModel

/// `xxgk convert INPUT OUTPUT`: any supported kind to any other.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a report from \(ReportFormats.readableExtensions) to \(ReportFormats.writableExtensions).",
        discussion: """
            The kinds are taken from the file extensions. "-" reads standard input or writes standard \
            output; --from/--to then name the kind. Failing cross-checks are printed as warnings; with \
            --strict they fail the command (exit 1) and nothing is written. Table parts that the \
            input does not determine (ambiguous or missing rows of a text, bad cells such as 十二 or -1) are errors: the output is \
            written (JSON records them under "unresolved") and the command exits 1.
            """)

    @Argument(help: "The report to read (\(ReportFormats.readableExtensions), or - for standard input).")
    var input: String

    @Argument(help: "The file to write (\(ReportFormats.writableExtensions), or - for standard output).")
    var output: String

    @Option(help: "The kind of the input when its extension does not tell (\(ReportFormats.readerNames.joined(separator: ", "))).")
    var from: InputKind?

    @Option(help: "The kind of the output when its extension does not tell (\(ReportFormats.writerNames.joined(separator: ", "))).")
    var to: OutputKind?

    @Flag(help: "Fail (exit 1, nothing written) when a cross-check fails.")
    var strict = false

    func run() throws {
        let reader = try ReportFiles.reader(from, path: input)
        let writer = try ReportFiles.writer(to, path: output)
        let loaded = try ReportFiles.load(input, with: reader)
        let name = input == "-" ? "<stdin>" : input
        loaded.warnings.forEach { printError($0.inFile(name).description) }
        let findings = loaded.findings + CheckEngine.check(loaded.report)
        // What the source did not determine stays an error: the output is written (JSON keeps
        // the unresolved parts) but the command fails, so no blank passes for a value.
        let unresolved = findings.filter { CheckEngine.unresolvedRules.contains($0.rule) }
        for finding in findings {
            var diagnostic = FindingPlaces.diagnostic(for: finding, in: loaded, file: name)
            if !strict && !CheckEngine.unresolvedRules.contains(finding.rule) { diagnostic.severity = .warning }
            printError(diagnostic.description)
        }
        let failed = findings.contains { $0.severity == .error }
        if strict && failed { throw CommandFailure.checksFailed }
        try ReportFiles.save(loaded.report, to: output, with: writer)
        if !unresolved.isEmpty { throw CommandFailure.checksFailed }
    }
}
