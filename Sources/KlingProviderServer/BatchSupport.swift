import Foundation

/// What batches need from the server: Scenario's team concurrency ceiling (a 429 naming
/// `details.actionName` and `details.actionLimit` while that many jobs run), a delayed answer to
/// every submit (so a client can be stopped while a submit is in flight), and a read-only view of
/// what was submitted for a test in another process (`GET /_inspect/submissions`).
extension ProviderServer {
    /// The answer of a Scenario generate request refused at the team's concurrency ceiling, or nil
    /// when a job may start. Called under ``admission`` with the job created in the same turn, so
    /// concurrent submits never exceed the ceiling.
    func ceilingRefusal() -> ServerResponse? {
        guard let limit = configuration.scenarioConcurrencyLimit else { return nil }
        let now = Date()
        let running = state.withLock { state in
            state.jobs.values.filter { $0.provider == .scenario && $0.view(now: now, scenario: true).phase == .running }.count
        }
        guard running >= limit else { return nil }
        return .json(429, [
            "name": "TooManyRequestsError",
            "message": "Your team has reached its limit of \(limit) concurrent generations. Wait for running jobs to finish.",
            "details": ["actionName": "generate", "actionLimit": limit] as [String: any Sendable],
        ])
    }

    /// How long to hold the answer to an accepted submit (``Configuration/submitAnswerDelay``).
    func submitAnswerDelay() -> Double {
        guard let range = configuration.submitAnswerDelay else { return 0 }
        return Double.random(in: range)
    }

    /// `GET /_inspect/submissions` when ``Configuration/inspectionEndpoint`` is on: every distinct
    /// submitted body with how many times it arrived and how many jobs it created,
    /// `{"submissions": [{"body": String, "received": Int, "accepted": Int}]}`.
    func inspection(_ request: HTTPConnection.Request) -> ServerResponse? {
        guard configuration.inspectionEndpoint, request.path.hasPrefix("/_inspect/") else { return nil }
        guard request.method == "GET", request.path == "/_inspect/submissions" else {
            return .json(404, ["message": "Cannot \(request.method) \(request.path)"])
        }
        let (received, accepted) = state.withLock { state -> ([Data: Int], [Data: Int]) in
            var received: [Data: Int] = [:]
            for recorded in state.requests where Self.route(method: recorded.method, path: recorded.path) == .submit {
                received[recorded.body, default: 0] += 1
            }
            var accepted: [Data: Int] = [:]
            for job in state.jobs.values { accepted[job.body, default: 0] += 1 }
            return (received, accepted)
        }
        let entries = received.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { body -> [String: any Sendable] in
            ["body": String(decoding: body, as: UTF8.self), "received": received[body] ?? 0, "accepted": accepted[body] ?? 0]
        }
        return .json(200, ["submissions": entries])
    }

    /// The most Scenario jobs that were running at the same moment, from the jobs' creation and
    /// completion times (jobs that complete after a delay).
    public var peakConcurrentJobs: Int {
        let timelines = jobTimelines
        var changes: [(Date, Int)] = []
        for timeline in timelines {
            changes.append((timeline.createdAt, 1))
            if let end = timeline.completesAt { changes.append((end, -1)) }
        }
        changes.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var running = 0
        var peak = 0
        for change in changes {
            running += change.1
            peak = max(peak, running)
        }
        return peak
    }
}
