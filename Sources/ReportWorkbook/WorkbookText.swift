import Foundation
import ReportModel

/// The workbook's own words (not the form's): cover field names, instructions, check-sheet
/// headers, validation messages. Kept in one place so every sheet speaks the same language.
enum WorkbookText {
    static let coverFieldNames: [WorkbookLayout.CoverField: String] = [
        .agency: "机关名称",
        .year: "报告年度",
        .date: "成文日期",
        .form: "表式版本",
    ]
    static let instructionsName = "填报说明"
    /// The cover's instructions for `form` only: the years it serves, the kinds of values its
    /// tables hold (本年增/减 only where a column takes changes, amounts only where one is
    /// an amount) and its unit of amounts.
    static func instructions(for form: Form) -> String {
        let kinds = Set(form.tables.flatMap { $0.rows.flatMap { $0.columns.map(\.kind) } })
        let years = form.years.last.map { "\(form.years.first)—\($0)年度" } ?? "\(form.years.first)年度起"
        var numbers = ["件数填写大于或等于 0 的整数"]
        if kinds.contains(.change) { numbers.append("本年增/减可填负数") }
        if kinds.contains(.amount) {
            numbers.append("金额以\(form.units.amount)为单位、最多\(chineseCount(form.units.amountDecimals))位小数")
        }
        return """
            本表式为《\(form.name)》，用于\(years)的年度报告。
            1. 请在浅黄色单元格中填写，其余单元格已锁定（审阅 › 撤销工作表保护 可解除，无密码）。
            2. 表格数字：\(numbers.joined(separator: "，"))；没有发生的填 0，不适用的留空。
            3. 灰色单元格（各“总计”）由公式自动计算，无需填写；橙色的总计单元格是报告所列数值（与各项之和不符，或各项均为空白），原样保留，批注中列出两个数值。
            4. “校验”工作表逐条列出勾稽关系，显示“通过”或“不通过”；不通过的单元格在表中显示为红色。
            5. 文字部分每段填在一行（第 2 行起，向下续填）；一段之内可用 Alt+Enter 换行。
            """
    }

    /// 两, 三, 四: how many decimals, as the instructions say it.
    static func chineseCount(_ count: Int) -> String {
        let words = ["零", "一", "两", "三", "四", "五", "六"]
        return count >= 0 && count < words.count ? words[count] : String(count)
    }

    /// The note on a total kept as printed: `报告所列数值 23，各项之和 22`, `报告所列数值 空白，
    /// 各项之和 7`, `报告所列数值 0，各项均为空白`.
    static func printedTotalNote(printed: Decimal?, sum: Decimal?) -> String {
        let shown = "报告所列数值 " + (printed.map(ReportJSON.format) ?? "空白")
        return shown + "，" + (sum.map { "各项之和 " + ReportJSON.format($0) } ?? "各项均为空白")
    }

    /// Who wrote the notes, as the comment box shows it.
    static let noteAuthor = "xxgk"

    static let notesCaption = "本表说明（可不填）："

    static let checksHeaders: [WorkbookLayout.CheckColumn: String] = [
        .title: "勾稽关系", .place: "位置", .cells: "单元格", .left: "左边", .right: "右边", .result: "结果",
    ]
    /// Widths summing to about one landscape A4 page at 100 % (~150 characters).
    static let checksWidths: [WorkbookLayout.CheckColumn: Double] = [
        .title: 30, .place: 40, .cells: 48, .left: 9, .right: 9, .result: 9,
    ]
    /// `工作表「三、收到和处理政府信息公开申请情况」D5:D6 = D28:D29`: cells on their sheet.
    static func cells(_ cells: String, onSheet sheet: String) -> String { "工作表「\(sheet)」\(cells)" }
    /// The formula of the checks sheet's top line over the result cells `results`
    /// (`F3:F40`): `共 38 项，2 项不通过`, recomputed whenever a value changes.
    static func checksSummaryFormula(results: String) -> String {
        "=\"共 \"&ROWS(\(results))&\" 项，\"&COUNTIF(\(results),\"\(failed)\")&\" 项不通过\""
    }
    /// What the top line shows for `count` rule instances of which `failures` fail.
    static func checksSummary(count: Int, failures: Int) -> String { "共 \(count) 项，\(failures) 项不通过" }
    /// `自然人 列` / `行政复议 行`: where a rule instance runs.
    static func place(column label: String) -> String { "\(label) 列" }
    static func place(row label: String) -> String { "\(label) 行" }
    static let passed = "通过"
    static let failed = "不通过"

    static let inputTitle = "请填写"
    static let errorTitle = "填写有误"

    /// The prompt shown when a value cell of this kind is selected.
    static func inputMessage(_ kind: ValueKind, units: Units) -> String {
        switch kind {
        case .count: return "填写大于或等于 0 的整数；不适用的留空。"
        case .change: return "填写整数，减少填负数；不适用的留空。"
        case .amount: return "填写金额（\(units.amount)），大于或等于 0，最多\(chineseCount(units.amountDecimals))位小数。"
        }
    }

    /// The message shown when a value that does not fit the kind is entered.
    static func errorMessage(_ kind: ValueKind, units: Units) -> String {
        switch kind {
        case .count: return "此处只能填写大于或等于 0 的整数。"
        case .change: return "此处只能填写整数（可为负数）。"
        case .amount: return "此处只能填写大于或等于 0 的金额，最多\(chineseCount(units.amountDecimals))位小数。"
        }
    }

    static let yearMessage = "填写报告所属年度，如 2021。"
    static let yearError = "年度应为 \(ReportYears.accepted.lowerBound) 至 \(ReportYears.accepted.upperBound) 之间的整数。"
    static let dateMessage = "填写成文日期，如 2022-01-20。"
    static let dateError = "请填写有效日期。"
    static let agencyMessage = "填写机关全称。"
    static let textMessage = "每段填在一行，下一段填在下一行；一段之内可用 Alt+Enter 换行。"
}
