import Foundation
import ReportModel
import ReportText
import XCTest

/// Every corpus text parses to exactly what the parser gave before it was rewritten for
/// speed (issue 14): the whole JSON of the report (values, blanks, unresolved parts and their
/// candidates, sections), and the warnings and the line of every cell. The golden files in
/// Tests/Fixtures/golden were written by the parser of main before the change; regenerate
/// them only for an intended change of output, with `XXGK_WRITE_GOLDEN=1`.
final class GoldenOutputTests: XCTestCase {
    static let golden = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/golden")

    /// The texts compared: the real reports of the corpus, and the refused older-form report.
    static func inputs() throws -> [URL] {
        let corpus = try FileManager.default.contentsOfDirectory(at: Fixtures.corpus, includingPropertiesForKeys: nil)
        let older = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/text/form2008_county_2018.txt")
        return corpus.filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent } + [older]
    }

    /// The JSON of the report, or the error for a text that is refused.
    static func json(of url: URL) throws -> String {
        do {
            return ReportJSON.encode(try ReportText.parse(try Data(contentsOf: url), file: url.lastPathComponent).report)
        } catch let error as ReportInputError {
            return "error: \(error)\n"
        }
    }

    /// The warnings, then each cell's line, one per line, in a stable order.
    static func diagnostics(of url: URL) throws -> String {
        guard let loaded = try? ReportText.parse(try Data(contentsOf: url), file: url.lastPathComponent) else { return "" }
        let warnings = loaded.warnings.map(\.description)
        let origins = loaded.origins.map { "\($0.key) \($0.value)" }.sorted()
        return (warnings + ["--"] + origins).joined(separator: "\n") + "\n"
    }

    func testEveryCorpusTextGivesItsGoldenOutput() throws {
        let write = ProcessInfo.processInfo.environment["XXGK_WRITE_GOLDEN"] == "1"
        if write { try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true) }
        let inputs = try Self.inputs()
        XCTAssertEqual(inputs.count, 8)
        for url in inputs {
            let name = url.deletingPathExtension().lastPathComponent
            let outputs = [("\(name).json", try Self.json(of: url)), ("\(name).diagnostics.txt", try Self.diagnostics(of: url))]
            for (file, got) in outputs {
                let path = Self.golden.appendingPathComponent(file)
                if write {
                    try Data(got.utf8).write(to: path)
                    continue
                }
                let want = try String(contentsOf: path, encoding: .utf8)
                XCTAssertEqual(got, want, "\(file) differs from its golden output")
            }
        }
    }
}
