import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// Collects values handed to `@Sendable` callbacks.
final class Collected<Value: Sendable>: @unchecked Sendable {
    // `@unchecked Sendable`: `values` is reached only under `lock`.
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) {
        lock.withLock { stored.append(value) }
    }

    var values: [Value] { lock.withLock { stored } }
}

/// Waiting: updates, lenient statuses, failures with hints, timeouts, cancellation, resuming.
@Suite struct WaitTests {
    @Test func waitReportsStatusAndProgressUntilSuccess() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(3)) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            let updates = Collected<JobSnapshot>()
            let done = try await bed.client.wait(for: job) { updates.append($0) }
            #expect(done.phase == .succeeded)
            #expect(done.assetIDs.count == 1)
            let statuses = updates.values.map(\.status.rawValue)
            #expect(statuses.first == "queued")
            #expect(statuses.last == "success")
            #expect(statuses.contains("in-progress"))
            let progress = updates.values.compactMap(\.progress)
            #expect(progress == progress.sorted(), "progress only grows: \(progress)")
        }
    }

    @Test func unknownStatusesAreKeptAndWaitedThrough() async throws {
        let running = ["queued", "warming-up", "quantum-foaming", "finalizing"]
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(4), runningStatuses: running) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            let updates = Collected<JobSnapshot>()
            _ = try await bed.client.wait(for: job) { updates.append($0) }
            let unknown = updates.values.first { $0.status.rawValue == "quantum-foaming" }
            #expect(unknown?.phase == .unknown)
            #expect(updates.values.map(\.status.rawValue).contains("warming-up"))
        }
    }

    @Test func aFailedScenarioJobThrowsItsMessageAndHint() async throws {
        let outcome = JobPlan.Outcome.failure(message: "The prompt was flagged by moderation", hint: "Remove the brand name from the prompt and submit again")
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1), outcome: outcome) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            let error = await klingError { try await bed.client.wait(for: job) }
            guard case .jobFailed(let failed, let status, let message, let hint)? = error else {
                Issue.record("expected jobFailed, got \(String(describing: error))")
                return
            }
            #expect(failed == job)
            #expect(status == .failure)
            #expect(message == "The prompt was flagged by moderation")
            #expect(hint == "Remove the brand name from the prompt and submit again")
            #expect(error!.description.contains("Hint: Remove the brand name"))
            #expect(error!.description.contains(job.id))
        }
    }

    @Test func aFailedAIMLGenerationThrowsItsError() async throws {
        let outcome = JobPlan.Outcome.failure(message: "Generation timeout", hint: nil)
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1), outcome: outcome) }) { bed in
            let job = try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
            let error = await klingError { try await bed.client.wait(for: job) }
            guard case .jobFailed(_, .error, let message, nil)? = error else {
                Issue.record("expected jobFailed, got \(String(describing: error))")
                return
            }
            #expect(message == "GenerationError: Generation timeout")
        }
    }

    @Test func aStuckJobTimesOutWithItsID() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            var options = FastPolicies.wait
            options.timeout = .milliseconds(400)
            let error = await klingError { try await bed.client.wait(for: job, options: options) }
            guard case .timedOut(let timedOut, let lastStatus, let waited)? = error else {
                Issue.record("expected timedOut, got \(String(describing: error))")
                return
            }
            #expect(timedOut == job)
            #expect(lastStatus?.phase == .running || lastStatus?.phase == .queued)
            #expect(waited >= .milliseconds(400))
            #expect(error!.description.contains(job.id))
            #expect(!bed.server.isCanceled(job.id), "no provider cancel unless asked")
        }
    }

    @Test func cancellingTheTaskStopsAWaitAtOnce() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            let options = WaitOptions(initialInterval: .seconds(60), timeout: .seconds(600))
            let firstUpdate = Collected<JobSnapshot>()
            let wait = Task { try await bed.client.wait(for: job, options: options) { firstUpdate.append($0) } }
            while firstUpdate.values.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            let start = ContinuousClock.now
            wait.cancel()
            let error = await klingError { try await wait.value }
            guard case .cancelled(let cancelled)? = error else {
                Issue.record("expected cancelled, got \(String(describing: error))")
                return
            }
            #expect(cancelled == job)
            #expect(ContinuousClock.now - start < .seconds(10), "the 60 s pause must not be waited out")
            #expect(!bed.server.isCanceled(job.id))
        }
    }

    @Test func cancellationInterruptsARequestInFlight() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            bed.server.inject(.delayResponse(seconds: 8), on: .status)
            let status = Task { try await bed.client.status(of: job) }
            while bed.server.requests(on: .status).isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            let start = ContinuousClock.now
            status.cancel()
            let error = await klingError { try await status.value }
            guard case .cancelled? = error else {
                Issue.record("expected cancelled, got \(String(describing: error))")
                return
            }
            #expect(ContinuousClock.now - start < .seconds(6))
        }
    }

    @Test func aTimeoutCanCancelTheJobOnTheProvider() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never); $0.cancellableJobs = true }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            var options = FastPolicies.wait
            options.timeout = .milliseconds(300)
            options.cancelJobOnTimeout = true
            let error = await klingError { try await bed.client.wait(for: job, options: options) }
            guard case .timedOut? = error else {
                Issue.record("expected timedOut, got \(String(describing: error))")
                return
            }
            #expect(bed.server.isCanceled(job.id))
            #expect(bed.server.requests(on: .cancel).first?.bodyText == #"{"action":"cancel"}"#)
        }
    }

    @Test func cancellationCanCancelTheJobOnTheProviderInTheBackground() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never); $0.cancellableJobs = true }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            var options = FastPolicies.wait
            options.cancelJobOnCancellation = true
            let wait = Task { try await bed.client.wait(for: job, options: options) }
            while bed.server.requests(on: .status).isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            wait.cancel()
            guard case .cancelled? = await klingError({ try await wait.value }) else {
                Issue.record("expected cancelled")
                return
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while !bed.server.isCanceled(job.id) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(bed.server.isCanceled(job.id))
        }
    }

    @Test func providerCancelIsBestEffort() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let scenarioJob = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            // Scenario refuses most generation jobs ("Cannot cancel this type of job").
            #expect(try await bed.client.cancel(scenarioJob) == false)
            let aimlJob = try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
            let before = bed.server.requests.count
            // The AI/ML API has no cancel endpoint: nothing is sent.
            #expect(try await bed.client.cancel(aimlJob) == false)
            #expect(bed.server.requests.count == before)
        }
    }

    @Test func aWaitResumesFromASavedJobInANewClient() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(2)) }) { bed in
            let saved = try JSONEncoder().encode(try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x")))
            // Another process: a new client and the saved job.
            let later = KlingClient(configuration: TestBed.clientConfiguration(baseURL: bed.server.baseURL))
            let job = try JSONDecoder().decode(KlingJob.self, from: saved)
            let done = try await later.wait(for: job)
            #expect(done.phase == .succeeded)
            #expect(done.resultURL != nil)
            #expect(bed.server.requests(on: .submit).count == 1)
        }
    }

    @Test func updatesAreAnAsyncSequence() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(2)) }) { bed in
            let job = try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
            var statuses: [String] = []
            for try await snapshot in bed.client.updates(for: job) {
                statuses.append(snapshot.status.rawValue)
            }
            #expect(statuses == ["queued", "generating", "completed"])
        }
    }

    @Test func theUpdateSequenceThrowsTheFailure() async throws {
        let outcome = JobPlan.Outcome.failure(message: "Out of memory", hint: "Try a shorter duration")
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1), outcome: outcome) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            var seen: [JobPhase] = []
            do {
                for try await snapshot in bed.client.updates(for: job) { seen.append(snapshot.phase) }
                Issue.record("the sequence should throw")
            } catch let error as KlingError {
                guard case .jobFailed(_, _, _, "Try a shorter duration") = error else {
                    Issue.record("expected jobFailed, got \(error)")
                    return
                }
            }
            #expect(seen.last == .failed)
        }
    }

    @Test func transientStatusFailuresDoNotEndTheWait() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(2)) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            // More failures in a row than one read's retries allow: the wait itself keeps going.
            bed.server.inject(.status(503), on: .status, times: FastPolicies.retry.maximumAttempts + 2)
            bed.server.inject(.dropBeforeAccepting, on: .status)
            let done = try await bed.client.wait(for: job)
            #expect(done.phase == .succeeded)
        }
    }

    @Test func anUnknownJobIsAnErrorNotAnEndlessWait() async throws {
        try await TestBed.run { bed in
            let error = await klingError { try await bed.client.wait(for: KlingJob(id: "job_nope", provider: .scenario)) }
            guard case .providerError(.scenario, 404, _, _)? = error else {
                Issue.record("expected providerError 404, got \(String(describing: error))")
                return
            }
            #expect(bed.server.requests(on: .status).count == 1)
        }
    }

    @Test func manyConcurrentJobsComplete() async throws {
        try await TestBed.run(server: {
            $0.defaultPlan = JobPlan(completion: .afterDelay(0.05...0.4))
            $0.validator = nil
        }) { bed in
            let count = 120
            let results = try await withThrowingTaskGroup(of: JobSnapshot.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let request = index.isMultiple(of: 2)
                            ? try await bed.client.submit(KlingV16ProRequest(prompt: "job \(index)"))
                            : try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "job \(index)"))
                        return try await bed.client.wait(for: request)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == count)
            #expect(results.allSatisfy { $0.phase == .succeeded })
            #expect(bed.server.acceptedJobIDs.count == count)
            #expect(Set(bed.server.requests(on: .submit).map(\.body)).count == count, "each body sent once")
            #expect(bed.server.jobTimelines.allSatisfy { $0.readsAfterShownFinished == 0 }, "no job is polled after it finished")
        }
    }
}
