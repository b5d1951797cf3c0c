import Foundation
import XCTest
import XLSX

/// `xxgk check` reads many workbooks on all cores at once: documents on different threads
/// must not disturb each other (libxml2 is initialised once; no global state is touched).
final class ConcurrencyTests: XCTestCase {
    func testManyDocumentsInParallelReadTheSame() throws {
        let folder = try makeFolder()
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

    /// Merged ranges read on their own, before any cells were streamed.
    func testMergedRangesWithoutReadingCells() throws {
        let document = try XLSXDocument(path: ReaderFixtures.variant("workbook-parts", in: makeFolder()))
        XCTAssertEqual(try document.mergedRanges(inSheet: "一").map { "\($0.first):\($0.last)" }, ["A1:D1", "B3:C4"])
        XCTAssertEqual(try document.mergedRanges(inSheet: "It's").count, 0)
    }

    /// Every sheet's cells and merged ranges, as text.
    private static func everything(_ path: String) throws -> [String] {
        let document = try XLSXDocument(path: path)
        var lines = document.sheetNames + document.definedNames.map { "\($0.name)=\($0.formula)" }
        for sheet in document.sheetNames {
            try document.readSheet(named: sheet) { lines.append("\($0.reference)=\($0.content) \($0.formula ?? "")") }
            lines += try document.mergedRanges(inSheet: sheet).map { "\($0.first):\($0.last)" }
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
