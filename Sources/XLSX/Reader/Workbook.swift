import Foundation

/// An `.xlsx` workbook opened for reading: its sheets, defined names, custom properties and
/// date system, read eagerly (they are small); sheets are streamed on demand.
///
/// Any file is accepted as input: a file that is not a workbook, is damaged or hostile gets
/// its own `XLSXReadError`, never a crash. Not thread-safe: use one `Workbook` per thread.
public final class Workbook {
    /// The sheets in workbook order.
    public let sheets: [SheetInfo]
    /// The defined names, in file order.
    public let definedNames: [DefinedName]
    /// The custom document properties (`docProps/custom.xml`), by name.
    public let customProperties: [String: String]
    /// Whether serial dates count from 1904 (`<workbookPr date1904="1">`).
    public let uses1904Dates: Bool

    private let archive: ZipArchive
    private let limits: ReaderLimits
    private let sharedStringsPart: String?
    private var sharedStringsCache: [String]?

    /// Opens a workbook from its bytes.
    public convenience init(data: Data, limits: ReaderLimits = .standard) throws(XLSXReadError) {
        try FileSniffer.requireZip(data)
        try self.init(archive: ZipArchive(data: data, limits: limits), limits: limits)
    }

    /// Opens the workbook at a path. The archive is read from the file as needed (minizip's own
    /// file access), never loaded whole: a sheet's read costs its XML stream, not the file's size.
    public convenience init(contentsOf path: String, limits: ReaderLimits = .standard) throws(XLSXReadError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .missingPart(path) }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        try? handle.close()
        if !FileSniffer.isZip(head) {
            // Not a zip: the whole file tells what it is (an OLE container is searched for its streams).
            guard let data = FileManager.default.contents(atPath: path) else { throw .missingPart(path) }
            try FileSniffer.requireZip(data)
        }
        try self.init(archive: ZipArchive(path: path, limits: limits), limits: limits)
    }

    /// Reads the workbook's small parts from an opened archive.
    private init(archive: ZipArchive, limits: ReaderLimits) throws(XLSXReadError) {
        self.limits = limits
        self.archive = archive
        let rootRelationships = try RelationshipsParser.read(for: "", in: archive)
        // A .docx or .pptx has an officeDocument relationship too (to word/document.xml,
        // ppt/presentation.xml): only a spreadsheet's main part counts.
        let mainPart = rootRelationships.first { $0.isKind("officeDocument") }?.path
        let workbookPart = mainPart.flatMap { Self.isOtherOfficeMainPart($0) ? nil : $0 }
            ?? (archive.contains("xl/workbook.xml") ? "xl/workbook.xml" : nil)
        guard let workbookPart, archive.contains(workbookPart) else {
            throw Self.otherDocumentError(archive)
        }
        let parser = WorkbookXMLParser()
        try XMLStream.parse(archive, part: workbookPart, into: parser)
        let relationships = try RelationshipsParser.read(for: workbookPart, in: archive)
        var byID: [String: Relationship] = [:]
        for relationship in relationships { byID[relationship.id] = relationship }
        var sheets: [SheetInfo] = []
        for entry in parser.sheets {
            guard let relationship = byID[entry.relationshipID] else {
                throw .missingPart("the relationship \(entry.relationshipID) of sheet \(entry.name)")
            }
            // Chart sheets and dialog sheets have no cells; list only worksheets.
            guard relationship.isKind("worksheet") else { continue }
            sheets.append(SheetInfo(name: entry.name, part: relationship.path, state: entry.state ?? "visible"))
        }
        self.sheets = sheets
        definedNames = parser.definedNames
        uses1904Dates = parser.uses1904Dates
        sharedStringsPart = relationships.first { $0.isKind("sharedStrings") }?.path
        let customPart = rootRelationships.first { $0.isKind("custom-properties") }?.path
            ?? (archive.contains("docProps/custom.xml") ? "docProps/custom.xml" : nil)
        if let customPart, archive.contains(customPart) {
            let properties = CustomPropertiesParser()
            try XMLStream.parse(archive, part: customPart, into: properties)
            customProperties = properties.properties
        } else {
            customProperties = [:]
        }
    }

    /// The sheet of this name (exact), else the only one whose name matches ignoring case.
    public func sheet(named name: String) throws(XLSXReadError) -> SheetInfo {
        if let exact = sheets.first(where: { $0.name == name }) { return exact }
        let folded = sheets.filter { $0.name.lowercased() == name.lowercased() }
        if folded.count == 1 { return folded[0] }
        throw .noSuchSheet(name, available: sheets.map(\.name))
    }

    /// Streams every cell with a value or formula of a sheet, in file order, to `body`, holding
    /// only one cell at a time; returns the sheet's merged ranges.
    @discardableResult
    public func forEachCell(in sheet: SheetInfo, _ body: (Cell) -> Void) throws(XLSXReadError) -> [CellRange] {
        let strings = try sharedStrings()
        return try withoutActuallyEscaping(body) { (escapable) throws(XLSXReadError) -> [CellRange] in
            let parser = SheetParser(part: sheet.part, sharedStrings: strings, emit: escapable)
            try XMLStream.parse(archive, part: sheet.part, into: parser)
            return parser.mergedRanges
        }
    }

    /// All cells of a sheet in memory, for random access (at most `limits.maximumCells`).
    public func contents(of sheet: SheetInfo) throws(XLSXReadError) -> SheetContents {
        var cells: [CellReference: Cell] = [:]
        var overflow = false
        let limit = limits.maximumCells
        let merged = try forEachCell(in: sheet) { cell in
            if cells.count >= limit { overflow = true; return }
            cells[cell.reference] = cell
        }
        if overflow { throw .tooManyCells(sheet: sheet.name, limit: limit) }
        return SheetContents(cells: cells, mergedRanges: merged)
    }

    /// The shared strings, read once on first use.
    private func sharedStrings() throws(XLSXReadError) -> [String] {
        if let sharedStringsCache { return sharedStringsCache }
        var strings: [String] = []
        if let part = sharedStringsPart, archive.contains(part) {
            let parser = SharedStringsParser(limit: limits.maximumSharedStringsSize)
            try XMLStream.parse(archive, part: part, into: parser)
            strings = parser.strings
        }
        sharedStringsCache = strings
        return strings
    }

    /// Whether `part` is the main part of a word-processing or presentation document.
    private static func isOtherOfficeMainPart(_ part: String) -> Bool {
        let folder = part.lowercased().split(separator: "/").first ?? ""
        return folder == "word" || folder == "ppt"
    }

    /// What a zip archive without a workbook is instead.
    private static func otherDocumentError(_ archive: ZipArchive) -> XLSXReadError {
        if archive.contains("word/document.xml") { return .otherOfficeDocument(.word) }
        if archive.contains("ppt/presentation.xml") { return .otherOfficeDocument(.presentation) }
        if archive.contains("content.xml") && archive.contains("mimetype") { return .openDocument }
        return .notAWorkbook
    }
}
