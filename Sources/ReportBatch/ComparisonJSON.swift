import Foundation
import ReportModel

/// The comparison as JSON, for scripts and the web page.
public enum ComparisonJSON {
    /// One agency's comparison.
    public static func value(_ comparison: ReportComparison) -> JSONValue {
        func number(_ value: Decimal?) -> JSONValue { value.map { .number(ReportJSON.format($0)) } ?? .null }
        func row(_ row: ReportComparison.Row) -> JSONValue {
            var members: [(key: String, value: JSONValue)] = []
            if let cell = row.cell { members.append(("cell", .string(cell.description))) }
            members += [
                ("label", .string(row.label)),
                ("values", .array(row.values.map(number))),
                ("changes", .array(zip(comparison.years.dropFirst(), row.changes).map { year, change in
                    .object([
                        ("year", .number(String(year))),
                        ("difference", number(change.difference)),
                        ("percent", number(change.percent)),
                    ])
                })),
            ]
            return .object(members)
        }
        return .object([
            ("agency", .string(comparison.agency)),
            ("years", .array(comparison.years.map { .number(String($0)) })),
            ("rows", .array(comparison.rows.map(row))),
            ("shares", .array(comparison.shares.map(row))),
            ("carry_over", .array(comparison.carryOver.map { step in
                .object([
                    ("year", .number(String(step.year))),
                    ("previous", .number(String(step.previous))),
                    ("checked", .bool(step.consecutive)),
                    ("holds", step.consecutive ? .bool(step.findings.isEmpty) : .null),
                    ("findings", .array(step.findings.map { .string($0.message) })),
                ])
            })),
        ])
    }

    /// Two rounds of many agencies.
    public static func value(_ rounds: AgencyRounds) -> JSONValue {
        .object([
            ("comparisons", .array(rounds.comparisons.map(value))),
            ("only_in_first", .array(rounds.onlyInFirst.map { .string($0) })),
            ("only_in_second", .array(rounds.onlyInSecond.map { .string($0) })),
        ])
    }
}
