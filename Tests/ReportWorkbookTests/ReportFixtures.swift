import Foundation
import ReportModel

/// Reports made for the tests: ones that break a given rule, randomly filled ones.
enum ReportFixtures {
    /// A report on `form` that breaks the first instance of `rule`: the first input cell on
    /// the side that must be at least as large (the right side) gets 7, everything else blank.
    /// For a rule that computes a total, the report's total stays blank; the workbook keeps it
    /// blank (not a formula), so the workbook breaks the rule as the JSON report does.
    static func breaking(_ rule: Rule, form: Form) -> Report {
        var report = Report(form: form, agency: "测试机关（违反 \(rule.id)）", year: form.years.first)
        let computed = form.computedCells
        guard let table = form.table(rule.table), let instance = rule.instances(in: table).first else { return report }
        let candidates = instance.right + (rule.relation == .equal ? instance.left : [])
        if let cell = candidates.first(where: { computed[$0] == nil }) {
            report[cell] = 7
        }
        return report
    }

    /// Every input cell of `form` filled with a value of its kind (counts 0–20, changes −5…5,
    /// amounts with two decimals), from a fixed seed; totals left blank for the workbook.
    static func randomlyFilled(_ form: Form, seed: UInt64) -> Report {
        var report = Report(form: form, agency: "随机填写的机关", year: form.years.first, date: ReportDate(year: form.years.first + 1, month: 1, day: 20))
        var state = seed
        func next(_ bound: UInt64) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % bound)
        }
        let computed = form.computedCells
        for cell in form.cells where computed[cell] == nil {
            guard let kind = form.column(of: cell)?.kind else { continue }
            switch kind {
            case .count: report[cell] = Decimal(next(21))
            case .change: report[cell] = Decimal(next(11) - 5)
            case .amount: report[cell] = Decimal(next(100_000)) / 100
            }
        }
        report.sections = ["overview": "第一段。\n第二段，含“引号”与 <尖括号> & 符号。", "problems": "无。"]
        return report
    }

    /// The report with every total set to the sum the workbook computes (blank counts 0).
    static func withComputedTotals(_ report: Report) -> Report {
        var result = report
        let computed = report.form.computedCells
        // Totals may sum totals (（七）总计 of the 总计 column): repeat until nothing changes.
        for _ in 0...computed.count {
            var changed = false
            for (cell, instance) in computed {
                let sum = instance.right.reduce(Decimal(0)) { $0 + (result[$1] ?? 0) }
                if result[cell] != sum {
                    result[cell] = sum
                    changed = true
                }
            }
            if !changed { break }
        }
        return result
    }
}

extension Decimal {
    /// The value as the Double a workbook stores: the one nearest the decimal.
    var doubleValue: Double { Double(ReportJSON.format(self)) ?? .nan }
}
