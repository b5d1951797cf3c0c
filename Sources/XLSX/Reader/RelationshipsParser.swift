/// One `<Relationship>` of a `.rels` part, its target resolved to an archive path.
struct Relationship {
    let id: String
    /// The type URI; compared by its last segment, which is the same in transitional and Strict OOXML.
    let type: String
    /// The target as a path inside the archive (`xl/worksheets/sheet1.xml`).
    let path: String

    /// Whether the type's last path segment is `kind` (`worksheet`, `officeDocument`, …).
    func isKind(_ kind: String) -> Bool { type.hasSuffix("/" + kind) }
}

/// Reads a `.rels` part: relationships of the part `source` (`""` for the package root).
final class RelationshipsParser: XMLHandler {
    private(set) var relationships: [Relationship] = []
    private let baseDirectory: String
    var failure: XLSXReadError? { nil }

    init(source: String) {
        baseDirectory = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.equals("Relationship"), attributes.string("TargetMode") != "External",
            let id = attributes.string("Id"), let target = attributes.string("Target")
        else { return }
        relationships.append(Relationship(id: id, type: attributes.string("Type") ?? "", path: Self.resolve(target, from: baseDirectory)))
    }

    func endElement(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}

    /// The archive path of a target: absolute (`/xl/…`) from the root, else relative to the
    /// source part's folder, with `.` and `..` segments resolved.
    static func resolve(_ target: String, from directory: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : (directory.isEmpty ? target : directory + "/" + target)
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." { _ = segments.popLast(); continue }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    /// The relationships of `part`, or none when it has no `.rels` part.
    static func read(for part: String, in archive: ZipArchive) throws(XLSXReadError) -> [Relationship] {
        var components = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let file = components.popLast() ?? ""
        let relsPath = (components + ["_rels", file + ".rels"]).filter { !$0.isEmpty }.joined(separator: "/")
        guard archive.contains(relsPath) else { return [] }
        let parser = RelationshipsParser(source: part)
        try XMLStream.parse(archive, part: relsPath, into: parser)
        return parser.relationships
    }
}
