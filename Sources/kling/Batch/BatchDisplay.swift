import CommandLineKit
import DiagnosticText
import Foundation
import KlingKit
import KlingPlatform

/// The live view of a batch on standard error: counts per state, throughput and an ETA. On a
/// terminal, one line rewritten at most ten times a second; otherwise a plain line every two
/// seconds when something changed, and a line for each failure, unknown outcome and concurrency limit.
///
/// `@unchecked Sendable` is sound: events arrive from one task at a time, and every mutable field
/// is reached only under `lock`.
final class BatchDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let start = ContinuousClock.now
    private let total: Int
    private var phases: [String: Phase] = [:]
    private var endedThisRun = 0
    private var lastDraw: ContinuousClock.Instant?
    private var lastLine = ""
    private var lineOpen = false

    /// The display's own grouping of item phases.
    enum Phase: CaseIterable {
        case queued, submitting, running, downloading, succeeded, failed, unknown, unfinished

        var label: String {
            switch self {
            case .queued: return "queued"
            case .submitting: return "submitting"
            case .running: return "running"
            case .downloading: return "downloading"
            case .succeeded: return "done"
            case .failed: return "failed"
            case .unknown: return "unknown"
            case .unfinished: return "unfinished"
            }
        }
    }

    init(total: Int) {
        self.total = total
    }

    func show(_ event: BatchEvent) {
        switch event {
        case .started(let start):
            if let torn = start.tornJournalLine {
                note("The journal's last line was unfinished (the previous run stopped while writing it) and was ignored: \(torn.prefix(120))")
            }
            if start.resumed {
                note("Resuming: \(start.alreadyDownloaded) already downloaded, \(start.alreadySubmitted) submitted earlier, "
                    + "\(start.outcomeUnknown) with an unknown outcome, \(start.alreadyFailed) failed earlier.")
            }
        case .concurrencyLimited(let limit, let action):
            note("The provider's concurrency ceiling was reached\(action.map { " (\($0))" } ?? ""): running at most \(limit) jobs at once from now on.")
        case .item(let id, let phase):
            update(id, phase)
        case .finished:
            draw(force: true)
            close()
        }
    }

    private func update(_ id: String, _ phase: BatchItemPhase) {
        let mapped: Phase
        var message: String?
        switch phase {
        case .queued, .refused: mapped = .queued
        case .submitting: mapped = .submitting
        case .running: mapped = .running
        case .downloading: mapped = .downloading
        case .ended(let outcome):
            switch outcome {
            case .succeeded(_, let alreadyDone):
                mapped = .succeeded
                if !alreadyDone { lock.withLock { endedThisRun += 1 } }
            case .failed(_, let text, _):
                mapped = .failed
                message = "failed: \(id): \(text)"
                lock.withLock { endedThisRun += 1 }
            case .outcomeUnknown(let detail):
                mapped = .unknown
                message = "outcome unknown: \(id): \(detail)"
            case .incomplete(_, let reason):
                mapped = .unfinished
                message = "unfinished: \(id): \(reason)"
            }
        }
        lock.withLock { phases[id] = mapped }
        if let message { note(message.replacingOccurrences(of: "\n", with: " ")) }
        draw(force: false)
    }

    /// A line of its own, escaped for the terminal (item ids and provider messages are untrusted).
    func note(_ text: String) {
        lock.withLock {
            if lineOpen {
                Console.error("\n")
                lineOpen = false
            }
            Console.error(TerminalText.escaped(text) + "\n")
        }
    }

    /// Ends the rewritten line.
    func close() {
        lock.withLock {
            if lineOpen {
                Console.error("\n")
                lineOpen = false
            }
        }
    }

    private func draw(force: Bool) {
        lock.withLock {
            let now = ContinuousClock.now
            let interval: Duration = isTerminal ? .milliseconds(100) : .seconds(2)
            if !force, let lastDraw, now - lastDraw < interval { return }
            let line = statusLine(now: now)
            if !isTerminal && line == lastLine { return }
            lastDraw = now
            lastLine = line
            if isTerminal {
                Console.error("\r\u{1B}[2K" + line)
                lineOpen = true
            } else {
                Console.error(line + "\n")
            }
        }
    }

    /// `[0:12] 200 items: 40 queued, 8 submitting, 50 running, 95 done | 7.9 items/s, ETA 0:14`.
    private func statusLine(now: ContinuousClock.Instant) -> String {
        var counts: [Phase: Int] = [:]
        for phase in phases.values { counts[phase, default: 0] += 1 }
        counts[.queued, default: 0] += total - phases.count
        let parts = Phase.allCases.compactMap { phase in counts[phase].flatMap { $0 > 0 ? "\($0) \(phase.label)" : nil } }
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Double(endedThisRun) / seconds : 0
        let open = (counts[.queued] ?? 0) + (counts[.submitting] ?? 0) + (counts[.running] ?? 0) + (counts[.downloading] ?? 0)
        var line = "[\(ProgressDisplay.clock(elapsed))] \(total) items: " + parts.joined(separator: ", ")
        line += String(format: " | %.1f items/s", rate)
        if rate > 0 && open > 0 {
            line += ", ETA " + ProgressDisplay.clock(.seconds(Double(open) / rate))
        }
        return line
    }
}
