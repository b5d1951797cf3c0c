import Foundation

/// A Chinese help text laid out again for the terminal. ArgumentParser wraps help at spaces
/// and counts characters, so a Chinese sentence (two columns a character, no spaces) runs
/// past the edge or breaks at the odd space before a number. This joins what it wrapped and
/// wraps it again by display width, between any two Chinese characters, never before a
/// closing mark (，。）) nor after an opening one (（“).
enum HelpLayout {
    /// The column where ArgumentParser starts the help of an argument or option.
    static let helpColumn = 26

    /// `text` (a help text in Chinese) wrapped to `width` columns: the overview and the
    /// discussion (before the usage line) as paragraphs, each entry's help in its column.
    static func reflowed(_ text: String, width: Int) -> String {
        let lines = text.components(separatedBy: "\n")
        let usage = lines.firstIndex { $0.hasPrefix("用法：") } ?? lines.endIndex
        var result: [String] = []
        var paragraph: [String] = []
        func endParagraph() {
            if !paragraph.isEmpty { result += wrapped(paragraph.joined(separator: " "), width: width, indent: 0) }
            paragraph = []
        }
        for line in lines[..<usage] {
            if line.isEmpty {
                endParagraph()
                result.append(line)
            } else {
                paragraph.append(line)
            }
        }
        endParagraph()
        var index = usage
        let continuation = String(repeating: " ", count: helpColumn)
        // Entries come under a heading (参数：, 选项：, 子命令：); the usage lines before the
        // first heading are left as they are.
        var underHeading = false
        while index < lines.endIndex {
            let line = lines[index]
            index += 1
            if !line.hasPrefix(" ") && line.hasSuffix("：") { underHeading = true }
            // An entry: `  --port <port>           要监听的端口。`, its help maybe continued on
            // lines indented to the help column (or, after a long label, only there).
            guard underHeading, line.hasPrefix("  "), !line.hasPrefix(continuation),
                line.count > helpColumn || lines[index...].first?.hasPrefix(continuation) == true
            else {
                result.append(line)
                continue
            }
            let label = String(line.prefix(helpColumn))
            let labelFits = label.hasSuffix(" ") || line.count <= helpColumn
            var help = labelFits ? [String(line.dropFirst(helpColumn))] : []
            while index < lines.endIndex, lines[index].hasPrefix(continuation) {
                help.append(lines[index].trimmingCharacters(in: .whitespaces))
                index += 1
            }
            let joined = help.filter { !$0.isEmpty }.joined(separator: " ")
            guard !joined.isEmpty else {
                result.append(line)
                continue
            }
            let helpLines = wrapped(joined, width: max(20, width - helpColumn), indent: helpColumn)
            if labelFits {
                result.append(label + (helpLines.first?.dropFirst(helpColumn) ?? ""))
                result += helpLines.dropFirst()
            } else {
                result.append(line)
                result += helpLines
            }
        }
        return result.joined(separator: "\n")
    }

    /// Marks that may not begin a line, and marks that may not end one.
    private static let closing: Set<Character> = ["，", "。", "；", "：", "、", "）", "」", "』", "”", "’", "！", "？", "》", ")", ",", ".", ";", ":"]
    private static let opening: Set<Character> = ["（", "「", "『", "“", "‘", "《", "("]

    /// `text` in lines of at most `width` display columns (a word wider than that gets a
    /// line of its own), each indented by `indent` spaces.
    static func wrapped(_ text: String, width: Int, indent: Int) -> [String] {
        // Tokens: a Latin word, or one Chinese character, with the marks that cling to it;
        // `spaced` says whether a space stood before the token.
        var tokens: [(text: String, spaced: Bool)] = []
        var current = ""
        var spaced = false
        var pendingSpace = false
        func flush() {
            if !current.isEmpty { tokens.append((current, spaced)) }
            current = ""
        }
        for character in text {
            if character == " " {
                flush()
                pendingSpace = true
                continue
            }
            let wide = ComparisonGrid.displayWidth(String(character)) == 2
            let startsToken: Bool
            if current.isEmpty || closing.contains(character) {
                startsToken = current.isEmpty
            } else if let last = current.last, opening.contains(last) {
                startsToken = false
            } else {
                let lastWide = current.last.map { ComparisonGrid.displayWidth(String($0)) == 2 } ?? false
                startsToken = wide || lastWide
            }
            if startsToken {
                flush()
                spaced = pendingSpace
                pendingSpace = false
            }
            current.append(character)
        }
        flush()

        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for token in tokens {
            let tokenWidth = ComparisonGrid.displayWidth(token.text)
            // No space between two Chinese characters: one stood there only where
            // ArgumentParser had put a note on a line of its own.
            let betweenWide = isWide(line.last) && isWide(token.text.first)
            let separator = token.spaced && !line.isEmpty && !betweenWide ? " " : ""
            if !line.isEmpty && lineWidth + separator.count + tokenWidth > width {
                lines.append(margin + line)
                line = token.text
                lineWidth = tokenWidth
            } else {
                line += separator + token.text
                lineWidth += separator.count + tokenWidth
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(margin + line) }
        return lines
    }

    /// Whether a character takes two columns.
    private static func isWide(_ character: Character?) -> Bool {
        character.map { ComparisonGrid.displayWidth(String($0)) == 2 } ?? false
    }

    /// The terminal's width as ArgumentParser takes it: `COLUMNS`, else the terminal's own,
    /// else 80.
    static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
