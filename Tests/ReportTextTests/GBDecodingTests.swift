import XCTest
@testable import ReportText

/// The table decoding of GB18030's two-byte codes against iconv's own decoding.
final class GBDecodingTests: XCTestCase {
    func testEveryTwoByteCodeDecodesAsIconvDecodesIt() throws {
        var codes: [UInt8] = []
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE where trail != 0x7F { codes += [lead, trail, 0x20] }
        }
        let table = try XCTUnwrap(Charset.twoByteText(codes))
        let iconv = try XCTUnwrap(Charset.gb18030.iconvBytes(codes, replacingInvalid: false))
        XCTAssertEqual(iconv.1, 0)
        XCTAssertEqual(table, iconv.0)
    }

    func testAnythingElseIsLeftToIconv() throws {
        // A four-byte code (U+20000 𠀀 is 0x95 0x32 0x82 0x36), a stray 0x80 or 0xFF, a lead
        // byte at the end, a trail byte out of range.
        let gbk: [UInt8] = [0xD5, 0xFE, 0xB8, 0xAE]
        for bytes in [gbk + [0x95, 0x32, 0x82, 0x36], gbk + [0x80], gbk + [0xFF], gbk + [0xD5], gbk + [0xD5, 0x7F], gbk + [0xD5, 0x30]] {
            XCTAssertNil(Charset.twoByteText(bytes), "\(bytes)")
            XCTAssertEqual(Charset.gb18030.utf8(bytes), Charset.gb18030.iconvBytes(bytes, replacingInvalid: false).flatMap { $0.1 == 0 ? $0.0 : nil })
        }
        XCTAssertEqual(Charset.gb18030.decode(gbk + [0x95, 0x32, 0x82, 0x36]), "政府𠀀")
        XCTAssertEqual(Charset.gb18030.decodeReplacingInvalid(gbk + [0xFF] + gbk).map { [$0.text, String($0.replaced)] }, ["政府\u{FFFD}政府", "1"])
    }

    func testRandomTextDecodesAsIconvDecodesIt() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                if Bool.random(using: &generator) {
                    bytes.append(UInt8.random(in: 0x00...0x7F, using: &generator))
                } else {
                    var trail = UInt8.random(in: 0x40...0xFE, using: &generator)
                    if trail == 0x7F { trail = 0x80 }
                    bytes += [UInt8.random(in: 0x81...0xFE, using: &generator), trail]
                }
            }
            XCTAssertEqual(Charset.twoByteText(bytes), Charset.gb18030.iconvBytes(bytes, replacingInvalid: false)?.0, "\(bytes)")
        }
    }
}
