import Foundation

/// CSV as Excel and WPS open it: RFC 4180 quoting, a UTF-8 byte order mark so the Chinese
/// text shows correctly, CRLF line ends, and text that looks like a formula kept as text.
public enum CSVText {
    /// One field: text from submissions (an agency named "=HYPERLINK(…)") must not become a
    /// formula when the file is opened in Excel or WPS, so a leading `= + - @` (or tab, CR)
    /// gets an apostrophe; then quoted when it holds a comma, quote or line break.
    public static func field(_ original: String) -> String {
        let text = original.first.map { "=+-@\t\r".contains($0) } == true ? "'" + original : original
        return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            : text
    }

    /// The document: lines of already-formatted fields, with the byte order mark.
    public static func document(_ lines: [[String]]) -> String {
        "\u{FEFF}" + lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
