import ReportModel
import XLSX

/// The look of the workbook: one CJK font (宋体, the official forms' face; LibreOffice
/// substitutes an installed CJK font), borders on every table cell, input cells shaded
/// light yellow and unlocked, totals shaded grey.
enum WorkbookStyles {
    static let fontName = "宋体"
    static let inputFill: UInt32 = 0xFFF2CC
    static let totalFill: UInt32 = 0xEDEDED
    static let headerFill: UInt32 = 0xF2F2F2

    static let base: CellStyle = {
        var style = CellStyle()
        style.fontName = fontName
        style.fontSize = Metrics.bodyPoints
        style.vertical = .center
        return style
    }()

    /// The style of a label cell by its role.
    static func label(_ role: LabelRole) -> CellStyle { labels[role] ?? base }

    /// The style of a placed label: its role's, with stacked characters when it is vertical.
    static func label(_ label: LabelCell) -> CellStyle {
        guard label.isVertical else { return self.label(label.role) }
        var style = self.label(label.role)
        style.rotation = .stacked
        style.horizontal = .center
        return style
    }

    /// The checks sheet's top line: bold, a little larger, no border.
    static let checksSummary: CellStyle = {
        var style = base
        style.bold = true
        style.fontSize = 13
        style.horizontal = .left
        return style
    }()

    /// A link on the checks sheet to the cells of a rule: bordered, wrapped, blue and underlined
    /// like every link.
    static let checkLink: CellStyle = {
        var style = lockedValue
        style.fontColor = 0x0563C1
        style.underlined = true
        return style
    }()

    /// The text of a free-text section's row: wrapped, unlocked, shaded like every input.
    static let textRow: CellStyle = {
        var style = textInput
        style.vertical = .top
        return style
    }()

    /// The style of a free-text section's column: unlocked and wrapped, so a department may
    /// continue the text in any row below, but without shading or border, which would print.
    static let textColumn: CellStyle = {
        var style = base
        style.locked = false
        style.wrapsText = true
        style.vertical = .top
        return style
    }()
    private static let labels: [LabelRole: CellStyle] = Dictionary(uniqueKeysWithValues: LabelRole.allCases.map { ($0, makeLabel($0)) })

    private static func makeLabel(_ role: LabelRole) -> CellStyle {
        var style = base
        style.wrapsText = true
        switch role {
        case .title:
            style.fontSize = Metrics.titlePoints
            style.bold = true
            style.horizontal = .center
        case .caption:
            style.bold = true
            style.horizontal = .left
            style.bordered = true
        case .corner, .columnHeader:
            style.horizontal = .center
            style.bordered = true
            style.fillColor = headerFill
        case .rowHeader:
            style.horizontal = .left
            style.bordered = true
        case .fieldName:
            style.bold = true
            style.horizontal = .left
        case .instructions:
            style.horizontal = .left
            style.vertical = .top
        }
        return style
    }

    /// An input cell for a value of `kind`: unlocked, shaded, right-aligned with its number format.
    static func input(_ kind: ValueKind, units: Units) -> CellStyle {
        var style = inputBase
        style.numberFormat = numberFormat(kind, units: units)
        return style
    }

    private static let inputBase: CellStyle = {
        var style = base
        style.bordered = true
        style.locked = false
        style.fillColor = inputFill
        style.horizontal = .right
        return style
    }()

    /// A total cell (a formula): locked and grey.
    static func total(_ kind: ValueKind, units: Units) -> CellStyle {
        var style = totalBase
        style.numberFormat = numberFormat(kind, units: units)
        return style
    }

    private static let totalBase: CellStyle = {
        var style = base
        style.bordered = true
        style.fillColor = totalFill
        style.horizontal = .right
        return style
    }()

    /// A total written as the report's printed value instead of its formula: locked like a
    /// total, orange so it stands out from the grey formulas (its note gives both numbers).
    static func printedTotal(_ kind: ValueKind, units: Units) -> CellStyle {
        var style = total(kind, units: units)
        style.fillColor = printedTotalFill
        return style
    }

    /// Light orange: a printed total kept where its formula would show another value.
    static let printedTotalFill: UInt32 = 0xF8CBAD

    /// A large wrapped text input (text sections, notes, the agency name).
    static let textInput: CellStyle = {
        var style = base
        style.bordered = true
        style.locked = false
        style.fillColor = inputFill
        style.wrapsText = true
        style.horizontal = .left
        style.vertical = .top
        return style
    }()

    /// A one-line input on the cover (year, date) with a number format.
    static func coverInput(numberFormat: String?) -> CellStyle {
        var style = textInput
        style.vertical = .center
        style.numberFormat = numberFormat
        return style
    }

    /// A locked value on the cover (表式版本) or a cell of the checks sheet.
    static let lockedValue: CellStyle = {
        var style = base
        style.bordered = true
        style.wrapsText = true
        style.horizontal = .left
        return style
    }()

    /// A sum on the checks sheet.
    static let checkNumber: CellStyle = {
        var style = lockedValue
        style.horizontal = .right
        return style
    }()

    /// Conditional highlight of a failing rule's cells and of 不通过 (Excel's light red fill, dark red text).
    static let failed: CellStyle = {
        var style = CellStyle()
        style.fillColor = 0xFFC7CE
        style.fontColor = 0x9C0006
        return style
    }()

    static let dateFormat = "yyyy\"年\"m\"月\"d\"日\""

    /// Whole numbers as `0`; amounts with two decimals always and up to the form's
    /// `amount_decimals` when the value has them (`0.00##`: 199.20, 4068.208), so no digit
    /// of an amount is hidden.
    static func numberFormat(_ kind: ValueKind, units: Units) -> String {
        guard kind == .amount else { return "0" }
        let decimals = max(0, units.amountDecimals)
        let fixed = min(2, decimals)
        return (fixed > 0 ? "0." + String(repeating: "0", count: fixed) : "0") + String(repeating: "#", count: decimals - fixed)
    }
}
