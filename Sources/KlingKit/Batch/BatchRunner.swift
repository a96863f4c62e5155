import Foundation

/// Runs a batch: reads and checks the journal, then drives every item through submit, wait and
/// download, recording each state change durably before acting on it.
struct BatchRunner: Sendable {
    let client: KlingClient
    /// The same client with submits sent once: the runner itself sends refused submits again.
    let submitter: KlingClient
    let manifest: BatchManifest
    let directory: URL
    let store: any BatchJournalStore
    let journalPath: String
    let options: BatchOptions

    typealias Emit = @Sendable (BatchEvent) -> Void

    /// Slots for items between submit and the end of their wait, and for downloads.
    struct Gates {
        var jobs: ConcurrencyGate
        var downloads: ConcurrencyGate
    }

    func run(emit: @escaping Emit) async throws {
        do {
            try await runWithJournal(emit: emit)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    private func runWithJournal(emit: @escaping Emit) async throws {
        let contents: BatchJournalContents
        do {
            contents = try await store.load()
        } catch let error as BatchError {
            throw error
        } catch {
            throw BatchError.store("\(error)")
        }
        let ledger = try BatchLedger(records: contents.records, manifest: manifest, journalPath: journalPath)
        if ledger.isNew {
            let existing = manifest.items.map(\.output).filter { FileManager.default.fileExists(atPath: file($0).path) }
            guard existing.isEmpty else { throw BatchError.outputsExist(paths: existing) }
            try await record(.validated(manifest: manifest.fingerprint, items: manifest.items.map {
                BatchJournalRecord.ItemDigest(id: $0.id, contentHash: $0.contentHash)
            }))
        }
        emit(.started(start(ledger, tornTail: contents.tornTail)))

        let gates = Gates(jobs: ConcurrencyGate(limit: options.concurrency), downloads: ConcurrencyGate(limit: options.concurrency))
        let entries = try await withThrowingTaskGroup(of: BatchSummary.Entry.self) { group in
            for item in manifest.items {
                let state = ledger.state(of: item.id)
                group.addTask {
                    let outcome = try await process(item, from: state, gates: gates, emit: emit)
                    emit(.item(id: item.id, .ended(outcome)))
                    return BatchSummary.Entry(id: item.id, line: item.line, outcome: outcome)
                }
            }
            var entries: [BatchSummary.Entry] = []
            entries.reserveCapacity(manifest.items.count)
            for try await entry in group { entries.append(entry) }
            return entries
        }
        if Task.isCancelled { throw CancellationError() }
        emit(.finished(BatchSummary(entries: entries.sorted { $0.line < $1.line })))
    }

    private func start(_ ledger: BatchLedger, tornTail: Data?) -> BatchStart {
        var start = BatchStart(
            total: manifest.items.count, resumed: !ledger.isNew, alreadyDownloaded: 0, alreadySubmitted: 0,
            outcomeUnknown: 0, alreadyFailed: 0, tornJournalLine: tornTail.map { String(decoding: $0, as: UTF8.self) }
        )
        for item in manifest.items {
            switch ledger.state(of: item.id) {
            case .downloaded: start.alreadyDownloaded += 1
            case .submitted, .finished: start.alreadySubmitted += 1
            case .submitting, .outcomeUnknown: start.outcomeUnknown += 1
            case .failed: start.alreadyFailed += 1
            case .validated, .refused: break
            }
        }
        return start
    }

    // MARK: One item

    /// Drives one item from its journal state to an outcome for this run.
    private func process(_ item: BatchItem, from initial: BatchItemState, gates: Gates, emit: @escaping Emit) async throws -> BatchItemOutcome {
        var state = initial
        var snapshot: JobSnapshot?
        while true {
            try Task.checkCancellation()
            switch state {
            case .validated, .refused:
                // The job slot is held from the submit to the end of the wait: the provider counts running jobs.
                guard await gates.jobs.acquire() else { throw CancellationError() }
                switch try await submit(item, gates: gates, emit: emit) {
                case .ended(let outcome):
                    await gates.jobs.release()
                    return outcome
                case .accepted(let job):
                    let waited = try await wait(item, job: job, emit: emit)
                    await gates.jobs.release()
                    switch waited {
                    case .ended(let outcome): return outcome
                    case .succeeded(let finished): (snapshot, state) = (finished, .finished(job))
                    }
                }
            case .submitted(let job):
                guard await gates.jobs.acquire() else { throw CancellationError() }
                let waited = try await wait(item, job: job, emit: emit)
                await gates.jobs.release()
                switch waited {
                case .ended(let outcome): return outcome
                case .succeeded(let finished): (snapshot, state) = (finished, .finished(job))
                }
            case .finished(let job):
                guard await gates.downloads.acquire() else { throw CancellationError() }
                let outcome = try await download(item, job: job, snapshot: snapshot, emit: emit)
                await gates.downloads.release()
                return outcome
            case .downloaded(let job, let files):
                if verify(files) { return .succeeded(files: files, alreadyDone: true) }
                guard let job else { return .incomplete(job: nil, reason: "its downloaded files changed and the journal names no job to fetch them from") }
                state = .finished(job)
            case .failed(let job, let status, let message, let hint):
                return .failed(job: job, message: message ?? "the job ended with status \(status)", hint: hint)
            case .submitting, .outcomeUnknown:
                guard options.resubmitUnknown else {
                    if case .outcomeUnknown(let detail) = state { return .outcomeUnknown(detail: detail) }
                    return .outcomeUnknown(detail: "a submit was sent and the process stopped before recording the provider's answer")
                }
                state = .validated
            }
        }
    }

    private enum SubmitResult {
        case accepted(KlingJob)
        case ended(BatchItemOutcome)
    }

    /// Submits an item, each attempt recorded before it is sent; a refused submit (nothing was
    /// created) goes back to the queue and is sent again after a pause. Called, and returns, holding
    /// a job slot.
    private func submit(_ item: BatchItem, gates: Gates, emit: @escaping Emit) async throws -> SubmitResult {
        var refusals = 0
        var rateLimits = 0
        while true {
            emit(.item(id: item.id, .submitting))
            try await record(.submitting(id: item.id))
            let answer: Result<KlingJob, KlingError>
            do throws(KlingError) {
                answer = .success(try await submitter.submit(body: item.body, for: item.model))
            } catch {
                answer = .failure(error)
            }
            let failure: KlingError
            switch answer {
            case .success(let job):
                try await record(.submitted(id: item.id, job: job))
                return .accepted(job)
            case .failure(let error):
                failure = error
            }
            var pause: Duration?
            switch failure {
            case .concurrencyLimited(_, let limit, let action, _):
                try await record(.refused(id: item.id, message: failure.description))
                if await gates.jobs.lower(to: limit) { emit(.concurrencyLimited(limit: await gates.jobs.limit, action: action)) }
                rateLimits += 1
            case .rateLimited(_, let retryAfter, _):
                try await record(.refused(id: item.id, message: failure.description))
                pause = retryAfter
                rateLimits += 1
            case .connectionFailed, .providerError(_, 503, _, _):
                try await record(.refused(id: item.id, message: failure.description))
                refusals += 1
                if refusals >= options.maximumRefusedAttempts {
                    return .ended(.failed(job: nil, message: failure.description, hint: nil))
                }
            case .submitOutcomeUnknown(_, let detail), .invalidResponse(_, let detail):
                try await record(.outcomeUnknown(id: item.id, detail: detail))
                return .ended(.outcomeUnknown(detail: failure.description))
            case .cancelled:
                // The request may have been on its way: the journal keeps `submitting` (outcome unknown).
                throw CancellationError()
            default:
                try await record(.refused(id: item.id, message: failure.description))
                return .ended(.failed(job: nil, message: failure.description, hint: nil))
            }
            emit(.item(id: item.id, .refused(reason: failure.description)))
            // Give the slot back while pausing, so running jobs finish and free the provider's capacity.
            await gates.jobs.release()
            try await Task.sleep(for: pause ?? refusalPause(after: refusals + rateLimits - 1))
            emit(.item(id: item.id, .queued))
            guard await gates.jobs.acquire() else { throw CancellationError() }
        }
    }

    private enum WaitResult {
        case succeeded(JobSnapshot)
        case ended(BatchItemOutcome)
    }

    /// Waits for a job; records how it finished.
    private func wait(_ item: BatchItem, job: KlingJob, emit: @escaping Emit) async throws -> WaitResult {
        emit(.item(id: item.id, .running(job, status: nil, progress: nil)))
        do {
            let finished = try await client.wait(for: job, options: options.wait ?? client.configuration.wait) { snapshot in
                emit(.item(id: item.id, .running(job, status: snapshot.status, progress: snapshot.progress)))
            }
            try await record(.finished(id: item.id))
            return .succeeded(finished)
        } catch let error as KlingError {
            switch error {
            case .jobFailed(_, let status, let message, let hint):
                try await record(.failed(id: item.id, status: status.rawValue, message: message, hint: hint))
                return .ended(.failed(job: job, message: message ?? "the job ended with status \(status)", hint: hint))
            case .cancelled:
                throw CancellationError()
            default:
                return .ended(.incomplete(job: job, reason: error.description))
            }
        }
    }

    /// Downloads every result file of a finished job, then records them with their sizes and checksums.
    private func download(_ item: BatchItem, job: KlingJob, snapshot: JobSnapshot?, emit: @escaping Emit) async throws -> BatchItemOutcome {
        emit(.item(id: item.id, .downloading(job)))
        do {
            let current: JobSnapshot
            if let snapshot { current = snapshot } else { current = try await client.status(of: job) }
            let assets = try await client.resultAssets(of: current)
            var files: [BatchFile] = []
            for (index, asset) in assets.enumerated() {
                let path = Self.outputPath(item.output, index: index)
                let destination = file(path)
                let downloaded = try await client.download(asset, to: destination)
                guard let digest = SHA256.file(at: downloaded.url) else {
                    return .incomplete(job: job, reason: "the downloaded file \(destination.path) cannot be read back")
                }
                files.append(BatchFile(path: path, bytes: digest.bytes, sha256: digest.hex))
            }
            try await record(.downloaded(id: item.id, files: files))
            return .succeeded(files: files, alreadyDone: false)
        } catch let error as KlingError {
            if case .cancelled = error { throw CancellationError() }
            return .incomplete(job: job, reason: error.description)
        }
    }

    // MARK: Support

    /// Appends a record durably, or stops the batch.
    private func record(_ record: BatchJournalRecord) async throws {
        do {
            try await store.append([record])
        } catch let error as BatchError {
            throw error
        } catch {
            throw BatchError.store("\(error)")
        }
    }

    private func file(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// `video.mp4`, `video-2.mp4`, `video-3.mp4`, ... for the result files of one item.
    static func outputPath(_ output: String, index: Int) -> String {
        guard index > 0 else { return output }
        let url = URL(fileURLWithPath: output)
        let name = url.deletingPathExtension().lastPathComponent + "-\(index + 1)" + (url.pathExtension.isEmpty ? "" : "." + url.pathExtension)
        let folder = (output as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : folder + "/" + name
    }

    /// Whether every recorded file is on disk with its recorded size and checksum.
    private func verify(_ files: [BatchFile]) -> Bool {
        files.allSatisfy { recorded in
            let url = file(recorded.path)
            guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value,
                  size == recorded.bytes, let digest = SHA256.file(at: url)
            else { return false }
            return digest.hex == recorded.sha256
        }
    }

    private func refusalPause(after refusals: Int) -> Duration {
        let base = options.refusalBackoff.inSeconds * pow(2, Double(refusals))
        return .seconds(double: RetryPolicy.jittered(min(base, options.maximumRefusalBackoff.inSeconds), by: 0.2))
    }
}
