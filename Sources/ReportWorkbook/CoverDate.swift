import ReportModel
import XLSX

/// The cover's 成文日期: a serial date number (1900 or 1904 system) or typed text
/// (`2022-01-20`, `2022/1/20`, `2022.1.20`, `2022年1月20日`).
enum CoverDate {
    static func parse(_ value: CellValue, uses1904: Bool) -> ReportDate? {
        switch value {
        case .number(let text):
            guard let serial = Double(text), serial >= 1, serial < 3_000_000 else { return nil }
            return fromSerial(Int(serial.rounded(.down)) + (uses1904 ? 1462 : 0))
        case .string(let raw):
            let text = ImportedValue.trimmed(raw)
            let parts = text.split(whereSeparator: { "-/.年月日".contains($0) }).map(String.init)
            guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
            return ReportDate(year: year, month: month, day: day)
        default:
            return nil
        }
    }

    /// The civil date of an Excel serial day (days since 1899-12-30), by Howard Hinnant's algorithm.
    static func fromSerial(_ serial: Int) -> ReportDate? {
        let days = serial - 25_569 + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return ReportDate(year: year, month: month, day: day)
    }
}
