import Foundation

/// A parsed JSON value that keeps what `JSONSerialization` loses: the literal text of
/// numbers (so `199.2` becomes an exact `Decimal`) and the order of object keys.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `"199.2"` or `"-3"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; duplicate keys are rejected by the parser.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A short name of the value's type for messages ("a string", "an object").
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return Messages.text("json.kind.string", ["text": text])
        case .array: return Messages.text("json.kind.array")
        case .object: return Messages.text("json.kind.object")
        }
    }
}

/// A JSON syntax error, with the line and column where it was found.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let reason: String
    public var description: String { Messages.text("json.syntax.at", ["line": String(line), "column": String(column), "reason": reason]) }
}

/// A strict RFC 8259 parser over UTF-8 bytes, with a nesting limit so hostile input
/// cannot exhaust the stack.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 256
    /// The longest number accepted, in characters: a report's values have at most 15 digits,
    /// and `Decimal` holds 38; a megabyte of digits would only cost time downstream.
    static let maximumNumberLength = 100

    /// Parses a whole document; anything but whitespace after the value is an error.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(data))
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else {
            throw parser.error(Messages.text("json.syntax.trailing_text"))
        }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ reason: String) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            index += 1
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = current else { throw error(Messages.text("json.syntax.end")) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error(Messages.text("json.syntax.character", ["character": characterText(at: index)]))
        }
    }

    /// The whole character at `start` for messages: a full-width quote (“) or a Chinese
    /// character is several UTF-8 bytes, and its first byte alone would print as 'â'.
    private func characterText(at start: Int) -> String {
        for length in 1...4 where start + length <= bytes.count {
            if let text = String(validating: bytes[start..<start + length], as: UTF8.self) { return text }
        }
        return String(format: "\\x%02X", bytes[start])
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw error(Messages.text("json.syntax.word", ["word": word]))
        }
        index += expected.count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error(Messages.text("json.syntax.depth", ["depth": String(Self.maximumDepth)])) }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        var seen = Set<String>()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error(Messages.text("json.syntax.key_quotes")) }
            let key = try parseString()
            // A scan of the few keys of a small object costs less than hashing each into a set.
            let repeated = members.count < 16 ? members.contains { $0.key == key } : !seen.insert(key).inserted
            if members.count == 15 { seen = Set(members.map(\.key) + [key]) }
            guard !repeated else { throw error(Messages.text("json.syntax.key_twice", ["key": key])) }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error(Messages.text("json.syntax.colon", ["key": key])) }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw error(Messages.text("json.syntax.object_separator"))
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw error(Messages.text("json.syntax.array_separator"))
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (0x30...0x39).contains(first) else { throw error(Messages.text("json.syntax.digit")) }
        if first == 0x30 {
            index += 1
        } else {
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, (0x30...0x39).contains(byte) else { throw error(Messages.text("json.syntax.digit_after_point")) }
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, (0x30...0x39).contains(byte) else { throw error(Messages.text("json.syntax.digit_exponent")) }
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
        }
        if index - start > Self.maximumNumberLength {
            index = start
            throw error(Messages.text("json.syntax.number_length", ["length": String(Self.maximumNumberLength)]))
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        // Most strings have no escape: one scan to the closing quote and one copy, instead of
        // appending byte by byte (the form definitions are parsed at every start).
        let start = index
        var end = index
        bytes.withUnsafeBufferPointer { buffer in
            while end < buffer.count, buffer[end] != 0x22, buffer[end] != 0x5C, buffer[end] >= 0x20 { end += 1 }
        }
        if end < bytes.count, bytes[end] == 0x22 {
            index = end + 1
            // The error's place is after the quote, as the byte-by-byte path reports it.
            guard let text = String(validating: bytes[start..<end], as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
            return text
        }
        var buffer: [UInt8] = Array(bytes[start..<end])
        index = end
        while true {
            guard let byte = current else { throw error(Messages.text("json.syntax.unterminated")) }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: buffer, as: UTF8.self) else { throw error(Messages.text("json.syntax.utf8")) }
                return text
            case UInt8(ascii: "\\"):
                guard let escape = current else { throw error(Messages.text("json.syntax.unterminated")) }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error(Messages.text("json.syntax.lone_surrogate"))
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error(Messages.text("json.syntax.lone_surrogate")) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error(Messages.text("json.syntax.invalid_unicode_escape")) }
                    buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw error(Messages.text("json.syntax.invalid_escape", ["escape": "\\\(Character(Unicode.Scalar(escape)))"]))
                }
            case 0x00..<0x20:
                throw error(Messages.text("json.syntax.control_character"))
            default:
                buffer.append(byte)
            }
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw error(Messages.text("json.syntax.hex_digits")) }
        index += 4
        return value
    }
}

/// Writes JSON in one stable layout: two-space indentation, `"key": value`, members in the
/// order given, non-ASCII text as UTF-8. The same value always gives the same bytes.
public enum JSONWriter {
    /// The document as text, ending with a newline.
    public static func write(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output += "\n"
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            output += "[\n"
            for (position, element) in elements.enumerated() {
                output += String(repeating: " ", count: indent + 2)
                write(element, indent: indent + 2, into: &output)
                output += position + 1 < elements.count ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{\n"
            for (position, member) in members.enumerated() {
                output += String(repeating: " ", count: indent + 2)
                writeString(member.key, into: &output)
                output += ": "
                write(member.value, indent: indent + 2, into: &output)
                output += position + 1 < members.count ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "}"
        }
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    output += "\\u" + String(format: "%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
