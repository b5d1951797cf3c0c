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
    static func parse(utf8 bytes: [UInt8], maxDepth: Int) throws(ReportInputError) -> PageTree {
        _ = libraryInitialised
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    htmlReadMemory(chars, Int32(clamping: buffer.count), nil, "UTF-8", options)
                }
            }
        }
        guard let document = parsed else {
            throw ReportInputError(Messages.text("html.unparsable"))
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw ReportInputError(Messages.text("html.no_elements"))
        }
        var tree = PageTree()
        try append(root, to: &tree, depth: 1, maxDepth: maxDepth)
        tree.repairText()
        return tree
    }

    /// Appends one element and everything below it.
    private static func append(_ node: xmlNodePtr, to tree: inout PageTree, depth: Int, maxDepth: Int) throws(ReportInputError) {
        guard depth <= maxDepth else {
            throw ReportInputError(at: .line(line(of: node)), Messages.text("html.too_deep", ["limit": String(maxDepth)]))
        }
        tree.openElement(Tag(name: name(of: node.pointee.name)), line: line(of: node), attributes: attributes(of: node))
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                try append(current, to: &tree, depth: depth + 1, maxDepth: maxDepth)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    tree.appendText(UnsafeBufferPointer(start: content, count: strlen(content)), line: line(of: current))
                }
            default:
                // Comments, processing instructions, DTD nodes: not content of the page.
                break
            }
            child = current.pointee.next
        }
        tree.close()
    }

    /// A lower-case element or attribute name. The HTML parser lower-cases names already;
    /// the check is for the rare name it leaves (one it had to recover).
    private static func name(of name: UnsafePointer<xmlChar>?) -> String {
        guard let name else { return "" }
        let text = String(cString: name)
        return text.utf8.contains(where: { (0x41...0x5A).contains($0) }) ? text.lowercased() : text
    }

    private static func line(of node: xmlNodePtr) -> Int {
        Int(xmlGetLineNo(node))
    }

    /// The attributes the reader looks at. Values are the text children of each attribute
    /// node, read without allocating, so there is nothing to free. A repeated name keeps its
    /// last value, as the reader always did.
    private static func attributes(of node: xmlNodePtr) -> [(Attribute, String)] {
        var result: [(Attribute, String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            if let key = Attribute(name: name(of: current.pointee.name)) {
                var value = ""
                var part = current.pointee.children
                while let text = part {
                    if let content = text.pointee.content { value += String(cString: content) }
                    part = text.pointee.next
                }
                result.removeAll { $0.0 == key }
                result.append((key, value))
            }
            attribute = current.pointee.next
        }
        return result
    }
}
