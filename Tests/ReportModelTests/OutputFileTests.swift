import Foundation
import ReportModel
import TestSupport
import XCTest

/// Outputs are written whole or not at all, under any name the file system allows.
final class OutputFileTests: XCTestCase {
    /// A name of 248 bytes (81 Chinese characters and `.json`) is a valid file name; the
    /// temporary file beside it once took the whole name and passed 255 bytes.
    func testLongNameNearTheLimitIsWritten() throws {
        let folder = try makeTemporaryDirectory("output")
        let name = String(repeating: "报", count: 81) + ".json"
        XCTAssertEqual(name.utf8.count, 248)
        let target = folder.appendingPathComponent(name)
        try OutputFile.write(Data("{}\n".utf8), to: target.path)
        XCTAssertEqual(try Data(contentsOf: target), Data("{}\n".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [name])
    }

    /// A failing write leaves neither the target nor a temporary file.
    func testFailedWriteLeavesNothing() throws {
        let folder = try makeTemporaryDirectory("output")
        let target = folder.appendingPathComponent(String(repeating: "报", count: 81) + ".json")
        struct Failure: Error {}
        XCTAssertThrowsError(try OutputFile.write(to: target.path) { temporaryPath in
            XCTAssertTrue(FileManager.default.createFile(atPath: temporaryPath, contents: Data("half".utf8)))
            throw Failure()
        })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }
}
