import Foundation
import ReportModel

/// Helpers shared by the test targets: seeded random reports and the repository's fixture paths.

/// A deterministic random number generator, so failing cases can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    /// The next pseudo-random number of the sequence.
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
        // The form's text sections in order: two paragraphs with quotes and a tab, "无", empty.
        let texts = ["第一段。\n第二段：\"引号\"\t制表", "无", ""]
        report.sections = Dictionary(uniqueKeysWithValues: zip(form.textSectionIDs, texts))
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

extension RandomReports {
    /// A random report on which every error rule of the form holds: random inputs, 四 chosen
    /// so that 一 + 二 = 三(七) + 四, and every total computed from its parts.
    public static func makeConsistent(form: Form, using generator: inout SeededGenerator) -> Report {
        var report = make(form: form, using: &generator)
        let computed = form.computedCells
        for cell in computed.keys { report[cell] = nil }
        fillTotals(&report)
        // Each balance (an equality that computes nothing) is made to hold by raising its first
        // left term or setting its last right term, whichever is an input.
        for instance in form.ruleInstances where instance.rule.relation == .equal && !instance.rule.computesLeft {
            guard let first = instance.left.first, let last = instance.right.last, computed[first] == nil, computed[last] == nil else { continue }
            let evaluation = instance.evaluate { report[$0] }
            let others = evaluation.right - (report[last] ?? 0)
            if evaluation.left < others { report[first] = (report[first] ?? 0) + others - evaluation.left }
            report[last] = instance.evaluate { report[$0] }.left - others
            fillTotals(&report)
        }
        // Plausibility rules (a total at least its part): raise the total where it falls short.
        for instance in form.ruleInstances where instance.rule.relation == .atLeast && instance.left.count == 1 {
            let parts = instance.evaluate { report[$0] }.right
            if let cell = instance.left.first, (report[cell] ?? 0) < parts { report[cell] = parts }
        }
        return report
    }

    /// Sets every computed total (form.computedCells) to the sum of its parts, blank when all parts are.
    public static func fillTotals(_ report: inout Report) {
        report.computeTotals()
    }
}
