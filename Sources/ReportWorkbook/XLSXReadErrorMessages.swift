import Foundation
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
        case .otherOfficeDocument(let kind): return Messages.text("xlsx.other_office_document", ["kind": kind.name])
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

extension OfficeDocument {
    /// `Word 文档（.docx）` / `Word document (.docx)`: the document's kind in the process's language.
    public var name: String {
        switch self {
        case .word: return Messages.text("xlsx.document.word")
        case .presentation: return Messages.text("xlsx.document.presentation")
        }
    }
}

extension XLSXWriteError {
    /// Why the workbook could not be written, in the process's language. In English it is
    /// the writer's own sentence (libxlsxwriter's `lxw_strerror`), which this module's
    /// catalogue entries only paraphrase; a mistake of the caller (`refused`) keeps its
    /// English detail inside the Chinese sentence, as it is meant for a developer.
    public var localizedReason: String {
        guard Language.current != .english else { return reason }
        switch failure {
        case .refused: return Messages.text("xlsx.write.refused", ["detail": reason])
        case .system(let code): return Messages.text("xlsx.write.system", ["reason": String(cString: strerror(code))])
        case .memory: return Messages.text("xlsx.write.memory")
        case .creatingFile: return Messages.text("xlsx.write.creating_file")
        case .temporaryFile: return Messages.text("xlsx.write.temporary_file")
        case .archive: return Messages.text("xlsx.write.archive")
        case .textTooLong: return Messages.text("xlsx.write.text_too_long")
        case .sheetName: return Messages.text("xlsx.write.sheet_name")
        case .hyperlink: return Messages.text("xlsx.write.hyperlink")
        case .other: return Messages.text("xlsx.write.other", ["detail": reason])
        }
    }

    /// `工作表「汇总」B2 单元格：…` / `sheet 汇总, cell B2: …`: the place and the reason in the
    /// process's language. The writer names places in English words; the two shapes a user
    /// meets (a sheet's cell, a sheet) are said in the catalogue's words, others as written.
    public var message: String {
        guard Language.current != .english else { return description }
        return Self.localizedPlace(place) + Messages.text("separator.part") + localizedReason
    }

    /// `sheet 汇总, cell B2` → `工作表「汇总」B2 单元格`; `sheet 汇总` → `工作表「汇总」`.
    static func localizedPlace(_ place: String) -> String {
        guard place.hasPrefix("sheet ") else { return place }
        let rest = place.dropFirst("sheet ".count)
        if let comma = rest.range(of: ", cell ", options: .backwards) {
            let cell = rest[comma.upperBound...]
            if !cell.isEmpty, cell.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
                return SourceLocation.cell(sheet: String(rest[..<comma.lowerBound]), reference: String(cell)).description
            }
        }
        guard !rest.contains(", ") else { return place }
        return SourceLocation.sheet(String(rest)).description
    }
}
