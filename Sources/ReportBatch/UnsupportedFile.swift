import Foundation
import ReportFormats
import ReportModel

/// Files of a kind no reader takes, and what the user should do with each: departments
/// submit old workbooks, Word documents, photos and zipped folders, and a bare "not a report
/// file" would leave the disclosure office to guess the fix.
public enum UnsupportedFile {
    /// The kinds told apart, by what the user must do.
    enum Kind {
        case oldWorkbook, wpsWorkbook, openDocumentSheet, document, image, archive, unknown, noExtension
    }

    /// The kind of a file by its extension, whether or not a reader takes it.
    static func kind(ofPath path: String) -> Kind {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "xls", "xlt": return .oldWorkbook
        case "et", "ett": return .wpsWorkbook
        case "ods": return .openDocumentSheet
        case "doc", "docx", "wps", "wpt", "rtf", "odt": return .document
        case "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic": return .image
        case "zip", "rar", "7z", "tar", "gz", "tgz": return .archive
        case "": return .noExtension
        default: return .unknown
        }
    }

    /// Why a file named `path` cannot be read and what to do, or nil when a reader takes it.
    public static func reason(forPath path: String) -> String? {
        ReportFormats.reader(forPath: path) == nil ? message(for: kind(ofPath: path), path: path) : nil
    }

    /// The error for a file no reader takes, naming it; nil when a reader takes it.
    public static func error(forPath path: String) -> ReportInputError? {
        reason(forPath: path).map { ReportInputError(file: path, $0) }
    }

    /// The error for a file that no reader takes, by what its extension says it is.
    public static func refusal(ofPath path: String) -> ReportInputError {
        ReportInputError(file: path, message(for: kind(ofPath: path), path: path))
    }

    private static func message(for kind: Kind, path: String) -> String {
        let fileExtension = "." + URL(fileURLWithPath: path).pathExtension
        let expected = ReportFormats.readableExtensions
        switch kind {
        case .oldWorkbook: return Messages.text("batch.unsupported.old_workbook", ["ext": fileExtension])
        case .wpsWorkbook: return Messages.text("batch.unsupported.wps_workbook", ["ext": fileExtension])
        case .openDocumentSheet: return Messages.text("batch.unsupported.ods", ["ext": fileExtension])
        case .document: return Messages.text("batch.unsupported.document", ["ext": fileExtension])
        case .image: return Messages.text("batch.unsupported.image", ["ext": fileExtension])
        case .archive: return Messages.text("batch.unsupported.archive", ["ext": fileExtension])
        case .unknown: return Messages.text("batch.unsupported.unknown", ["ext": fileExtension, "expected": expected])
        case .noExtension: return Messages.text("batch.unsupported.no_extension", ["expected": expected])
        }
    }
}
