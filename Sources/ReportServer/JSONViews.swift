import Foundation
import ReportModel

/// The API's JSON documents (docs/openapi.yaml), keys in a fixed order.
enum JSONViews {
    static func number(_ value: Int) -> JSONValue { .number(String(value)) }
    static func number(_ value: Int64) -> JSONValue { .number(String(value)) }
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    static func round(_ round: Round) -> JSONValue {
        .object([
            ("id", number(round.id)), ("name", .string(round.name)), ("form", .string(round.form)), ("year", number(round.year)),
            ("created", .string(round.created)), ("previous_round", round.previousRound.map(number) ?? .null),
            ("district", .string(round.district)),
        ])
    }

    static func figures(_ submission: Submission?) -> JSONValue {
        guard let submission else { return .array([]) }
        return .array(Intake.decodeFigures(submission.figures).map { figure in
            .object([("label", .string(figure.label)), ("value", figure.value.map(JSONValue.number) ?? .null)])
        })
    }

    /// A submission without its findings.
    static func submissionSummary(_ submission: Submission) -> [(key: String, value: JSONValue)] {
        [
            ("id", number(submission.id)), ("file", .string(submission.originalName)), ("sha256", .string(submission.sha256)),
            ("size", number(submission.size)), ("uploaded", .string(submission.uploaded)), ("agency", optional(submission.agency)),
            ("year", submission.year.map(number) ?? .null), ("form", optional(submission.form)),
            ("status", .string(submission.status)), ("errors", number(submission.errors)), ("warnings", number(submission.warnings)),
            ("superseded_by", submission.supersededBy.map(number) ?? .null),
        ]
    }

    static func line(_ line: DepartmentLine) -> JSONValue {
        .object([
            ("name", .string(line.name)), ("status", .string(line.status.rawValue)), ("status_label", .string(line.status.label)),
            ("submission", line.latest.map(\.id).map(number) ?? .null),
            ("submissions", .array(line.submissions.map { number($0.id) })),
            ("file", optional(line.latest?.originalName)), ("agency", optional(line.latest?.agency)),
            ("uploaded", optional(line.latest?.uploaded)),
            ("errors", line.latest.map { number($0.errors) } ?? .null), ("warnings", line.latest.map { number($0.warnings) } ?? .null),
            ("figures", figures(line.latest)),
        ])
    }

    static func board(_ board: RoundBoard) -> JSONValue {
        var counts: [(key: String, value: JSONValue)] = []
        for status in DepartmentStatus.allCases {
            counts.append((status.rawValue, number(board.expected.filter { $0.status == status }.count)))
        }
        guard case .object(let round) = self.round(board.round) else { return .null }
        return .object(round + [
            ("counts", .object(counts)),
            ("departments", .array(board.expected.map(line))),
            ("unexpected", .array(board.unexpected.map(line))),
            ("unmatched", .array(board.unmatched.map { .object(submissionSummary($0)) })),
        ])
    }

    static func findings(_ findings: [StoredFinding]) -> JSONValue {
        .array(findings.map { finding in
            .object([
                ("severity", .string(finding.severity)), ("rule", optional(finding.rule)),
                ("place", optional(finding.place)), ("cells", .array(finding.cells.map(JSONValue.string))),
                ("message", .string(finding.message)),
            ])
        })
    }

    static func submission(_ submission: Submission, department: String?) -> JSONValue {
        .object(submissionSummary(submission) + [
            ("department", optional(department)),
            ("figures", figures(submission)),
            ("findings", findings(Intake.decodeFindings(submission.findings))),
        ])
    }

    static func outcome(_ outcome: UploadOutcome) -> JSONValue {
        .object(submissionSummary(outcome.submission) + [
            ("department", optional(outcome.department)),
            ("findings", findings(Intake.decodeFindings(outcome.submission.findings))),
        ])
    }
}
