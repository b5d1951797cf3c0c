import Foundation
import ReportBatch
import ReportFormats
import ReportModel
import TestSupport
import XCTest

/// Files of a batch that are not plain report files: each listed, each reported with its
/// reason, none blocking or read past the cap.
final class BatchInputTests: XCTestCase {
    private func reason(_ path: String) -> String {
        CheckResult(path: path).diagnostics.map(\.description).joined(separator: "\n")
    }

    /// A FIFO named like a report would block a plain `open` until a writer comes: never here.
    func testAFIFOIsRefusedWithoutBlocking() throws {
        let folder = try makeTemporaryDirectory("fifo")
        let path = folder.appendingPathComponent("pipe.txt").path
        XCTAssertEqual(mkfifo(path, 0o644), 0)
        XCTAssertEqual(reason(path), "error: \(path): is not a regular file (a pipe, socket or device); name a report file")
    }

    /// A link to an endless device (/dev/zero) is refused, not read until memory runs out.
    func testALinkToADeviceIsRefused() throws {
        let folder = try makeTemporaryDirectory("device")
        let path = folder.appendingPathComponent("zero.json").path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        XCTAssertEqual(reason(path), "error: \(path): is not a regular file (a pipe, socket or device); name a report file")
    }

    func testLinkLoopsAndBrokenLinksAreListedAndReported() throws {
        let folder = try makeTemporaryDirectory("links")
        let loop = folder.appendingPathComponent("loop.json").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        let broken = folder.appendingPathComponent("broken.txt").path
        try FileManager.default.createSymbolicLink(atPath: broken, withDestinationPath: folder.appendingPathComponent("nowhere").path)
        // A link to its own folder: walking into it would never end.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("again").path, withDestinationPath: folder.path)
        let files = BatchFiles.expand([folder.path])
        XCTAssertEqual(files, [broken, loop])
        XCTAssertEqual(reason(loop), "error: \(loop): cannot be read: a loop of symbolic links")
        XCTAssertEqual(reason(broken), "error: \(broken): no such file (removed, or a broken link)")
    }

    /// A file removed between listing the folder and reading it is reported, and the rest are read.
    func testAFileRemovedAfterListingIsReported() throws {
        let folder = try makeTemporaryDirectory("vanished")
        let example = try Data(contentsOf: Fixtures.exampleJSON)
        for index in 0..<20 { try example.write(to: folder.appendingPathComponent("r\(index).json")) }
        let files = BatchFiles.expand([folder.path])
        XCTAssertEqual(files.count, 20)
        for index in stride(from: 0, to: 20, by: 3) { try FileManager.default.removeItem(at: folder.appendingPathComponent("r\(index).json")) }
        let results = ParallelCheck.run(files, progress: nil)
        XCTAssertEqual(results.map(\.file), files)
        XCTAssertEqual(results.filter { $0.loaded == nil }.count, 7)
        let removed = folder.appendingPathComponent("r3.json").path
        XCTAssertEqual(results.first { $0.file == removed }?.diagnostics.map(\.description), ["error: \(removed): no such file (removed, or a broken link)"])
        XCTAssertEqual(results.first { $0.file.hasSuffix("/r1.json") }?.status, "passed")
    }

    /// A file over the largest size any reader takes is refused from its size alone.
    func testAFileOverTheLargestCapIsNotRead() throws {
        let folder = try makeTemporaryDirectory("huge")
        let path = folder.appendingPathComponent("huge.txt").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(InputLimits.anyFileBytes) + 1)  // sparse: costs no disk
        try handle.close()
        XCTAssertEqual(reason(path), "error: \(path): is 50.1 MB, more than the 50 MB any report may have")
    }

    /// A folder that cannot be listed is listed itself, so the files it hides are not silently
    /// missing from the batch (root lists any folder: then its files are read as usual).
    func testAFolderThatCannotBeListedIsReported() throws {
        let folder = try makeTemporaryDirectory("locked")
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try Data(contentsOf: Fixtures.exampleJSON).write(to: locked.appendingPathComponent("r.json"))
        XCTAssertEqual(chmod(locked.path, 0), 0)
        defer { chmod(locked.path, 0o755) }
        let files = BatchFiles.expand([folder.path])
        if getuid() == 0 {
            XCTAssertEqual(files, [locked.path + "/r.json"])
        } else {
            XCTAssertEqual(files, [locked.path])
            XCTAssertEqual(reason(locked.path), "error: \(locked.path): is a folder that cannot be listed (permission denied)")
        }
    }
}
