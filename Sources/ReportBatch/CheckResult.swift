import Foundation
import ReportFormats
import ReportModel

/// The outcome of checking one input file: the report (or why it could not be read), the
/// reader's warnings and the findings of the checks.
public struct CheckResult: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The report, when the file could be read.
    public let loaded: LoadedReport?
    /// Why the file could not be read, when it could not (one entry per problem found).
    public let failure: [Diagnostic]?
    /// What the checks found (and the reader found beyond the rules).
    public private(set) var findings: [Finding]
    /// The text of a text report (.txt, .md), so narrative findings can name their line.
    public let sourceText: String?
    /// Last year's report of the same agency, when the year-to-year check found one.
    public private(set) var previous: Report?

    /// Reads and checks one file; never throws: an unreadable file is a result too.
    public init(path: String) {
        do throws(ReportInputError) {
            self.init(data: try BatchInput.contents(of: path), file: path)
        } catch {
            self.init(file: path, failure: error)
        }
    }

    /// Checks the bytes of a file named `file` (an upload, standard input), read by the
    /// reader of its extension; never throws.
    public init(data: Data, file: String) {
        do throws(ReportInputError) {
            guard let reader = ReportFormats.reader(forPath: file) else {
                throw ReportInputError(file: file, "not a report file; expected \(ReportFormats.readableExtensions)")
            }
            let loaded = try ReportFormats.read(data, file: file, with: reader)
            // Narrative findings are warnings: a report whose tables pass still passes.
            self.init(
                file: file, loaded: loaded, failure: nil,
                findings: loaded.findings + CheckEngine.check(loaded.report) + NarrativeCheck.check(loaded.report),
                sourceText: ["txt", "md"].contains(reader.kind.name) ? String(data: data, encoding: .utf8) : nil)
        } catch {
            self.init(file: file, failure: error)
        }
    }

    private init(file: String, failure error: ReportInputError) {
        self.init(file: file, loaded: nil, failure: error.inFile(file).diagnostics, findings: [], sourceText: nil)
    }

    private init(file: String, loaded: LoadedReport?, failure: [Diagnostic]?, findings: [Finding], sourceText: String?) {
        self.file = file
        self.loaded = loaded
        self.failure = failure
        self.findings = findings
        self.sourceText = sourceText
    }

    /// Adds the year-to-year findings against last year's report of the same agency.
    public mutating func compare(withPrevious previous: Report) {
        guard let report = loaded?.report else { return }
        self.previous = previous
        findings += CheckEngine.checkAcrossYears(report, previous: previous)
    }

    /// Reader warnings, then findings placed in the source, or the reason the file was unreadable.
    public var diagnostics: [Diagnostic] {
        guard let loaded else { return failure ?? [] }
        return loaded.warnings.map { $0.inFile(file) } + findings.map { FindingPlaces.diagnostic(for: $0, in: loaded, file: file, source: sourceText) }
    }

    /// The number of failing error rules.
    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    /// The number of warnings, the reader's included.
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count + (loaded?.warnings.count ?? 0) }

    /// The ids of the rules that failed, each once, in rule order.
    public var failingRules: [String] {
        var seen = Set<String>()
        return findings.map(\.rule).filter { seen.insert($0).inserted }
    }

    /// Every rule of the report's form, one line each: 通过 or 不通过, the rule, and where it failed.
    public var ruleLines: [String] {
        guard let form = loaded?.report.form else { return [] }
        return form.rules.map { rule in
            let failures = findings.filter { $0.rule == rule.id }
            let verdict = failures.isEmpty ? "通过  " : "不通过"
            let places = failures.isEmpty ? "" : " — " + failures.map(\.place).joined(separator: "; ")
            return "  \(verdict) \(rule.table): \(rule.title) [\(rule.id)]\(places)"
        }
    }

    /// `passed`, `1 error`, `3 errors` or `unreadable`.
    public var status: String {
        guard loaded != nil else { return "unreadable" }
        switch errorCount {
        case 0: return "passed"
        case 1: return "1 error"
        default: return "\(errorCount) errors"
        }
    }

    /// `file: agency, year 2020, form 2019: passed (1 warning)`.
    public var summaryLine: String {
        guard let report = loaded?.report else { return "\(file): unreadable" }
        let warnings = warningCount == 0 ? "" : warningCount == 1 ? " (1 warning)" : " (\(warningCount) warnings)"
        return "\(file): \(report.agency), year \(report.year), form \(report.form.id): \(status)\(warnings)"
    }

    /// The result for `--format json`.
    public var jsonValue: JSONValue {
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
public enum ParallelCheck {
    /// One result per path, in the order of `paths`.
    public static func run(_ paths: [String], progress: (any BatchProgress)?) -> [CheckResult] {
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


/// Told as each file of a batch is done (the command line draws a bar; a server could count).
public protocol BatchProgress: Sendable {
    /// One more item is done.
    func advance()
}

/// Reading the files of a batch: each file opened once, checked to be a regular file of a
/// size some reader takes, then read; anything else is an error naming the file, never a hang
/// (a FIFO), an endless read (a device) or a crash.
public enum BatchInput {
    /// The bytes of a file, with a clear error when it cannot be read. Files over `maximumSize`
    /// bytes are refused before any byte is read.
    public static func contents(of path: String, maximumSize: Int = InputLimits.anyFileBytes) throws(ReportInputError) -> Data {
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReportInputError(file: path, reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReportInputError(file: path, reason(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            // A folder that cannot be listed stands in a batch for the files it hides.
            let listable = access(path, R_OK | X_OK) == 0
            throw ReportInputError(file: path, listable ? "is a folder, not a file" : "is a folder that cannot be listed (permission denied)")
        default: throw ReportInputError(file: path, "is not a regular file (a pipe, socket or device); name a report file")
        }
        if Int(status.st_size) > maximumSize {
            throw ReportInputError(file: path, "is \(InputLimits.megabytes(Int(status.st_size))), more than the \(InputLimits.megabytes(maximumSize)) any report may have")
        }
        // Read to the end, but never past the cap: the file may grow while it is read.
        var data = Data(capacity: Int(status.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReportInputError(file: path, reason(errno))
            }
            data.append(contentsOf: buffer[0..<count])
            if data.count > maximumSize {
                throw ReportInputError(file: path, "grew past \(InputLimits.megabytes(maximumSize)) while it was read")
            }
        }
        return data
    }

    /// Why `open` or `read` failed, in the words of a message.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file (removed, or a broken link)"
        case EACCES, EPERM: return "cannot be read: permission denied"
        case ELOOP: return "cannot be read: a loop of symbolic links"
        case EISDIR: return "is a folder, not a file"
        default: return "cannot be read: \(String(cString: strerror(code)))"
        }
    }
}

/// Findings placed in their source: the file and the place of the rule's first cell, or for
/// a finding about the report's words (the narrative) the line they stand on.
public enum FindingPlaces {
    /// A diagnostic naming the file and the place (cell, line or JSON path) of a finding.
    /// `source` is the text of a text report, where a narrative sentence is looked up.
    public static func diagnostic(for finding: Finding, in loaded: LoadedReport, file: String, source: String? = nil) -> Diagnostic {
        if let excerpt = finding.excerpt {
            // Not the table cell's place: the message is about a sentence, which names itself.
            let line = source.flatMap { SourceText.line(of: excerpt, in: $0) }
            return Diagnostic(finding.severity, file: file, at: line.map(SourceLocation.line), finding.message)
        }
        let location = finding.cells.first.flatMap { loaded.origins[$0] }
        return Diagnostic(finding.severity, file: file, at: location, finding.message)
    }
}

/// The year-to-year check over a batch: each report against last year's of the same agency.
public enum YearToYear {
    /// Adds the year-to-year findings to every result whose agency has a report of the year before.
    public static func compare(_ results: inout [CheckResult], with previous: [CheckResult]) {
        var byAgency: [String: Report] = [:]
        for report in previous.compactMap({ $0.loaded?.report }) {
            byAgency[normalized(report.agency) + "#\(report.year)"] = report
        }
        for index in results.indices {
            guard let report = results[index].loaded?.report,
                let last = byAgency[normalized(report.agency) + "#\(report.year - 1)"]
            else { continue }
            results[index].compare(withPrevious: last)
        }
    }

    /// Agency names compared without spaces and with full-width brackets folded (`AgencyName`,
    /// shared with the comparison of years).
    public static func normalized(_ agency: String) -> String { AgencyName.normalized(agency) }
}
