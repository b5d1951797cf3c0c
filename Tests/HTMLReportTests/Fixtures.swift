import Foundation
import HTMLReport
import ReportModel
import XCTest

/// Test pages from the repository (never ../shared: CI has only the repository).
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("Tests/Fixtures/corpus")
    static let html = packageRoot.appendingPathComponent("Tests/Fixtures/html")

    static func page(_ name: String) throws -> Data {
        try Data(contentsOf: html.appendingPathComponent(name))
    }

    /// Reads a page written in a test (UTF-8).
    static func read(_ page: String) throws -> LoadedReport {
        try HTMLReport.read(Data(page.utf8), file: "test.html")
    }
}
