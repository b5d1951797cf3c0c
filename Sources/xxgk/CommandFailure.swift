import ArgumentParser
import Foundation
import ReportModel

/// How a command ends when it does not succeed: the one mapping from error to message and
/// exit code. Commands throw; only `exit(for:in:)` prints an error and picks the code.
enum CommandFailure: Error {
    /// A cross-check failed; the findings are printed already (exit 1).
    case checksFailed
    /// Inputs could not be read; their messages are printed already (exit 2).
    case inputsUnreadable
    /// Reports were read but cannot be used together (mixed forms or years in `sum`): exit 2.
    case inputsIncompatible(String)

    /// Exit 0: done and every check passed.
    static let success: Int32 = 0
    /// Exit 1: a cross-check failed.
    static let checkFailedCode: Int32 = 1
    /// Exit 2: an input could not be read or is not a report of a known form.
    static let unreadableCode: Int32 = 2
    /// Exit 64 (EX_USAGE): wrong usage.
    static let usageCode: Int32 = 64
    /// Exit 73 (EX_CANTCREAT): an output could not be written.
    static let outputCode: Int32 = 73

    /// The exit codes as the help texts state them.
    static let exitCodesHelp = Messages.text("cli.exit_codes", [
        "success": String(success), "failed": String(checkFailedCode), "unreadable": String(unreadableCode),
        "usage": String(usageCode), "output": String(outputCode),
    ])

    /// Prints what `error` says (if it was not printed yet) and exits with its code. Usage
    /// errors are shown with the usage of `command`, the subcommand that raised them.
    static func exit(for error: Error, in command: ParsableCommand.Type) -> Never {
        switch error {
        case CommandFailure.checksFailed:
            Foundation.exit(checkFailedCode)
        case CommandFailure.inputsUnreadable:
            Foundation.exit(unreadableCode)
        case CommandFailure.inputsIncompatible(let message):
            printError(Diagnostic.line(severity: .error, parts: [], message: message))
            Foundation.exit(unreadableCode)
        case let error as ReportInputError:
            printError(error.description)
            Foundation.exit(unreadableCode)
        case let error as OutputError:
            printError(error.description)
            Foundation.exit(outputCode)
        case let error as ExitCode:
            Foundation.exit(error.rawValue)
        case let error as ValidationError:
            // The usage of the subcommand that was run, with the tool's name before it.
            let name = command.configuration.commandName ?? "\(command)".lowercased()
            let path = command == XXGK.self ? "xxgk" : "xxgk \(name)"
            printError(ParserMessages.usageError(message: error.message, usage: XXGK.usageString(for: command), command: path))
            Foundation.exit(usageCode)
        default:
            exitParsing(error)
        }
    }

    /// Prints what ArgumentParser says of `error` (help, version, a usage error), its fixed
    /// English words in the process's language, and exits with ArgumentParser's code.
    static func exitParsing(_ error: Error) -> Never {
        let code = XXGK.exitCode(for: error)
        let text = ParserMessages.translated(XXGK.fullMessage(for: error))
        if code == .success {
            if !text.isEmpty { print(text) }
        } else {
            printError(text)
        }
        Foundation.exit(code.rawValue)
    }
}
