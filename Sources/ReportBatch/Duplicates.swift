import Foundation
import ReportModel

/// Two submissions of one agency for one year in a batch: a department that sent its report
/// twice (a corrected copy beside the first), which a sum would count twice.
public enum Duplicates {
    /// The rule id of the finding on each of them.
    public static let rule = "batch.duplicate"

    /// Marks every readable result whose agency (compared as `AgencyName.normalized`) and year
    /// another result of the batch has too, with an error naming the others.
    public static func mark(_ results: inout [CheckResult]) {
        for group in groups(of: results) {
            for index in group {
                let others = group.filter { $0 != index }.map { results[$0].file }
                results[index].markDuplicate(of: others)
            }
        }
    }

    /// The indices of results that are the same agency's report of the same year, each group
    /// of two or more in the order of `results`, files sorted by path within a group.
    public static func groups(of results: [CheckResult]) -> [[Int]] {
        var byKey: [String: [Int]] = [:]
        var order: [String] = []
        for (index, result) in results.enumerated() {
            guard let report = result.loaded?.report else { continue }
            let key = AgencyName.normalized(report.agency) + "#\(report.year)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(index)
        }
        return order.compactMap { key in
            guard let group = byKey[key], group.count > 1 else { return nil }
            return group.sorted { results[$0].file < results[$1].file }
        }
    }

    /// The most files a message names; a folder of a hundred copies must not make each
    /// message list the other ninety-nine.
    static let namedAtMost = 3

    /// `“a.xlsx”、“b.xlsx”`: the files, each quoted, joined as the language lists things;
    /// past `namedAtMost`, the first ones and the count.
    public static func quoted(_ files: [String]) -> String {
        let named = files.prefix(namedAtMost).map { Messages.text("batch.duplicate.file", ["file": $0]) }.joined(separator: Messages.text("list.separator"))
        guard files.count > namedAtMost else { return named }
        return Messages.text("batch.duplicate.many", ["files": named, "count": String(files.count)])
    }
}
