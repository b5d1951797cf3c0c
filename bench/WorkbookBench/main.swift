// Writes a report as a filled workbook N times in one process and prints the CPU and wall
// time per workbook, for `make bench` (bench/workbooks.sh).
//
// Usage: xxgk-workbook-bench REPORT.json COUNT OUTPUT_FOLDER
import Foundation
import ReportModel
import ReportWorkbook

/// User + system CPU seconds of this process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[2]), count > 0 else {
    FileHandle.standardError.write(Data("usage: xxgk-workbook-bench REPORT.json COUNT OUTPUT_FOLDER\n".utf8))
    exit(64)
}
do {
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
    let report = try ReportJSON.decode(data, file: arguments[1]).report
    let folder = arguments[3]
    let startCPU = cpuSeconds()
    let startWall = Date()
    for index in 0..<count {
        try ReportWorkbook.write(report, to: "\(folder)/filled-\(index).xlsx", generator: "xxgk bench")
    }
    let cpu = cpuSeconds() - startCPU
    let wall = Date().timeIntervalSince(startWall)
    print(String(format: "swift libxlsxwriter: %d filled workbooks: %.3f s CPU, %.3f s wall: %.2f ms CPU per workbook", count, cpu, wall, cpu * 1000 / Double(count)))
} catch {
    FileHandle.standardError.write(Data("xxgk-workbook-bench: \(error)\n".utf8))
    exit(2)
}
