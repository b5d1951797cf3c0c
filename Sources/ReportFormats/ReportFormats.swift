import Foundation
import ReportModel

/// The registry of report kinds: every reader and writer xxgk has, found by name, by file
/// extension or by content. Commands, messages and help texts list kinds from here only.
public enum ReportFormats {
    /// Every reader, in the order kinds are listed to users.
    public static let readers: [any ReportReader] = [
        TextualKind.json, WorkbookKind(), TextualKind.plainText, TextualKind.markdown, WebPageKind(), PDFKind(),
    ]

    /// Every writer, in the order kinds are listed to users.
    public static let writers: [any ReportWriter] = [TextualKind.json, WorkbookKind(), TextualKind.plainText, TextualKind.markdown]

    /// The reader named `name` (`json`), if any.
    public static func reader(named name: String) -> (any ReportReader)? {
        readers.first { $0.kind.name == name.lowercased() }
    }

    /// The writer named `name` (`xlsx`), if any.
    public static func writer(named name: String) -> (any ReportWriter)? {
        writers.first { $0.kind.name == name.lowercased() }
    }

    /// The reader for a file by its extension, if any.
    public static func reader(forPath path: String) -> (any ReportReader)? {
        readers.first { $0.kind.matches(path: path) }
    }

    /// The writer for a file by its extension, if any.
    public static func writer(forPath path: String) -> (any ReportWriter)? {
        writers.first { $0.kind.matches(path: path) }
    }

    /// The reader whose kind the bytes look like (a file without a telling name). Markup and
    /// binary kinds are tried before plain text, which any page would also pass for.
    public static func reader(sniffing data: Data) -> (any ReportReader)? {
        readers.first { $0.kind.name != "txt" && $0.sniff(data) } ?? readers.first { $0.sniff(data) }
    }

    /// `.json, .xlsx, .txt or .md`: the kinds that can be read, for messages.
    public static var readableExtensions: String { listed(readers.map(\.kind)) }

    /// `.json, .xlsx, .txt or .md`: the kinds that can be written, for messages.
    public static var writableExtensions: String { listed(writers.map(\.kind)) }

    /// `json, xlsx, txt, md`: the names `--from` takes.
    public static var readerNames: [String] { readers.map(\.kind.name) }

    /// `json, xlsx, txt, md`: the names `--to` takes.
    public static var writerNames: [String] { writers.map(\.kind.name) }

    /// Reads the bytes of `file` with `reader`; the error names the file.
    public static func read(_ data: Data, file: String, with reader: any ReportReader) throws(ReportInputError) -> LoadedReport {
        do {
            return try reader.read(data, file: file)
        } catch {
            throw error.inFile(file)
        }
    }

    /// `.json, .xlsx, .txt or .md`.
    private static func listed(_ kinds: [ReportKind]) -> String {
        let names = kinds.map(\.description)
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: Messages.text("list.separator")) + Messages.text("list.or") + last
    }
}
