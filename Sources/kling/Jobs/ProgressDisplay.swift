import CommandLineKit
import DiagnosticText
import Foundation
import KlingKit
import KlingPlatform

/// Shows job and download progress on standard error: one line rewritten in place on a terminal,
/// a line per change otherwise (logs, CI).
///
/// `@unchecked Sendable` is sound: progress callbacks arrive from other threads, and every mutable
/// field is reached only under `lock`.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let start = ContinuousClock.now
    private var lineOpen = false
    private var lastDraw = ContinuousClock.now
    private var lastStep = -1
    private var label = ""

    /// A status read of the job.
    func job(_ snapshot: JobSnapshot) {
        let elapsed = ContinuousClock.now - start
        var text = "[\(Self.clock(elapsed))] \(snapshot.job.provider) job \(snapshot.job.id): \(snapshot.status)"
        if let progress = snapshot.progress, !snapshot.phase.isTerminal {
            text += " \(Int((progress * 100).rounded()))%"
        }
        draw(text, final: snapshot.phase.isTerminal)
    }

    func startDownload(_ assetID: String) {
        lock.withLock {
            label = assetID
            lastStep = -1
        }
    }

    /// Download progress, throttled.
    func download(_ progress: TransferProgress) {
        let (show, text) = lock.withLock { () -> (Bool, String) in
            let fraction = progress.fractionCompleted
            let text = "Downloading \(label): \(Self.bytes(progress.completedBytes))"
                + (progress.totalBytes.map { " of \(Self.bytes($0))" } ?? "")
                + (fraction.map { " (\(Int($0 * 100))%)" } ?? "")
            if isTerminal {
                let now = ContinuousClock.now
                guard now - lastDraw >= .milliseconds(100) else { return (false, text) }
                lastDraw = now
                return (true, text)
            }
            let step = Int((fraction ?? 0) * 10)
            guard step > lastStep else { return (false, text) }
            lastStep = step
            return (true, text)
        }
        if show { draw(text, final: false) }
    }

    func finishDownload(_ bytes: Int64) {
        let name = lock.withLock { label }
        draw("Downloaded \(name): \(Self.bytes(bytes))", final: true)
    }

    /// A message on its own line.
    func note(_ text: String) {
        closeLine()
        Console.error(TerminalText.escaped(text) + "\n")
    }

    /// Draws a line of provider-sourced text (ids, statuses), escaped for the terminal.
    private func draw(_ text: String, final: Bool) {
        let text = TerminalText.escaped(text)
        lock.withLock {
            if isTerminal {
                Console.error("\r\u{1B}[2K" + text + (final ? "\n" : ""))
                lineOpen = !final
            } else {
                Console.error(text + "\n")
            }
        }
    }

    /// Ends a line left open on a terminal, so the next message starts on its own line.
    func closeLine() {
        lock.withLock {
            if lineOpen {
                Console.error("\n")
                lineOpen = false
            }
        }
    }

    static func clock(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        return String(format: "%d:%02d", seconds / 60, seconds % 60)
    }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
