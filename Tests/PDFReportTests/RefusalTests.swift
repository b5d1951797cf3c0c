import Foundation
import PDFReport
import ReportModel
import XCTest

/// Files that are not readable reports are refused with one clear error each, never a crash
/// and never a word from poppler or GLib on stderr.
final class RefusalTests: XCTestCase {
    private func message(_ data: Data, file: String = "bad.pdf", line: UInt = #line) -> String? {
        guard let error = Fixtures.refusal(data, file: file, line: line) else { return nil }
        XCTAssertEqual(error.diagnostic.file, file, line: line)
        XCTAssertEqual(error.diagnostics.count, 1, line: line)
        return error.diagnostic.message
    }

    func testSniffWantsPDFHeaderInFirst1024Bytes() throws {
        XCTAssertTrue(PDFReport.sniff(Data("%PDF-1.7\n".utf8)))
        XCTAssertTrue(PDFReport.sniff(Data(repeating: 0x20, count: 1000) + Data("%PDF-1.4".utf8)), "leading garbage is allowed")
        XCTAssertFalse(PDFReport.sniff(Data(repeating: 0x20, count: 1024) + Data("%PDF-1.4".utf8)))
        XCTAssertFalse(PDFReport.sniff(Data("PK\u{3}\u{4}".utf8)))
        XCTAssertFalse(PDFReport.sniff(Data()))
        XCTAssertTrue(PDFReport.sniff(try Fixtures.data("02_hongze_quzf_2023.pdf")))
    }

    func testNotAPDF() {
        XCTAssertEqual(message(Data("一、总体情况\n".utf8)), "not a PDF: no %PDF- header in the first 1024 bytes")
        XCTAssertEqual(message(Data()), "not a PDF: no %PDF- header in the first 1024 bytes")
    }

    /// `%PDF-1.7` followed by bytes no PDF parser can use.
    func testGarbageAfterHeaderIsDamaged() throws {
        let text = try XCTUnwrap(message(try Fixtures.data("hostile-garbage.pdf")))
        XCTAssertTrue(text.hasPrefix("a damaged or truncated PDF that cannot be opened (poppler: "), text)
    }

    /// The first third of a real PDF: no xref table, no trailer, no page tree.
    func testTruncatedIsDamaged() throws {
        let text = try XCTUnwrap(message(try Fixtures.data("hostile-truncated.pdf")))
        XCTAssertTrue(text.hasPrefix("a damaged or truncated PDF that cannot be opened (poppler: "), text)
    }

    /// Every prefix of a real PDF is refused or read; none crashes.
    func testEveryCutOfTheCorpusPDFIsRefusedOrRead() throws {
        let whole = try Fixtures.data("02_hongze_quzf_2023.pdf")
        for length in stride(from: 0, to: whole.count, by: whole.count / 23) {
            do {
                _ = try PDFReport.read(whole.prefix(length), file: "cut.pdf")
            } catch {
                XCTAssertFalse(error.diagnostic.message.isEmpty)
            }
        }
    }

    /// Bytes of a real PDF overwritten here and there (xref, streams, fonts): each is refused
    /// or read, never a crash.
    func testDamagedBytesAreRefusedOrRead() throws {
        let whole = try Fixtures.data("02_hongze_quzf_2023.pdf")
        var state: UInt64 = 14
        for _ in 0..<12 {
            var copy = whole
            for _ in 0..<8 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let at = Int(state >> 33) % (copy.count - 16)
                copy.replaceSubrange(at..<(at + 16), with: Data(repeating: UInt8(truncatingIfNeeded: state >> 13), count: 16))
            }
            do {
                _ = try PDFReport.read(copy, file: "damaged.pdf")
            } catch {
                XCTAssertEqual(error.diagnostic.file, "damaged.pdf")
            }
        }
    }

    func testEncryptedNeedsAPassword() throws {
        XCTAssertEqual(message(try Fixtures.data("made-encrypted.pdf")),
                       "the PDF is encrypted and needs a password: save an unprotected copy and read that")
    }

    /// A page holding only an image: a scan that nobody ran OCR on.
    func testImageOnlyHasNoTextLayer() throws {
        XCTAssertEqual(message(try Fixtures.data("made-image-only.pdf")), "the PDF has no text layer (a scanned image?): run OCR first")
    }

    func testMoreThan300PagesIsRefused() throws {
        XCTAssertEqual(message(try Fixtures.data("hostile-301-pages.pdf")), "the PDF has 301 pages, more than the 300 a report may have")
    }

    func testMoreThan50MBIsRefusedBeforeParsing() {
        var big = Data("%PDF-1.7\n".utf8)
        big.append(Data(count: 50 * 1024 * 1024))
        XCTAssertEqual(message(big), "the PDF is 50 MB, more than the 50 MB a report may have")
    }

    /// A PDF whose text is no report: the text parser's refusal, still naming the file.
    func testTextThatIsNoReportIsRefusedByTheParser() throws {
        XCTAssertEqual(message(minimalPDF(text: "hello"), file: "hello.pdf"),
                       "not a 政府信息公开工作年度报告: no title such as “…2023年政府信息公开工作年度报告” and no table rows of the form were found")
    }

    /// A one-page PDF saying `text` in Helvetica.
    private func minimalPDF(text: String) -> Data {
        let stream = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}
