import Foundation

/// A language xxgk speaks to its users in. Chinese is the default; English on request.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh-Hans"
    case english = "en"

    /// The language a `--lang` value or a locale name asks for (`zh`, `zh_CN.UTF-8`,
    /// `zh-Hans`, `en`, `en_US.UTF-8`, …); nil for one xxgk does not speak.
    public init?(code: String) {
        let lowered = code.lowercased()
        if lowered.hasPrefix("zh") || lowered == "cn" || lowered == "chinese" || lowered == "中文" {
            self = .chinese
        } else if lowered.hasPrefix("en") || lowered == "english" {
            self = .english
        } else {
            return nil
        }
    }

    /// The language the environment asks for: `XXGK_LANG` first, then the locale variables
    /// in POSIX order (`LC_ALL`, `LC_MESSAGES`, `LANG`). Only a locale that names English
    /// gives English; `C`, `POSIX`, unset or anything else gives Chinese, because the users
    /// are Chinese civil servants whose machines often run with no locale at all.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        if let chosen = environment["XXGK_LANG"], !chosen.isEmpty, let language = Language(code: chosen) {
            return language
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .english : .chinese
        }
        return .chinese
    }

    /// The language of this process, fixed at its first use. The command line sets
    /// `XXGK_LANG` from `--lang` before anything is said, so one immutable value serves
    /// every thread.
    public static let current = Language.fromEnvironment(ProcessInfo.processInfo.environment)
}

/// The message catalogues: every sentence xxgk says, by key, once per language
/// (`templates/messages-zh-Hans.json`, `templates/messages-en.json`), with `{name}`
/// placeholders for the values of each use.
public enum Messages {
    /// The sentence of `key` in the process's language, its placeholders filled.
    public static func text(_ key: String, _ arguments: KeyValuePairs<String, String> = [:]) -> String {
        text(key, in: .current, arguments)
    }

    /// The sentence of `key` in `language`, its placeholders filled. A key missing from
    /// the catalogue (a test fails for that) falls back to English, then to the key itself,
    /// so nothing is ever left unsaid.
    public static func text(_ key: String, in language: Language, _ arguments: KeyValuePairs<String, String> = [:]) -> String {
        guard let template = sentences(language)[key] ?? sentences(.english)[key] else { return key }
        return filled(template, arguments)
    }

    /// Every key of `language`'s catalogue with its sentence.
    public static func catalogue(_ language: Language) -> [String: String] { sentences(language) }

    /// The placeholder names (`{found}` → `found`) a sentence uses.
    public static func placeholders(in template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(String(name)) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    private static func filled(_ template: String, _ arguments: KeyValuePairs<String, String>) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var result = template
        for (name, value) in arguments {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// A language's sentences, each catalogue decoded at its first use: a process that
    /// speaks Chinese never pays for the English one (and the reverse) at start-up.
    private static func sentences(_ language: Language) -> [String: String] {
        switch language {
        case .chinese: chineseSentences
        case .english: englishSentences
        }
    }

    private static let chineseSentences = embeddedCatalogue(.chinese)
    private static let englishSentences = embeddedCatalogue(.english)

    /// The catalogue embedded from `templates/messages-<code>.json` at build time.
    private static func embeddedCatalogue(_ language: Language) -> [String: String] {
        guard let entry = embeddedFormDefinitions.first(where: { $0.name == "messages-\(language.rawValue).json" }),
            let data = Data(base64Encoded: entry.base64),
            case .object(let members)? = try? JSONParser.parse(data)
        else { return [:] }
        var sentences: [String: String] = [:]
        for member in members {
            if case .string(let sentence) = member.value { sentences[member.key] = sentence }
        }
        return sentences
    }
}

extension Severity {
    /// `错误` / `error`: the word a message starts with.
    public var word: String { Messages.text("severity.\(rawValue)") }
}
