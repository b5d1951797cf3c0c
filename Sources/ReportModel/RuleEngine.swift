import Foundation

/// The outcome of one rule instance over a set of values: both sides term by term, their
/// sums, and whether the rule holds. The one evaluation of a rule that every part of xxgk
/// uses: the check engine, the text parser's resolvers and the workbook's cached values.
public struct RuleEvaluation: Sendable, Equatable {
    public let instance: Rule.Instance
    /// The value of each left-hand cell (blank counts as 0), in rule order.
    public let leftValues: [Decimal]
    /// The value of each right-hand cell (blank counts as 0), in rule order.
    public let rightValues: [Decimal]
    /// The sum of the left side.
    public let left: Decimal
    /// The sum of the right side.
    public let right: Decimal
    /// Whether `left relation right` holds, within the tolerance for amounts.
    public let holds: Bool
}

extension Rule {
    /// Differences are compared rounded to this many decimals, so amounts that went through a
    /// workbook's binary floating point compare as written. The workbook's formulas round the
    /// same way (`ROUND(…, 6)`), so a spreadsheet and xxgk agree on every rule.
    public static let comparisonDecimals = 6

    /// Whether `left relation right` holds for two sums.
    public func holds(left: Decimal, right: Decimal) -> Bool {
        var difference = left - right
        var rounded = Decimal()
        NSDecimalRound(&rounded, &difference, Self.comparisonDecimals, .plain)
        return relation == .equal ? rounded == 0 : rounded >= 0
    }
}

extension Rule.Instance {
    /// The instance over the values `value` gives (nil = blank = 0).
    public func evaluate(_ value: (CellKey) -> Decimal?) -> RuleEvaluation {
        evaluate(left: value, right: value)
    }

    /// The instance with each side's values from its own source: a rule across two reports
    /// (this year's left side, last year's right side) reads each side from its report.
    public func evaluate(left leftValue: (CellKey) -> Decimal?, right rightValue: (CellKey) -> Decimal?) -> RuleEvaluation {
        let leftValues = left.map { leftValue($0) ?? 0 }
        let rightValues = right.map { rightValue($0) ?? 0 }
        let leftSum = leftValues.reduce(0, +)
        let rightSum = rightValues.reduce(0, +)
        return RuleEvaluation(
            instance: self, leftValues: leftValues, rightValues: rightValues, left: leftSum, right: rightSum,
            holds: rule.holds(left: leftSum, right: rightSum))
    }

    /// Whether the instance holds for these values (absent = blank = 0).
    public func holds(in values: [CellKey: Decimal]) -> Bool {
        evaluate { values[$0] }.holds
    }

    /// Where the instance runs, in the form's words: its column or row and their labels.
    public func place(in form: Form) -> RulePlace {
        let table = form.table(rule.table)
        switch rule.scope {
        case .column:
            let path = left.first.flatMap { table?.row($0.row)?.column(along)?.labelPath } ?? [along]
            return RulePlace(scope: .column, name: RulePlace.columnName(path))
        case .row:
            return RulePlace(scope: .row, name: table?.row(along)?.labelPath.joined(separator: "›") ?? along)
        }
    }
}

/// The column or row a rule instance runs along, named by its labels (`法人或其他组织›商业企业`,
/// `行政复议`). Each output kind words it in its own language.
public struct RulePlace: Sendable, Equatable, CustomStringConvertible {
    /// `.column` when the rule holds down a column, `.row` along a row.
    public let scope: Rule.Scope
    /// The labels of the column (without the header over all columns) or of the row, joined by `›`.
    public let name: String

    /// `column 自然人`, `row 行政复议`.
    public var description: String { scope == .column ? Messages.text("place.rule_column", ["name": name]) : Messages.text("place.rule_row", ["name": name]) }

    /// A column's name without the header over all columns (申请人情况): `法人或其他组织›商业企业`.
    static func columnName(_ path: [String]) -> String {
        (path.count > 1 ? Array(path.dropFirst()) : path).joined(separator: "›")
    }
}
