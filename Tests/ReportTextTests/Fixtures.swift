import Foundation
import ReportModel
import ReportText
import XCTest

/// Test inputs from the repository (never ../shared: CI has only the repository).
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: packageRoot.appendingPathComponent(relative))
    }

    static func form(_ id: String) throws -> Form {
        try XCTUnwrap(FormCatalog.form(id: id), "form \(id) is shipped")
    }

    /// Parses a text written in a test.
    static func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> LoadedReport {
        try ReportText.parse(Data(text.utf8), file: "test.txt")
    }
}

/// A small deterministic random generator, so randomised tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
