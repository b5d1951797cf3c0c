import CXlsxWriter

/// A workbook that could not be written: what was being done and libxlsxwriter's reason
/// (`lxw_strerror`), or a value the writer refuses before it reaches C.
public struct XLSXWriteError: Error, Sendable, CustomStringConvertible {
    /// What was being written (`sheet 校验, cell F2`, `defined name x`, `closing`).
    public let place: String
    /// Why it failed, as a sentence.
    public let reason: String

    /// An error at `place` for `reason`.
    public init(place: String, reason: String) {
        self.place = place
        self.reason = reason
    }

    /// The error for a libxlsxwriter result code.
    init(place: String, code: lxw_error) {
        self.init(place: place, reason: String(cString: lxw_strerror(code)))
    }

    /// `sheet 校验, cell F2: <reason>`.
    public var description: String { "\(place): \(reason)" }

    /// Throws when `code` is not `LXW_NO_ERROR`.
    static func check(_ code: lxw_error, _ place: @autoclosure () -> String) throws(XLSXWriteError) {
        if code != LXW_NO_ERROR { throw XLSXWriteError(place: place(), code: code) }
    }
}
