import Foundation
import ReportModel

/// Finds the signature at the end: the agency line and the date line.
enum SignatureReader {
    struct Signature {
        var agency: String?
        var date: ReportDate?
        /// The first line of the signature (0-based), where the last section ends.
        var firstLine: Int
    }
    private static let datePattern = NSRegularExpression.constant(#"^([0-9〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日$"#)
    private static let agencySuffixes = ["局", "委", "办", "厅", "会", "院", "政府", "处", "室", "中心", "部", "区", "县", "市", "镇", "街道", "所", "站", "队", "公司"]

    /// The agency and date at the end of the report. Page numbers and blank lines after
    /// them are passed over; the date may be written in Chinese numerals (二〇二四年一月十七日).
    static func read(_ lines: [String], agency: String?) -> Signature {
        var signature = Signature(firstLine: lines.count)
        var index = lines.count - 1
        func clean(_ line: String) -> String {
            line.trimmingWhitespace()
        }
        func skipBlank() {
            while index >= 0, clean(lines[index]).isEmpty || SectionReader.isPageFurniture(lines[index]) { index -= 1 }
        }
        skipBlank()
        guard index >= 0 else { return signature }
        if let date = date(clean(lines[index])) {
            signature.date = date
            signature.firstLine = index
            index -= 1
            skipBlank()
        }
        guard index >= 0 else { return signature }
        let candidate = clean(lines[index])
        let plain = !TextSearch.contains(candidate, "。") && !TextSearch.contains(candidate, "，") && !candidate.utf8.contains(UInt8(ascii: "\t")) && candidate.count <= 40
        if !candidate.isEmpty, plain, candidate == agency || agencySuffixes.contains(where: candidate.hasSuffix) {
            signature.agency = candidate
            signature.firstLine = index
        }
        return signature
    }

    /// `2021年1月13日` or `二〇二一年一月十三日` as a date.
    static func date(_ text: String) -> ReportDate? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = datePattern?.firstMatch(in: text, range: range),
            let y = Range(match.range(at: 1), in: text).flatMap({ chineseNumber(String(text[$0]), digitwise: true) }),
            let m = Range(match.range(at: 2), in: text).flatMap({ chineseNumber(String(text[$0]), digitwise: false) }),
            let d = Range(match.range(at: 3), in: text).flatMap({ chineseNumber(String(text[$0]), digitwise: false) })
        else { return nil }
        return ReportDate(year: y, month: m, day: d)
    }

    /// Digits, or Chinese numerals: read digit by digit (years: 二〇二四) or with 十 (十七, 二十一).
    private static func chineseNumber(_ text: String, digitwise: Bool) -> Int? {
        if let value = Int(text) { return value }
        let digits: [Character: Int] = ["〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        if digitwise {
            var value = 0
            for char in text {
                guard let digit = digits[char] ?? char.wholeNumberValue else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        let parts = text.split(separator: "十", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return parts[0].count == 1 ? parts[0].first.flatMap { digits[$0] } : nil
        case 2:
            let tens = parts[0].isEmpty ? 1 : (parts[0].count == 1 ? parts[0].first.flatMap { digits[$0] } : nil)
            let ones = parts[1].isEmpty ? 0 : (parts[1].count == 1 ? parts[1].first.flatMap { digits[$0] } : nil)
            guard let tens, let ones else { return nil }
            return tens * 10 + ones
        default: return nil
        }
    }
}
