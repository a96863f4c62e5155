import Foundation

/// The two APIs the server speaks.
enum ServerProvider: Sendable {
    case scenario
    case aimlapi
}

/// A job (Scenario) or generation (AI/ML API) the server accepted.
struct ServerJob: Sendable {
    var id: String
    var provider: ServerProvider
    var modelID: String
    var body: Data
    var plan: JobPlan
    var createdAt: Date
    /// For ``JobPlan/Completion/afterDelay(_:)``: the drawn delay.
    var delay: Double?
    /// Status reads so far.
    var polls = 0
    /// When a status read first showed the job finished.
    var shownFinishedAt: Date?
    /// Status reads after one already showed the job finished (a client that keeps polling).
    var readsAfterShownFinished = 0
    var canceled = false
    var assetIDs: [String] = []
    var statusHistory: [String] = []
}

/// What a status read of a job shows.
struct JobView {
    var status: String
    var progress: Double
    var phase: Phase

    enum Phase { case running, succeeded, failed, canceled }
}

/// A file the server can serve from its CDN: a generated result or an uploaded file.
struct ServerAsset: Sendable {
    var id: String
    var length: Int64
    /// The uploaded bytes; nil for a generated asset (``GeneratedContent``).
    var content: Data?
    var kind: String
    var mimeType: String
}

/// A multipart upload in progress.
struct ServerUpload: Sendable {
    var id: String
    var fileName: String
    var contentType: String
    var kind: String
    var fileSize: Int64
    var partCount: Int
    var signatures: [Int: String]
    var parts: [Int: Data] = [:]
    var completed = false
    var pollsSinceCompletion = 0
    var assetID: String?
}

/// A fault waiting for its next matching requests.
struct PendingFault: Sendable {
    var route: Route
    var fault: Fault
    var remaining: Int
}

/// Everything the server remembers, behind one lock.
struct ServerState: Sendable {
    var requests: [RecordedRequest] = []
    var faults: [PendingFault] = []
    var plans: [JobPlan] = []
    var jobs: [String: ServerJob] = [:]
    var jobOrder: [String] = []
    var assets: [String: ServerAsset] = [:]
    /// CDN token → asset id.
    var tokens: [String: String] = [:]
    var expiredTokens: Set<String> = []
    var uploads: [String: ServerUpload] = [:]
    var counter = 0

    mutating func nextNumber() -> Int {
        counter += 1
        return counter
    }

    /// Takes the first pending fault for `route` (or for any route).
    mutating func takeFault(for route: Route) -> Fault? {
        guard let index = faults.firstIndex(where: { $0.route == route || $0.route == .any }) else { return nil }
        let fault = faults[index].fault
        faults[index].remaining -= 1
        if faults[index].remaining <= 0 { faults.remove(at: index) }
        return fault
    }

    /// A fresh CDN token for an asset.
    mutating func issueToken(for assetID: String) -> String {
        let token = "t\(nextNumber())-" + UUID().uuidString.prefix(8).lowercased()
        tokens[token] = assetID
        return token
    }
}

extension ServerJob {
    /// The job as the next status read shows it (the caller counts the read first).
    func view(now: Date, scenario: Bool) -> JobView {
        if canceled { return JobView(status: "canceled", progress: 0, phase: .canceled) }
        let running = plan.runningStatuses ?? (scenario ? ["queued", "in-progress"] : ["queued", "generating"])
        let finished: Bool
        let progress: Double
        let runningIndex: Int
        switch plan.completion {
        case .afterPolls(let count):
            finished = polls > count
            progress = count <= 0 ? 1 : min(1, Double(polls) / Double(count + 1))
            runningIndex = max(0, polls - 1)
        case .afterDelay:
            let elapsed = now.timeIntervalSince(createdAt)
            let total = delay ?? 0
            finished = elapsed >= total
            progress = total <= 0 ? 1 : min(1, elapsed / total)
            runningIndex = progress < 0.1 ? 0 : running.count - 1
        case .never:
            finished = false
            progress = min(0.99, Double(polls) / 100)
            runningIndex = max(0, polls - 1)
        }
        if finished {
            switch plan.outcome {
            case .success: return JobView(status: scenario ? "success" : "completed", progress: 1, phase: .succeeded)
            case .failure: return JobView(status: scenario ? "failure" : "error", progress: progress, phase: .failed)
            }
        }
        return JobView(status: running[min(runningIndex, running.count - 1)], progress: progress, phase: .running)
    }
}
