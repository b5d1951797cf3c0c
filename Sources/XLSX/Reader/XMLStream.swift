import CLibXML2

/// The attributes of one element as libxml2's SAX2 hands them over: five pointers each
/// (local name, prefix, URI, value start, value end); values are not NUL-terminated.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the attribute whose local name is `name` (any prefix), as bytes.
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            let slot = base + index * 5
            guard let local = slot[0], XMLName.equals(local, name), let start = slot[3], let end = slot[4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The attribute's value as text. libxml2 (not replacing entities) passes `&amp;` in
    /// attribute values on as `&#38;`; that one is decoded here.
    func string(_ name: StaticString) -> String? {
        guard let value = bytes(name) else { return nil }
        let text = String(decoding: value, as: UTF8.self)
        return text.contains("&#38;") ? text.replacingAll("&#38;", with: "&") : text
    }
}

/// Comparing libxml2's NUL-terminated names with literals, without building Strings.
enum XMLName {
    /// Whether the C string `name` is exactly `literal`.
    @inline(__always)
    static func equals(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        let count = literal.utf8CodeUnitCount
        for index in 0..<count where name[index] != bytes[index] { return false }
        return name[count] == 0
    }
}

/// Receives the SAX events of one part. Subclasses override what they need; `fail` and
/// `stop` end the parse early (libxml2's `xmlStopParser`).
class XMLPartHandler {
    /// The first error found by the handler (or by libxml2), which ends the parse.
    var failure: XLSXReadError?
    /// Set once the parse was stopped (by `fail`, or by `stop` when the caller's work is done).
    var stopped = false
    /// The part being parsed, for messages.
    var part = ""
    /// The parser, for `xmlStopParser` and line numbers; set during a parse only.
    fileprivate var context: xmlParserCtxtPtr?

    /// An element starts; `name` is its local name (prefixes ignored: `x:c` is `c`).
    func start(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {}
    /// An element ends.
    func end(_ name: UnsafePointer<xmlChar>) {}
    /// Character data (possibly in several pieces), entities already decoded.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The current line of the part, for messages.
    var line: Int { context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    /// Ends the parse with `error` (the first one wins).
    func fail(_ error: XLSXReadError) {
        if failure == nil { failure = error }
        stop()
    }

    /// Ends the parse without an error.
    func stop() {
        stopped = true
        if let context { xmlStopParser(context) }
    }
}

/// Streams one part of the archive through libxml2's SAX2 push parser, block by block, so
/// no part is ever held whole. Safe for hostile XML: no DTD is accepted at all (workbooks
/// never have one), so neither external entities nor entity expansion ("billion laughs")
/// can happen; options never include NOENT, DTDLOAD or HUGE and always NONET.
enum XMLStream {
    /// libxml2's global initialisation, done once before any parse (it is then thread-safe).
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// The parser options: no network, no messages on stderr (errors are collected instead),
    /// and the encoding declaration ignored: workbook parts are UTF-8 (a UTF-16 byte order mark
    /// is still honoured), while a declared legacy encoding would route bytes through iconv,
    /// whose failures libxml2 prints to stderr through its process-wide error handler
    /// (found by `make fuzz`). Invalid UTF-8 is then an ordinary parse error.
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    /// Parses `part` of `archive` into `handler`. Returns normally when the handler stopped
    /// without a failure; throws the handler's failure, libxml2's error or the archive's.
    static func parse(_ part: String, in archive: ZipArchive, into handler: XMLPartHandler) throws(XLSXReadError) {
        _ = initialised
        var sax = saxHandler()
        handler.part = part
        handler.failure = nil
        handler.stopped = false
        let userData = Unmanaged.passUnretained(handler).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, part) else {
            throw .xmlError(part: part, line: 0, message: "the XML parser could not be created (out of memory?)")
        }
        handler.context = context
        defer {
            handler.context = nil
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        xmlCtxtUseOptions(context, options)
        var finished = false
        try archive.read(part) { (block) throws(XLSXReadError) in
            if finished { return }
            let status = xmlParseChunk(context, UnsafeRawPointer(block.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }, Int32(block.count), 0)
            if handler.stopped || status != 0 {
                try outcome(of: context, handler: handler, part: part)
                finished = true
            }
        }
        if finished { return }
        let status = xmlParseChunk(context, nil, 0, 1)
        if handler.stopped || status != 0 {
            try outcome(of: context, handler: handler, part: part)
        }
    }

    /// Throws the handler's failure, else libxml2's last error; returns for a clean stop.
    private static func outcome(of context: xmlParserCtxtPtr, handler: XMLPartHandler, part: String) throws(XLSXReadError) {
        if let failure = handler.failure { throw failure }
        if handler.stopped { return }
        var message = "the XML is not well-formed"
        var line = Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context)))
        if let error = xmlCtxtGetLastError(context) {
            if let text = error.pointee.message {
                // One line: libxml2 puts details (the offending bytes) on a second line.
                message = String(cString: text).trimmingSpaces.split(whereSeparator: \.isNewline).joined(separator: " ")
            }
            line = Int(error.pointee.line)
        }
        throw .xmlError(part: part, line: line, message: message)
    }

    /// The SAX2 callbacks, each forwarding to the handler found in the user data.
    private static func saxHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { userData, localName, _, _, _, _, attributeCount, _, attributes in
            guard let userData, let localName else { return }
            let handler = Unmanaged<XMLPartHandler>.fromOpaque(userData).takeUnretainedValue()
            if handler.stopped { return }
            handler.start(localName, XMLAttributes(base: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { userData, localName, _, _ in
            guard let userData, let localName else { return }
            let handler = Unmanaged<XMLPartHandler>.fromOpaque(userData).takeUnretainedValue()
            if handler.stopped { return }
            handler.end(localName)
        }
        let characters: charactersSAXFunc = { userData, bytes, count in
            guard let userData, let bytes, count > 0 else { return }
            let handler = Unmanaged<XMLPartHandler>.fromOpaque(userData).takeUnretainedValue()
            if handler.stopped { return }
            handler.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        // A document type declaration: refuse it before its internal subset is read, so no
        // entity is ever declared, expanded or fetched.
        sax.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            let handler = Unmanaged<XMLPartHandler>.fromOpaque(userData).takeUnretainedValue()
            handler.fail(.xmlError(
                part: handler.part, line: handler.line,
                message: "it has a document type declaration (<!DOCTYPE>), which workbooks never have; refusing it (entity expansion)"))
        }
        // Collects errors instead of printing them (a structured handler local to this parser).
        sax.serror = { _, _ in }
        return sax
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
