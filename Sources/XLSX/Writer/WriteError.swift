import CXlsxWriter

/// A workbook that could not be written: what was being done and libxlsxwriter's reason
/// (`lxw_strerror`), or a value the writer refuses before it reaches C.
public struct XLSXWriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a kind: callers that speak the user's language say it from this
    /// (this module knows no catalogue, so `reason` stays in English).
    public enum Failure: Sendable, Equatable {
        /// A value the writer refuses before it reaches libxlsxwriter: a mistake of the caller.
        case refused
        /// The file could not be created; the system's `errno`.
        case system(Int32)
        /// libxlsxwriter ran out of memory.
        case memory
        /// libxlsxwriter could not create the output file (usually permissions).
        case creatingFile
        /// libxlsxwriter could not create or read one of its temporary files.
        case temporaryFile
        /// The zip archive could not be assembled (a full disk shows as this).
        case archive
        /// A text longer than Excel allows (a cell's 32,767 characters, a name's 255, …).
        case textTooLong
        /// A sheet name Excel does not accept (too long, a forbidden character, in use).
        case sheetName
        /// Too long a hyperlink, or too many of them.
        case hyperlink
        /// Any other libxlsxwriter failure.
        case other
    }

    /// What was being written (`sheet 校验, cell F2`, `defined name x`, `closing`).
    public let place: String
    /// Why it failed, as a sentence.
    public let reason: String
    /// The kind of the failure.
    public let failure: Failure

    /// An error at `place` for `reason`.
    public init(place: String, reason: String, failure: Failure = .refused) {
        self.place = place
        self.reason = reason
        self.failure = failure
    }

    /// The error for a libxlsxwriter result code.
    init(place: String, code: lxw_error) {
        self.init(place: place, reason: String(cString: lxw_strerror(code)), failure: Self.failure(of: code))
    }

    /// `sheet 校验, cell F2: <reason>`.
    public var description: String { "\(place): \(reason)" }

    /// Throws when `code` is not `LXW_NO_ERROR`.
    static func check(_ code: lxw_error, _ place: @autoclosure () -> String) throws(XLSXWriteError) {
        if code != LXW_NO_ERROR { throw XLSXWriteError(place: place(), code: code) }
    }

    /// The kind of a libxlsxwriter result code.
    private static func failure(of code: lxw_error) -> Failure {
        switch code {
        case LXW_ERROR_MEMORY_MALLOC_FAILED: return .memory
        case LXW_ERROR_CREATING_XLSX_FILE: return .creatingFile
        case LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE: return .temporaryFile
        case LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
             LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            return .archive
        case LXW_ERROR_32_STRING_LENGTH_EXCEEDED, LXW_ERROR_128_STRING_LENGTH_EXCEEDED,
             LXW_ERROR_255_STRING_LENGTH_EXCEEDED, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
            return .textTooLong
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, LXW_ERROR_INVALID_SHEETNAME_CHARACTER,
             LXW_ERROR_SHEETNAME_START_END_APOSTROPHE, LXW_ERROR_SHEETNAME_ALREADY_USED:
            return .sheetName
        case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED, LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED: return .hyperlink
        default: return .other
        }
    }
}
