import Foundation

/// Every way a ``KlingClient`` call can fail. Switch on it to react; print it to tell a person what to
/// do. No description contains a credential (provider text is scrubbed of them) or a signed URL's query.
public enum KlingError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// The request breaks the model's documented rules; nothing was sent. Carries every issue.
    case invalidRequest(InvalidRequestError)
    /// The client's configuration cannot work (a malformed base URL, a request type whose provider
    /// does not match its marker protocol).
    case invalidConfiguration(String)
    /// The provider's credentials are not set; `variables` names the environment variables to set.
    case missingCredentials(Provider, variables: [String])
    /// The provider rejected the credentials (401, or a 403 that is not about the plan), or a proxy on
    /// the way asked for its own (407). The request was refused, so nothing was created.
    case unauthorized(Provider, status: Int, message: String?)
    /// The account may not do this: Scenario's plan does not cover the model
    /// (`ModelAccessRestrictedError`), or the AI/ML API account is out of credits. Retrying will not help.
    case planRestricted(Provider, status: Int, message: String?)
    /// The provider is limiting requests (429) and retries did not get through. `retryAfter` is the
    /// provider's `Retry-After`, when it sent one.
    case rateLimited(Provider, retryAfter: Duration?, message: String?)
    /// The provider refused a request (429) because the account runs as many actions as it may at
    /// once: Scenario's team concurrency ceiling (`details.actionLimit` of action `details.actionName`).
    /// Nothing was created; an immediate retry fails again, so wait for running jobs to finish.
    case concurrencyLimited(Provider, limit: Int, action: String?, message: String?)
    /// The provider answered with an error status; `body` is a scrubbed excerpt of its answer.
    case providerError(Provider, status: Int, message: String?, body: String)
    /// The provider could not be reached, even after retries; nothing was accepted.
    case connectionFailed(Provider?, detail: String)
    /// A submit failed after the request may have reached the provider (a timeout, a dropped
    /// connection, a server error). It was not resent, because a duplicate job costs money: check
    /// the provider's job list before submitting again.
    case submitOutcomeUnknown(Provider, detail: String)
    /// The provider's answer could not be read.
    case invalidResponse(Provider, detail: String)
    /// The job ended in failure (or was canceled) on the provider, with its message and `hint`.
    case jobFailed(KlingJob, status: JobStatus, message: String?, hint: String?)
    /// The job has not succeeded yet, so it has no result to resolve or download.
    case jobNotFinished(KlingJob, status: JobStatus)
    /// The wait's total timeout passed before the job finished. The job may still finish: wait
    /// again with the same ``KlingJob``.
    case timedOut(KlingJob, lastStatus: JobStatus?, waited: Duration)
    /// The calling task was cancelled. A submitted job keeps running on the provider unless the wait
    /// options asked to cancel it; a submit cancelled in flight may still have been accepted.
    case cancelled(KlingJob?)
    /// A result could not be downloaded; nothing was left at the destination.
    case downloadFailed(DownloadFailure)
    /// A file could not be uploaded.
    case uploadFailed(String)

    /// What went wrong and what to do about it, free of credentials.
    public var description: String {
        switch self {
        case .invalidRequest(let error):
            return error.description + "\nNothing was sent."
        case .invalidConfiguration(let message):
            return "Invalid configuration: \(message)"
        case .missingCredentials(let provider, let variables):
            let names = variables.joined(separator: " and ")
            return "No \(provider) credentials: set \(names) in the environment, or pass credentials in the client's configuration."
        case .unauthorized(let provider, let status, let message):
            return Self.unauthorizedText(provider, status: status) + Self.providerSays(message)
        case .planRestricted(let provider, let status, let message):
            switch provider {
            case .scenario:
                return "Your Scenario plan does not include this model (HTTP \(status)\(message.map { ": \($0)" } ?? "")). "
                    + "Upgrade the plan or use another model; retrying will not help."
            case .aimlapi:
                return "The AI/ML API refused the request (HTTP \(status)\(message.map { ": \($0)" } ?? "")): "
                    + "the account behind AIMLAPI_KEY is out of credits or its plan does not cover this model. "
                    + "Top up credits or change the plan; retrying will not help."
            }
        case .rateLimited(let provider, let retryAfter, let message):
            let when = retryAfter.map { "Try again in \($0.humanReadable)." }
                ?? (provider == .scenario ? "Wait for running jobs to finish (the team's concurrency limit) and try again." : "Wait a moment and try again.")
            return "\(provider) is limiting requests (HTTP 429)\(Self.providerSays(message, prefix: ": ")). \(when)"
        case .concurrencyLimited(let provider, let limit, let action, let message):
            let what = action.map { "\($0) actions" } ?? "actions"
            return "\(provider) allows \(limit) concurrent \(what) for this account and that many are running (HTTP 429)"
                + "\(Self.providerSays(message, prefix: ": ")). Nothing was created; wait for running jobs to finish and try again."
        case .providerError(let provider, let status, let message, let body):
            let detail = message ?? (body.isEmpty ? "no details" : body)
            return "\(provider) answered HTTP \(status): \(detail)"
        case .connectionFailed(let provider, let detail):
            let name = provider.map { "\($0)" } ?? "the server"
            let variable = provider.map { $0 == .scenario ? " or KLING_SCENARIO_BASE_URL" : " or KLING_AIMLAPI_BASE_URL" } ?? ""
            return "Could not reach \(name): \(detail). Check the network connection and the base URL\(variable)."
        case .submitOutcomeUnknown(let provider, let detail):
            return "The \(provider) submit failed after the request was sent (\(detail)); \(provider) may or may not have accepted it. "
                + "It was not sent again, so you are not charged twice: check your \(provider) jobs before submitting again."
        case .invalidResponse(let provider, let detail):
            return "\(provider) sent an answer the client cannot read: \(detail)"
        case .jobFailed(let job, let status, let message, let hint):
            let verb = status.phase == .canceled ? "was canceled" : "failed"
            var text = "Job \(job.id) on \(job.provider) \(verb) (status \(status))"
            text += message.map { ": \($0)" } ?? "."
            if let hint { text += "\nHint: \(hint)" }
            return text
        case .jobNotFinished(let job, let status):
            return "Job \(job.id) on \(job.provider) has not succeeded (status \(status)); wait for it to finish before fetching its result."
        case .timedOut(let job, let lastStatus, let waited):
            return "Stopped waiting for job \(job.id) on \(job.provider) after \(waited.humanReadable)"
                + (lastStatus.map { " (last status: \($0))" } ?? "")
                + ". The job may still finish: wait again with its id."
        case .cancelled(let job):
            guard let job else {
                return "Cancelled. A request in flight at that moment may still have reached the provider: "
                    + "after a cancelled submit, check the provider's jobs before submitting again."
            }
            return "Cancelled while working on job \(job.id) on \(job.provider). The job itself keeps running there; wait again with its id."
        case .downloadFailed(let failure):
            return failure.description
        case .uploadFailed(let message):
            return "Upload failed: \(message)"
        }
    }

    /// The same text as ``description``, for `LocalizedError` users.
    public var errorDescription: String? { description }

    private static func unauthorizedText(_ provider: Provider, status: Int) -> String {
        switch (provider, status) {
        case (_, 407):
            return "A proxy between this machine and \(provider) asked for its own credentials (HTTP 407 Proxy Authentication Required): "
                + "put the proxy's user and password in its URL (https_proxy=http://user:password@host:port) or use another proxy. "
                + "Nothing was accepted by \(provider)."
        case (.scenario, 403):
            return "Scenario refused access (HTTP 403): the key in SCENARIO_SDK_API_KEY may not access this project or resource. Check the key's project and the projectId."
        case (.scenario, _):
            return "Scenario rejected the credentials (HTTP \(status)): check SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET, which must be the key and secret of one API key."
        case (.aimlapi, 403):
            return "The AI/ML API refused access (HTTP 403): check the key in AIMLAPI_KEY and its permissions."
        case (.aimlapi, _):
            return "The AI/ML API rejected the key (HTTP \(status)): check AIMLAPI_KEY."
        }
    }

    private static func providerSays(_ message: String?, prefix: String = " The provider says: ") -> String {
        guard let message, !message.isEmpty else { return "" }
        return prefix + message
    }
}

/// Why a download failed.
public struct DownloadFailure: Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The file URL answered 401/403/404/410 even after it was resolved again: it expired or was removed.
        case urlExpired(status: Int)
        /// The file URL answered another error status.
        case httpStatus(Int)
        /// The connection ended before `expected` bytes arrived.
        case truncated(expected: Int64?, received: Int64)
        /// The transfer failed (after retries).
        case connection(String)
        /// The file could not be written or moved into place.
        case fileSystem(String)
    }

    /// What went wrong.
    public var reason: Reason
    /// The asset being downloaded.
    public var assetID: String
    /// The destination path.
    public var destination: String

    /// A failure of the download of `assetID` to `destination`.
    public init(reason: Reason, assetID: String, destination: String) {
        self.reason = reason
        self.assetID = assetID
        self.destination = destination
    }

    /// What went wrong, naming the asset and the destination.
    public var description: String {
        let what = "Downloading \(assetID) to \(destination) failed"
        switch reason {
        case .urlExpired(let status):
            return "\(what): its URL answered HTTP \(status) even after it was resolved again (expired or removed). Fetch the job's result again later."
        case .httpStatus(let status):
            return "\(what): the file server answered HTTP \(status)."
        case .truncated(let expected, let received):
            return "\(what): the connection ended after \(received) of \(expected.map(String.init) ?? "an unknown number of") bytes. Nothing was written; try again."
        case .connection(let detail):
            return "\(what): \(detail). Nothing was written; try again."
        case .fileSystem(let detail):
            return "\(what): \(detail)."
        }
    }
}
