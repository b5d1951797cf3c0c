import Foundation

/// Where in an input something was found: a JSON path, a workbook cell or a text line.
public enum SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// A path in the JSON document (`tables.applications.received.natural`).
    case jsonPath(String)
    /// A cell of a workbook (`三、收到和处理政府信息公开申请情况`, `C9`).
    case cell(sheet: String, reference: String)
    /// A sheet of a workbook as a whole.
    case sheet(String)
    /// A line of a text report (1-based).
    case line(Int)
    /// A line of a page of a PDF (both 1-based; lines as rebuilt from the page's text layer).
    case page(Int, line: Int)

    /// The place in words of the process's language: `工作表「三、…」D9 单元格`, `第 12 行`.
    public var description: String {
        switch self {
        case .jsonPath(let path): return Messages.text("place.json_path", ["path": path])
        case .cell(let sheet, let reference): return Messages.text("place.cell", ["sheet": sheet, "cell": reference])
        case .sheet(let sheet): return Messages.text("place.sheet", ["sheet": sheet])
        case .line(let line): return Messages.text("place.line", ["line": String(line)])
        case .page(let page, let line): return Messages.text("place.page_line", ["page": String(page), "line": String(line)])
        }
    }
}

/// A message about an input: what was expected and what was found, with its place.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var severity: Severity
    /// The input file as the user named it, when there is one.
    public var file: String?
    public var location: SourceLocation?
    public var message: String

    /// A message of `severity`, optionally naming the file and the place in it.
    public init(_ severity: Severity, file: String? = nil, at location: SourceLocation? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    /// `错误：某局.xlsx：工作表「三、…」D9 单元格：应填写不小于 0 的整数，实际为“十二”`, or in
    /// English `error: report.xlsx: sheet 三、…, cell C9: expected a whole number ≥ 0, found "十二"`.
    public var description: String {
        Diagnostic.line(severity: severity, parts: [file, location?.description].compactMap { $0 }, message: message)
    }

    /// A message line: the severity word, then each part and the message, joined by the
    /// language's separator (`：` or `: `).
    public static func line(severity: Severity, parts: [String], message: String) -> String {
        let separator = Messages.text("separator.part")
        return ([severity.word] + parts + [message]).joined(separator: separator)
    }

    /// The same message, attributed to a file.
    public func inFile(_ file: String) -> Diagnostic {
        var copy = self
        copy.file = file
        return copy
    }
}

/// An input that cannot be read as a report (exit code 2): wrong file type, bad syntax,
/// a value that is not allowed. Carries the diagnostic that says where and why.
public struct ReportInputError: Error, Sendable, CustomStringConvertible {
    /// The first (or only) problem.
    public var diagnostic: Diagnostic
    /// Further problems of the same input, so a user sees every bad cell at once.
    public var more: [Diagnostic] = []

    /// An error with one problem, optionally naming the file and the place in it.
    public init(file: String? = nil, at location: SourceLocation? = nil, _ message: String) {
        diagnostic = Diagnostic(.error, file: file, at: location, message)
    }

    /// One error carrying several problems; nil when `diagnostics` is empty.
    public init?(_ diagnostics: [Diagnostic]) {
        guard let first = diagnostics.first else { return nil }
        diagnostic = first
        more = Array(diagnostics.dropFirst())
    }

    /// Every problem, first one first.
    public var diagnostics: [Diagnostic] { [diagnostic] + more }

    /// The same error, attributed to a file where it names none yet.
    public func inFile(_ file: String) -> ReportInputError {
        var copy = self
        if copy.diagnostic.file == nil { copy.diagnostic.file = file }
        copy.more = more.map { $0.file == nil ? $0.inFile(file) : $0 }
        return copy
    }

    /// One line per problem.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A report read from some input, with where each value came from and what the reader
/// noticed on the way (units converted, blanks written as "无", …).
public struct LoadedReport: Sendable {
    public var report: Report
    /// The place each value (and each blank cell) was read from, for messages.
    public var origins: [CellKey: SourceLocation]
    /// Warnings of the reader; errors are thrown as `ReportInputError` instead.
    public var warnings: [Diagnostic]
    /// What the reader found wrong in the source beyond the form's rules, e.g. a total cell
    /// of a workbook whose value differs from the sum of its parts. Counted like check findings.
    public var findings: [Finding]

    /// A report with what its reader found out about the source.
    public init(report: Report, origins: [CellKey: SourceLocation] = [:], warnings: [Diagnostic] = [], findings: [Finding] = []) {
        self.report = report
        self.origins = origins
        self.warnings = warnings
        self.findings = findings
    }
}
