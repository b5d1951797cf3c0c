import Foundation
import CLibXML2

/// An element's local name as libxml2 hands it over (prefix already stripped), compared
/// without making a String: the sheet parser sees millions of them.
struct XMLName {
    let bytes: UnsafePointer<UInt8>

    /// Whether the name is exactly `literal`.
    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        let expected = literal.utf8Start
        let count = literal.utf8CodeUnitCount
        for index in 0..<count where bytes[index] != expected[index] { return false }
        return bytes[count] == 0
    }
}

/// The attributes of a start tag: libxml2's array of (localname, prefix, URI, value start,
/// value end) pointers. Looked up by local name, so `r:id` is `id`.
struct XMLAttributes {
    let pointers: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// The bytes of the attribute's value, or nil when absent.
    @inline(__always)
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let pointers else { return nil }
        for index in 0..<count {
            let base = index * 5
            guard let local = pointers[base], XMLName(bytes: local).equals(name),
                let start = pointers[base + 3], let end = pointers[base + 4]
            else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The attribute's value as text (entities such as `&amp;` already replaced by libxml2).
    func string(_ name: StaticString) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// What a part parser does with the XML events of one part.
protocol XMLHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes)
    func endElement(_ name: XMLName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    /// Set by the handler to stop the parse with this error.
    var failure: XLSXReadError? { get }
}

/// The state shared with the C callbacks during one parse.
private final class ParseContext {
    let handler: any XMLHandler
    var parser: xmlParserCtxtPtr?
    var sawDocumentType = false

    init(handler: any XMLHandler) { self.handler = handler }

    func stopIfFailed() {
        if handler.failure != nil, let parser { xmlStopParser(parser) }
    }
}

@inline(__always)
private func context(_ pointer: UnsafeMutableRawPointer?) -> ParseContext? {
    guard let pointer else { return nil }
    return Unmanaged<ParseContext>.fromOpaque(pointer).takeUnretainedValue()
}

/// Streams one zip entry through libxml2's SAX2 push parser, chunk by chunk, so no part is
/// ever held whole in memory. Options: NONET always; never NOENT, DTDLOAD or HUGE; and any
/// document type declaration stops the parse (OOXML has none; entity bombs need one).
enum XMLStream {
    /// The parser options: no network, no error printing; entities are never substituted.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// libxml2's global set-up, done once before any parse: `xxgk check` parses workbooks on
    /// all cores at once, and libxml2 2.9 does not initialise itself safely from many threads.
    private static let libraryInitialised: Void = xmlInitParser()

    static func parse(_ archive: ZipArchive, part: String, into handler: any XMLHandler) throws(XLSXReadError) {
        _ = libraryInitialised
        let state = ParseContext(handler: handler)
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { user, localname, _, _, _, _, attributeCount, _, attributes in
            guard let state = context(user), let localname else { return }
            state.handler.startElement(XMLName(bytes: localname), XMLAttributes(pointers: attributes, count: Int(attributeCount)))
            state.stopIfFailed()
        }
        sax.endElementNs = { user, localname, _, _ in
            guard let state = context(user), let localname else { return }
            state.handler.endElement(XMLName(bytes: localname))
            state.stopIfFailed()
        }
        sax.characters = { user, text, length in
            guard let state = context(user), let text, length > 0 else { return }
            state.handler.characters(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        sax.cdataBlock = sax.characters
        sax.internalSubset = { user, _, _, _ in
            guard let state = context(user) else { return }
            state.sawDocumentType = true
            if let parser = state.parser { xmlStopParser(parser) }
        }
        sax.serror = { _, _ in }
        let user = Unmanaged.passUnretained(state).toOpaque()
        guard let parser = xmlCreatePushParserCtxt(&sax, user, nil, 0, nil) else {
            throw .malformedXML(part: part, line: 0, message: "libxml2 could not start a parser")
        }
        defer { xmlFreeParserCtxt(parser) }
        _ = xmlCtxtUseOptions(parser, options)
        state.parser = parser
        var parseStatus: Int32 = 0
        try withExtendedLifetime(state) { () throws(XLSXReadError) in
            try archive.read(part) { chunk throws(XLSXReadError) in
                guard let base = chunk.baseAddress?.assumingMemoryBound(to: CChar.self) else { return true }
                parseStatus = xmlParseChunk(parser, base, Int32(chunk.count), 0)
                return parseStatus == 0 && !state.sawDocumentType && handler.failure == nil
            }
            if parseStatus == 0 && !state.sawDocumentType && handler.failure == nil {
                parseStatus = xmlParseChunk(parser, nil, 0, 1)
            }
        }
        if let failure = handler.failure { throw failure }
        if state.sawDocumentType { throw .documentTypeDeclaration(part: part) }
        if parseStatus != 0 || parser.pointee.wellFormed == 0 {
            var line = 0
            var message = "parse error \(parseStatus)"
            if let error = xmlCtxtGetLastError(parser) {
                line = Int(error.pointee.line)
                if let text = error.pointee.message {
                    message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            throw .malformedXML(part: part, line: line, message: message)
        }
    }
}
