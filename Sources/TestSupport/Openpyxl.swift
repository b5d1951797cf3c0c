import Foundation

/// What openpyxl sees in workbooks (Tests/Scripts/dump_workbook.py): the second opinion of
/// the writer tests, one Python run for many files.
public enum Openpyxl {
    /// Each workbook as openpyxl loads it, by the path given.
    public static func dump(_ files: [URL]) throws -> [String: Workbook] {
        let script = Fixtures.packageRoot.appendingPathComponent("Tests/Scripts/dump_workbook.py").path
        let data = try ExternalProgram.run("python3", [script] + files.map(\.path))
        return try JSONDecoder().decode([String: Workbook].self, from: data)
    }

    /// One workbook: its sheets, defined names, custom properties and title.
    public struct Workbook: Decodable, Sendable {
        public let sheets: [Sheet]
        public let names: [String: String]
        public let custom: [String: String]
        public let title: String?

        /// The sheet of this exact name.
        public func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }
    }

    /// One sheet: cells by reference, merges, validations, conditional formats and print setup.
    public struct Sheet: Decodable, Sendable {
        public let name: String
        public let cells: [String: Cell]
        public let merges: [String]
        public let validations: [Validation]
        public let conditional: [Conditional]
        public let protected: Bool
        public let password: String?
        public let freeze: String?
        public let paper: Int?
        public let orientation: String?
        public let fitToWidth: Int?
        public let fitToHeight: Int?
        public let fitToPage: Bool
        public let printTitleRows: String?
        public let centered: Bool
        public let footer: String?
        /// The range with filter buttons (`A1:K30`), when there is one.
        public let autofilter: String?
    }

    /// One cell: value, lock, formula and the style openpyxl reports.
    public struct Cell: Decodable, Sendable {
        public let value: Value?
        public let locked: Bool
        public let formula: String?
        public let fill: String?
        public let format: String?
        public let wrap: Bool?
        public let font: String?
        /// The cell's note (comment) text, when it has one.
        public let comment: String?
        /// The text rotation (255: stacked vertical), when turned.
        public let rotation: Int?
        /// Where the cell's link jumps (`'三、…'!D5`), when it is one.
        public let link: String?
    }

    /// A cell value as JSON gives it.
    public enum Value: Decodable, Equatable, Sendable {
        case number(Double)
        case string(String)
        case bool(Bool)

        /// Decodes a JSON boolean, number or string.
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    /// One data validation.
    public struct Validation: Decodable, Sendable {
        public let sqref: String
        public let type: String?
        public let formula1: String?
        public let formula2: String?
        public let allowBlank: Bool
        public let promptTitle: String?
        public let prompt: String?
        public let errorTitle: String?
        public let error: String?
    }

    /// One conditional-formatting rule.
    public struct Conditional: Decodable, Sendable {
        public let sqref: String
        public let type: String?
        public let formula: [String]
    }
}
