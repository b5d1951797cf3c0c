import ArgumentParser
import Foundation
import ReportModel
import ReportServer

/// `xxgk serve`: the disclosure office's web page for collecting and checking submissions.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web page for collecting, checking and summing the departments' reports (in Chinese).",
        discussion: """
            Listens on 127.0.0.1 by default. Any other address needs an access password (--password, or one \
            generated and printed at start), asked for by a login form and accepted from API clients as \
            "Authorization: Bearer PASSWORD". Rounds, submissions and the uploaded files are kept in DIR \
            (default: $XDG_DATA_HOME/xxgk or ~/.local/share/xxgk). The JSON API is described in docs/openapi.yaml. \
            Runs until interrupted (SIGINT, SIGTERM). Exit code 73 if the data folder cannot be opened or the \
            address cannot be listened on.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The data folder (database and uploaded files).", valueName: "dir"))
    var data: String?

    @Option(help: "The access password (required off 127.0.0.1; generated when not given).")
    var password: String?

    /// Writes a line to standard output at once (unbuffered: a script waiting for the banner sees it).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        if let password, password.isEmpty { throw ValidationError("--password must not be empty") }
    }

    func run() async throws {
        var settings = ServerSettings(host: host, port: port, password: password, generator: XXGK.generator)
        if let data { settings.dataFolder = URL(fileURLWithPath: data) }
        if settings.password == nil && !ServerSettings.isLoopback(host) {
            let generated = ServerSettings.generatedPassword()
            settings.password = generated
            Self.say("访问密码 (access password): \(generated)")
        }
        let server: ReportServer
        do {
            server = try ReportServer(settings: settings)
        } catch {
            throw OutputError(path: settings.dataFolder.path, reason: "cannot open the data folder: \(error)")
        }
        defer { try? server.close() }
        let address = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        let banner = "xxgk serve: http://\(address)/  (data: \(settings.dataFolder.path))"
        do {
            try await server.run { Self.say(banner) }
        } catch {
            // A port in use or an address not of this machine: said plainly, exit 73 as for
            // every place the command cannot create.
            throw OutputError(path: address, reason: "cannot listen there: \(error)")
        }
    }
}
