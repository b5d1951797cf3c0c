import ArgumentParser
import Foundation
import ReportFormats
import ReportModel

/// The `xxgk` command: converts and checks 政府信息公开工作年度报告.
@main
struct XXGK: AsyncParsableCommand {
    static let version = "0.1.0"
    /// The name and version written into files (`xxgk 0.1.0`).
    static let generator = "xxgk \(version)"

    static let configuration = CommandConfiguration(
        commandName: "xxgk",
        abstract: Messages.text("cli.abstract"),
        discussion: Messages.text("cli.discussion", [
            "readers": ReportFormats.readers
                .map { Messages.text("cli.kind_summary", ["summary": $0.kind.summary, "kind": $0.kind.description]) }
                .joined(separator: Messages.text("list.separator")),
            "writers": ReportFormats.writers.map(\.kind.description).joined(separator: Messages.text("list.separator")),
        ]) + "\n\n" + CommandFailure.exitCodesHelp,
        version: version,
        subcommands: [Forms.self, Check.self, Compare.self, Convert.self, Template.self, Sum.self, Cells.self, Serve.self]
    )

    /// Parses the command line and runs the command (awaited when it is asynchronous, as
    /// `serve` is); every error ends here, mapped once to its message and exit code
    /// (`CommandFailure.exit`).
    static func main() async {
        let (arguments, unknownLanguage) = LanguageOption.apply(to: Array(CommandLine.arguments.dropFirst()))
        if let unknownLanguage {
            printError(Diagnostic.line(severity: .error, parts: [], message: Messages.text("cli.language.unknown", ["value": unknownLanguage])))
            Foundation.exit(CommandFailure.usageCode)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            CommandFailure.exitParsing(error)
        }
        // After parsing: `--version` and `--help` end there without reading the forms, which
        // is a third of a start's instructions.
        if !FormCatalog.problems.isEmpty {
            FormCatalog.problems.forEach { printError(Diagnostic.line(severity: .error, parts: [], message: "\($0)")) }
            Foundation.exit(CommandFailure.usageCode)
        }
        do {
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var runnable = command
                try runnable.run()
            }
        } catch {
            CommandFailure.exit(for: error, in: type(of: command))
        }
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
