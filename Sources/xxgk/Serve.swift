import ArgumentParser
import Foundation
import ReportModel
import ReportServer

/// `xxgk serve`: the disclosure office's web page for collecting and checking submissions.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("cli.serve.abstract"),
        discussion: Messages.text("cli.serve.discussion"))

    @Option(help: ArgumentHelp(Messages.text("cli.serve.host")))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp(Messages.text("cli.serve.port")))
    var port = 8080

    @Option(help: ArgumentHelp(Messages.text("cli.serve.data"), valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp(Messages.text("cli.serve.password")))
    var password: String?

    /// Writes a line to standard output at once (unbuffered: a script waiting for the banner sees it).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError(Messages.text("cli.serve.bad_port", ["port": String(port)])) }
        if let password, password.isEmpty { throw ValidationError(Messages.text("cli.serve.empty_password")) }
    }

    func run() async throws {
        var settings = ServerSettings(host: host, port: port, password: password, generator: XXGK.generator)
        if let data { settings.dataFolder = URL(fileURLWithPath: data) }
        if settings.password == nil && !ServerSettings.isLoopback(host) {
            let generated = ServerSettings.generatedPassword()
            settings.password = generated
            Self.say(Messages.text("cli.serve.generated_password", ["password": generated]))
        }
        let server: ReportServer
        do {
            server = try ReportServer(settings: settings)
        } catch {
            throw OutputError(path: settings.dataFolder.path, reason: Messages.text("cli.serve.cannot_open_data", ["error": "\(error)"]))
        }
        defer { try? server.close() }
        let address = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        let banner = Messages.text("cli.serve.banner", ["address": address, "folder": settings.dataFolder.path])
        do {
            try await server.run { Self.say(banner) }
        } catch {
            // A port in use or an address not of this machine: said plainly, exit 73 as for
            // every place the command cannot create.
            throw OutputError(path: address, reason: Messages.text("cli.serve.cannot_listen", ["error": "\(error)"]))
        }
    }
}
