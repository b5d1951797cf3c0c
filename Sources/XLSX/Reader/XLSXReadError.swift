/// Why a file could not be read as a workbook: one case per kind of failure, each with a
/// sentence a user can act on (as calamine's `XlsxError`). The reader throws nothing else.
public enum XLSXReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file has no bytes.
    case emptyFile
    /// An OLE container holding an `EncryptedPackage`: Excel's password protection.
    case passwordProtected
    /// An OLE container without encryption: a legacy `.xls` workbook.
    case legacyXLS
    /// An HTML page (some systems export "Excel" files as HTML tables).
    case html
    /// Plain text, such as a CSV file, renamed to `.xlsx`.
    case text
    /// A zip archive of another Office document (`word/…`, `ppt/…`).
    case otherOfficeDocument(OfficeDocument)
    /// An OpenDocument spreadsheet (`.ods`) renamed to `.xlsx`.
    case openDocument
    /// A zip archive that holds no workbook.
    case notAWorkbook
    /// Neither a zip archive nor any format recognised above.
    case unknownFormat
    /// The zip archive is cut short or damaged.
    case corruptArchive(String)
    /// An entry of the archive is encrypted with a zip password.
    case encryptedEntry(String)
    /// A part the workbook refers to is missing from the archive.
    case missingPart(String)
    /// An entry unpacks to more bytes than the limit (a zip bomb, or an absurdly large sheet).
    case entryTooLarge(part: String, limit: Int)
    /// All entries read together unpack to more than the limit.
    case totalTooLarge(limit: Int)
    /// An entry unpacks to far more than its packed size allows for real spreadsheet XML.
    case suspiciousCompression(part: String, ratio: Int)
    /// A part is not well-formed XML.
    case malformedXML(part: String, line: Int, message: String)
    /// A part carries a document type declaration; OOXML never does, and entities are how
    /// XML bombs and external-entity attacks work.
    case documentTypeDeclaration(part: String)
    /// A cell or row reference outside the sheet's limits or not a reference at all.
    case invalidReference(part: String, reference: String)
    /// A sheet with more cells than the reader keeps in memory at once.
    case tooManyCells(sheet: String, limit: Int)
    /// No sheet of that name.
    case noSuchSheet(String, available: [String])

    public var description: String {
        switch self {
        case .emptyFile:
            return "the file is empty"
        case .passwordProtected:
            return "this workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again"
        case .legacyXLS:
            return "this is a legacy Excel 97–2003 workbook (.xls); open it and save it as .xlsx"
        case .html:
            return "this is a web page (HTML), not an Excel workbook; open it in Excel or WPS and save it as .xlsx"
        case .text:
            return "this is a text file (CSV?), not an Excel workbook; open it in Excel or WPS and save it as .xlsx"
        case .otherOfficeDocument(let kind):
            return "this is a \(kind.rawValue), not an Excel workbook"
        case .openDocument:
            return "this is an OpenDocument spreadsheet (.ods); save it as .xlsx"
        case .notAWorkbook:
            return "this zip archive holds no Excel workbook (no xl/workbook.xml)"
        case .unknownFormat:
            return "this is not an Excel workbook (.xlsx): its first bytes are not a zip archive"
        case .corruptArchive(let detail):
            return "the workbook is truncated or corrupt (\(detail)); ask for the file again"
        case .encryptedEntry(let part):
            return "the zip entry \(part) is encrypted; this workbook is password-protected"
        case .missingPart(let part):
            return "the workbook is incomplete: it refers to \(part), which is not in the file"
        case .entryTooLarge(let part, let limit):
            return "\(part) unpacks to more than \(limit) bytes; refusing it as a possible zip bomb"
        case .totalTooLarge(let limit):
            return "the workbook unpacks to more than \(limit) bytes in total; refusing it as a possible zip bomb"
        case .suspiciousCompression(let part, let ratio):
            return "\(part) unpacks to more than \(ratio) times its packed size; refusing it as a possible zip bomb"
        case .malformedXML(let part, let line, let message):
            return "\(part) is not well-formed XML (line \(line): \(message))"
        case .documentTypeDeclaration(let part):
            return "\(part) contains a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it"
        case .invalidReference(let part, let reference):
            return "\(part) has a cell or row reference outside the sheet's limits: \"\(reference)\""
        case .tooManyCells(let sheet, let limit):
            return "sheet \(sheet) has more than \(limit) cells"
        case .noSuchSheet(let name, let available):
            return "no sheet named \(name); the sheets are \(available.joined(separator: ", "))"
        }
    }
}

/// An Office document that is not a workbook, as the reader recognises it; the raw value
/// names it in English (callers that speak the user's language name it from the case).
public enum OfficeDocument: String, Sendable, Equatable {
    /// A word-processing document (`word/document.xml`).
    case word = "Word document (.docx)"
    /// A presentation (`ppt/presentation.xml`).
    case presentation = "PowerPoint presentation (.pptx)"
}
