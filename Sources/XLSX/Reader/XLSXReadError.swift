/// Every way reading a workbook can fail, each with a sentence users understand.
///
/// The sentences never name the file: the caller knows it and prefixes it
/// (`error: 东西湖区.xlsx: this workbook is password-protected; …`).
public enum XLSXReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be opened; the operating system's reason.
    case unreadable(String)
    /// The file has no bytes at all.
    case emptyFile
    /// An OLE container holding an `EncryptedPackage` stream: Excel's password encryption.
    case passwordProtected
    /// An OLE container without encryption: a binary Excel 97–2003 workbook.
    case legacyXLS
    /// Some other kind of file renamed to .xlsx (`what` is "a .docx document", "a CSV/text file", …).
    case notAWorkbook(what: String)
    /// The zip archive is truncated or damaged; what went wrong.
    case corruptArchive(String)
    /// A part the workbook needs is missing (`xl/workbook.xml`).
    case missingPart(String)
    /// A limit of `XLSXReadLimits` was exceeded (a zip bomb or an absurd sheet); which one.
    case tooLarge(String)
    /// A part is not well-formed XML, or uses XML features workbooks never use (a DTD).
    case xmlError(part: String, line: Int, message: String)
    /// A part is well-formed but holds something a workbook cannot (a cell reference beyond
    /// the sheet, a shared string index past the table); where and what.
    case invalidContent(part: String, message: String)
    /// No sheet of that name.
    case noSuchSheet(String)

    /// The sentence for users.
    public var description: String {
        switch self {
        case .unreadable(let reason):
            return "cannot open the file: \(reason)"
        case .emptyFile:
            return "the file is empty (0 bytes); it is not an Excel workbook"
        case .passwordProtected:
            return "this workbook is password-protected; save it without a password and try again"
        case .legacyXLS:
            return "this is an old .xls workbook; save it as .xlsx (Excel Workbook) and try again"
        case .notAWorkbook(let what):
            return "this is \(what), not an Excel workbook (.xlsx); open it in Excel or WPS and save it as .xlsx"
        case .corruptArchive(let reason):
            return "the workbook is damaged or incomplete (\(reason)); ask for the file again"
        case .missingPart(let part):
            return "the workbook is incomplete: it has no \(part)"
        case .tooLarge(let reason):
            return "refusing the workbook: \(reason)"
        case .xmlError(let part, let line, let message):
            return "the workbook is damaged: \(part), line \(line): \(message)"
        case .invalidContent(let part, let message):
            return "the workbook is damaged: \(part): \(message)"
        case .noSuchSheet(let name):
            return "the workbook has no sheet named \(name)"
        }
    }
}
