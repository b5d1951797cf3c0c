import Foundation
import ReportBatch

/// How department names are matched: the batch's own normalisation (`YearToYear.normalized`),
/// so that the web page and `xxgk check --previous` agree on who is who.
enum DepartmentNames {
    /// The key a name is matched by.
    static func key(_ name: String) -> String { YearToYear.normalized(name) }

    /// The expected department whose name occurs in a file name (the longest such), for
    /// files that cannot be read and so name no agency.
    static func department(inFileName fileName: String, among expected: [String]) -> String? {
        let name = key(fileName)
        return expected.map(key).filter { !$0.isEmpty && name.contains($0) }.max { $0.count < $1.count }
    }
}

/// A department's state in a round, as the round's table shows it.
enum DepartmentStatus: String, Sendable, CaseIterable {
    case missing, passed, failed, unreadable, duplicate

    /// The label on the page: 未提交 / 通过 / 有错误 / 无法读取 / 重复提交.
    var label: String {
        switch self {
        case .missing: return "未提交"
        case .passed: return "通过"
        case .failed: return "有错误"
        case .unreadable: return "无法读取"
        case .duplicate: return "重复提交"
        }
    }

    /// The status of a label (for the page's filter), if any.
    init?(label: String) {
        guard let status = Self.allCases.first(where: { $0.label == label || $0.rawValue == label }) else { return nil }
        self = status
    }
}

/// One line of the round's table: a department, its status and its current submissions.
struct DepartmentLine: Sendable {
    /// The name as expected (or as the report names it, for an unexpected department).
    let name: String
    let key: String
    let status: DepartmentStatus
    /// The current submissions, newest first (two or more when duplicated).
    let submissions: [Submission]
    /// The submission shown: the newest current one.
    var latest: Submission? { submissions.first }
}

/// A round's table: every expected department with its status, the departments that
/// submitted without being expected, and the files that could be matched to no department.
struct RoundBoard: Sendable {
    let round: Round
    let expected: [DepartmentLine]
    let unexpected: [DepartmentLine]
    /// Unreadable files whose name names no expected department.
    let unmatched: [Submission]

    /// The board of `round` from its departments and current submissions.
    init(round: Round, departments: [String], current: [Submission]) {
        self.round = round
        var byKey: [String: [Submission]] = [:]
        var unmatched: [Submission] = []
        var unexpectedOrder: [String] = []
        for submission in current {
            guard let key = submission.departmentKey else { unmatched.append(submission); continue }
            if byKey[key] == nil { unexpectedOrder.append(key) }
            byKey[key, default: []].append(submission)
        }
        func line(name: String, key: String) -> DepartmentLine {
            let submissions = (byKey[key] ?? []).sorted { $0.id > $1.id }
            return DepartmentLine(name: name, key: key, status: Self.status(of: submissions), submissions: submissions)
        }
        let expectedKeys = Set(departments.map(DepartmentNames.key))
        expected = departments.map { line(name: $0, key: DepartmentNames.key($0)) }
        unexpected = unexpectedOrder.filter { !expectedKeys.contains($0) }.map { key in
            line(name: byKey[key]?.last?.agency ?? key, key: key)
        }
        self.unmatched = unmatched
    }

    /// 重复提交 when two current readable files name the department for the same year; else
    /// the newest file's own result.
    static func status(of submissions: [Submission]) -> DepartmentStatus {
        guard let latest = submissions.first else { return .missing }
        let years = submissions.compactMap(\.year)
        if Set(years).count < years.count { return .duplicate }
        switch latest.status {
        case "passed": return .passed
        case "failed": return .failed
        default: return .unreadable
        }
    }

    /// Every line, expected departments first.
    var lines: [DepartmentLine] { expected + unexpected }

    /// The submissions that go into the district's total: the passing ones, one per department.
    var passing: [Submission] {
        lines.filter { $0.status == .passed }.compactMap(\.latest)
    }

    /// The current submissions that could be read (last year's reports for the carry-over check).
    var readable: [Submission] { allCurrent.filter { $0.status != "unreadable" } }

    /// Every current submission, in the order of the table (for the summary workbook).
    var allCurrent: [Submission] {
        lines.flatMap { $0.submissions.sorted { $0.id < $1.id } } + unmatched
    }
}
