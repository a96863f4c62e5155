import Foundation

extension KlingClient {
    /// Reads a job's current state once (retrying a failed read as the ``RetryPolicy`` allows, an
    /// answer that cannot be read included).
    public func status(of job: KlingJob) async throws(KlingError) -> JobSnapshot {
        try await status(of: job, deadline: nil)
    }

    func status(of job: KlingJob, deadline: ContinuousClock.Instant?) async throws(KlingError) -> JobSnapshot {
        let api = api(for: job.provider)
        return try await executor().execute(try api.statusRequest(for: job), provider: job.provider, kind: .read, deadline: deadline) {
            response throws(KlingError) in try api.decodeStatus(response, of: job)
        }
    }

    /// Asks the provider to cancel a job. Best effort: the AI/ML API has no cancel endpoint and most
    /// Scenario generation jobs refuse (a launched job is committed spend).
    /// - Returns: true when the provider accepted the cancel, false when it has none or refused.
    /// - Throws: a ``KlingError`` only for missing credentials, cancellation, or an unreachable provider.
    @discardableResult
    public func cancel(_ job: KlingJob) async throws(KlingError) -> Bool {
        guard let request = try api(for: job.provider).cancelRequest(for: job) else { return false }
        do {
            _ = try await executor().execute(request, provider: job.provider, kind: .submit)
            return true
        } catch {
            switch error {
            case .providerError, .unauthorized, .planRestricted, .rateLimited, .concurrencyLimited, .submitOutcomeUnknown, .invalidResponse:
                return false
            default:
                throw error
            }
        }
    }
}
