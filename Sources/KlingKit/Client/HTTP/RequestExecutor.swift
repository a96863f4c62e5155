import Foundation

/// Sends provider API requests under the ``RetryPolicy`` and maps failures to ``KlingError``.
struct RequestExecutor: Sendable {
    /// Whether the provider may safely receive the request twice.
    enum Kind: Sendable {
        /// `GET`, `PUT` of a part: retried on 429, 5xx and connection errors.
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
        let maximumAttempts = kind == .submit ? policy.maximumSubmitAttempts : policy.maximumAttempts
        var attempt = 1
        while true {
            if Task.isCancelled { throw .cancelled(nil) }
            let outcome: Result<HTTPResponse, TransportFailure>
            do {
                outcome = .success(try await transport.send(request))
            } catch {
                outcome = .failure(error)
            }
            let failure: KlingError
            var delay: Duration?
            switch outcome {
            case .success(let response):
                if response.isSuccess { return response }
                let mapped = ProviderErrorMapper.error(for: response, provider: provider, isSubmit: kind == .submit, redactor: redactor)
                guard Self.isRetryable(status: response.status, kind: kind) else { throw mapped }
                if let retryAfter = RetryAfter.parse(response.header("retry-after")) {
                    guard retryAfter <= policy.maximumRetryAfter else { throw mapped }
                    delay = retryAfter
                }
                failure = mapped
            case .failure(.cancelled):
                throw .cancelled(nil)
            case .failure(.notConnected(let detail)):
                failure = .connectionFailed(provider, detail: detail)
            case .failure(.timedOut(let detail)), .failure(.interrupted(let detail)):
                if kind == .submit { throw .submitOutcomeUnknown(provider, detail: detail) }
                failure = .connectionFailed(provider, detail: detail)
            }
            guard attempt < maximumAttempts else { throw failure }
            let wait = delay ?? policy.delay(afterAttempt: attempt)
            if let deadline, ContinuousClock.now.advanced(by: wait) > deadline { throw failure }
            do {
                try await Task.sleep(for: wait)
            } catch {
                throw .cancelled(nil)
            }
            attempt += 1
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
