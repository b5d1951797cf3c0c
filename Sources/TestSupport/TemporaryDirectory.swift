import Foundation
import XCTest

/// A uniquely named, newly created folder in the system's temporary folder (`$TMPDIR` or /tmp).
public struct TemporaryDirectory: Sendable {
    /// The folder's location.
    public let url: URL

    /// Creates `xxgk-PURPOSE-UUID` in the temporary folder; `purpose` tells a leftover's origin.
    public init(_ purpose: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything in it (nothing happens when it is already gone).
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

extension XCTestCase {
    /// A new empty folder for this test's files, removed with everything in it when the test ends.
    public func makeTemporaryDirectory(_ purpose: String = "test") throws -> URL {
        let directory = try TemporaryDirectory(purpose)
        addTeardownBlock { directory.remove() }
        return directory.url
    }
}
