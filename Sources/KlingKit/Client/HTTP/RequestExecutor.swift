import Foundation

/// Sends provider API requests under the ``RetryPolicy`` and maps failures to ``KlingError``.
struct RequestExecutor: Sendable {
    /// Whether the provider may safely receive the request twice.
    enum Kind: Sendable {
        /// `GET`, `PUT` of a part: retried on 429, 5xx, connection errors and answers that cannot be read.
        case read
        /// A `POST` that creates something: retried only when the provider provably did not accept it.
        case submit
    }

    let transport: HTTPTransport
    let policy: RetryPolicy
    let redactor: SecretRedactor

    /// Sends the request, retrying as the policy allows, and returns its 2xx response.
    /// - Parameter deadline: no retry is scheduled past this instant.
    func execute(
        _ request: HTTPRequest, provider: Provider, kind: Kind, deadline: ContinuousClock.Instant? = nil
    ) async throws(KlingError) -> HTTPResponse {
        try await execute(request, provider: provider, kind: kind, deadline: deadline) { response throws(KlingError) in response }
    }

    /// Sends the request, retrying as the policy allows, and reads its 2xx response with `decode`.
    ///
    /// A read whose 2xx answer `decode` cannot read (``KlingError/invalidResponse(_:detail:)``: a
    /// truncated or garbled body) is retried like a 5xx, and fails only when that persists. For a
    /// submit, whatever `decode` throws is final: the request was accepted.
    func execute<Value>(
        _ request: HTTPRequest, provider: Provider, kind: Kind, deadline: ContinuousClock.Instant? = nil,
        decode: (HTTPResponse) throws(KlingError) -> Value
    ) async throws(KlingError) -> Value {
        let maximumAttempts = kind == .submit ? policy.maximumSubmitAttempts : policy.maximumAttempts
        return try await policy.run(maximumAttempts: maximumAttempts, deadline: deadline, cancellation: .cancelled(nil)) {
            () async throws(KlingError) -> AttemptResult<Value> in
            let response: HTTPResponse
            do throws(TransportFailure) {
                response = try await transport.send(request)
            } catch {
                switch error {
                case .cancelled:
                    throw .cancelled(nil)
                case .notConnected(let detail):
                    return .retryable(.connectionFailed(provider, detail: detail), retryAfter: nil)
                case .timedOut(let detail), .interrupted(let detail):
                    if kind == .submit { throw .submitOutcomeUnknown(provider, detail: detail) }
                    return .retryable(.connectionFailed(provider, detail: detail), retryAfter: nil)
                }
            }
            guard response.isSuccess else {
                let failure = ProviderErrorMapper.error(for: response, provider: provider, isSubmit: kind == .submit, redactor: redactor)
                guard Self.isRetryable(status: response.status, kind: kind) else { throw failure }
                return .retryable(failure, retryAfter: RetryAfter.parse(response.header("retry-after")))
            }
            do throws(KlingError) {
                return .success(try decode(response))
            } catch {
                guard kind == .read, case .invalidResponse = error else { throw error }
                return .retryable(error, retryAfter: nil)
            }
        }
    }

    /// The statuses worth another attempt.
    static func isRetryable(status: Int, kind: Kind) -> Bool {
        switch kind {
        case .read: return [408, 429, 500, 502, 503, 504].contains(status)
        case .submit: return status == 429 || status == 503
        }
    }
}
