import Foundation

/// The elements the reader tells apart; every other element is `other`. Names are compared
/// once, when the page is parsed, so no later test hashes or compares a string.
enum Tag: String, CaseIterable, Sendable {
    case other
    case html, head, title, meta, link, body, script, style, noscript, template
    case header, nav, footer, aside, article, main, section
    case p, div, span, a, strong, b, font, br, hr
    case h1, h2, h3, h4, h5, h6
    case ul, ol, li, dl, dt, dd
    case blockquote, pre, center, address, figure, figcaption
    case table, caption, thead, tbody, tfoot, tr, td, th
    case form, fieldset, input, select, textarea, button, label, option
    case iframe, object, embed, svg, canvas, map, audio, video

    /// The cases by their names packed as numbers (`PackedName`), in an open-addressing table
    /// of 256 slots: a name is looked up without making a string of it or hashing it with
    /// SipHash.
    private static let byName: [(name: PackedName, tag: Tag)?] = {
        var table = [(name: PackedName, tag: Tag)?](repeating: nil, count: 256)
        for tag in allCases where tag != .other {
            let name = PackedName(Array(tag.rawValue.utf8))
            var slot = name.slot
            while table[slot] != nil { slot = (slot + 1) & 255 }
            table[slot] = (name, tag)
        }
        return table
    }()

    /// The tag of a lower-case element name.
    init(name: PackedName) {
        var slot = name.slot
        while let entry = Self.byName[slot] {
            if entry.name == name {
                self = entry.tag
                return
            }
            slot = (slot + 1) & 255
        }
        self = .other
    }

    /// Elements that start and end a line of text.
    var isBlock: Bool {
        switch self {
        case .p, .div, .h1, .h2, .h3, .h4, .h5, .h6, .li, .ul, .ol, .dl, .dt, .dd, .section, .article, .main,
            .blockquote, .pre, .center, .address, .figure, .figcaption, .caption, .body, .html, .hr, .br, .tr,
            .table, .tbody, .thead, .tfoot, .td, .th, .form, .fieldset:
            true
        default: false
        }
    }

    /// Elements that never hold report content.
    var isDropped: Bool {
        switch self {
        case .script, .style, .noscript, .nav, .footer, .aside, .form, .input, .select, .textarea, .button, .label,
            .option, .iframe, .object, .embed, .svg, .canvas, .template, .link, .meta, .map, .audio, .video, .head:
            true
        default: false
        }
    }

    /// Elements whose joined text is tested as a title (`PageText.containsTitle`).
    var isTitleBlock: Bool {
        switch self {
        case .h1, .h2, .h3, .p, .div, .td, .span, .strong, .b, .font: true
        default: false
        }
    }

    var isHeading: Bool { self == .h1 || self == .h2 || self == .h3 }

    var isCell: Bool { self == .td || self == .th }
}

/// The attributes the reader looks at; the others are not kept.
enum Attribute: String, CaseIterable, Sendable {
    case `class`, id, style, hidden, rowspan, colspan

    private static let byName = allCases.map { (PackedName(Array($0.rawValue.utf8)[...]), $0) }

    /// The attribute's bit in `PageTree.Node.attributeBits`.
    var bit: UInt8 {
        switch self {
        case .class: 1
        case .id: 2
        case .style: 4
        case .hidden: 8
        case .rowspan: 16
        case .colspan: 32
        }
    }

    /// The attribute of a lower-case name, nil for one the reader ignores.
    init?(name: PackedName) {
        guard let found = Self.byName.first(where: { $0.0 == name }) else { return nil }
        self = found.1
    }
}

/// Up to 16 bytes as two numbers, ASCII letters lower-cased: an element or attribute name
/// (longer names are no name the reader knows, and all compare as one), or the start of a
/// metadata key.
struct PackedName: Equatable, Sendable {
    var high: UInt64 = 0
    var low: UInt64 = 0

    init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        guard bytes.count <= 16 else {
            high = .max
            low = .max
            return
        }
        var index = 0
        for byte in bytes {
            let lowered = UInt64((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            if index < 8 { high |= lowered << (56 - 8 * index) } else { low |= lowered << (56 - 8 * (index - 8)) }
            index += 1
        }
    }

    /// The name of a NUL-terminated C string.
    init(cString: UnsafePointer<UInt8>) {
        self.init(UnsafeBufferPointer(start: cString, count: strlen(cString)))
    }

    /// A slot of a 256-slot table (Fibonacci hashing of both numbers).
    var slot: Int {
        Int(truncatingIfNeeded: ((high ^ low &* 0x9E37_79B9_7F4A_7C15) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }
}

/// A parsed page as flat arrays, every node in document order (pre-order): an element's
/// descendants follow it up to `end`, its children are found by skipping from one to the
/// next. Text is one UTF-8 buffer, valid throughout (`repairText`). Plain values, so no libxml2 pointer
/// outlives the parse, and a page is freed in a few blocks rather than node by node.
struct PageTree: Sendable {
    struct Node: Sendable {
        var tag: Tag
        var isText: Bool
        /// The 1-based line of the page where the element's start tag (or the text) is.
        var line: Int
        /// One past the node's last descendant.
        var end: Int
        /// A text's bytes in `text`; an element's attributes in `attributes`.
        var start: Int
        var count: Int
        /// Left out of the page (its furniture): the node and everything below it. Walks of
        /// the tree step over it.
        var isRemoved = false
        /// The `Attribute.bit`s of the attributes an element has: most have none the reader
        /// asks for.
        var attributeBits: UInt8 = 0
    }

    private(set) var nodes: [Node] = []
    private(set) var text: [UInt8] = []
    private(set) var attributes: [(Attribute, String)] = []
    /// Elements still open while the tree is built.
    private var open: [Int] = []

    /// Room for the tree of a page of `bytes` bytes (about one node for every 20 bytes of
    /// markup, at most the page's bytes of text): growing by doubling copied the nodes a
    /// dozen times.
    mutating func reserve(forPageOf bytes: Int) {
        nodes.reserveCapacity(min(bytes / 16, 1 << 18))
        text.reserveCapacity(min(bytes, 1 << 24))
        attributes.reserveCapacity(min(bytes / 64, 1 << 18))
    }

    /// Starts an element; its children come next, up to `close()`.
    mutating func openElement(_ tag: Tag, line: Int, attributes elementAttributes: [(Attribute, String)] = []) {
        let bits = elementAttributes.reduce(UInt8(0)) { $0 | $1.0.bit }
        nodes.append(Node(tag: tag, isText: false, line: line, end: 0, start: attributes.count, count: elementAttributes.count, attributeBits: bits))
        attributes.append(contentsOf: elementAttributes)
        open.append(nodes.count - 1)
    }

    /// Ends the element opened last.
    mutating func close() {
        guard let index = open.popLast() else { return }
        nodes[index].end = nodes.count
    }

    /// A run of text (UTF-8 bytes) in the element open now.
    mutating func appendText<Bytes: Collection<UInt8>>(_ bytes: Bytes, line: Int) {
        nodes.append(Node(tag: .other, isText: true, line: line, end: nodes.count + 1, start: text.count, count: bytes.count))
        text.append(contentsOf: bytes)
    }

    /// Adds bytes to the text appended last, which must be the last node.
    mutating func extendLastText(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let last = nodes.indices.last, nodes[last].isText else { return }
        text.append(contentsOf: bytes)
        nodes[last].count += bytes.count
    }

    /// Leaves node `index` and everything below it out of the page.
    mutating func remove(_ index: Int) {
        nodes[index].isRemoved = true
    }

    /// Gives text node `index` other bytes.
    mutating func replaceText(of index: Int, with bytes: [UInt8]) {
        nodes[index].start = text.count
        nodes[index].count = bytes.count
        text.append(contentsOf: bytes)
    }

    /// Replaces every invalid UTF-8 sequence of the text by U+FFFD, node by node: the readers
    /// decode the text without checking it again.
    mutating func repairText() {
        guard !text.withUnsafeBufferPointer(UTF8Bytes.isValid) else { return }
        let old = text
        text = []
        for index in nodes.indices where nodes[index].isText {
            let repaired = String(decoding: old[nodes[index].start..<(nodes[index].start + nodes[index].count)], as: UTF8.self)
            nodes[index].start = text.count
            nodes[index].count = repaired.utf8.count
            text.append(contentsOf: repaired.utf8)
        }
    }

    /// The children of element `index`, in order.
    func children(of index: Int) -> Children {
        Children(nodes: nodes, start: index + 1, end: nodes[index].end)
    }

    /// The element children of `index` with this tag.
    func children(of index: Int, tagged tag: Tag) -> [Int] {
        children(of: index).filter { !nodes[$0].isText && nodes[$0].tag == tag }
    }

    /// The value of an attribute of element `index`.
    @inline(__always)
    func attribute(_ attribute: Attribute, of index: Int) -> String? {
        let node = nodes[index]
        guard node.attributeBits & attribute.bit != 0 else { return nil }
        for position in node.start..<(node.start + node.count) where attributes[position].0 == attribute {
            return attributes[position].1
        }
        return nil
    }

    /// The UTF-8 bytes of text node `index`.
    func bytes(of index: Int) -> ArraySlice<UInt8> {
        text[nodes[index].start..<(nodes[index].start + nodes[index].count)]
    }

    /// The first element at or below `index` (depth first) that satisfies `test`.
    func first(in index: Int, where test: (Int) -> Bool) -> Int? {
        if !nodes[index].isText, test(index) { return index }
        return descendants(of: index).first { !nodes[$0].isText && test($0) }
    }

    /// The nodes strictly below `index` that are in the page, in document order.
    func descendants(of index: Int) -> Descendants {
        Descendants(nodes: nodes, position: index + 1, end: nodes[index].end)
    }

    /// True when an element strictly below `index` has this tag.
    func contains(_ tag: Tag, below index: Int) -> Bool {
        descendants(of: index).contains { !nodes[$0].isText && nodes[$0].tag == tag }
    }

    /// The positions of one element's children that are in the page.
    struct Children: Sequence, IteratorProtocol {
        let nodes: [Node]
        var start: Int
        let end: Int

        mutating func next() -> Int? {
            while start < end {
                let current = start
                start = nodes[current].end
                if !nodes[current].isRemoved { return current }
            }
            return nil
        }
    }

    /// The positions of the nodes below an element that are in the page, in document order.
    struct Descendants: Sequence, IteratorProtocol {
        let nodes: [Node]
        var position: Int
        let end: Int

        mutating func next() -> Int? {
            while position < end {
                let current = position
                if nodes[current].isRemoved {
                    position = nodes[current].end
                    continue
                }
                position += 1
                return current
            }
            return nil
        }
    }
}

/// Tests on the bytes of valid UTF-8, without decoding: what the page readers ask of nearly
/// every scalar of a page (its length, white space or not) costs a few comparisons.
enum UTF8Bytes {
    /// The scalar at `offset` (moved past it) of valid UTF-8 ending at `end`.
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int, end: Int) -> Unicode.Scalar {
        let lead = bytes[offset]
        let length = length(lead: lead)
        guard lead >= 0x80 else {
            offset += 1
            return Unicode.Scalar(lead)
        }
        guard lead >= 0xC0, offset + length <= end else {
            offset = lead >= 0xC0 ? end : offset + 1
            return "\u{FFFD}"
        }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for next in 1..<length { value = value << 6 | UInt32(bytes[offset + next] & 0x3F) }
        offset += length
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The length of the scalar a lead byte starts (1 for a stray continuation byte).
    @inline(__always)
    static func length(lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// True when the scalar at `offset`, of `length` bytes, is Unicode White_Space
    /// (`Unicode.Scalar.isWhiteSpace`).
    @inline(__always)
    static func isWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int) -> Bool {
        let lead = bytes[offset]
        if length == 1 { return lead == 0x20 || (0x09...0x0D).contains(lead) }
        guard lead <= 0xE3, lead >= 0xC2 else { return false }
        let second = bytes[offset + 1]
        switch lead {
        case 0xC2: return second == 0x85 || second == 0xA0
        case 0xE1: return second == 0x9A && bytes[offset + 2] == 0x80
        case 0xE2:
            let third = bytes[offset + 2]
            return (second == 0x80 && (third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF)) || (second == 0x81 && third == 0x9F)
        case 0xE3: return second == 0x80 && bytes[offset + 2] == 0x80
        default: return false
        }
    }

    /// True when the bytes are UTF-8 as Unicode defines it (no overlong form, surrogate or
    /// scalar past U+10FFFF): what `String(validating:as:)` accepts, without making a string.
    /// Eight ASCII bytes are passed at a time.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // Most of a Chinese page: a three-byte scalar outside E0 and ED's limits.
            if lead >= 0xE1, lead <= 0xEF, lead != 0xED, index + 2 < count {
                guard bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 else { return false }
                index += 3
                continue
            }
            let length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0
            guard length > 0, index + length <= count else { return false }
            for next in 1..<length where bytes[index + next] & 0xC0 != 0x80 { return false }
            let second = bytes[index + 1]
            switch lead {
            case 0xE0 where second < 0xA0, 0xED where second >= 0xA0, 0xF0 where second < 0x90, 0xF4 where second >= 0x90:
                return false
            default:
                break
            }
            index += length
        }
        return true
    }

    /// True when the bytes hold a scalar that is not white space.
    static func hasVisibleScalar(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let length = min(length(lead: buffer[offset]), buffer.count - offset)
                if length < 2 && buffer[offset] >= 0x80 { return true }
                if !isWhiteSpace(buffer, at: offset, length: length) { return true }
                offset += length
            }
            return false
        }
    }
}
