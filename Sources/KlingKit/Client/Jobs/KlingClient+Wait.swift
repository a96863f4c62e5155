import Foundation

extension KlingClient {
    /// Polls a job until it succeeds, and returns its final snapshot.
    ///
    /// Works for a job submitted by another process: build the ``KlingJob`` from the saved id and
    /// provider. Polls with capped exponential backoff and jitter (``WaitOptions``); a status read that
    /// fails for a transient reason (connection, 429, 5xx) is retried until the total timeout.
    /// - Parameters:
    ///   - job: The job to wait for, as `submit` returned it or rebuilt from a saved id and provider.
    ///   - options: Polling and timeout; the configuration's ``KlingClientConfiguration/wait`` when nil.
    ///   - onUpdate: Called with the first snapshot and every one whose status or progress changed.
    /// - Throws: ``KlingError/jobFailed(_:status:message:hint:)`` (with the provider's message and
    ///   hint), ``KlingError/timedOut(_:lastStatus:waited:)`` carrying the job, ``KlingError/cancelled(_:)``
    ///   as soon as the task is cancelled, or the error of a status read that cannot succeed (401, 404, ...).
    @discardableResult
    public func wait(
        for job: KlingJob, options: WaitOptions? = nil, onUpdate: (@Sendable (JobSnapshot) -> Void)? = nil
    ) async throws(KlingError) -> JobSnapshot {
        try await poll(job, options: options ?? configuration.wait) { onUpdate?($0) }
    }

    /// The job's updates as an asynchronous sequence: the first snapshot, every change of status or
    /// progress, and the final successful one; it throws as ``wait(for:options:onUpdate:)`` does.
    /// Each iteration polls afresh; ending the iteration stops the polling.
    public func updates(for job: KlingJob, options: WaitOptions? = nil) -> JobUpdates {
        JobUpdates(client: self, job: job, options: options ?? configuration.wait)
    }

    func poll(_ job: KlingJob, options: WaitOptions, emit: (JobSnapshot) -> Void) async throws(KlingError) -> JobSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: options.timeout)
        var interval = options.initialInterval
        var last: JobSnapshot?
        do throws(KlingError) {
            while true {
                try Self.checkCancellation()
                // A provider's Retry-After on a status read lengthens the next pause.
                var requestedPause: Duration?
                do throws(KlingError) {
                    let snapshot = try await status(of: job, deadline: deadline)
                    if last == nil || last?.status != snapshot.status || last?.progress != snapshot.progress {
                        emit(snapshot)
                    }
                    last = snapshot
                    if snapshot.phase == .succeeded { return snapshot }
                    if let failure = snapshot.failure { throw failure }
                } catch {
                    guard Self.isTransient(error) else { throw error }
                    if case .rateLimited(_, let retryAfter?, _) = error { requestedPause = retryAfter }
                }
                // The deadline is checked after a read, so a job that finished during the final pause
                // is seen as finished, not reported as timed out.
                let now = clock.now
                guard now < deadline else { break }
                let jittered = Duration.seconds(double: RetryPolicy.jittered(interval.inSeconds, by: options.jitter))
                let pause = min(max(jittered, requestedPause ?? .zero), deadline - now)
                do {
                    try await Task.sleep(for: pause)
                } catch {
                    throw KlingError.cancelled(job)
                }
                interval = options.next(after: interval)
            }
        } catch {
            if case .cancelled = error {
                if options.cancelJobOnCancellation { cancelInBackground(job) }
                throw .cancelled(job)
            }
            throw error
        }
        if options.cancelJobOnTimeout { _ = try? await cancel(job) }
        throw .timedOut(job, lastStatus: last?.status, waited: clock.now - start)
    }

    private static func checkCancellation() throws(KlingError) {
        if Task.isCancelled { throw .cancelled(nil) }
    }

    /// Failures of one status read that a later read may not have.
    private static func isTransient(_ error: KlingError) -> Bool {
        switch error {
        case .connectionFailed, .rateLimited, .concurrencyLimited: return true
        case .providerError(_, let status, _, _): return status >= 500 || status == 408
        default: return false
        }
    }

    /// Sends a provider cancel that outlives the cancelled task (best effort, errors ignored).
    private func cancelInBackground(_ job: KlingJob) {
        let client = self
        Task.detached { _ = try? await client.cancel(job) }
    }
}

/// A job's status and progress updates (see ``KlingClient/updates(for:options:)``).
public struct JobUpdates: AsyncSequence, Sendable {
    /// Each element is one status read that showed a change.
    public typealias Element = JobSnapshot
    /// Iteration throws only ``KlingError``.
    public typealias Failure = KlingError

    let client: KlingClient
    let job: KlingJob
    let options: WaitOptions

    /// Starts polling; the polling stops when the iterator is discarded or the task is cancelled.
    public func makeAsyncIterator() -> AsyncIterator {
        let client = client, job = job, options = options
        let stream = AsyncThrowingStream<JobSnapshot, any Error> { continuation in
            let task = Task {
                do {
                    _ = try await client.poll(job, options: options) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return AsyncIterator(base: stream.makeAsyncIterator(), job: job)
    }

    /// Iterates the updates; throws ``KlingError`` only.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<JobSnapshot, any Error>.AsyncIterator
        let job: KlingJob

        /// The next update; nil after the final successful snapshot.
        public mutating func next() async throws(KlingError) -> JobSnapshot? {
            do {
                if let value = try await base.next() { return value }
            } catch let error as KlingError {
                throw error
            } catch {
                throw .cancelled(job)
            }
            if Task.isCancelled { throw .cancelled(job) }
            return nil
        }
    }
}
