import Foundation
import ReportModel
import ReportText
import XCTest

/// Text files in the legacy Chinese encodings are decoded, not refused.
final class TextDecodingTests: XCTestCase {
    /// A report saved in GBK (Tests/Scripts/make_html_fixtures.py) reads to exactly what its
    /// UTF-8 text gives: every value, origin and warning.
    func testGBKTextFileIsDecoded() throws {
        let gbk = try Fixtures.data("Tests/Fixtures/text/09_shuyang_fgj_2023.gbk.txt")
        XCTAssertNil(String(data: gbk, encoding: .utf8), "the fixture is GBK, not UTF-8")
        let loaded = try ReportText.parse(gbk, file: "09.txt")
        let utf8 = try ReportText.parse(try Data(contentsOf: Fixtures.corpus.appendingPathComponent("09_shuyang_fgj_2023.txt")), file: "09.txt")
        XCTAssertEqual(loaded.report, utf8.report)
        XCTAssertEqual(loaded.origins, utf8.origins)
        XCTAssertEqual(loaded.warnings, utf8.warnings)
        XCTAssertEqual(loaded.report.agency, "沭阳县发展和改革局")
        XCTAssertEqual(loaded.report["applications", "received", "natural"], 26)
    }

    /// The converter is strict: bytes that are not GB18030 are no text.
    func testCharsetIsStrict() {
        XCTAssertEqual(Charset.gb18030.decode([0xD6, 0xD0, 0xCE, 0xC4]), "中文")
        XCTAssertEqual(Charset.gb18030.decode([0x95, 0x32, 0x82, 0x36]), "𠀀")
        XCTAssertNil(Charset.gb18030.decode([0xD6]))
        XCTAssertNil(Charset.gb18030.decode([0x80, 0x41]))
        // The lenient conversion reads around broken and cut-off bytes.
        XCTAssertEqual(Charset.gb18030.decodeReplacingInvalid([0xD6, 0xD0, 0xFF, 0x41, 0xCE]).map { [$0.text] + ["\($0.replaced)"] }, ["中\u{FFFD}A\u{FFFD}", "2"])
        XCTAssertEqual(Charset(label: " GB2312 "), .gb18030)
        XCTAssertEqual(Charset(label: "x-gbk"), .gb18030)
        XCTAssertNil(Charset(label: "utf-8"))
        XCTAssertThrowsError(try ReportText.parse(Data([0xB1, 0xBE, 0x80, 0x41, 0xFF]))) { error in
            XCTAssertEqual((error as? ReportInputError)?.diagnostic.message, "binary data (not UTF-8 text), not a text report")
        }
    }
}
