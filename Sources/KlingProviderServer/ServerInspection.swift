import Foundation

/// Faults, job plans, and what the server received.
extension ProviderServer {
    /// Makes the next `times` requests on `route` misbehave with `fault` (faults apply in the order
    /// they were injected).
    public func inject(_ fault: Fault, on route: Route, times: Int = 1) {
        guard times > 0 else { return }
        state.withLock { $0.faults.append(PendingFault(route: route, fault: fault, remaining: times)) }
    }

    /// Removes every pending fault.
    public func clearFaults() {
        state.withLock { $0.faults.removeAll() }
    }

    /// Makes the next `count` accepted jobs follow `plan` instead of the default one.
    public func enqueue(_ plan: JobPlan, count: Int = 1) {
        state.withLock { $0.plans += Array(repeating: plan, count: max(0, count)) }
    }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    /// The requests received on one route.
    public func requests(on route: Route) -> [RecordedRequest] {
        requests.filter { Self.route(method: $0.method, path: $0.path) == route }
    }

    /// How many generation requests (both providers) arrived with exactly this body, accepted or not.
    public func submissions(withBody body: Data) -> Int {
        requests(on: .submit).filter { $0.body == body }.count
    }

    /// The ids of the jobs created from exactly this body.
    public func acceptedJobs(withBody body: Data) -> [String] {
        state.withLock { state in state.jobOrder.filter { state.jobs[$0]?.body == body } }
    }

    /// The ids of every job or generation created, in order.
    public var acceptedJobIDs: [String] {
        state.withLock { $0.jobOrder }
    }

    /// The bytes of an uploaded asset (from `POST /v1/assets` or a completed multipart upload).
    public func uploadedContent(ofAsset assetID: String) -> Data? {
        state.withLock { $0.assets[assetID]?.content }
    }

    /// The length of a result asset.
    public func assetLength(_ assetID: String) -> Int64? {
        state.withLock { $0.assets[assetID]?.length }
    }

    /// Whether a job was canceled through the cancel action.
    public func isCanceled(_ jobID: String) -> Bool {
        state.withLock { $0.jobs[jobID]?.canceled ?? false }
    }

    /// What happened to each job, in the order they were accepted.
    public var jobTimelines: [JobTimeline] {
        state.withLock { state in
            state.jobOrder.compactMap { state.jobs[$0] }.map { job in
                JobTimeline(
                    id: job.id, createdAt: job.createdAt,
                    completesAt: job.delay.map { job.createdAt.addingTimeInterval($0) },
                    shownFinishedAt: job.shownFinishedAt, statusReads: job.polls,
                    readsAfterShownFinished: job.readsAfterShownFinished)
            }
        }
    }

    /// The number of connections being served now.
    public var openConnections: Int {
        listener.withLock { $0.connections.count }
    }
}

/// One job's life on the server, for tests and benchmarks.
public struct JobTimeline: Sendable, Hashable {
    public var id: String
    public var createdAt: Date
    /// When the plan completes the job (for ``JobPlan/Completion/afterDelay(_:)``).
    public var completesAt: Date?
    /// When a status read first showed it finished; nil if none did.
    public var shownFinishedAt: Date?
    /// Every status read.
    public var statusReads: Int
    /// Status reads after one already showed it finished.
    public var readsAfterShownFinished: Int
}
