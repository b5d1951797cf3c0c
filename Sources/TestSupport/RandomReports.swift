import Foundation
import ReportModel

/// Helpers shared by the test targets: seeded random reports and the repository's fixture paths.

/// A deterministic random number generator, so failing cases can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Reports with a mix of blank, 0 and other values in every kind of cell.
public enum RandomReports {
    /// A report of `form` whose cells are blank, 0 or random values of their kind.
    public static func make(form: Form, using generator: inout SeededGenerator) -> Report {
        var report = Report(form: form, agency: "测试机关\(Int.random(in: 1...99, using: &generator))", year: form.years.first,
                            date: ReportDate(year: form.years.first + 1, month: Int.random(in: 1...3, using: &generator), day: 15))
        report.sections = ["overview": "第一段。\n第二段：\"引号\"\t制表", "problems": "无", "other": ""]
        for cell in form.cells {
            guard let column = form.column(of: cell) else { continue }
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: continue
            case 1: report[cell] = 0
            default:
                switch column.kind {
                case .count: report[cell] = Decimal(Int.random(in: 1...5000, using: &generator))
                case .change: report[cell] = Decimal(Int.random(in: -300...300, using: &generator))
                case .amount: report[cell] = Decimal(Int.random(in: 0...9_999_999, using: &generator)) / 1000
                }
            }
        }
        return report
    }
}

/// Paths of files the tests read from the repository (never from ../shared, which CI lacks).
public enum Fixtures {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let templates = packageRoot.appendingPathComponent("templates")
    public static let examples = packageRoot.appendingPathComponent("examples")
    /// Real published reports with the JSON each must yield.
    public static let corpus = packageRoot.appendingPathComponent("Tests/Fixtures/corpus")
    /// The first sample report as canonical JSON.
    public static let exampleJSON = examples.appendingPathComponent("000_dongxihu_2020.json")
}
