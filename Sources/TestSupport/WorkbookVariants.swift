import Foundation

/// The hand-made workbooks of Tests/Scripts/make_xlsx_variant.py, the one fixture generator of
/// the reader tests and the `xxgk cells` tests: each variant is named after what it shows.
public enum WorkbookVariants {
    /// The generator script.
    public static let script = Fixtures.packageRoot.appendingPathComponent("Tests/Scripts/make_xlsx_variant.py").path

    /// Writes each variant as `NAME.xlsx` into `folder` with one run of the script; returns the paths by name.
    public static func write(_ names: [String], into folder: URL) throws -> [String: String] {
        try ExternalProgram.run("python3", [script, "--into", folder.path] + names)
        return Dictionary(names.map { ($0, folder.appendingPathComponent("\($0).xlsx").path) }, uniquingKeysWith: { first, _ in first })
    }

    /// Writes the variant `name` as `NAME.xlsx` into `folder`; returns its path.
    public static func write(_ name: String, into folder: URL) throws -> String {
        let path = folder.appendingPathComponent("\(name).xlsx").path
        try ExternalProgram.run("python3", [script, name, path])
        return path
    }
}
