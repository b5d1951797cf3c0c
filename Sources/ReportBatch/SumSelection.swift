import Foundation
import ReportModel

/// Which checked files of a batch go into a sum, and why the others stay out. A district's
/// total must not silently hold a report twice, a report that fails its checks, a returned
/// blank template, or miss a file that could not be read.
public struct SumSelection: Sendable {
    /// A file left out of the sum, with why.
    public struct LeftOut: Sendable {
        /// The file's result.
        public let result: CheckResult
        /// Why it is left out, in the process's language.
        public let reason: String
    }

    /// The results added up, in the batch's order.
    public let included: [CheckResult]
    /// The results left out, in the batch's order.
    public let leftOut: [LeftOut]

    /// Splits `results` (duplicates already marked, `Duplicates.mark`). Normally every
    /// unreadable file, every copy of a duplicate, every failing and every blank report is
    /// left out, and a sum is written only when none is. With `allowFailing`, failing and
    /// blank reports go in, and of each set of duplicates the first by path; unreadable files
    /// and the other copies stay out.
    public init(_ results: [CheckResult], allowFailing: Bool) {
        var firstCopies: Set<Int> = []
        var copies: [Int: [String]] = [:]
        for group in Duplicates.groups(of: results) {
            if let first = group.first { firstCopies.insert(first) }
            for index in group { copies[index] = group.filter { $0 != index }.map { results[$0].file } }
        }
        var included: [CheckResult] = []
        var leftOut: [LeftOut] = []
        for (index, result) in results.enumerated() {
            let reason: String?
            if result.loaded == nil {
                reason = Messages.text("batch.sum.reason.unreadable", ["reason": result.failure?.first?.message ?? ""])
            } else if let others = copies[index], !(allowFailing && firstCopies.contains(index)) {
                reason = Messages.text("batch.sum.reason.duplicate", ["others": Duplicates.quoted(others)])
            } else if allowFailing {
                reason = nil
            } else if result.errorCount > 0 {
                reason = Messages.text("batch.sum.reason.failing", ["status": result.status])
            } else if result.isBlank {
                reason = Messages.text("batch.sum.reason.blank")
            } else {
                reason = nil
            }
            if let reason {
                leftOut.append(LeftOut(result: result, reason: reason))
            } else {
                included.append(result)
            }
        }
        self.included = included
        self.leftOut = leftOut
    }

    /// The number of files left out because they could not be read.
    public var unreadableCount: Int { leftOut.filter { $0.result.loaded == nil }.count }

    /// `  file<TAB>reason`, one line per file left out.
    public var leftOutLines: [String] {
        leftOut.map { Messages.text("batch.sum.left_out_line", ["file": $0.result.file, "reason": $0.reason]) }
    }
}
