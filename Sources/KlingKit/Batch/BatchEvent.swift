import Foundation

/// How a batch item ended in one run.
public enum BatchItemOutcome: Sendable, Hashable {
    /// The result is on disk; `alreadyDone` when an earlier run downloaded it and the files were
    /// verified (size and SHA-256) instead of fetched again.
    case succeeded(files: [BatchFile], alreadyDone: Bool)
    /// The job failed on the provider (with its message and hint), or the provider refused the
    /// submit (no `job`; a later run sends it again, since nothing was created).
    case failed(job: KlingJob?, message: String, hint: String?)
    /// A submit may have reached the provider but no job id was recorded. Never sent again
    /// automatically: check the provider's jobs, or opt in with ``BatchOptions/resubmitUnknown``.
    case outcomeUnknown(detail: String)
    /// Not finished in this run (the wait timed out, a download failed); a later run resumes it
    /// without submitting again.
    case incomplete(job: KlingJob?, reason: String)
}

/// What a batch item is doing, as ``BatchEvent/item(id:_:)`` reports it.
public enum BatchItemPhase: Sendable, Hashable {
    /// Waiting for a free slot.
    case queued
    /// Its submit is being sent.
    case submitting
    /// The provider refused the submit (429, 503, unreachable); it goes back to the queue and is
    /// sent again later. Nothing was created.
    case refused(reason: String)
    /// Accepted; the job runs on the provider (status and progress as last read).
    case running(KlingJob, status: JobStatus?, progress: Double?)
    /// The job succeeded; its result is being downloaded.
    case downloading(KlingJob)
    /// Done for this run.
    case ended(BatchItemOutcome)
}

/// What a run found in its journal before it started.
public struct BatchStart: Sendable, Hashable {
    /// Items in the manifest.
    public var total: Int
    /// Whether a journal from an earlier run was found (the run resumes it).
    public var resumed: Bool
    /// Items whose results an earlier run downloaded.
    public var alreadyDownloaded: Int
    /// Items an earlier run submitted that are waited on, not submitted again.
    public var alreadySubmitted: Int
    /// Items whose earlier submit has an unknown outcome.
    public var outcomeUnknown: Int
    /// Items an earlier run saw fail.
    public var alreadyFailed: Int
    /// The unfinished last journal line that was ignored (the process died while writing it), if any.
    public var tornJournalLine: String?
}

/// One thing that happened in a batch run, in order.
public enum BatchEvent: Sendable, Hashable {
    /// The journal was read and checked; work begins.
    case started(BatchStart)
    /// An item changed phase.
    case item(id: String, BatchItemPhase)
    /// The provider refused a submit at its concurrency ceiling; the batch now runs at most `limit`
    /// jobs at once.
    case concurrencyLimited(limit: Int, action: String?)
    /// Every item ended for this run.
    case finished(BatchSummary)
}

/// How every item of a batch ended in one run.
public struct BatchSummary: Sendable, Hashable {
    /// How one item ended in this run, with the manifest line it came from.
    public struct Entry: Sendable, Hashable {
        /// The item's id.
        public var id: String
        /// The item's line in the manifest (1-based).
        public var line: Int
        /// How the item ended: succeeded, failed, outcome unknown, or left for a later run.
        public var outcome: BatchItemOutcome

        /// Creates an entry from the item's id, manifest line and outcome.
        public init(id: String, line: Int, outcome: BatchItemOutcome) {
            self.id = id
            self.line = line
            self.outcome = outcome
        }
    }

    /// Every item, in manifest order.
    public var entries: [Entry]

    /// Creates a summary from every item's entry, in manifest order.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Items whose results are on disk.
    public var succeeded: [Entry] { entries.filter { if case .succeeded = $0.outcome { return true } else { return false } } }
    /// Items that failed.
    public var failed: [Entry] { entries.filter { if case .failed = $0.outcome { return true } else { return false } } }
    /// Items whose submit has an unknown outcome.
    public var outcomeUnknown: [Entry] { entries.filter { if case .outcomeUnknown = $0.outcome { return true } else { return false } } }
    /// Items a later run resumes.
    public var incomplete: [Entry] { entries.filter { if case .incomplete = $0.outcome { return true } else { return false } } }
    /// Whether every item's result is on disk.
    public var allSucceeded: Bool { succeeded.count == entries.count }
}

/// How a batch runs.
public struct BatchOptions: Sendable {
    /// The most items submitted, running or downloading at once (at least 1). A provider's
    /// concurrency ceiling (a 429 with an action limit) lowers it for the rest of the run.
    public var concurrency: Int
    /// Send again the items whose earlier submit has an unknown outcome. Off by default: the
    /// provider may have accepted them, and a second job is paid for again.
    public var resubmitUnknown: Bool
    /// How jobs are waited on; nil for the client's configuration.
    public var wait: WaitOptions?
    /// The first pause before a refused submit (429, 503, unreachable) is sent again; it doubles
    /// up to ``maximumRefusalBackoff``, unless the provider sends `Retry-After`.
    public var refusalBackoff: Duration
    /// The longest pause before a refused submit is sent again.
    public var maximumRefusalBackoff: Duration
    /// How often a submit refused for another reason than a rate or concurrency limit (503,
    /// unreachable) is tried before the item is reported failed for this run.
    public var maximumRefusedAttempts: Int

    /// Options; 8 at a time by default.
    public init(
        concurrency: Int = 8, resubmitUnknown: Bool = false, wait: WaitOptions? = nil,
        refusalBackoff: Duration = .seconds(1), maximumRefusalBackoff: Duration = .seconds(30), maximumRefusedAttempts: Int = 5
    ) {
        self.concurrency = max(1, concurrency)
        self.resubmitUnknown = resubmitUnknown
        self.wait = wait
        self.refusalBackoff = refusalBackoff
        self.maximumRefusalBackoff = maximumRefusalBackoff
        self.maximumRefusedAttempts = max(1, maximumRefusedAttempts)
    }
}
