import Foundation
import ReportFormats
import ReportModel

/// The outcome of checking one input file: the report (or why it could not be read), the
/// reader's warnings and the findings of the checks.
struct CheckResult: Sendable {
    let file: String
    let loaded: LoadedReport?
    /// Why the file could not be read, when it could not (one entry per problem found).
    let failure: [Diagnostic]?
    private(set) var findings: [Finding]

    /// Reads and checks one file; never throws: an unreadable file is a result too.
    init(path: String) {
        file = path
        do {
            guard let reader = ReportFormats.reader(forPath: path) else {
                throw ReportInputError(file: path, "not a report file; expected \(ReportFormats.readableExtensions)")
            }
            let loaded = try ReportFiles.load(path, with: reader)
            self.loaded = loaded
            failure = nil
            findings = loaded.findings + CheckEngine.check(loaded.report)
        } catch let error as ReportInputError {
            loaded = nil
            failure = error.inFile(path).diagnostics
            findings = []
        } catch {
            loaded = nil
            failure = [Diagnostic(.error, file: path, "\(error)")]
            findings = []
        }
    }

    /// Adds the year-to-year findings against last year's report of the same agency.
    mutating func compare(withPrevious previous: Report) {
        guard let report = loaded?.report else { return }
        findings += CheckEngine.checkAcrossYears(report, previous: previous)
    }

    /// Reader warnings, then findings placed in the source, or the reason the file was unreadable.
    var diagnostics: [Diagnostic] {
        guard let loaded else { return failure ?? [] }
        return loaded.warnings.map { $0.inFile(file) } + findings.map { FindingPlaces.diagnostic(for: $0, in: loaded, file: file) }
    }

    var errorCount: Int { findings.filter { $0.severity == .error }.count }
    var warningCount: Int { findings.filter { $0.severity == .warning }.count + (loaded?.warnings.count ?? 0) }

    /// The ids of the rules that failed, each once, in rule order.
    var failingRules: [String] {
        var seen = Set<String>()
        return findings.map(\.rule).filter { seen.insert($0).inserted }
    }

    /// Every rule of the report's form, one line each: 通过 or 不通过, the rule, and where it failed.
    var ruleLines: [String] {
        guard let form = loaded?.report.form else { return [] }
        return form.rules.map { rule in
            let failures = findings.filter { $0.rule == rule.id }
            let verdict = failures.isEmpty ? "通过  " : "不通过"
            let places = failures.isEmpty ? "" : " — " + failures.map(\.place).joined(separator: "; ")
            return "  \(verdict) \(rule.table): \(rule.title) [\(rule.id)]\(places)"
        }
    }

    /// `passed`, `1 error`, `3 errors` or `unreadable`.
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

    /// The result for `--format json`.
    var jsonValue: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("file", .string(file)),
            ("status", .string(loaded == nil ? "unreadable" : errorCount == 0 ? "passed" : "failed")),
        ]
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

/// Reads and checks many files on all cores, reporting progress as each one finishes.
enum ParallelCheck {
    /// One result per path, in the order of `paths`.
    static func run(_ paths: [String], progress: ProgressBar?) -> [CheckResult] {
        let slots = ResultSlots(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            slots.store(CheckResult(path: paths[index]), at: index)
            progress?.advance()
        }
        return slots.results
    }

    /// Results written by concurrent workers; the lock makes each store atomic.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [CheckResult?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ result: CheckResult, at index: Int) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        var results: [CheckResult] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}

/// A one-line progress bar on standard error, shown only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private let lock = NSLock()

    /// A bar for `total` items, or nil when standard error is not a terminal (no bar in logs or pipes).
    init?(total: Int) {
        guard isatty(STDERR_FILENO) == 1, total > 1 else { return nil }
        self.total = total
    }

    /// Marks one item done and redraws the bar.
    func advance() {
        lock.lock()
        done += 1
        let width = 30
        let filled = done * width / total
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data((done == total ? line + "\r" + String(repeating: " ", count: line.count) + "\r" : line).utf8))
        lock.unlock()
    }
}
