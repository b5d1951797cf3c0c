import Foundation

/// Why a definition file's content is not the shape it must have: a missing or mistyped field,
/// named by its place in the file (`tables[2].column_header[0].label`).
struct DefinitionReadError: Error, Sendable {
    let reason: String
}

/// One object of a form definition file, read by its keys as the file writes them (snake_case).
///
/// Written by hand instead of `Decodable`: the shipped definitions are read at every start of
/// xxgk, and decoding them through `Decodable` spent about 15 million instructions in the Swift
/// runtime's generic metadata and protocol lookups, more than the rest of reading them.
/// Unknown keys are ignored and `null` counts as absent, as they did with `Decodable`.
struct DefinitionObject {
    /// The members in file order: looked up by a scan (an object has a dozen keys at most),
    /// which costs less than hashing every key into a dictionary.
    private let members: [(key: String, value: JSONValue)]
    /// Where the object is in the file (`tables[2]`), for messages; empty for the whole file.
    let path: String

    /// The object `value`, found at `path`.
    init(_ value: JSONValue, at path: String) throws(DefinitionReadError) {
        guard case .object(let members) = value else {
            throw Self.wrongType(path.isEmpty ? Messages.text("form.definition.whole_file") : path, Messages.text("form.definition.kind.object"), value)
        }
        self.members = members
        self.path = path
    }

    /// The object a whole file holds; throws on a JSON syntax error as on a wrong shape.
    static func file(_ data: Data) throws(DefinitionReadError) -> DefinitionObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            throw DefinitionReadError(reason: error.description)
        }
        return try DefinitionObject(value, at: "")
    }

    /// The place of the member `key` (`tables[2].id`).
    func place(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member `key`; nil when it is absent or `null`.
    private func member(_ key: String) -> JSONValue? {
        guard let value = lookUp(key), value != .null else { return nil }
        return value
    }

    /// The member `key` as written (`null` included); the parser has refused repeated keys.
    private func lookUp(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    private func required(_ key: String) throws(DefinitionReadError) -> JSONValue {
        guard let value = lookUp(key) else {
            throw DefinitionReadError(reason: Messages.text("form.definition.missing", ["field": place(key)]))
        }
        return value
    }

    private static func wrongType(_ place: String, _ expected: String, _ value: JSONValue) -> DefinitionReadError {
        DefinitionReadError(reason: Messages.text("form.definition.wrong_type", [
            "field": place, "expected": expected, "found": value.kindDescription,
        ]))
    }

    /// The member `key`, given with its place to `convert`; a missing member is an error.
    private func read<T>(_ key: String, _ convert: (JSONValue, String) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> T {
        try convert(try required(key), place(key))
    }

    /// `read(_:_:)`, or nil when `key` is absent or `null`.
    private func read<T>(ifPresent key: String, _ convert: (JSONValue, String) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> T? {
        guard let value = member(key) else { return nil }
        return try convert(value, place(key))
    }

    /// The string `key`.
    func string(_ key: String) throws(DefinitionReadError) -> String { try read(key, Self.string) }

    /// The string `key`, or nil when it is absent.
    func string(ifPresent key: String) throws(DefinitionReadError) -> String? { try read(ifPresent: key, Self.string) }

    /// The integer `key`.
    func integer(_ key: String) throws(DefinitionReadError) -> Int { try read(key, Self.integer) }

    /// The integer `key`, or nil when it is absent.
    func integer(ifPresent key: String) throws(DefinitionReadError) -> Int? { try read(ifPresent: key, Self.integer) }

    /// The `true` or `false` of `key`, or nil when it is absent.
    func bool(ifPresent key: String) throws(DefinitionReadError) -> Bool? { try read(ifPresent: key, Self.bool) }

    /// The string `key` as one of `T`'s cases (`"count"` → `.count`).
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) throws(DefinitionReadError) -> T where T.RawValue == String {
        try Self.choice(try required(key), at: place(key))
    }

    /// `choice(_:as:)`, or nil when `key` is absent.
    func choice<T: RawRepresentable & CaseIterable>(ifPresent key: String, as type: T.Type) throws(DefinitionReadError) -> T? where T.RawValue == String {
        guard let value = member(key) else { return nil }
        return try Self.choice(value, at: place(key))
    }

    /// The array of strings `key`.
    func strings(_ key: String) throws(DefinitionReadError) -> [String] { try read(key) { value, place throws(DefinitionReadError) in try Self.elements(value, at: place, Self.string) } }

    /// The array of strings `key`, or nil when it is absent.
    func strings(ifPresent key: String) throws(DefinitionReadError) -> [String]? {
        try read(ifPresent: key) { value, place throws(DefinitionReadError) in try Self.elements(value, at: place, Self.string) }
    }

    /// The object `key`.
    func object(_ key: String) throws(DefinitionReadError) -> DefinitionObject { try read(key, DefinitionObject.init) }

    /// The array of objects `key`, each read by `make` (`LabelNode.init`).
    func list<T>(_ key: String, _ make: (DefinitionObject) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> [T] {
        try read(key) { value, place throws(DefinitionReadError) in try Self.objects(value, at: place, make) }
    }

    /// `list(_:_:)`, or nil when `key` is absent.
    func list<T>(ifPresent key: String, _ make: (DefinitionObject) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> [T]? {
        try read(ifPresent: key) { value, place throws(DefinitionReadError) in try Self.objects(value, at: place, make) }
    }

    /// The object of strings `key` (`{"元": "0.0001"}`).
    func stringMap(_ key: String) throws(DefinitionReadError) -> [String: String] {
        try read(key) { value, place throws(DefinitionReadError) in
            guard case .object(let members) = value else { throw Self.wrongType(place, Messages.text("form.definition.kind.object"), value) }
            var map: [String: String] = [:]
            for member in members { map[member.key] = try Self.string(member.value, at: "\(place).\(member.key)") }
            return map
        }
    }

    // The conversions of one value found at `place`.

    private static func string(_ value: JSONValue, at place: String) throws(DefinitionReadError) -> String {
        guard case .string(let text) = value else { throw wrongType(place, Messages.text("form.definition.kind.string"), value) }
        return text
    }

    private static func integer(_ value: JSONValue, at place: String) throws(DefinitionReadError) -> Int {
        guard case .number(let text) = value, let number = Int(text) else { throw wrongType(place, Messages.text("form.definition.kind.integer"), value) }
        return number
    }

    private static func bool(_ value: JSONValue, at place: String) throws(DefinitionReadError) -> Bool {
        guard case .bool(let flag) = value else { throw wrongType(place, Messages.text("form.definition.kind.bool"), value) }
        return flag
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ value: JSONValue, at place: String) throws(DefinitionReadError) -> T
    where T.RawValue == String {
        guard case .string(let text) = value, let choice = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue).joined(separator: Messages.text("list.separator"))
            throw wrongType(place, Messages.text("form.definition.kind.one_of", ["values": names]), value)
        }
        return choice
    }

    /// The elements of the array `value`, each converted at its place (`rows[3]`).
    private static func elements<T>(_ value: JSONValue, at place: String, _ convert: (JSONValue, String) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> [T] {
        guard case .array(let elements) = value else { throw wrongType(place, Messages.text("form.definition.kind.array"), value) }
        return try elements.enumerated().map { index, element throws(DefinitionReadError) in try convert(element, "\(place)[\(index)]") }
    }

    /// The objects of the array `value`, each read by `make`.
    private static func objects<T>(_ value: JSONValue, at place: String, _ make: (DefinitionObject) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> [T] {
        try elements(value, at: place) { element, place throws(DefinitionReadError) in try make(try DefinitionObject(element, at: place)) }
    }
}
