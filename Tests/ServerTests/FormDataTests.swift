import Foundation
@testable import ReportServer
import XCTest

/// The multipart parser: what browsers and scripts send.
final class FormDataTests: XCTestCase {
    func testPartsWithFileNamesEmptyFilesAndQuotedBoundaries() throws {
        let boundary = "----WebKitFormBoundaryAbC"
        XCTAssertEqual(FormData.boundary(ofContentType: "multipart/form-data; boundary=\"\(boundary)\""), boundary)
        XCTAssertEqual(FormData.boundary(ofContentType: "multipart/form-data;boundary=\(boundary)"), boundary)
        XCTAssertNil(FormData.boundary(ofContentType: "application/json"))
        let body = Data((
            "preamble\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n批次\r\n" +
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--x\r\n" +
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n" +
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"; filename*=UTF-8''%E5%B1%80.json\r\n\r\n{}\r\n" +
            "--\(boundary)--\r\nepilogue").utf8)
        let parts = try FormData.parts(of: body, boundary: boundary)
        XCTAssertEqual(parts.map(\.name), ["name", "file", "file", "file"])
        XCTAssertEqual(parts.map(\.fileName), [nil, "a\"b.xlsx", "", "局.json"])
        XCTAssertEqual(parts.map(\.text), ["批次", "\r\n--x", "", "{}"])
    }

    func testATruncatedBodyIsAnError() {
        let body = Data("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK...".utf8)
        XCTAssertThrowsError(try FormData.parts(of: body, boundary: "b")) { error in
            XCTAssertEqual((error as? FormDataError)?.message, "multipart 内容不完整（上传被中断？）")
        }
        XCTAssertThrowsError(try FormData.parts(of: Data("no boundary here".utf8), boundary: "b"))
    }

    func testFileNamesAreReducedToTheirLastComponentAndDownloadsNamedSafely() {
        XCTAssertEqual(UploadedFile(name: "收到/第二批/局.xlsx", data: Data()).name, "局.xlsx")
        XCTAssertEqual(UploadedFile(name: "..\\..\\etc\\passwd", data: Data()).name, "passwd")
        XCTAssertEqual(UploadedFile(name: "", data: Data()).name, "未命名")
        XCTAssertEqual(FileNames.safe("../a/b:c*.xlsx"), "_a_b_c_.xlsx")
        XCTAssertEqual(FileNames.contentDisposition("局 1.xlsx"), "attachment; filename=\"_ 1.xlsx\"; filename*=UTF-8''%E5%B1%80%201.xlsx")
    }

    func testSHA256MatchesTheStandardVectors() {
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
