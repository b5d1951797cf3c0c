import XCTest
@testable import HTMLReport

/// The byte-level tests the page reader makes instead of decoding: each against the
/// standard library's own answer.
final class PageBytesTests: XCTestCase {
    func testValidationAgreesWithTheStandardLibrary() {
        let cases: [[UInt8]] = [
            [], Array("abcdefgh12345678".utf8), Array("政府信息公开年度报告".utf8), Array("ab\u{10FFFF}c".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE6, 0x94], [0x61, 0x62, 0xE6, 0x94],
            Array("12345678".utf8) + [0xB0, 0xA1], Array("1234567".utf8) + [0xE6, 0x94, 0xBF] + Array("12345678".utf8),
        ]
        for bytes in cases {
            XCTAssertEqual(bytes.withUnsafeBufferPointer(UTF8Bytes.isValid), String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
        }
        // Random runs of pieces of UTF-8, GBK-like pairs and stray bytes.
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("a".utf8), Array("政".utf8), Array("\u{3000}".utf8), Array("𠀀".utf8), [0xB0, 0xA1],
            [0x80], [0xE0, 0x9F, 0x80], [0xED, 0xB0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC2], Array("12345678".utf8)]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            XCTAssertEqual(bytes.withUnsafeBufferPointer(UTF8Bytes.isValid), String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
        }
    }

    func testWhiteSpaceOnTheBytesIsUnicodeWhiteSpace() {
        for value in UInt32(0)...0x3_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8)
            let answer = bytes.withUnsafeBufferPointer { UTF8Bytes.isWhiteSpace($0, at: 0, length: UTF8Bytes.length(lead: $0[0])) }
            XCTAssertEqual(answer, scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
            XCTAssertEqual(UTF8Bytes.length(lead: bytes[0]), bytes.count)
        }
    }

    func testNamesAreLookedUpAsPackedBytes() {
        for tag in Tag.allCases where tag != .other {
            XCTAssertEqual(Tag(name: PackedName(Array(tag.rawValue.utf8))), tag)
            XCTAssertEqual(Tag(name: PackedName(Array(tag.rawValue.uppercased().utf8))), tag)
        }
        XCTAssertEqual(Tag(name: PackedName(Array("tablex".utf8))), .other)
        XCTAssertEqual(Tag(name: PackedName(Array("blockquoteblockquote".utf8))), .other)
        XCTAssertEqual(Tag(name: PackedName(Array("".utf8))), .other)
        XCTAssertEqual(Attribute(name: PackedName(Array("ROWSPAN".utf8))), .rowspan)
        XCTAssertNil(Attribute(name: PackedName(Array("rowspans".utf8))))
    }

    func testWordConditionalsAreRemovedAsTheRegularExpressionDid() {
        let texts = ["<![if !supportLists]>1.<![endif]>本年", "<![if x>y]>a", "<![if x]b]>c", "<![endif]", "<![endif]>", "<![if", "<![",
            "a<![if 政]>b<![endif]>c<![if]>d", "<!<![endif]>[endif]>", "no conditional", "<![IF x]>upper"]
        for text in texts {
            let expected = text.replacingOccurrences(of: #"<!\[(?:if[^\]]*|endif)\]>"#, with: "", options: .regularExpression)
            XCTAssertEqual(String(decoding: PageFurniture.withoutConditionals(Array(text.utf8)[...]), as: UTF8.self), expected, text)
        }
    }
}
