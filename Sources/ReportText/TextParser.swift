import Foundation
import ReportModel

/// Reads the text of a published report into a `LoadedReport`: form from the labels, title,
/// signature, section texts, and every table value with its line.
struct TextParser {
    let text: String
    let file: String?

    private var lines: [String] { text.components(separatedBy: "\n").map { $0.replacingOccurrences(of: "\r", with: "") } }

    func parse() throws(ReportInputError) -> LoadedReport {
        let lines = self.lines
        let tokens = Tokenizer.tokens(of: lines)
        let title = TitleReader.title(in: lines)
        let form = FormDetector.form(text: text, year: title?.year)
        let walk = TableWalker(form: form, tokens: tokens).walk()
        guard title != nil || walk.matchedRows >= 5 else {
            throw ReportInputError("not a 政府信息公开工作年度报告: no title such as “…2023年政府信息公开工作年度报告” and no table rows of the form were found")
        }
        var warnings = walk.warnings
        guard let year = title?.year ?? TitleReader.statisticsYear(in: lines) else {
            throw ReportInputError("no report year found: expected a title such as “…2023年政府信息公开工作年度报告”")
        }
        let signature = SignatureReader.read(lines, agency: title?.agency)
        var agency = [title?.agency, signature.agency].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        agency = agency.trimmingCharacters(in: .whitespaces)
        if agency.isEmpty {
            warnings.append(Diagnostic(.warning, "no agency found in the title or the signature"))
        }
        var report = Report(form: form, agency: agency, year: year, date: signature.date)
        var origins: [CellKey: SourceLocation] = [:]
        for (cell, value) in walk.values {
            report[cell] = value
        }
        for (cell, line) in walk.lines { origins[cell] = .line(line) }
        report.sections = SectionReader(form: form, lines: lines, titleLine: title?.line, end: signature.firstLine,
            tablesEnd: walk.lines.values.max().map { $0 - 1 }).sections()
        return LoadedReport(report: report, origins: origins, warnings: warnings.map { file.map($0.inFile) ?? $0 })
    }
}

/// Finds the title line: `{agency}{year}年政府信息公开工作年度报告` (or the year first).
enum TitleReader {
    struct Title {
        let agency: String
        let year: Int
        let line: Int
    }
    private static let pattern = NSRegularExpression.constant(#"^(.*?)(\d{4})\s*年度?(.*?)政府信息公开(?:工作)?(?:年度报告|年度工作报告|年报|报告)"#)

    static func title(in lines: [String]) -> Title? {
        let cleaned = lines.map(clean)
        for index in cleaned.indices.prefix(80) {
            let next = cleaned[(index + 1)...].first { !$0.isEmpty } ?? ""
            // A title wrapped over two lines (PDF text) is read joined.
            for text in [cleaned[index], cleaned[index] + next] {
                guard var title = match(text, line: index + 1) else { continue }
                if title.agency.isEmpty {
                    // `洪泽区人民政府` on its own line above `2023 年政府信息公开工作年度报告`.
                    let above = cleaned[..<index].last { !$0.isEmpty } ?? ""
                    if above.count <= 30, !above.contains("。"), !above.contains("，") {
                        title = Title(agency: above.replacingOccurrences(of: " ", with: ""), year: title.year, line: title.line)
                    }
                }
                return title
            }
        }
        return nil
    }

    /// A line without Markdown marks, site prefixes (`标题：`) or metadata cells.
    private static func clean(_ line: String) -> String {
        let cells = line.components(separatedBy: "\t").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var text = cells.last ?? ""
        while text.hasPrefix("#") { text.removeFirst() }
        text = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["标题：", "标题:", "名称：", "名称:", "题名：", "题名:"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func match(_ text: String, line: Int) -> Title? {
        let range = NSRange(text.startIndex..., in: text)
        guard text.count <= 80, let match = pattern?.firstMatch(in: text, range: range),
            let before = Range(match.range(at: 1), in: text), let yearRange = Range(match.range(at: 2), in: text),
            let between = Range(match.range(at: 3), in: text), let year = Int(text[yearRange])
        else { return nil }
        let prefix = String(text[before]).trimmingCharacters(in: .whitespaces)
        let middle = String(text[between]).trimmingCharacters(in: .whitespaces)
        guard prefix.count <= 40, middle.count <= 40 else { return nil }
        let agency = prefix.isEmpty ? middle : prefix
        return Title(agency: agency.replacingOccurrences(of: " ", with: ""), year: year, line: line)
    }

    /// The year of `统计期限为2023年1月1日至2023年12月31日` when there is no title.
    private static let statisticsPeriod = NSRegularExpression.constant(#"(\d{4})\s*年\s*1\s*月\s*1\s*日\s*[至到-]"#)

    static func statisticsYear(in lines: [String]) -> Int? {
        let pattern = statisticsPeriod
        for line in lines {
            let range = NSRange(line.startIndex..., in: line)
            if let match = pattern?.firstMatch(in: line, range: range), let year = Range(match.range(at: 1), in: line) {
                return Int(line[year])
            }
        }
        return nil
    }
}

/// Decides the form from the labels only one form has (TEXT-SHAPES “telling them apart”),
/// then from the year.
enum FormDetector {
    static func form(text: String, year: Int?) -> Form {
        let normalized = Labels.normalize(text)
        let forms = FormCatalog.all
        var best: (form: Form, score: Int)?
        for form in forms {
            let own = labels(of: form)
            let others = Set(forms.filter { $0 != form }.flatMap(labels(of:)))
            let distinctive = own.filter { label in !others.contains(where: { $0.contains(label) }) }
            let score = distinctive.filter { normalized.contains($0) }.count
            if score > (best?.score ?? 0) { best = (form, score) }
            else if score == best?.score, let year, form.years.contains(year) { best = (form, score) }
        }
        if let best, best.score > 0 { return best.form }
        return year.flatMap(FormCatalog.form(forYear:)) ?? FormCatalog.newest ?? forms[0]
    }

    /// Every row, column and caption label of a form, normalized without enumerators.
    private static func labels(of form: Form) -> Set<String> {
        var labels: Set<String> = []
        for table in form.tables {
            for row in table.rows {
                labels.formUnion(row.labelPath.map { Labels.core(Labels.normalize($0)) })
                for column in row.columns { labels.formUnion(column.labelPath.map { Labels.normalize($0) }) }
            }
            if case .blocks(let blocks) = table.layout { labels.formUnion(blocks.map { Labels.normalize($0.caption) }) }
        }
        return labels.filter { $0.count >= 2 }
    }
}

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
            line.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{00A0}\u{3000}")))
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
        let plain = !candidate.contains("。") && !candidate.contains("，") && !candidate.contains("\t") && candidate.count <= 40
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
