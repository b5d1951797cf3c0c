import Foundation
import TestSupport

// `xxgk-soak [REPORTS] [SEED]`: the round-trip soak of docs/ROUNDTRIP.md over REPORTS random
// reports (default 10,000), in this process. Prints the figures; exits 1 with the seed and the
// first lost value when a trip loses one.
let arguments = CommandLine.arguments.dropFirst()
let count = arguments.first.flatMap { Int($0) } ?? 10_000
let seed = arguments.dropFirst().first.flatMap { UInt64($0) } ?? 20_261_203
do {
    let folder = try TemporaryDirectory("soak")
    defer { folder.remove() }
    let start = Date()
    let figures = try RoundTripSoak.run(count: count, seed: seed, folder: folder.url)
    let seconds = Date().timeIntervalSince(start)
    print(figures.description + String(format: " (%.1f s, %.2f ms a report, seed %llu)", seconds, seconds * 1000 / Double(max(1, figures.reports)), seed))
    print("time by kind: " + figures.seconds.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f s", $0.key, $0.value) }.joined(separator: ", "))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
