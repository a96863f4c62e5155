import Foundation

/// A job as one status read showed it.
public struct JobSnapshot: Sendable, Hashable {
    /// The job whose status this is.
    public var job: KlingJob
    /// The provider's status, kept as sent.
    public var status: JobStatus
    /// 0...1 when the provider reports it (Scenario does; the AI/ML API does not).
    public var progress: Double?
    /// Scenario's result asset ids (`job.metadata.assetIds`), once the job succeeded.
    public var assetIDs: [AssetID]
    /// The AI/ML API's result URL (`video.url`), once the generation completed. Temporary.
    public var resultURL: URL?
    /// The provider's error message for a failed job.
    public var errorMessage: String?
    /// Scenario's actionable `hint` for a failed job.
    public var hint: String?
    /// The provider's whole answer, for fields this type does not name.
    public var raw: JSONValue

    /// A snapshot; the client builds these from provider answers.
    public init(
        job: KlingJob, status: JobStatus, progress: Double? = nil, assetIDs: [AssetID] = [], resultURL: URL? = nil,
        errorMessage: String? = nil, hint: String? = nil, raw: JSONValue = .null
    ) {
        self.job = job
        self.status = status
        self.progress = progress
        self.assetIDs = assetIDs
        self.resultURL = resultURL
        self.errorMessage = errorMessage
        self.hint = hint
        self.raw = raw
    }

    /// Shorthand for `status.phase`.
    public var phase: JobPhase { status.phase }

    /// The failure a terminal unsuccessful snapshot stands for.
    var failure: KlingError? {
        switch phase {
        case .failed, .canceled: return .jobFailed(job, status: status, message: errorMessage, hint: hint)
        default: return nil
        }
    }
}
