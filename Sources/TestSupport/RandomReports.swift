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

extension RandomReports {
    /// A report for the round-trip soak: consistent or not (each total right, wrong, blank or
    /// 0 at random), blank and 0 apart, amounts with 0 to 4 decimals, and section texts of
    /// every odd shape (CR, CRLF, tabs, emoji, surrounding spaces, now and then 32 kB).
    public static func makeVaried(form: Form, using generator: inout SeededGenerator) -> Report {
        let consistent = Bool.random(using: &generator)
        var report = consistent ? makeConsistent(form: form, using: &generator) : make(form: form, using: &generator)
        for cell in form.cells where form.column(of: cell)?.kind == .amount && report[cell] != nil && form.computedCells[cell] == nil {
            report[cell] = amount(using: &generator)
        }
        if consistent {
            fillTotals(&report)
        } else {
            var sums = report
            sums.computeTotals()
            for cell in form.computedCells.keys.sorted() {
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: report[cell] = nil
                case 1: report[cell] = 0
                case 2: report[cell] = sums[cell]
                case 3: report[cell] = (sums[cell] ?? 0) + Decimal(Int.random(in: 1...9, using: &generator))
                case 4 where Int.random(in: 0..<4, using: &generator) == 0:
                    // A 0 printed over parts all left blank (blank and 0 differ).
                    for term in form.computedCells[cell]?.right ?? [] where form.computedCells[term] == nil { report[term] = nil }
                    report[cell] = 0
                default: break
                }
            }
        }
        var sections: [String: String] = [:]
        for id in report.allowedSectionIDs {
            // Notes under a table heading are optional: most reports have none.
            if id.hasSuffix("_notes") && Int.random(in: 0..<4, using: &generator) != 0 { continue }
            sections[id] = text(using: &generator)
        }
        report.sections = sections
        return report
    }

    /// An amount in 万元 with 0 to 4 decimals (4068.208, 0.0001, 12).
    public static func amount(using generator: inout SeededGenerator) -> Decimal {
        let decimals = Int.random(in: 0...4, using: &generator)
        var scale: Decimal = 1
        for _ in 0..<decimals { scale *= 10 }
        return Decimal(Int.random(in: 0...99_999_999, using: &generator)) / scale
    }

    /// Prose as reports write it, in pieces that never look like a heading or a table row.
    static let phrases = [
        "本机关认真贯彻落实《中华人民共和国政府信息公开条例》", "坚持以公开为常态、不公开为例外", "主动公开政策文件 12 件",
        "依申请公开工作规范有序", "“放管服”改革持续深化", "政务新媒体矩阵不断完善😀", "群众满意度明显提升👍🏽",
        "English words, digits 3.14 & <标记>", "下一步将进一步加强培训", "无",
    ]

    /// One section's text: paragraphs joined by LF, CRLF or CR, with tabs, emoji and
    /// surrounding spaces at random; empty now and then; about 32 kB once in a while.
    public static func text(using generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<40, using: &generator) {
        case 0: return ""
        case 1:
            // About 32 kB of UTF-8 (under a cell's 32,767 characters).
            var long = ""
            while long.utf8.count < 32_000 {
                long += phrases[Int.random(in: 0..<phrases.count, using: &generator)] + "。"
                if Int.random(in: 0..<8, using: &generator) == 0 { long += "\n" }
            }
            return long
        default: break
        }
        let breaks = ["\n", "\r\n", "\r", "\n\n", "\n \n"]
        var paragraphs: [String] = []
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            var sentence = (0..<Int.random(in: 1...3, using: &generator)).map { _ in phrases[Int.random(in: 0..<phrases.count, using: &generator)] }
                .joined(separator: Bool.random(using: &generator) ? "，" : "\t")
            sentence += "。"
            if Int.random(in: 0..<6, using: &generator) == 0 { sentence = "  " + sentence + " " }
            paragraphs.append(sentence)
        }
        let separator = breaks[Int.random(in: 0..<breaks.count, using: &generator)]
        return paragraphs.joined(separator: separator)
    }
}
