import Foundation
import ReportModel

/// `--lang zh|en`, accepted anywhere on the command line: taken out before the arguments
/// are parsed and passed on as `XXGK_LANG`, so that `Language.current` (fixed at its first
/// use) and every help text already speak the language asked for.
enum LanguageOption {
    /// The arguments without `--lang VALUE` / `--lang=VALUE`; the language chosen is put in
    /// the environment. Returns the unknown value instead when there is one.
    static func apply(to arguments: [String]) -> (arguments: [String], unknown: String?) {
        var remaining: [String] = []
        var chosen: String?
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" {
                remaining += arguments[index...]
                break
            }
            if argument == "--lang" {
                chosen = index + 1 < arguments.endIndex ? arguments[index + 1] : ""
                index += 2
                continue
            }
            if argument.hasPrefix("--lang=") {
                chosen = String(argument.dropFirst("--lang=".count))
            } else {
                remaining.append(argument)
            }
            index += 1
        }
        guard let chosen else { return (remaining, nil) }
        guard let language = Language(code: chosen) else { return (remaining, chosen) }
        setenv("XXGK_LANG", language.rawValue, 1)
        return (remaining, nil)
    }
}
