import CLibXML2
import Foundation
import ReportModel

/// An element of a parsed page: its lower-case name, attributes, children and the line of
/// the page it starts on. A plain Swift value, so no libxml2 pointer outlives the parse.
struct HTMLElement: Sendable {
    var name: String
    var attributes: [String: String]
    var children: [HTMLNode]
    /// The 1-based line of the page where the element's start tag is.
    var line: Int

    /// The value of an attribute, compared by lower-case name.
    subscript(attribute name: String) -> String? { attributes[name] }
}

/// A piece of a page: an element or a run of text with its line.
enum HTMLNode: Sendable {
    case element(HTMLElement)
    case text(String, line: Int)
}

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
    static func parse(utf8 bytes: [UInt8], maxDepth: Int) throws(ReportInputError) -> HTMLElement {
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
        return try element(root, depth: 1, maxDepth: maxDepth)
    }

    /// The Swift value of one element and everything below it.
    private static func element(_ node: xmlNodePtr, depth: Int, maxDepth: Int) throws(ReportInputError) -> HTMLElement {
        guard depth <= maxDepth else {
            throw ReportInputError(at: .line(line(of: node)), Messages.text("html.too_deep", ["limit": String(maxDepth)]))
        }
        var result = HTMLElement(name: name(of: node), attributes: attributes(of: node), children: [], line: line(of: node))
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                result.children.append(.element(try element(current, depth: depth + 1, maxDepth: maxDepth)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    result.children.append(.text(String(cString: content), line: line(of: current)))
                }
            default:
                // Comments, processing instructions, DTD nodes: not content of the page.
                break
            }
            child = current.pointee.next
        }
        return result
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    private static func line(of node: xmlNodePtr) -> Int {
        Int(xmlGetLineNo(node))
    }

    /// Attribute values are the text children of each attribute node; read without
    /// allocating, so there is nothing to free.
    private static func attributes(of node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                var value = ""
                var part = current.pointee.children
                while let text = part {
                    if let content = text.pointee.content { value += String(cString: content) }
                    part = text.pointee.next
                }
                result[String(cString: name).lowercased()] = value
            }
            attribute = current.pointee.next
        }
        return result
    }
}
