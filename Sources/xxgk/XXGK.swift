import ArgumentParser
import Foundation
import ReportFormats
import ReportModel

/// The `xxgk` command: converts and checks 政府信息公开工作年度报告.
@main
struct XXGK: ParsableCommand {
    static let version = "0.1.0"
    /// The name and version written into files (`xxgk 0.1.0`).
    static let generator = "xxgk \(version)"

    static let configuration = CommandConfiguration(
        commandName: "xxgk",
        abstract: "Convert and check annual reports on government information disclosure (政府信息公开工作年度报告).",
        discussion: """
            Reads \(ReportFormats.readers.map { "\($0.kind.summary) (\($0.kind))" }.joined(separator: ", ")); \
            writes \(ReportFormats.writers.map(\.kind.description).joined(separator: ", ")); and checks the form's \
            cross-checks (勾稽关系).

            \(CommandFailure.exitCodesHelp)
            """,
        version: version,
        subcommands: [Forms.self, Check.self, Compare.self, Convert.self, Template.self, Sum.self, Cells.self]
    )

    /// Parses the command line and runs the command; every error ends here, mapped once to
    /// its message and exit code (`CommandFailure.exit`).
    static func main() {
        if !FormCatalog.problems.isEmpty {
            FormCatalog.problems.forEach { printError("error: \($0)") }
            Foundation.exit(CommandFailure.usageCode)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            var runnable = command
            try runnable.run()
        } catch {
            CommandFailure.exit(for: error, in: type(of: command))
        }
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
