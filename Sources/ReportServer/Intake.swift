import Foundation
import ReportBatch
import ReportFormats
import ReportModel

/// One file of an upload request: the client's file name and the bytes.
struct UploadedFile: Sendable {
    let name: String
    let data: Data

    /// A file as received; `name` is reduced to its last path component (a folder upload
    /// sends `folder/sub/file.xlsx`) and only ever shown or stored as text.
    init(name: String, data: Data) {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        self.name = base.isEmpty ? "未命名" : base
        self.data = data
    }
}

/// What the server answers for one uploaded file.
struct UploadOutcome: Sendable {
    let submission: Submission
    /// The department the file counts for (as expected, or as the report names it).
    let department: String?
}

/// Checks uploaded files and stores them: the file on disk first, then its row.
struct Intake {
    let store: Store
    let results: ResultCache

    /// Checks every file of one request (in parallel) and stores each; files of one request
    /// never replace each other (two of one department in one request are 重复提交).
    func accept(_ files: [UploadedFile], into round: Round) async throws -> [UploadOutcome] {
        let departments = try await store.departments(of: round.id)
        let previous = try await previousReports(for: round)
        // Each file's own result (cached, as a re-read would give it) and the result with the
        // carry-over check against last year's round (stored).
        let checked = await withTaskGroup(of: (Int, CheckResult, CheckResult).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask {
                    let plain = CheckResult(data: file.data, file: file.name)
                    var compared = plain
                    if let report = plain.loaded?.report, let last = previous[DepartmentNames.key(report.agency) + "#\(report.year - 1)"] {
                        compared.compare(withPrevious: last)
                    }
                    return (index, plain, compared)
                }
            }
            var results = [(CheckResult, CheckResult)?](repeating: nil, count: files.count)
            for await (index, plain, compared) in group { results[index] = (plain, compared) }
            return results
        }
        let batch = UUID().uuidString
        var outcomes: [UploadOutcome] = []
        for (file, pair) in zip(files, checked) {
            guard let (plain, result) = pair else { continue }
            let stored = try store.storeFile(file.data, round: round.id)
            let new = Self.submission(file: file, result: result, storedPath: stored, departments: departments)
            let id: Int64
            do {
                id = try await store.insert(new, round: round.id, batch: batch)
            } catch {
                store.removeFile(stored)
                throw error
            }
            results.remember(plain, for: id)
            guard let submission = try await store.submission(id, round: round.id) else { continue }
            let department = new.departmentKey.map { key in departments.first { DepartmentNames.key($0) == key } ?? result.loaded?.report.agency ?? key }
            outcomes.append(UploadOutcome(submission: submission, department: department))
        }
        return outcomes
    }

    /// Last year's readable reports by normalized agency and year, for the carry-over check
    /// (as `xxgk check --previous` takes every readable report of last year's folder).
    private func previousReports(for round: Round) async throws -> [String: Report] {
        guard let previousID = round.previousRound, let previous = try await store.round(previousID) else { return [:] }
        var byAgency: [String: Report] = [:]
        for result in try await results.results(for: try await Board.load(previous, store: store).readable, store: store) {
            guard let report = result.loaded?.report else { continue }
            byAgency[DepartmentNames.key(report.agency) + "#\(report.year)"] = report
        }
        return byAgency
    }

    /// The row for a checked file.
    static func submission(file: UploadedFile, result: CheckResult, storedPath: String, departments: [String]) -> SubmissionFacts {
        let report = result.loaded?.report
        let key = report.map { DepartmentNames.key($0.agency) } ?? DepartmentNames.department(inFileName: file.name, among: departments)
        return SubmissionFacts(
            originalName: file.name, storedPath: storedPath, sha256: SHA256.hex(file.data), size: file.data.count,
            uploaded: Store.now(), agency: report?.agency, departmentKey: key, year: report?.year, form: report?.form.id,
            status: result.loaded == nil ? "unreadable" : result.errorCount == 0 ? "passed" : "failed",
            errors: result.loaded == nil ? result.failure?.count ?? 1 : result.errorCount, warnings: result.warningCount,
            findings: encode(findings(of: result)), figures: encode(figures(of: result)))
    }

    /// The findings of a result with their places: reader warnings, then rule findings, or
    /// the reasons the file could not be read.
    static func findings(of result: CheckResult) -> [StoredFinding] {
        guard let loaded = result.loaded else {
            return (result.failure ?? []).map { StoredFinding(severity: $0.severity.rawValue, rule: nil, cells: [], place: $0.location?.description, message: $0.message) }
        }
        let warnings = loaded.warnings.map { StoredFinding(severity: $0.severity.rawValue, rule: nil, cells: [], place: $0.location?.description, message: $0.message) }
        let findings = result.findings.map { finding in
            let diagnostic = FindingPlaces.diagnostic(for: finding, in: loaded, file: result.file)
            return StoredFinding(
                severity: finding.severity.rawValue, rule: finding.rule, cells: finding.cells.map(\.description),
                place: diagnostic.location?.description, message: finding.message)
        }
        return warnings + findings
    }

    /// The key figures of the report's form, blank ones included.
    static func figures(of result: CheckResult) -> [StoredFigure] {
        guard let report = result.loaded?.report else { return [] }
        return report.form.keyFigures.map { StoredFigure(label: $0.label, value: report[$0.cell].map(ReportJSON.format)) }
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func decodeFindings(_ text: String) -> [StoredFinding] {
        (try? JSONDecoder().decode([StoredFinding].self, from: Data(text.utf8))) ?? []
    }

    static func decodeFigures(_ text: String) -> [StoredFigure] {
        (try? JSONDecoder().decode([StoredFigure].self, from: Data(text.utf8))) ?? []
    }
}

/// Loading a round's board.
enum Board {
    static func load(_ round: Round, store: Store) async throws -> RoundBoard {
        RoundBoard(round: round, departments: try await store.departments(of: round.id), current: try await store.currentSubmissions(of: round.id))
    }
}

/// The check results of stored files, read again from disk on first need (after a restart)
/// and kept in memory: summaries and totals need the reports, the database keeps only findings.
final class ResultCache: @unchecked Sendable {
    // Guarded by `lock`; results are values, so handing them out is safe.
    private var byID: [Int64: CheckResult] = [:]
    private let lock = NSLock()

    func remember(_ result: CheckResult, for id: Int64) {
        lock.lock()
        byID[id] = result
        lock.unlock()
    }

    private func cached(_ id: Int64) -> CheckResult? {
        lock.lock()
        defer { lock.unlock() }
        return byID[id]
    }

    /// The results of `submissions`, in their order (without year-to-year findings).
    func results(for submissions: [Submission], store: Store) async throws -> [CheckResult] {
        try await withThrowingTaskGroup(of: (Int, CheckResult).self) { group in
            for (index, submission) in submissions.enumerated() {
                group.addTask {
                    if let result = self.cached(submission.id) { return (index, result) }
                    let result = CheckResult(data: try store.contents(of: submission), file: submission.originalName)
                    self.remember(result, for: submission.id)
                    return (index, result)
                }
            }
            var results = [CheckResult?](repeating: nil, count: submissions.count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }
}
