import Foundation
import XCTest
import XLSX

/// The small workbooks of Tests/Scripts/make_reader_fixtures.py, generated once per run.
enum ReaderFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the generated fixtures.
    static let folder: URL? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-reader-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("Tests/Scripts/make_reader_fixtures.py").path, folder.path]
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? folder : nil
    }()

    /// The bytes of a fixture.
    static func data(_ name: String) throws -> Data {
        let folder = try XCTUnwrap(folder, "make_reader_fixtures.py failed")
        return try Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// Every cell of a workbook's first sheet, by reference text.
    static func cells(_ name: String, limits: ReaderLimits = .standard) throws -> [String: Cell] {
        let workbook = try Workbook(data: try data(name), limits: limits)
        let sheet = try XCTUnwrap(workbook.sheets.first)
        var cells: [String: Cell] = [:]
        try workbook.forEachCell(in: sheet) { cells[$0.reference.description] = $0 }
        return cells
    }

    /// The error opening (and reading every sheet of) a fixture, nil when it reads.
    static func error(_ name: String, limits: ReaderLimits = .standard) throws -> XLSXReadError? {
        do {
            let workbook = try Workbook(data: try data(name), limits: limits)
            for sheet in workbook.sheets { try workbook.forEachCell(in: sheet) { _ in } }
            return nil
        } catch let error as XLSXReadError {
            return error
        }
    }
}
