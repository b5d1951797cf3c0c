import ArgumentParser
import Foundation

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
            Reads and writes the canonical JSON (.json), workbooks in the official layout (.xlsx), \
            plain-text (.txt) and Markdown (.md) reports, and checks the form's cross-checks (勾稽关系).

            Exit codes: 0 done and every check passed; 1 a cross-check failed; 2 an input could not be \
            read or is not a report of a known form (nothing written); 64 wrong usage.
            """,
        version: version,
        subcommands: [Forms.self, Check.self, Convert.self, Template.self, Sum.self, Cells.self]
    )
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The exit codes of spec/CLI.md.
enum ExitStatus {
    static let checkFailed = ExitCode(1)
    static let unreadableInput = ExitCode(2)
}
