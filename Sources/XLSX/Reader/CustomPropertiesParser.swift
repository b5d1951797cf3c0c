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
