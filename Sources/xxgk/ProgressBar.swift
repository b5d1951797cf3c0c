import Foundation
import ReportBatch

/// A one-line progress bar on standard error, shown only when standard error is a terminal.
final class ProgressBar: BatchProgress, @unchecked Sendable {
    private let total: Int
    private var done = 0
    private let lock = NSLock()

    /// A bar for `total` items, or nil when standard error is not a terminal (no bar in logs or pipes).
    init?(total: Int) {
        guard isatty(STDERR_FILENO) == 1, total > 1 else { return nil }
        self.total = total
    }

    /// Marks one item done and redraws the bar.
    func advance() {
        lock.lock()
        done += 1
        let width = 30
        let filled = done * width / total
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data((done == total ? line + "\r" + String(repeating: " ", count: line.count) + "\r" : line).utf8))
        lock.unlock()
    }
}
