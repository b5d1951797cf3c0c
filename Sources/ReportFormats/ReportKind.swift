import Foundation
import ReportModel

/// A kind of report file, as users name it (`json`, `xlsx`) and by its file extensions.
public struct ReportKind: Hashable, Sendable, CustomStringConvertible {
    /// The name given with `--from`/`--to` (`json`).
    public let name: String
    /// The file extensions of the kind, lowercase without the dot, the usual one first.
    public let extensions: [String]
    /// What the kind is, for help texts (`the canonical JSON`).
    public let summary: String

    /// A kind named `name`, taking files with `extensions`.
    public init(name: String, extensions: [String], summary: String) {
        self.name = name
        self.extensions = extensions
        self.summary = summary
    }

    /// `.json`: the usual extension, for messages.
    public var description: String { "." + (extensions.first ?? name) }

    /// Whether a file name has one of the kind's extensions.
    public func matches(path: String) -> Bool {
        extensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }
}

/// Turns the bytes of one kind of file into a report with what was found on the way. One
/// reader per kind, each behind this protocol, so commands and the web page never see which.
public protocol ReportReader: Sendable {
    /// The kind this reader takes.
    var kind: ReportKind { get }
    /// Whether the bytes look like this kind (magic numbers, markup), whatever the file is called.
    func sniff(_ data: Data) -> Bool
    /// Reads the bytes of the file `file` (the name used in messages). Throws
    /// `ReportInputError` when they are not a readable report of a known form.
    func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport
}

/// Writes a report as one kind of file, whole or not at all.
public protocol ReportWriter: Sendable {
    /// The kind this writer produces.
    var kind: ReportKind { get }
    /// Writes `report` to `path` (replacing it only when complete). Throws `OutputError`
    /// naming `path` when it cannot be written.
    func write(_ report: Report, to path: String, generator: String) throws
}
