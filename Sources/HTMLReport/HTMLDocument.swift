import CLibXML2
import Foundation
import ReportModel

/// libxml2's HTML parser behind a Swift API: the only file of the module that calls
/// libxml2. Every document is freed; nothing it is given can make it crash or print.
enum HTMLDocument {
    /// Options for untrusted pages: recover from broken markup like a browser, never touch
    /// the network, print nothing, and ignore the page's own charset declaration because the
    /// bytes handed over are UTF-8 already (decoded by `PageEncoding`).
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// libxml2's global state is set up once, before any thread parses (`xxgk check` reads
    /// files in parallel); a lazy static is initialised exactly once.
    private static let libraryInitialised: Void = xmlInitParser()

    /// Parses UTF-8 markup into the tree below its root element. Throws when elements nest
    /// deeper than `maxDepth`.
    ///
    /// The parser's events build the tree directly, as libxml2's own tree builder would
    /// (SAX2.c): no libxml2 document is made and freed, which was half of the parse.
    static func parse(utf8 bytes: [UInt8], maxDepth: Int) throws(ReportInputError) -> PageTree {
        _ = libraryInitialised
        guard let context = htmlNewParserCtxt() else {
            throw ReportInputError(Messages.text("html.unparsable"))
        }
        defer { htmlFreeParserCtxt(context) }
        guard let handler = context.pointee.sax else {
            throw ReportInputError(Messages.text("html.unparsable"))
        }
        handler.pointee = Self.handler()
        var builder = TreeBuilder(maxDepth: maxDepth)
        builder.tree.reserve(forPageOf: bytes.count)
        // The context points at the builder only while the parse runs. A struct behind a
        // pointer, not a class: a class's properties are checked for exclusive access at
        // every event.
        let parsed: Bool = withUnsafeMutablePointer(to: &builder) { pointer in
            context.pointee._private = UnsafeMutableRawPointer(pointer)
            defer { context.pointee._private = nil }
            return bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return false }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    // No document comes back, the handler making none; one would be freed.
                    if let document = htmlCtxtReadMemory(context, chars, Int32(clamping: buffer.count), nil, "UTF-8", options) {
                        xmlFreeDoc(document)
                    }
                    return true
                }
            }
        }
        guard parsed else {
            throw ReportInputError(Messages.text("html.unparsable"))
        }
        if let tooDeep = builder.tooDeep {
            throw ReportInputError(at: .line(tooDeep), Messages.text("html.too_deep", ["limit": String(maxDepth)]))
        }
        builder.finish()
        guard builder.hasRoot else {
            throw ReportInputError(Messages.text("html.no_elements"))
        }
        builder.tree.repairText()
        return builder.tree
    }

    /// The events the tree is built from; everything else (the document, its DTD, entity
    /// lookups, errors) is left unhandled.
    private static func handler() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            TreeBuilder.of(context)?.pointee.start(name, attributes, line: Int(xmlSAX2GetLineNumber(context)))
        }
        handler.endElement = { context, _ in
            TreeBuilder.of(context)?.pointee.end()
        }
        handler.characters = { context, bytes, count in
            TreeBuilder.of(context)?.pointee.text(bytes, count, kind: .text, line: Int(xmlSAX2GetLineNumber(context)))
        }
        handler.cdataBlock = { context, bytes, count in
            TreeBuilder.of(context)?.pointee.text(bytes, count, kind: .cdata, line: Int(xmlSAX2GetLineNumber(context)))
        }
        handler.comment = { context, _ in
            TreeBuilder.of(context)?.pointee.other()
        }
        handler.processingInstruction = { context, _, _ in
            TreeBuilder.of(context)?.pointee.other()
        }
        handler.initialized = 1
        return handler
    }
}

/// Builds a `PageTree` from the parser's events the way libxml2's tree builder builds its
/// document, so that the tree is the one `xmlDocGetRootElement` of that document would give:
/// only the first root element; adjacent runs of text joined into one (unless a comment
/// came between); text outside every element dropped.
private struct TreeBuilder {
    enum Child { case none, text, cdata, other }

    var tree = PageTree()
    let maxDepth: Int
    /// The page line of the first element nested deeper than `maxDepth`.
    var tooDeep: Int?
    var hasRoot = false
    private var rootClosed = false
    /// The open elements (node indices) and what the last child of each is.
    private var open: [(index: Int, last: Child)] = []

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    /// The builder of the parse that `context` (the parser's own context) runs.
    static func of(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeBuilder>? {
        context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?.assumingMemoryBound(to: TreeBuilder.self)
    }

    private var stopped: Bool { tooDeep != nil || rootClosed }

    /// An element starts: it becomes the open element's last child, and the open element.
    mutating func start(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int) {
        guard !stopped else { return }
        if open.isEmpty {
            guard !hasRoot else { return }
            hasRoot = true
        }
        guard open.count < maxDepth else {
            tooDeep = line
            return
        }
        if !open.isEmpty { open[open.count - 1].last = .other }
        tree.openElement(name.map { Tag(name: PackedName(cString: $0)) } ?? .other, line: line, attributes: Self.attributes(attributes))
        open.append((tree.nodes.count - 1, .none))
    }

    /// The open element ends (libxml2 sends ends in order, implied ones included).
    mutating func end() {
        guard !stopped, !open.isEmpty else { return }
        open.removeLast()
        tree.close()
        if open.isEmpty { rootClosed = true }
    }

    /// A run of text or CDATA: joined to the open element's last child when that is a run of
    /// the same kind, as libxml2 joins them.
    mutating func text(_ bytes: UnsafePointer<xmlChar>?, _ count: Int32, kind: Child, line: Int) {
        guard !stopped, let bytes, count > 0, let parent = open.last else { return }
        let run = UnsafeBufferPointer(start: bytes, count: Int(count))
        if parent.last == kind {
            tree.extendLastText(run)
        } else {
            // A CDATA run is a script's or a style's text, which the reader drops unread: its
            // element's line (libxml2 gives it the line of a node near it).
            let textLine = kind == .cdata ? tree.nodes[parent.index].line : line
            tree.appendText(run, line: textLine)
            open[open.count - 1].last = kind
        }
    }

    /// Ends the elements still open when the parser stopped (a page cut off inside a tag
    /// ends without their end events; libxml2's document has them all the same).
    mutating func finish() {
        while !open.isEmpty {
            open.removeLast()
            tree.close()
        }
    }

    /// A comment or processing instruction: not kept, but a run of text after it is a new one.
    mutating func other() {
        guard !stopped, !open.isEmpty else { return }
        open[open.count - 1].last = .other
    }

    /// The attributes the reader looks at, from the parser's name/value pairs (a value is
    /// missing for an attribute written without one). A repeated name keeps its last value.
    private static func attributes(_ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [(Attribute, String)] {
        guard let pairs else { return [] }
        var result: [(Attribute, String)] = []
        var position = 0
        while let attributeName = pairs[position] {
            if let key = Attribute(name: PackedName(cString: attributeName)) {
                result.removeAll { $0.0 == key }
                result.append((key, pairs[position + 1].map { String(cString: $0) } ?? ""))
            }
            position += 2
        }
        return result
    }
}
