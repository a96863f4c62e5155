/// Where a job stands, whatever the provider calls it.
public enum JobPhase: String, Sendable, Hashable, CaseIterable {
    /// Accepted, not started (`queued`, `pending`, `waiting`, `warming-up`).
    case queued
    /// Being generated (`in-progress`, `generating`, `active`, `finalizing`).
    case running
    /// Finished with a result (`success`, `completed`).
    case succeeded
    /// Finished without one (`failure`, `error`).
    case failed
    /// Canceled (`canceled`).
    case canceled
    /// A status this client does not know; treated as still running.
    case unknown

    /// Whether the job will not change any more.
    public var isTerminal: Bool {
        self == .succeeded || self == .failed || self == .canceled
    }
}

/// A provider's job status, exactly as it sent it, with its ``JobPhase``. Unknown values are kept
/// (phase ``JobPhase/unknown``) rather than rejected, so a provider adding a status breaks nothing.
public struct JobStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The provider's value: `in-progress`, `generating`, ...
    public let rawValue: String

    /// A status as the provider spelled it; unknown values are kept.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A status written as a string literal.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// The provider's value.
    public var description: String { rawValue }

    /// What the status means.
    public var phase: JobPhase {
        switch rawValue.lowercased() {
        case "queued", "pending", "waiting", "warming-up", "created", "starting": return .queued
        case "in-progress", "generating", "active", "finalizing", "processing", "running": return .running
        case "success", "completed", "succeeded": return .succeeded
        case "failure", "error", "failed": return .failed
        case "canceled", "cancelled": return .canceled
        default: return .unknown
        }
    }

    // Scenario's statuses.
    /// Accepted and waiting (both providers).
    public static let queued: JobStatus = "queued"
    /// Scenario: the model is being loaded.
    public static let warmingUp: JobStatus = "warming-up"
    /// Scenario: waiting to start.
    public static let pending: JobStatus = "pending"
    /// Scenario: generating.
    public static let inProgress: JobStatus = "in-progress"
    /// Scenario: storing the result.
    public static let finalizing: JobStatus = "finalizing"
    /// Scenario: done; the result is in `metadata.assetIds`.
    public static let success: JobStatus = "success"
    /// Scenario: failed; see `metadata.error` and `metadata.hint`.
    public static let failure: JobStatus = "failure"
    /// Scenario: canceled.
    public static let canceled: JobStatus = "canceled"

    // The AI/ML API's statuses (`queued` too), including the two its samples wait on.
    /// AI/ML API: generating.
    public static let generating: JobStatus = "generating"
    /// AI/ML API: done; the result is at `video.url`.
    public static let completed: JobStatus = "completed"
    /// AI/ML API: failed; see `error`.
    public static let error: JobStatus = "error"
    /// AI/ML API: waiting to start (seen in the provider's samples).
    public static let waiting: JobStatus = "waiting"
    /// AI/ML API: running (seen in the provider's samples).
    public static let active: JobStatus = "active"
}
