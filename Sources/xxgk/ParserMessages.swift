import Foundation
import ReportModel

/// ArgumentParser's own words — the headings of a help text, the frame of a usage error and
/// its common parse errors — in the process's language. ArgumentParser speaks English only:
/// in English its text passes unchanged, in Chinese its fixed phrases are replaced by the
/// catalogue's (`cli.help.*`, `cli.usage.*`, `cli.parse.*`). A phrase not recognised stays
/// as ArgumentParser wrote it, so nothing is lost when a new version words it differently.
enum ParserMessages {
    /// `text` (a help text or `Error: …\nUsage: …`) in the process's language.
    static func translated(_ text: String) -> String {
        guard Language.current != .english else { return text }
        return text.hasPrefix(errorPrefix) ? translatedError(text) : translatedHelp(text)
    }

    /// `Error: …` / `Usage: …` / `  See 'xxgk convert --help' …`: a usage error with the
    /// usage of the command that raised it.
    static func usageError(message: String, usage: String, command: String) -> String {
        [
            Messages.text("cli.usage.error", ["message": message]),
            Messages.text("cli.usage.usage", ["usage": usage]),
            Messages.text("cli.usage.see_help", ["command": command]),
        ].joined(separator: "\n")
    }

    private static let errorPrefix = "Error: "
    private static let usageMarker = "\nUsage: "
    private static let helpMarker = "\nHelp:  "
    private static let seeHelpMarker = "\n  See '"
    private static let seeHelpEnd = " --help' for more information."

    /// A usage error as ArgumentParser frames it, taken apart and framed again.
    private static func translatedError(_ text: String) -> String {
        let body = String(text.dropFirst(errorPrefix.count))
        guard let usageStart = body.range(of: usageMarker) else {
            return Messages.text("cli.usage.error", ["message": translatedParseError(body)])
        }
        var message = translatedParseError(String(body[..<usageStart.lowerBound]))
        // ArgumentParser adds the help of the argument at fault: `Help:  <output>  …`.
        if let help = body[..<usageStart.lowerBound].range(of: helpMarker) {
            message = translatedParseError(String(body[..<help.lowerBound])) + "\n"
                + Messages.text("cli.usage.help", ["text": String(body[help.upperBound..<usageStart.lowerBound])])
        }
        var usage = String(body[usageStart.upperBound...])
        var command = "xxgk"
        if let see = usage.range(of: seeHelpMarker, options: .backwards), usage.hasSuffix(seeHelpEnd) {
            command = String(usage[see.upperBound...].dropLast(seeHelpEnd.count))
            usage = String(usage[..<see.lowerBound])
        }
        return usageError(message: message, usage: usage, command: command)
    }

    /// ArgumentParser's parse errors that users meet: each an English pattern and what says
    /// it from the pattern's captures. Built when needed (an error is said once a run).
    private static func parseErrors() -> [(pattern: String, say: ([String]) -> String)] {
        [
            (#"^Unknown option '(.+)'$"#, { Messages.text("cli.parse.unknown_option", ["option": $0[0]]) }),
            (#"^Missing expected argument '(.+)'$"#, { Messages.text("cli.parse.missing_argument", ["argument": $0[0]]) }),
            (#"^Missing value for '(.+)'$"#, { Messages.text("cli.parse.missing_value", ["option": $0[0]]) }),
            (#"^Unexpected argument '(.+)'$"#, { Messages.text("cli.parse.unexpected_argument", ["argument": $0[0]]) }),
            (#"^(\d+) unexpected arguments: (.+)$"#, { Messages.text("cli.parse.unexpected_arguments", ["count": $0[0], "arguments": $0[1]]) }),
            (#"^The value '(.*)' is invalid for '([^']+)'\. Please provide one of (.+)\.$"#,
             { Messages.text("cli.parse.invalid_value_choices", ["value": $0[0], "option": $0[1], "choices": choices($0[2])]) }),
            (#"^The value '(.*)' is invalid for '([^']+)'$"#, { Messages.text("cli.parse.invalid_value", ["value": $0[0], "option": $0[1]]) }),
            (#"^Invalid option: (.+)$"#, { Messages.text("cli.parse.invalid_option", ["option": $0[0]]) }),
        ]
    }

    /// `'json', 'xlsx' or 'md'` → `'json'、'xlsx'、'md'`: ArgumentParser's list of values
    /// without its English "or".
    private static func choices(_ list: String) -> String {
        list.replacingOccurrences(of: "', '", with: "'\(Messages.text("list.separator"))'")
            .replacingOccurrences(of: "' or '", with: "'\(Messages.text("list.separator"))'")
    }

    /// One of ArgumentParser's parse errors in the process's language; any other message
    /// (ours are already in it) unchanged.
    private static func translatedParseError(_ message: String) -> String {
        for (pattern, say) in parseErrors() {
            guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
                let match = expression.firstMatch(in: message, range: NSRange(message.startIndex..., in: message))
            else { continue }
            return say(captures(of: match, in: message))
        }
        return message
    }

    /// A help text's headings, its `(default: …)` / `(values: …)` notes and the texts of
    /// `--help` and `--version` in the process's language.
    private static func translatedHelp(_ text: String) -> String {
        let lines = text.components(separatedBy: "\n").map { line -> String in
            switch line {
            case "ARGUMENTS:": return Messages.text("cli.help.arguments")
            case "OPTIONS:": return Messages.text("cli.help.options")
            case "SUBCOMMANDS:": return Messages.text("cli.help.subcommands")
            default: break
            }
            if line.hasPrefix("OVERVIEW: ") { return Messages.text("cli.help.overview", ["text": String(line.dropFirst("OVERVIEW: ".count))]) }
            if line.hasPrefix("USAGE: ") { return Messages.text("cli.help.usage", ["text": String(line.dropFirst("USAGE: ".count))]) }
            return line
        }
        var result = lines.joined(separator: "\n")
            .replacingOccurrences(of: "Show help information.", with: Messages.text("cli.help.show_help"))
            .replacingOccurrences(of: "Show the version.", with: Messages.text("cli.help.show_version"))
        // The notes ArgumentParser appends to an option's help, and the subcommands' footer;
        // the combined note first, as the plain ones would match inside it. A note may be
        // wrapped onto the next line: its captures are taken with their spaces collapsed, and
        // only the space between a help and its note is dropped (not a line's indentation).
        let notes: [(pattern: String, say: ([String]) -> String)] = [
            (#"(?:(?<=\S) )?\(values:\s+([^;()]*);\s+default:\s+([^()]*)\)"#, { Messages.text("cli.help.values_default", ["values": $0[0], "value": $0[1]]) }),
            (#"(?:(?<=\S) )?\(values:\s+([^;()]*)\)"#, { Messages.text("cli.help.values", ["values": $0[0]]) }),
            (#"(?:(?<=\S) )?\(default:\s+([^()]*)\)"#, { Messages.text("cli.help.default", ["value": $0[0]]) }),
            (#"See '([^'\n]+) <subcommand>' for detailed help\."#, { Messages.text("cli.help.subcommand_help", ["command": $0[0]]) }),
        ]
        for (pattern, say) in notes {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            for match in expression.matches(in: result, range: NSRange(result.startIndex..., in: result)).reversed() {
                guard let whole = Range(match.range, in: result) else { continue }
                result.replaceSubrange(whole, with: say(captures(of: match, in: result)))
            }
        }
        // A completion script or a version is no help text to lay out.
        guard result.hasPrefix(Messages.text("cli.help.overview", ["text": ""])) else { return result }
        return HelpLayout.reflowed(result, width: HelpLayout.terminalWidth)
    }

    /// The texts of a match's capture groups ("" for a group that took no part).
    private static func captures(of match: NSTextCheckingResult, in text: String) -> [String] {
        (1..<max(1, match.numberOfRanges)).map { index in
            guard let range = Range(match.range(at: index), in: text) else { return "" }
            return text[range].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }
}
