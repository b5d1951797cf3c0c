/// Reads `xl/workbook.xml`: the sheets in order, the defined names and the 1904 flag.
final class WorkbookXMLParser: XMLHandler {
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
