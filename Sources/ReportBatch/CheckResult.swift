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

    /// Reads and checks one file; never throws: an unreadable file is a result too. A file of
    /// a kind no reader takes is refused from its name, before any byte is read.
    public init(path: String) {
        do throws(ReportInputError) {
            if let unsupported = UnsupportedFile.error(forPath: path) {
                // What is wrong with the file itself comes first: a missing file is missing, whatever its name.
                try BatchInput.requireRegularFile(path)
                throw unsupported
            }
            self.init(data: try BatchInput.contents(of: path), file: path)
        } catch {
            self.init(file: path, failure: error)
        }
    }

    /// Checks the bytes of a file named `file` (an upload, standard input), read by the
    /// reader of its extension; never throws. Every submission, the command line's and the
    /// server's, is checked here: the form's rules, the narrative, and `ReportWarnings`.
    public init(data: Data, file: String) {
        do throws(ReportInputError) {
            guard let reader = ReportFormats.reader(forPath: file) else {
                throw UnsupportedFile.refusal(ofPath: file)
            }
            let loaded = try ReportFormats.read(data, file: file, with: reader)
            // Narrative findings and the report-level warnings are warnings: a report whose tables pass still passes.
            self.init(
                file: file, loaded: loaded, failure: nil,
                findings: loaded.findings + CheckEngine.check(loaded.report) + NarrativeCheck.check(loaded.report) + ReportWarnings.check(loaded.report),
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

    /// Adds the error that this report is a second submission of its agency and year,
    /// naming the other files, each in quotes.
    public mutating func markDuplicate(of others: [String]) {
        guard let report = loaded?.report, !others.isEmpty else { return }
        findings.append(Finding(
            rule: Duplicates.rule, severity: .error, cells: [], place: "", found: nil, expected: nil,
            message: Messages.text("batch.duplicate", ["others": Duplicates.quoted(others), "agency": report.agency, "year": String(report.year)])))
    }

    /// Whether another file of the batch is a report of the same agency and year.
    public var isDuplicate: Bool { findings.contains { $0.rule == Duplicates.rule } }

    /// Whether every table cell of the report is blank (a returned template).
    public var isBlank: Bool { findings.contains { $0.rule == ReportWarnings.blankRule } }

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

    /// Every rule of the report's form, one line each: 通过 or 不通过 (the 校验 sheet's words,
    /// in either language), the rule, and where it failed.
    public var ruleLines: [String] {
        guard let form = loaded?.report.form else { return [] }
        return form.rules.map { rule in
            let failures = findings.filter { $0.rule == rule.id }
            let verdict = failures.isEmpty ? Messages.text("batch.rule_line.passed") : Messages.text("batch.rule_line.failed")
            let places = failures.isEmpty
                ? "" : Messages.text("batch.rule_line.places", ["places": failures.map(\.place).joined(separator: Messages.text("batch.rule_line.place_separator"))])
            // The table named as the form prints it (`三、收到和处理政府信息公开申请情况`), not by its id.
            let heading = form.heading(ofTable: rule.table)
            return Messages.text("batch.rule_line", ["verdict": verdict, "heading": heading, "title": rule.title, "rule": rule.id, "places": places])
        }
    }

    /// The outcome in one word, for scripts: `passed`, `failed`, `duplicate` or `unreadable`.
    public var statusCode: String {
        guard loaded != nil else { return "unreadable" }
        if isDuplicate { return "duplicate" }
        return errorCount == 0 ? "passed" : "failed"
    }

    /// `通过`, `1 个错误`, `3 个错误`, `重复提交` or `无法读取` (`passed`, `1 error`, `3 errors`,
    /// `duplicate`, `unreadable`).
    public var status: String {
        guard loaded != nil else { return Messages.text("batch.status.unreadable") }
        if isDuplicate { return Messages.text("batch.status.duplicate") }
        switch errorCount {
        case 0: return Messages.text("batch.status.passed")
        case 1: return Messages.text("batch.status.one_error")
        default: return Messages.text("batch.status.errors", ["count": String(errorCount)])
        }
    }

    /// `file: agency, year 2020, form 2019: passed (1 warning)`, in the process's language.
    public var summaryLine: String {
        guard let report = loaded?.report else { return Messages.text("batch.summary_line.unreadable", ["file": file]) }
        let warnings = warningCount == 0
            ? "" : warningCount == 1 ? Messages.text("batch.summary_line.one_warning") : Messages.text("batch.summary_line.warnings", ["count": String(warningCount)])
        return Messages.text("batch.summary_line", [
            "file": file, "agency": report.agency, "year": String(report.year), "form": report.form.id, "status": status, "warnings": warnings,
        ])
    }

    /// The result for `--format json`: English keys and status codes, messages in the language.
    public var jsonValue: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("file", .string(file)),
            ("status", .string(statusCode)),
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
        let (descriptor, status) = try openRegularFile(path)
        defer { close(descriptor) }
        if Int(status.st_size) > maximumSize {
            throw ReportInputError(file: path, Messages.text("batch.input.too_large", [
                "size": InputLimits.megabytes(Int(status.st_size)), "limit": InputLimits.megabytes(maximumSize),
            ]))
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
                throw ReportInputError(file: path, Messages.text("batch.input.grew", ["limit": InputLimits.megabytes(maximumSize)]))
            }
        }
        return data
    }

    /// Throws what `contents(of:)` would say before reading a byte: the file is missing, a
    /// folder, not a regular file, or cannot be opened. Checked before a file of a kind no
    /// reader takes is refused by its name, so that a missing file is called missing.
    public static func requireRegularFile(_ path: String) throws(ReportInputError) {
        close(try openRegularFile(path).descriptor)
    }

    /// The open descriptor and status of a regular file; the caller closes it.
    private static func openRegularFile(_ path: String) throws(ReportInputError) -> (descriptor: Int32, status: stat) {
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReportInputError(file: path, reason(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw ReportInputError(file: path, reason(code))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return (descriptor, status)
        case S_IFDIR:
            close(descriptor)
            // A folder that cannot be listed stands in a batch for the files it hides.
            let listable = access(path, R_OK | X_OK) == 0
            throw ReportInputError(file: path, listable ? Messages.text("batch.input.folder") : Messages.text("batch.input.folder_unlisted"))
        default:
            close(descriptor)
            throw ReportInputError(file: path, Messages.text("batch.input.not_regular"))
        }
    }

    /// Why `open` or `read` failed, in the words of a message.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return Messages.text("batch.input.no_such_file")
        case EACCES, EPERM: return Messages.text("batch.input.permission_denied")
        case ELOOP: return Messages.text("batch.input.link_loop")
        case EISDIR: return Messages.text("batch.input.folder")
        default: return Messages.text("batch.input.os_error", ["reason": String(cString: strerror(code))])
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
