// Reads a published PDF report N times in one process and prints the CPU and wall time per
// read and per page, for `make bench` (bench/pdf.sh).
//
// Usage: xxgk-pdf-bench REPORT.pdf COUNT
import Foundation
import PDFReport

/// User + system CPU seconds of this process so far (C's clock()).
func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[2]), count > 0, let pages = Int(arguments[3]), pages > 0 else {
    FileHandle.standardError.write(Data("usage: xxgk-pdf-bench REPORT.pdf COUNT PAGES\n".utf8))
    exit(64)
}
do {
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
    let startCPU = cpuSeconds()
    let startWall = Date()
    var values = 0
    for _ in 0..<count {
        values += try PDFReport.read(data, file: arguments[1]).report.values.count
    }
    let cpu = (cpuSeconds() - startCPU) / Double(count) * 1000
    let wall = Date().timeIntervalSince(startWall) / Double(count) * 1000
    print(String(format: "xxgk-pdf-bench: %d reads, %.2f ms CPU / %.2f ms wall per read, %.2f ms CPU per page (%d values each)",
                 count, cpu, wall, cpu / Double(pages), values / count))
} catch {
    FileHandle.standardError.write(Data("xxgk-pdf-bench: \(error)\n".utf8))
    exit(2)
}
