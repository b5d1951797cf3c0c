import ArgumentParser
import Foundation
import ReportBatch
import ReportFormats
import ReportModel

/// `xxgk convert INPUT OUTPUT`: any supported kind to any other.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("cli.convert.abstract", ["readable": ReportFormats.readableExtensions, "writable": ReportFormats.writableExtensions]),
        discussion: Messages.text("cli.convert.discussion"))

    @Argument(help: ArgumentHelp(Messages.text("cli.convert.input", ["extensions": ReportFormats.readableExtensions])))
    var input: String

    @Argument(help: ArgumentHelp(Messages.text("cli.convert.output", ["extensions": ReportFormats.writableExtensions])))
    var output: String

    @Option(help: ArgumentHelp(Messages.text("cli.convert.from", ["names": ReportFormats.readerNames.joined(separator: ", ")])))
    var from: InputKind?

    @Option(help: ArgumentHelp(Messages.text("cli.convert.to", ["names": ReportFormats.writerNames.joined(separator: ", ")])))
    var to: OutputKind?

    @Flag(help: ArgumentHelp(Messages.text("cli.convert.strict")))
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
