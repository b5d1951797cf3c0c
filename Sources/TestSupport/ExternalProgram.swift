import Foundation

/// What a program printed and how it ended.
public struct ProgramOutput: Sendable {
    public let status: Int32
    public let standardOutput: Data
    public let standardError: Data
}

/// A program that exited non-zero where the test needed it to succeed.
public struct ProgramFailure: Error, CustomStringConvertible {
    public let description: String
}

/// Runs the real programs the tests compare with (xxgk itself, python3 with openpyxl,
/// headless LibreOffice): one way for every test target.
public enum ExternalProgram {
    /// Runs `program` (a path, or a name looked up on PATH) and captures its output in files,
    /// not pipes, so a large output can never block it.
    public static func capture(
        _ program: String, _ arguments: [String], input: Data? = nil,
        environment: [String: String] = [:], in directory: URL? = nil
    ) throws -> ProgramOutput {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let directory = try TemporaryDirectory("run")
        defer { directory.remove() }
        let scratch = directory.url
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outURL)
        let error = try FileHandle(forWritingTo: errURL)
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        process.waitUntilExit()
        try output.close()
        try error.close()
        return ProgramOutput(
            status: process.terminationStatus,
            standardOutput: try Data(contentsOf: outURL),
            standardError: try Data(contentsOf: errURL))
    }

    /// Runs `program` and returns its standard output; throws `ProgramFailure` with its
    /// standard error when it exits non-zero.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Data {
        let result = try capture(program, arguments, environment: environment)
        guard result.status == 0 else {
            throw ProgramFailure(description: "\(program) \(arguments.joined(separator: " ")) exited \(result.status): \(String(decoding: result.standardError, as: UTF8.self))")
        }
        return result.standardOutput
    }
}
