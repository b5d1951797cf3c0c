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

    private static func string(_ value: JSONValue, at place: String) throws(DefinitionReadError) -> String {
        guard case .string(let text) = value else { throw wrongType(place, Messages.text("form.definition.kind.string"), value) }
        return text
    }

    /// The string `key`.
    func string(_ key: String) throws(DefinitionReadError) -> String {
        try Self.string(try required(key), at: place(key))
    }

    /// The string `key`, or nil when it is absent.
    func string(ifPresent key: String) throws(DefinitionReadError) -> String? {
        guard let value = member(key) else { return nil }
        return try Self.string(value, at: place(key))
    }

    private static func integer(_ value: JSONValue, at place: String) throws(DefinitionReadError) -> Int {
        guard case .number(let text) = value, let number = Int(text) else { throw wrongType(place, Messages.text("form.definition.kind.integer"), value) }
        return number
    }

    /// The integer `key`.
    func integer(_ key: String) throws(DefinitionReadError) -> Int {
        try Self.integer(try required(key), at: place(key))
    }

    /// The integer `key`, or nil when it is absent.
    func integer(ifPresent key: String) throws(DefinitionReadError) -> Int? {
        guard let value = member(key) else { return nil }
        return try Self.integer(value, at: place(key))
    }

    /// The `true` or `false` of `key`, or nil when it is absent.
    func bool(ifPresent key: String) throws(DefinitionReadError) -> Bool? {
        guard let value = member(key) else { return nil }
        guard case .bool(let flag) = value else { throw Self.wrongType(place(key), Messages.text("form.definition.kind.bool"), value) }
        return flag
    }

    /// The string `key` as one of `T`'s cases (`"count"` → `.count`).
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) throws(DefinitionReadError) -> T where T.RawValue == String {
        try Self.choice(try required(key), at: place(key), as: type)
    }

    /// `choice(_:as:)`, or nil when `key` is absent.
    func choice<T: RawRepresentable & CaseIterable>(ifPresent key: String, as type: T.Type) throws(DefinitionReadError) -> T? where T.RawValue == String {
        guard let value = member(key) else { return nil }
        return try Self.choice(value, at: place(key), as: type)
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ value: JSONValue, at place: String, as type: T.Type) throws(DefinitionReadError) -> T
    where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        guard case .string(let text) = value, let choice = T(rawValue: text) else {
            throw DefinitionReadError(reason: Messages.text("form.definition.wrong_type", [
                "field": place, "expected": Messages.text("form.definition.kind.one_of", ["values": names.joined(separator: Messages.text("list.separator"))]),
                "found": value.kindDescription,
            ]))
        }
        return choice
    }

    private static func array(_ value: JSONValue, at place: String) throws(DefinitionReadError) -> [JSONValue] {
        guard case .array(let elements) = value else { throw wrongType(place, Messages.text("form.definition.kind.array"), value) }
        return elements
    }

    /// The array of strings `key`.
    func strings(_ key: String) throws(DefinitionReadError) -> [String] {
        let place = place(key)
        return try Self.array(try required(key), at: place).enumerated().map { index, element throws(DefinitionReadError) in
            try Self.string(element, at: "\(place)[\(index)]")
        }
    }

    /// The array of strings `key`, or nil when it is absent.
    func strings(ifPresent key: String) throws(DefinitionReadError) -> [String]? {
        guard member(key) != nil else { return nil }
        return try strings(key)
    }

    /// The object `key`.
    func object(_ key: String) throws(DefinitionReadError) -> DefinitionObject {
        try DefinitionObject(try required(key), at: place(key))
    }

    /// The array of objects `key`.
    func objects(_ key: String) throws(DefinitionReadError) -> [DefinitionObject] {
        let place = place(key)
        return try Self.array(try required(key), at: place).enumerated().map { index, element throws(DefinitionReadError) in
            try DefinitionObject(element, at: "\(place)[\(index)]")
        }
    }

    /// The array of objects `key`, or nil when it is absent.
    func objects(ifPresent key: String) throws(DefinitionReadError) -> [DefinitionObject]? {
        guard member(key) != nil else { return nil }
        return try objects(key)
    }

    /// The array of objects `key`, each read by `read` (`LabelNode.init`).
    func list<T>(_ key: String, _ read: (DefinitionObject) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> [T] {
        try objects(key).map(read)
    }

    /// `list(_:_:)`, or nil when `key` is absent.
    func list<T>(ifPresent key: String, _ read: (DefinitionObject) throws(DefinitionReadError) -> T) throws(DefinitionReadError) -> [T]? {
        guard member(key) != nil else { return nil }
        return try list(key, read)
    }

    /// The object of strings `key` (`{"元": "0.0001"}`).
    func stringMap(_ key: String) throws(DefinitionReadError) -> [String: String] {
        let place = place(key)
        let value = try required(key)
        guard case .object(let members) = value else { throw Self.wrongType(place, Messages.text("form.definition.kind.object"), value) }
        var map: [String: String] = [:]
        for member in members { map[member.key] = try Self.string(member.value, at: "\(place).\(member.key)") }
        return map
    }
}
