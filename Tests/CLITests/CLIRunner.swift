import Foundation
import TestSupport
import XCTest

/// Runs the built `xxgk` binary, as a user would, and captures what it prints.
struct CLIRun {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

enum CLI {
    /// The folder of the package (two levels above this file's folder).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `xxgk` beside the test bundle.
    static var executable: URL {
        var folder = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("xxgk").path) {
            folder = packageRoot.appendingPathComponent(".build/debug")
        }
        return folder.appendingPathComponent("xxgk")
    }

    private final class Marker {}

    /// Runs `xxgk arguments`, optionally feeding `input` on standard input, with `environment` added to the test's.
    static func run(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:], in directory: URL? = nil) throws -> CLIRun {
        try runProgram(executable.path, arguments, input: input, environment: environment, in: directory)
    }

    /// Runs any program (python3 with openpyxl, soffice) and captures what it prints.
    static func runProgram(
        _ path: String, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:], in directory: URL? = nil
    ) throws -> CLIRun {
        let result = try ExternalProgram.capture(path, arguments, input: input, environment: environment, in: directory)
        return CLIRun(
            status: result.status,
            standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
            standardError: String(decoding: result.standardError, as: UTF8.self))
    }

    /// The files in a folder, for asserting that nothing was written.
    static func contents(of folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }
}
