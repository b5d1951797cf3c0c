import Foundation
import TestSupport
import XCTest
import XLSX

/// `xxgk check` reads many workbooks on all cores at once: documents on different threads
/// must not disturb each other (libxml2 is initialised once; no global state is touched).
final class ConcurrencyTests: XCTestCase {
    func testManyDocumentsInParallelReadTheSame() throws {
        let folder = try makeTemporaryDirectory("reader")
        let names = ["no-r", "prefixed", "strict", "escapes", "shared-formulas", "rich-phonetic", "types", "workbook-parts"]
        let paths = try names.map { try ReaderFixtures.variant($0, in: folder) }
        let expected = try paths.map(Self.everything)
        let results = Results(count: paths.count * 8)
        DispatchQueue.concurrentPerform(iterations: paths.count * 8) { index in
            results.set(index, (try? Self.everything(paths[index % paths.count])) ?? ["failed"])
        }
        for index in 0..<(paths.count * 8) {
            XCTAssertEqual(results.get(index), expected[index % paths.count], names[index % paths.count])
        }
    }

    /// Every sheet's cells and merged ranges, as text.
    private static func everything(_ path: String) throws -> [String] {
        let workbook = try Workbook(contentsOf: path)
        var lines = workbook.sheets.map(\.name) + workbook.definedNames.map { "\($0.name)=\($0.formula)" }
        for sheet in workbook.sheets {
            let merged = try workbook.forEachCell(in: sheet) { lines.append("\($0.reference)=\($0.value) \($0.formula ?? "")") }
            lines += merged.map(\.description)
        }
        return lines
    }
}

/// Results written by concurrent iterations, each to its own slot.
private final class Results: @unchecked Sendable {
    private var slots: [[String]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [String]) { lock.lock(); slots[index] = value; lock.unlock() }
    func get(_ index: Int) -> [String] { lock.lock(); defer { lock.unlock() }; return slots[index] }
}
