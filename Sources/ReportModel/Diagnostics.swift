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

    public var description: String {
        switch self {
        case .jsonPath(let path): return path
        case .cell(let sheet, let reference): return "sheet \(sheet), cell \(reference)"
        case .sheet(let sheet): return "sheet \(sheet)"
        case .line(let line): return "line \(line)"
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

    public init(_ severity: Severity, file: String? = nil, at location: SourceLocation? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    /// `error: report.xlsx: sheet 三、…, cell C9: expected a whole number ≥ 0, found "十二"`.
    public var description: String {
        var parts = ["\(severity.rawValue):"]
        if let file { parts.append("\(file):") }
        if let location { parts.append("\(location):") }
        parts.append(message)
        return parts.joined(separator: " ")
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
    public var diagnostic: Diagnostic

    public init(file: String? = nil, at location: SourceLocation? = nil, _ message: String) {
        diagnostic = Diagnostic(.error, file: file, at: location, message)
    }

    /// The same error, attributed to a file if it has none yet.
    public func inFile(_ file: String) -> ReportInputError {
        var copy = self
        if copy.diagnostic.file == nil { copy.diagnostic.file = file }
        return copy
    }

    public var description: String { diagnostic.description }
}

/// A report read from some input, with where each value came from and what the reader
/// noticed on the way (units converted, blanks written as "无", …).
public struct LoadedReport: Sendable {
    public var report: Report
    /// The place each value (and each blank cell) was read from, for messages.
    public var origins: [CellKey: SourceLocation]
    /// Warnings of the reader; errors are thrown as `ReportInputError` instead.
    public var warnings: [Diagnostic]

    public init(report: Report, origins: [CellKey: SourceLocation] = [:], warnings: [Diagnostic] = []) {
        self.report = report
        self.origins = origins
        self.warnings = warnings
    }
}
