/// An opened .xlsx file. Opening reads only the small parts (workbook, rels, shared strings,
/// properties); sheets are streamed on demand. Not thread-safe; one per task (many in parallel are fine).
///
/// Every C handle (the minizip archive, each libxml2 parser) is released on every path,
/// including failures: the archive when the document is released, a parser when its part ends.
public final class XLSXDocument {
    /// Sheet names in workbook order.
    public let sheetNames: [String]
    /// Defined names, workbook-level and sheet-local, in file order.
    public let definedNames: [XLSXDefinedName]
    /// docProps/custom.xml properties (name → value as text), e.g. "xxgk.form" → "2021", "KSOProductBuildVer".
    public let customProperties: [String: String]
    /// Whether dates count from 1904 (`<workbookPr date1904="1">`) rather than 1900.
    public let uses1904Dates: Bool

    private let archive: ZipArchive
    private let limits: XLSXReadLimits
    private let sharedStrings: [String]
    /// Each sheet's part name, by sheet name (nil when its relationship is missing).
    private let sheetParts: [String: String?]
    /// Merged ranges already collected by a read, by sheet name.
    private var mergedRangeCache: [String: [(first: CellReference, last: CellReference)]] = [:]

    /// Opens and validates the file; throws XLSXReadError with a clear sentence for every bad input.
    public init(path: String, limits: XLSXReadLimits = .default) throws(XLSXReadError) {
        try FileSniffer.requireZip(path)
        let archive = try ZipArchive(path: path, limits: limits)
        self.archive = archive
        self.limits = limits

        let rootRelationships = try Self.relationships(of: "", in: archive)
        let workbookPart = try Self.workbookPart(archive: archive, rootRelationships: rootRelationships)

        let workbook = WorkbookHandler()
        try XMLStream.parse(workbookPart, in: archive, into: workbook)
        let folder = PartPath.folder(of: workbookPart)
        let relationships = try Self.relationships(of: workbookPart, in: archive)
        guard relationships != nil || workbook.sheets.isEmpty else {
            throw .missingPart(PartPath.relationships(of: workbookPart))
        }
        let byID = Dictionary((relationships ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var parts: [String: String?] = [:]
        for sheet in workbook.sheets where parts[sheet.name] == nil {
            parts[sheet.name] = byID[sheet.relationshipID].flatMap { $0.external ? nil : PartPath.resolve($0.target, from: folder) }
        }
        sheetParts = parts
        sheetNames = workbook.sheets.map(\.name)
        uses1904Dates = workbook.uses1904Dates
        let names = workbook.sheets.map(\.name)
        definedNames = workbook.definedNames.map { name in
            XLSXDefinedName(
                name: name.name, formula: name.formula,
                localSheet: name.localSheetID.flatMap { $0 >= 0 && $0 < names.count ? names[$0] : nil })
        }

        var sharedStringsPart = (relationships ?? []).first { $0.isType("sharedStrings") && !$0.external }
            .map { PartPath.resolve($0.target, from: folder) }
        if sharedStringsPart == nil, archive.contains(folder + "/sharedStrings.xml") { sharedStringsPart = folder + "/sharedStrings.xml" }
        if let part = sharedStringsPart, archive.contains(part) {
            let handler = SharedStringsHandler()
            try XMLStream.parse(part, in: archive, into: handler)
            sharedStrings = handler.strings
        } else {
            sharedStrings = []
        }

        var customPart = (rootRelationships ?? []).first { $0.isType("custom-properties") && !$0.external }
            .map { PartPath.resolve($0.target, from: "") }
        if customPart == nil { customPart = "docProps/custom.xml" }
        if let part = customPart, archive.contains(part) {
            let handler = CustomPropertiesHandler()
            try XMLStream.parse(part, in: archive, into: handler)
            customProperties = handler.properties
        } else {
            customProperties = [:]
        }
    }

    /// Streams every cell of a sheet in file order, in constant memory. Also collects merged ranges.
    /// Errors are `XLSXReadError`s, or whatever `body` throws (which ends the read).
    public func readSheet(named name: String, _ body: (XLSXCell) throws -> Void) throws {
        let part = try sheetPart(name)
        try withoutActuallyEscaping(body) { body in
            let handler = SheetHandler(sharedStrings: sharedStrings, limits: limits, emit: body)
            try XMLStream.parse(part, in: archive, into: handler)
            if let error = handler.bodyError { throw error }
            mergedRangeCache[name] = handler.mergedRanges
        }
    }

    /// The merged ranges of a sheet (first, last), read from its XML.
    public func mergedRanges(inSheet name: String) throws(XLSXReadError) -> [(first: CellReference, last: CellReference)] {
        if let cached = mergedRangeCache[name] { return cached }
        let part = try sheetPart(name)
        let handler = SheetHandler(sharedStrings: sharedStrings, limits: limits, emit: nil)
        try XMLStream.parse(part, in: archive, into: handler)
        mergedRangeCache[name] = handler.mergedRanges
        return handler.mergedRanges
    }

    /// The part name of a sheet, or why there is none.
    private func sheetPart(_ name: String) throws(XLSXReadError) -> String {
        guard let entry = sheetParts[name] else { throw .noSuchSheet(name) }
        guard let part = entry else { throw .missingPart("the relationship of sheet \(name)") }
        guard archive.contains(part) else { throw .missingPart(part) }
        return part
    }

    /// The relationships of `part` ("" for the package), nil when it has none.
    private static func relationships(of part: String, in archive: ZipArchive) throws(XLSXReadError) -> [Relationship]? {
        let name = part.isEmpty ? "_rels/.rels" : PartPath.relationships(of: part)
        guard archive.contains(name) else { return nil }
        let handler = RelationshipsHandler()
        try XMLStream.parse(name, in: archive, into: handler)
        return handler.relationships
    }

    /// The workbook part: the package's officeDocument relationship, else `xl/workbook.xml`;
    /// when neither exists, says what kind of zip this is instead.
    private static func workbookPart(archive: ZipArchive, rootRelationships: [Relationship]?) throws(XLSXReadError) -> String {
        if let target = rootRelationships?.first(where: { $0.isType("officeDocument") && !$0.external })?.target {
            let part = PartPath.resolve(target, from: "")
            if part.lowercased().hasSuffix("workbook.xml"), archive.contains(part) { return part }
        }
        if archive.contains("xl/workbook.xml") { return "xl/workbook.xml" }
        if archive.contains("word/document.xml") { throw .notAWorkbook(what: "a Word document (.docx)") }
        if archive.contains("ppt/presentation.xml") { throw .notAWorkbook(what: "a PowerPoint presentation (.pptx)") }
        if archive.contains("mimetype"), archive.contains("content.xml") { throw .notAWorkbook(what: "an OpenDocument file (.ods/.odt)") }
        if archive.contains("[Content_Types].xml") { throw .missingPart("xl/workbook.xml") }
        throw .notAWorkbook(what: "a zip archive without a workbook in it")
    }
}
