import Foundation

/// The events of a running batch, in order, ending with ``BatchEvent/finished(_:)``. Iterating it
/// throws a ``BatchError`` when the batch cannot start or its journal cannot be written.
/// Dropping the iteration (or cancelling the task iterating it) stops the batch; its journal lets a
/// later run resume.
public struct BatchRun: AsyncSequence, Sendable {
    /// An event of the batch: its start, an item's change of phase, a concurrency ceiling met, or its summary.
    public typealias Element = BatchEvent

    let stream: AsyncThrowingStream<BatchEvent, any Error>

    /// Reads the batch's events one at a time, waiting for the next.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<BatchEvent, any Error>.AsyncIterator

        /// The next event; nil after ``BatchEvent/finished(_:)``.
        public mutating func next() async throws -> BatchEvent? {
            try await base.next()
        }
    }

    /// Returns an iterator over the events; the batch runs while it is iterated.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator())
    }

    /// Runs the batch to its end (its journal released), ignoring the events in between.
    public func summary() async throws -> BatchSummary {
        var summary: BatchSummary?
        for try await event in self {
            if case .finished(let last) = event { summary = last }
        }
        guard let summary else { throw CancellationError() }
        return summary
    }
}

extension KlingClient {
    /// Runs a batch: submits every item, waits for its job and downloads its result into
    /// `directory`, at most ``BatchOptions/concurrency`` at a time, recording every state change in
    /// `journal` before acting on it.
    ///
    /// Running the same manifest again with the same journal resumes: jobs already submitted are
    /// waited on, downloaded files are verified and skipped, failed items are reported again, and an
    /// item whose submit may have reached the provider without a recorded job id is reported as
    /// outcome unknown, never sent again unless ``BatchOptions/resubmitUnknown`` is set. A journal
    /// written for another manifest, or for lines that changed since, is refused before anything is sent.
    ///
    /// ```swift
    /// let manifest = try BatchManifest.parse(Data(contentsOf: manifestURL))
    /// for try await event in client.run(batch: manifest, to: outputFolder) {
    ///     if case .finished(let summary) = event { print(summary.succeeded.count, "done") }
    /// }
    /// ```
    /// - Parameters:
    ///   - batch: The validated manifest.
    ///   - directory: Where results go (each item's ``BatchItem/output`` is relative to it).
    ///   - journal: Where state changes are recorded; by default ``FileJournalStore`` in `directory`.
    ///   - options: Concurrency, the resubmit opt-in, wait options.
    public func run(
        batch: BatchManifest, to directory: URL, journal: (any BatchJournalStore)? = nil, options: BatchOptions = BatchOptions()
    ) -> BatchRun {
        let store = journal ?? FileJournalStore(directory: directory)
        let journalPath = (store as? FileJournalStore)?.url.path ?? "\(type(of: store))"
        var submitConfiguration = configuration
        // The batch decides when a refused submit is sent again (it knows the concurrency ceiling).
        submitConfiguration.retry.maximumSubmitAttempts = 1
        let runner = BatchRunner(
            client: self, submitter: KlingClient(configuration: submitConfiguration), manifest: batch,
            directory: directory.standardizedFileURL, store: store, journalPath: journalPath, options: options
        )
        let (stream, continuation) = AsyncThrowingStream<BatchEvent, any Error>.makeStream()
        let task = Task {
            do {
                try await runner.run { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return BatchRun(stream: stream)
    }
}
