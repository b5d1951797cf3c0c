import Foundation

/// How `xxgk serve` runs: where it listens, where it keeps its data, who may use it, and
/// how much one upload may weigh.
public struct ServerSettings: Sendable {
    /// The address to listen on (127.0.0.1 by default).
    public var host: String
    /// The port to listen on (0: any free port).
    public var port: Int
    /// The data folder: `xxgk.sqlite` and `files/`.
    public var dataFolder: URL
    /// The access password; nil only on a loopback address.
    public var password: String?
    /// The largest file accepted (413 beyond).
    public var maximumFileBytes: Int
    /// The largest request accepted (413 beyond).
    public var maximumRequestBytes: Int
    /// The name and version written into generated files.
    public var generator: String

    /// Settings with the defaults of `xxgk serve`: 20 MB a file, 200 MB a request.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataFolder: URL = ServerSettings.defaultDataFolder,
        password: String? = nil, maximumFileBytes: Int = 20 << 20, maximumRequestBytes: Int = 200 << 20,
        generator: String = "xxgk"
    ) {
        self.host = host
        self.port = port
        self.dataFolder = dataFolder
        self.password = password
        self.maximumFileBytes = maximumFileBytes
        self.maximumRequestBytes = maximumRequestBytes
        self.generator = generator
    }

    /// `$XDG_DATA_HOME/xxgk`, else `~/.local/share/xxgk`.
    public static var defaultDataFolder: URL {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("xxgk")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/xxgk")
    }

    /// Whether `host` is a loopback address, where no password is needed.
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// A password of 16 random letters and digits (without look-alikes), printed at start.
    public static func generatedPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
