import ReportModel
import XLSX

extension XLSXReadError {
    /// The sentence of `description` in the process's language, for users; the reader's own
    /// `description` stays in English, as the generic module knows no catalogue.
    public var message: String {
        switch self {
        case .emptyFile: return Messages.text("xlsx.empty_file")
        case .passwordProtected: return Messages.text("xlsx.password_protected")
        case .legacyXLS: return Messages.text("xlsx.legacy_xls")
        case .html: return Messages.text("xlsx.html")
        case .text: return Messages.text("xlsx.text")
        case .otherOfficeDocument(let kind): return Messages.text("xlsx.other_office_document", ["kind": kind])
        case .openDocument: return Messages.text("xlsx.open_document")
        case .notAWorkbook: return Messages.text("xlsx.not_a_workbook")
        case .unknownFormat: return Messages.text("xlsx.unknown_format")
        case .corruptArchive(let detail): return Messages.text("xlsx.corrupt_archive", ["detail": detail])
        case .encryptedEntry(let part): return Messages.text("xlsx.encrypted_entry", ["part": part])
        case .missingPart(let part): return Messages.text("xlsx.missing_part", ["part": part])
        case .entryTooLarge(let part, let limit): return Messages.text("xlsx.entry_too_large", ["part": part, "limit": String(limit)])
        case .totalTooLarge(let limit): return Messages.text("xlsx.total_too_large", ["limit": String(limit)])
        case .suspiciousCompression(let part, let ratio):
            return Messages.text("xlsx.suspicious_compression", ["part": part, "ratio": String(ratio)])
        case .malformedXML(let part, let line, let message):
            return Messages.text("xlsx.malformed_xml", ["part": part, "line": String(line), "message": message])
        case .documentTypeDeclaration(let part): return Messages.text("xlsx.document_type_declaration", ["part": part])
        case .invalidReference(let part, let reference):
            return Messages.text("xlsx.invalid_reference", ["part": part, "reference": reference])
        case .tooManyCells(let sheet, let limit): return Messages.text("xlsx.too_many_cells", ["sheet": sheet, "limit": String(limit)])
        case .noSuchSheet(let name, let available):
            return Messages.text("xlsx.no_such_sheet", ["name": name, "available": available.joined(separator: ", ")])
        }
    }
}
