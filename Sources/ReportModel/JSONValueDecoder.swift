import Foundation

/// Decodes `Decodable` types from a `JSONValue` parsed by `JSONParser`, with object keys in
/// snake_case converted to camelCase (as `JSONDecoder`'s `.convertFromSnakeCase`). The form
/// definitions are decoded by this at every start of the program: `JSONDecoder` spent about
/// 20 million instructions on the two embedded forms, most of them in its generic machinery
/// and per-key string conversions, which this decoder does once per object.
struct JSONValueDecoder {
    /// Decodes a whole document (`data`, UTF-8 JSON) as `T`.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try T(from: ValueDecoder(value: try JSONParser.parse(data), codingPath: []))
    }

    /// `column_header` → `columnHeader`, as Foundation's `convertFromSnakeCase` does: leading and
    /// trailing underscores kept, the first word lowercased, the others capitalised.
    static func camelCase(_ key: String) -> String {
        guard key.utf8.contains(UInt8(ascii: "_")) else { return key }
        guard let first = key.firstIndex(where: { $0 != "_" }) else { return key }
        var last = key.index(before: key.endIndex)
        while last > first && key[last] == "_" { last = key.index(before: last) }
        let words = key[first...last].split(separator: "_")
        guard words.count > 1 else { return key }
        let joined = ([words[0].lowercased()] + words.dropFirst().map { $0.capitalized }).joined()
        return String(key[..<first]) + joined + String(key[key.index(after: last)...])
    }
}

/// The `Decoder` over one value of the document.
private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw DecodingError.typeMismatch([String: JSONValue].self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.kindDescription)"))
        }
        var byKey: [String: JSONValue] = [:]
        for member in members { byKey[JSONValueDecoder.camelCase(member.key)] = member.value }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: byKey, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw DecodingError.typeMismatch([JSONValue].self, .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.kindDescription)"))
        }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }
}

/// A coding key of an array element, for coding paths in errors.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func value(for key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for the key \(key.stringValue)"))
        }
        return value
    }

    private func decoder(for key: Key) throws -> ValueDecoder {
        ValueDecoder(value: try value(for: key), codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: try decoder(for: key)) }

    // The primitive overloads the protocol requires, through the single-value container.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder(for: key).singleValueContainer().decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder(for: key).singleValueContainer().decode(type) }

    // `decodeIfPresent` is the one the optional properties of the definitions use: absent and
    // null are both nil, as with `JSONDecoder`.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = members[key.stringValue], value != .null else { return nil }
        return try T(from: ValueDecoder(value: value, codingPath: codingPath + [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(members.map { (key: $0.key, value: $0.value) }), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(for: key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: codingPath, debugDescription: "the array has no more elements"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: elements[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: try next()) }

    // The primitive overloads the protocol requires, through the single-value container.
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().singleValueContainer().decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().singleValueContainer().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    private func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.kindDescription)"))
    }

    /// The number's text, for the numeric types.
    private func number<T>(_ type: T.Type, _ convert: (String) -> T?) throws -> T {
        guard case .number(let text) = value else { throw mismatch(type, "a number") }
        guard let number = convert(text) else { throw mismatch(type, "a number that fits \(type)") }
        return number
    }

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(type, "true or false") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw mismatch(type, "a string") }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double { try number(type) { Double($0) } }
    func decode(_ type: Float.Type) throws -> Float { try number(type) { Float($0) } }
    func decode(_ type: Int.Type) throws -> Int { try number(type) { Int($0) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try number(type) { Int8($0) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try number(type) { Int16($0) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try number(type) { Int32($0) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try number(type) { Int64($0) } }
    func decode(_ type: UInt.Type) throws -> UInt { try number(type) { UInt($0) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try number(type) { UInt8($0) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try number(type) { UInt16($0) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try number(type) { UInt32($0) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try number(type) { UInt64($0) } }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: codingPath))
    }
}
