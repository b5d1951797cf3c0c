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
