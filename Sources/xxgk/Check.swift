import ArgumentParser
import Foundation
import ReportModel

/// `xxgk check INPUT...`: reads each report and runs its form's checks.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check reports (.json, .xlsx, .txt, .md, or folders of them) against their form's rules.",
        discussion: """
            Prints one line per file (agency, year, form, and passed / N errors / unreadable), then each
            finding with its place. Exit code: 2 if any input could not be read (the others are still
            checked), else 1 if any check failed, else 0.
            """)

    /// The output formats of `check`.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Report files or folders (every .xlsx/.json/.txt/.md in a folder is read).")
    var inputs: [String]

    @Option(help: "text (default) or json.")
    var format: OutputFormat = .text

    func run() throws {
        let files = ReportFiles.expand(inputs)
        if files.isEmpty { throw ValidationError("no report files found in \(inputs.joined(separator: ", "))") }
        let results = files.map(CheckResult.init(path:))
        switch format {
        case .text:
            for result in results { print(result.summaryLine) }
            for result in results {
                for diagnostic in result.diagnostics { print(diagnostic.description) }
            }
        case .json:
            print(JSONWriter.write(.object([("files", .array(results.map(\.jsonValue)))])), terminator: "")
        }
        if results.contains(where: { $0.loaded == nil }) { throw ExitStatus.unreadableInput }
        if results.contains(where: { $0.errorCount > 0 }) { throw ExitStatus.checkFailed }
    }
}

/// The outcome of checking one input file.
struct CheckResult {
    let file: String
    let loaded: LoadedReport?
    let findings: [Finding]
    /// Reader warnings, findings placed in the source, or the reason the file was unreadable.
    let diagnostics: [Diagnostic]

    init(path: String) {
        file = path
        do {
            guard let kind = ReportFileKind(path: path) else {
                throw ReportInputError(file: path, "not a report file; expected .json, .xlsx, .txt or .md")
            }
            let loaded = try ReportFiles.load(path, kind: kind)
            let findings = CheckEngine.check(loaded.report)
            self.loaded = loaded
            self.findings = findings
            diagnostics = loaded.warnings.map { $0.inFile(path) }
                + findings.map { FindingPlaces.diagnostic(for: $0, in: loaded, file: path) }
        } catch let error as ReportInputError {
            loaded = nil
            findings = []
            diagnostics = [error.inFile(path).diagnostic]
        } catch {
            loaded = nil
            findings = []
            diagnostics = [Diagnostic(.error, file: path, "\(error)")]
        }
    }

    var errorCount: Int { findings.filter { $0.severity == .error }.count }
    var warningCount: Int { findings.filter { $0.severity == .warning }.count + (loaded?.warnings.count ?? 0) }

    /// `passed`, `3 errors`, `unreadable`.
    var status: String {
        guard loaded != nil else { return "unreadable" }
        switch errorCount {
        case 0: return "passed"
        case 1: return "1 error"
        default: return "\(errorCount) errors"
        }
    }

    /// `file: agency, year 2020, form 2019: passed (1 warning)`.
    var summaryLine: String {
        guard let report = loaded?.report else { return "\(file): unreadable" }
        let warnings = warningCount == 0 ? "" : warningCount == 1 ? " (1 warning)" : " (\(warningCount) warnings)"
        return "\(file): \(report.agency), year \(report.year), form \(report.form.id): \(status)\(warnings)"
    }

    var jsonValue: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("file", .string(file)), ("status", .string(loaded == nil ? "unreadable" : errorCount == 0 ? "passed" : "failed"))]
        if let report = loaded?.report {
            members += [
                ("agency", .string(report.agency)), ("year", .number(String(report.year))), ("form", .string(report.form.id)),
                ("errors", .number(String(errorCount))), ("warnings", .number(String(warningCount))),
            ]
        }
        members.append(("messages", .array(diagnostics.map { diagnostic in
            .object([
                ("severity", .string(diagnostic.severity.rawValue)),
                ("place", diagnostic.location.map { .string($0.description) } ?? .null),
                ("message", .string(diagnostic.message)),
            ])
        })))
        members.append(("findings", .array(findings.map { finding in
            .object([
                ("rule", .string(finding.rule)), ("severity", .string(finding.severity.rawValue)),
                ("place", .string(finding.place)),
                ("cells", .array(finding.cells.map { .string($0.description) })),
                ("found", finding.found.map { .number(ReportJSON.format($0)) } ?? .null),
                ("expected", finding.expected.map { .number(ReportJSON.format($0)) } ?? .null),
                ("message", .string(finding.message)),
            ])
        })))
        return .object(members)
    }
}
