import CLibXML2

/// A relationship of a `.rels` part.
struct Relationship {
    let id: String
    /// The type URI (transitional `http://schemas.openxmlformats.org/…` or Strict `http://purl.oclc.org/ooxml/…`).
    let type: String
    let target: String
    let external: Bool

    /// Whether the type's last path segment is `kind` (`worksheet`, `sharedStrings`), in either namespace.
    func isType(_ kind: String) -> Bool { type.hasSuffix("/" + kind) }
}

/// Reads `<Relationship Id Type Target TargetMode>` elements.
final class RelationshipsHandler: XMLPartHandler {
    var relationships: [Relationship] = []

    override func start(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        guard XMLName.equals(name, "Relationship"),
              let id = attributes.string("Id"), let target = attributes.string("Target") else { return }
        relationships.append(Relationship(
            id: id, type: attributes.string("Type") ?? "", target: target,
            external: attributes.string("TargetMode")?.lowercased() == "external"))
    }
}

/// Reads the workbook part: sheets (name, relationship id), the 1904 flag, defined names.
final class WorkbookHandler: XMLPartHandler {
    var sheets: [(name: String, relationshipID: String)] = []
    var uses1904Dates = false
    var definedNames: [(name: String, localSheetID: Int?, formula: String)] = []
    private var currentName: (name: String, localSheetID: Int?)?
    private var text: [UInt8] = []

    override func start(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        if XMLName.equals(name, "sheet") {
            // r:id is the only `id` attribute of a sheet element; its namespace differs between
            // transitional and Strict, so it is found by local name.
            guard let sheetName = attributes.string("name"), let id = attributes.string("id") else {
                fail(.invalidContent(part: part, message: "line \(line): a sheet has no name or no relationship id"))
                return
            }
            sheets.append((sheetName, id))
        } else if XMLName.equals(name, "workbookPr") {
            let flag = attributes.string("date1904")
            uses1904Dates = flag == "1" || flag == "true"
        } else if XMLName.equals(name, "definedName") {
            currentName = (attributes.string("name") ?? "", attributes.string("localSheetId").flatMap { Int($0) })
            text.removeAll(keepingCapacity: true)
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if currentName != nil { text.append(contentsOf: bytes) }
    }

    override func end(_ name: UnsafePointer<xmlChar>) {
        guard XMLName.equals(name, "definedName"), let current = currentName else { return }
        definedNames.append((current.name, current.localSheetID, String(decoding: text, as: UTF8.self)))
        currentName = nil
    }
}

/// Reads docProps/custom.xml: `<property name="…"><vt:lpwstr>value</vt:lpwstr></property>`.
final class CustomPropertiesHandler: XMLPartHandler {
    var properties: [String: String] = [:]
    private var currentName: String?
    private var text: [UInt8] = []

    override func start(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        if XMLName.equals(name, "property") {
            currentName = attributes.string("name")
            text.removeAll(keepingCapacity: true)
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if currentName != nil { text.append(contentsOf: bytes) }
    }

    override func end(_ name: UnsafePointer<xmlChar>) {
        guard XMLName.equals(name, "property"), let current = currentName else { return }
        properties[current] = String(decoding: text, as: UTF8.self)
        currentName = nil
    }
}

/// Reads the shared string table: each `<si>` is the concatenation of its `<t>` texts
/// (plain, or in rich-text runs `<r>`), leaving out phonetic runs `<rPh>`.
final class SharedStringsHandler: XMLPartHandler {
    var strings: [String] = []
    private var inItem = false
    private var inPhonetic = false
    private var inText = false
    private var text: [UInt8] = []

    override func start(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        if XMLName.equals(name, "si") {
            inItem = true
            text.removeAll(keepingCapacity: true)
        } else if XMLName.equals(name, "t") {
            inText = inItem && !inPhonetic
        } else if XMLName.equals(name, "rPh") {
            inPhonetic = true
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { text.append(contentsOf: bytes) }
    }

    override func end(_ name: UnsafePointer<xmlChar>) {
        if XMLName.equals(name, "t") {
            inText = false
        } else if XMLName.equals(name, "rPh") {
            inPhonetic = false
        } else if XMLName.equals(name, "si") {
            inItem = false
            strings.append(text.withUnsafeBufferPointer { ExcelEscapes.decode($0) })
        }
    }
}
