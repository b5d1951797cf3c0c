/// Reads `xl/workbook.xml`: the sheets in order, the defined names and the 1904 flag.
final class WorkbookPartParser: XMLHandler {
    struct SheetEntry {
        let name: String
        let relationshipID: String
        let state: String?
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var definedNames: [DefinedName] = []
    private(set) var uses1904Dates = false
    private var nameInProgress: (name: String, sheet: Int?, hidden: Bool)?
    private var text: [UInt8] = []
    var failure: XLSXReadError? { nil }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.equals("sheet") {
            guard let sheetName = attributes.string("name"), let id = attributes.string("id") else { return }
            sheets.append(SheetEntry(name: sheetName, relationshipID: id, state: attributes.string("state")))
        } else if name.equals("workbookPr") {
            let flag = attributes.string("date1904")
            uses1904Dates = flag == "1" || flag == "true"
        } else if name.equals("definedName"), let definedName = attributes.string("name") {
            let hidden = attributes.string("hidden")
            nameInProgress = (definedName, attributes.string("localSheetId").flatMap { Int($0) }, hidden == "1" || hidden == "true")
            text.removeAll(keepingCapacity: true)
        }
    }

    func endElement(_ name: XMLName) {
        guard name.equals("definedName"), let entry = nameInProgress else { return }
        definedNames.append(DefinedName(name: entry.name, sheetIndex: entry.sheet, formula: XMLEscapes.decode(text), isHidden: entry.hidden))
        nameInProgress = nil
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if nameInProgress != nil { text.append(contentsOf: bytes) }
    }
}

/// Reads `docProps/custom.xml`: each `<property name="…">` with the text of its value element.
final class CustomPropertiesParser: XMLHandler {
    private(set) var properties: [String: String] = [:]
    private var current: String?
    private var text: [UInt8] = []
    var failure: XLSXReadError? { nil }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.equals("property") {
            current = attributes.string("name")
            text.removeAll(keepingCapacity: true)
        }
    }

    func endElement(_ name: XMLName) {
        if name.equals("property"), let current {
            properties[current] = String(decoding: text, as: UTF8.self)
            self.current = nil
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if current != nil { text.append(contentsOf: bytes) }
    }
}

/// Reads `xl/sharedStrings.xml`: each `<si>` as the concatenation of its `<t>` runs (rich
/// text), skipping phonetic runs (`<rPh>`) and decoding `_xHHHH_` escapes.
final class SharedStringsParser: XMLHandler {
    private(set) var strings: [String] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var text: [UInt8] = []
    private var textBytes = 0
    private let limit: Int
    private(set) var failure: XLSXReadError?

    /// A parser keeping at most `limit` bytes of text: the table is held in memory whole.
    init(limit: Int) { self.limit = limit }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.equals("si") {
            inItem = true
            text.removeAll(keepingCapacity: true)
        } else if name.equals("rPh") {
            phoneticDepth += 1
        } else if name.equals("t"), inItem, phoneticDepth == 0 {
            inText = true
        }
    }

    func endElement(_ name: XMLName) {
        if name.equals("si") {
            textBytes += text.count + 16
            if textBytes > limit { failure = .entryTooLarge(part: "xl/sharedStrings.xml", limit: limit); return }
            strings.append(XMLEscapes.decode(text))
            inItem = false
        } else if name.equals("rPh") {
            phoneticDepth -= 1
        } else if name.equals("t") {
            inText = false
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { text.append(contentsOf: bytes) }
    }
}
