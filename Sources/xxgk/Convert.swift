import ArgumentParser
import Foundation
import ReportModel

/// `xxgk convert INPUT OUTPUT`: any supported kind to any other.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a report between .json, .xlsx, .txt and .md.",
        discussion: """
            The kinds are taken from the file extensions. "-" reads standard input or writes standard \
            output; --from/--to then name the kind. Failing cross-checks are printed as warnings; with \
            --strict they fail the command (exit 1) and nothing is written.
            """)

    @Argument(help: "The report to read (.json, .xlsx, .txt, .md, or - for standard input).")
    var input: String

    @Argument(help: "The file to write (.json, .xlsx, .txt, .md, or - for standard output).")
    var output: String

    @Option(help: "The kind of the input when its extension does not tell (json, xlsx, txt, md).")
    var from: ReportFileKind?

    @Option(help: "The kind of the output when its extension does not tell (json, xlsx, txt, md).")
    var to: ReportFileKind?

    @Flag(help: "Fail (exit 1, nothing written) when a cross-check fails.")
    var strict = false

    func run() throws {
        let inputKind = try ReportFileKind.resolve(from, path: input, role: "input")
        let outputKind = try ReportFileKind.resolve(to, path: output, role: "output")
        let loaded: LoadedReport
        do {
            loaded = try ReportFiles.load(input, kind: inputKind)
        } catch {
            printError("\(error)")
            throw ExitStatus.unreadableInput
        }
        let name = input == "-" ? "<stdin>" : input
        loaded.warnings.forEach { printError($0.inFile(name).description) }
        let findings = loaded.findings + CheckEngine.check(loaded.report)
        for finding in findings {
            var diagnostic = FindingPlaces.diagnostic(for: finding, in: loaded, file: name)
            if !strict { diagnostic.severity = .warning }
            printError(diagnostic.description)
        }
        let failed = findings.contains { $0.severity == .error }
        if strict && failed { throw ExitStatus.checkFailed }
        do {
            try ReportFiles.save(loaded.report, to: output, kind: outputKind)
        } catch {
            printError("\(error)")
            throw ExitStatus.unreadableInput
        }
    }
}

/// Findings placed in their source: the file and the place of the rule's first cell.
enum FindingPlaces {
    /// A diagnostic naming the file and the place (cell, line or JSON path) of a finding.
    static func diagnostic(for finding: Finding, in loaded: LoadedReport, file: String) -> Diagnostic {
        let location = finding.cells.first.flatMap { loaded.origins[$0] }
        return Diagnostic(finding.severity, file: file, at: location, finding.message)
    }
}
