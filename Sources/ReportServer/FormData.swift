import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request body that is not well-formed multipart or form data.
struct FormDataError: Error, Sendable {
    let message: String
}

/// One part of a `multipart/form-data` body: the field name, the file name when it is a
/// file, and the bytes.
struct FormPart: Sendable {
    let name: String
    let fileName: String?
    let data: Data

    /// The part's bytes as text (for plain fields).
    var text: String { String(decoding: data, as: UTF8.self) }
}

/// Parsers for the two bodies HTML forms send: `multipart/form-data` (uploads; written here,
/// as Hummingbird has none) and `application/x-www-form-urlencoded`.
enum FormData {
    /// The boundary of a `multipart/form-data` content type, if it is one.
    static func boundary(ofContentType contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("boundary=") {
            let value = parameter.dropFirst("boundary=".count)
            let unquoted = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? value.dropFirst().dropLast() : value
            return unquoted.isEmpty || unquoted.count > 200 ? nil : String(unquoted)
        }
        return nil
    }

    /// The parts of a multipart body, in order.
    static func parts(of body: Data, boundary: String) throws(FormDataError) -> [FormPart] {
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var start = find(delimiter, in: body, from: body.startIndex) else {
            throw FormDataError(message: "请求内容不是有效的 multipart/form-data")
        }
        var parts: [FormPart] = []
        while true {
            var cursor = start + delimiter.count
            // `--` after the delimiter closes the body.
            if cursor + 1 < body.endIndex, body[cursor] == UInt8(ascii: "-"), body[cursor + 1] == UInt8(ascii: "-") { break }
            if cursor + 1 < body.endIndex, body[cursor] == 0x0D, body[cursor + 1] == 0x0A { cursor += 2 }
            let headers: String
            let contentStart: Data.Index
            if cursor + 1 < body.endIndex, body[cursor] == 0x0D, body[cursor + 1] == 0x0A {
                headers = ""
                contentStart = cursor + 2
            } else {
                guard let headerEnd = find(separator, in: body, from: cursor) else { throw FormDataError(message: "multipart 部分缺少头部") }
                headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
                contentStart = headerEnd + separator.count
            }
            guard contentStart <= body.endIndex, let next = find(Data("\r\n".utf8) + delimiter, in: body, from: contentStart) else {
                throw FormDataError(message: "multipart 内容不完整（上传被中断？）")
            }
            let (name, fileName) = disposition(headers)
            parts.append(FormPart(name: name ?? "", fileName: fileName, data: Data(body[contentStart..<next])))
            start = next + 2
        }
        return parts
    }

    /// `name` and `filename` of a part's Content-Disposition header.
    static func disposition(_ headers: String) -> (name: String?, fileName: String?) {
        var name: String?
        var fileName: String?
        var extendedName: String?
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces)
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<equals].lowercased()
                var value = String(pair[pair.index(after: equals)...])
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                switch key {
                case "name": name = value
                // Browsers escape a quote in a file name as %22 (and a newline as %0A).
                case "filename": fileName = value.replacingOccurrences(of: "%22", with: "\"")
                case "filename*":
                    if let quote = value.range(of: "''") { extendedName = String(value[quote.upperBound...]).removingPercentEncoding }
                default: break
                }
            }
        }
        return (name, extendedName ?? fileName)
    }

    /// The fields of an urlencoded body (`a=1&b=%E4%B8%AD`), in order.
    static func fields(ofURLEncoded text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first index of `needle` in `haystack` at or after `from`: memchr to the next
    /// candidate first byte, then memcmp (a 200 MB body scans in milliseconds; glibc's memmem
    /// is not visible to Swift without _GNU_SOURCE).
    static func find(_ needle: Data, in haystack: Data, from: Data.Index) -> Data.Index? {
        guard from < haystack.endIndex, !needle.isEmpty else { return nil }
        return haystack.withUnsafeBytes { (hay: UnsafeRawBufferPointer) -> Data.Index? in
            needle.withUnsafeBytes { (pin: UnsafeRawBufferPointer) -> Data.Index? in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                let first = Int32(pin[0])
                var offset = from - haystack.startIndex
                while hay.count - offset >= pin.count {
                    guard let hit = memchr(base + offset, first, hay.count - offset - pin.count + 1) else { return nil }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, pinBase, pin.count) == 0 { return haystack.startIndex + position }
                    offset = position + 1
                }
                return nil
            }
        }
    }
}
