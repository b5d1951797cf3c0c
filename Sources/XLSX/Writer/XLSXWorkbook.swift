import CXlsxWriter
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A workbook being written with libxlsxwriter. Add sheets and styles, write cells, then
/// `close()`; the file exists only after a successful close (libxlsxwriter builds it in
/// temporary files and reports I/O errors only then). Not thread-safe; one workbook per task.
///
///     let workbook = try XLSXWorkbook(path: "out.xlsx")
///     let sheet = try workbook.addSheet(named: "表")
///     try sheet.write(number: 12, at: CellReference(row: 0, column: 0))
///     try workbook.close()
public final class XLSXWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []
    /// The temporary folder's name, kept alive for libxlsxwriter until the workbook is closed.
    private var temporaryFolderCopy: UnsafeMutablePointer<CChar>?
    /// The path written by `close()`.
    public let path: String

    /// Starts a workbook that `close()` writes to `path`. Fails at once when the file cannot
    /// be created there, so a bad path is reported before any work (and with a clear reason
    /// rather than libxlsxwriter's message at close). libxlsxwriter assembles each part in a
    /// temporary file, in `temporaryFolder` when given (a tmpfs such as /dev/shm makes small
    /// workbooks markedly cheaper), else in the system's temporary folder.
    public init(path: String, temporaryFolder: String? = nil) throws(XLSXWriteError) {
        guard !path.isEmpty else { throw XLSXWriteError(place: "workbook", reason: "empty output path") }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw XLSXWriteError(place: path, reason: "cannot write (\(String(cString: strerror(code))))", failure: .system(code))
        }
        _ = closeDescriptor(descriptor)
        Self.keepNumericLocaleC()
        _ = Self.allocatorTuned
        var options = lxw_workbook_options()
        let folderCopy = temporaryFolder.flatMap { $0.isEmpty ? nil : strdup($0) }
        options.tmpdir = folderCopy
        guard let handle = workbook_new_opt(path, &options) else {
            free(folderCopy)
            throw XLSXWriteError(place: path, reason: "libxlsxwriter could not start a workbook (out of memory?)")
        }
        self.handle = handle
        self.path = path
        temporaryFolderCopy = folderCopy
    }

    deinit {
        // A workbook dropped without close() (an error on the way) must still free
        // libxlsxwriter's memory, which writes the file: remove it, so no partial workbook stays.
        if let handle {
            workbook_close(handle)
            unlink(path)
        }
        free(temporaryFolderCopy)
    }

    /// Whether `close()` has not yet been called.
    public var isOpen: Bool { handle != nil }

    /// Adds a worksheet. Names must be 1–31 characters without `[]:*?/\` and unique
    /// (case-insensitively).
    public func addSheet(named name: String) throws(XLSXWriteError) -> XLSXSheet {
        let handle = try openHandle("sheet \(name)")
        guard !name.isEmpty else { throw XLSXWriteError(place: "sheet", reason: "empty sheet name") }
        guard !sheetNames.contains(name.lowercased()) else {
            throw XLSXWriteError(place: "sheet \(name)", reason: "a sheet with this name exists")
        }
        try XLSXWriteError.check(workbook_validate_sheet_name(handle, name), "sheet \(name)")
        sheetNames.insert(name.lowercased())
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw XLSXWriteError(place: "sheet \(name)", reason: "libxlsxwriter refused the sheet")
        }
        return XLSXSheet(workbook: self, handle: sheet, name: name)
    }

    /// Defines a workbook-level name for a cell of a sheet (`applications_received_natural` →
    /// `'三、…'!$D$5`). Names must start with a letter or `_` and hold letters, digits, `_`, `.`.
    public func defineName(_ name: String, sheet: String, cell: CellReference) throws(XLSXWriteError) {
        let handle = try openHandle("defined name \(name)")
        guard Self.isValidName(name) else { throw XLSXWriteError(place: "defined name \(name)", reason: "not a valid name") }
        let formula = "=" + Self.quoted(sheet) + "!" + cell.absolute
        try XLSXWriteError.check(workbook_define_name(handle, name, formula), "defined name \(name)")
    }

    /// Sets a custom document property (File › Properties › Custom) to text.
    public func setCustomProperty(_ name: String, to value: String) throws(XLSXWriteError) {
        let handle = try openHandle("custom property \(name)")
        guard !name.isEmpty, !value.isEmpty else {
            throw XLSXWriteError(place: "custom property \(name)", reason: "empty name or value")
        }
        try XLSXWriteError.check(workbook_set_custom_property_string(handle, name, value), "custom property \(name)")
    }

    /// Sets the document's title, subject, author and comments (empty strings are left out).
    public func setProperties(title: String = "", subject: String = "", author: String = "", comments: String = "") throws(XLSXWriteError) {
        let handle = try openHandle("document properties")
        var properties = lxw_doc_properties()
        let texts: [String] = [title, subject, author, comments]
        let strings: [UnsafeMutablePointer<CChar>?] = texts.map { text in text.isEmpty ? nil : strdup(text) }
        defer { strings.forEach { free($0) } }
        properties.title = strings[0]
        properties.subject = strings[1]
        properties.author = strings[2]
        properties.comments = strings[3]
        try XLSXWriteError.check(workbook_set_properties(handle, &properties), "document properties")
    }

    /// Writes the file. After this the workbook and its sheets accept no more calls. On an
    /// error no file is left at `path`.
    public func close() throws(XLSXWriteError) {
        let handle = try openHandle("closing")
        self.handle = nil
        formats = [:]
        let code = workbook_close(handle)
        if code != LXW_NO_ERROR {
            unlink(path)
            throw XLSXWriteError(place: path, code: code)
        }
    }

    /// The shared format of a style (created once per distinct style).
    func format(for style: CellStyle?) throws(XLSXWriteError) -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        if let existing = formats[style] { return existing }
        let handle = try openHandle("format")
        guard let format = workbook_add_format(handle) else {
            throw XLSXWriteError(place: "format", reason: "libxlsxwriter could not add a format")
        }
        Self.apply(style, to: format)
        formats[style] = format
        return format
    }

    /// The live handle, or an error once the workbook is closed.
    func openHandle(_ place: @autoclosure () -> String) throws(XLSXWriteError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XLSXWriteError(place: place(), reason: "the workbook is already closed") }
        return handle
    }

    /// Whether `name` may be a defined name: 1–255 ASCII letters, digits, `_` and `.`,
    /// starting with a letter or `_` (checked on bytes: this runs for every cell).
    static func isValidName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= 255 else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }
        guard isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isLetter($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A sheet name as formulas write it: `'三、收到…'` (quotes doubled inside).
    public static func quoted(_ sheet: String) -> String {
        sheet.utf8.contains(UInt8(ascii: "'")) ? "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'" : "'" + sheet + "'"
    }

    /// libxlsxwriter deflates every part of the file with a fresh zlib stream (about 270 KB of
    /// state, allocated, zeroed and freed per part). glibc returns that memory to the system
    /// after each part and faults it in again for the next: a sixth of the time of a small
    /// workbook (measured: 5.5 → 4.6 ms). Keeping up to 4 MB of freed heap avoids it; done
    /// once per process, on the first workbook.
    private static let allocatorTuned: Bool = {
        // Setting the trim threshold turns off glibc's adaptive mmap threshold: the shim fixes both.
        xxgk_keep_freed_heap()
        return true
    }()

    /// libxlsxwriter prints numbers with `%.16G`; under a locale with a decimal comma the
    /// file would be corrupt, so the process keeps LC_NUMERIC at "C".
    private static func keepNumericLocaleC() {
        if let current = setlocale(LC_NUMERIC, nil), String(cString: current) != "C" {
            setlocale(LC_NUMERIC, "C")
        }
    }

    private static func apply(_ style: CellStyle, to format: UnsafeMutablePointer<lxw_format>) {
        if let name = style.fontName, !name.isEmpty { format_set_font_name(format, name) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if style.bold { format_set_bold(format) }
        if style.underlined { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let color = style.fontColor { format_set_font_color(format, color == 0 ? LXW_COLOR_BLACK.rawValue : color) }
        if let fill = style.fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fill == 0 ? LXW_COLOR_BLACK.rawValue : fill)
        }
        switch style.horizontal {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch style.vertical {
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: break
        }
        if style.wrapsText { format_set_text_wrap(format) }
        if style.bordered { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let numberFormat = style.numberFormat, !numberFormat.isEmpty { format_set_num_format(format, numberFormat) }
        if !style.locked { format_set_unlocked(format) }
        switch style.rotation {
        case .none: break
        case .stacked: format_set_rotation(format, 270)
        case .degrees(let angle): format_set_rotation(format, max(-90, min(90, angle)))
        }
    }
}

/// `close(2)`, named apart from `XLSXWorkbook.close()`.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(descriptor)
    #else
    return Darwin.close(descriptor)
    #endif
}
