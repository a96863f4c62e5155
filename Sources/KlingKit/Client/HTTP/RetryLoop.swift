/// What one attempt of a retried operation came to.
enum AttemptResult<Value> {
    /// It worked.
    case success(Value)
    /// It failed for a reason a later attempt may not have (a connection error, 429, 5xx, a garbled
    /// read). `retryAfter` is the server's `Retry-After`, when it sent one.
    case retryable(KlingError, retryAfter: Duration?)
    /// Try again at once, without counting an attempt (a file URL resolved afresh).
    case again
}

extension RetryPolicy {
    /// The client's one retry loop: runs `attempt` until it succeeds or throws, retrying a retryable
    /// failure after the policy's backoff or the server's `Retry-After`. Gives up with the last failure
    /// when the attempts are used up, when the `Retry-After` is longer than ``maximumRetryAfter``, or
    /// when the next attempt would start after `deadline`.
    /// - Parameter cancellation: thrown when the task is cancelled before an attempt or during a pause.
    func run<Value>(
        maximumAttempts: Int, deadline: ContinuousClock.Instant? = nil, cancellation: KlingError,
        _ attempt: () async throws(KlingError) -> AttemptResult<Value>
    ) async throws(KlingError) -> Value {
        var number = 1
        while true {
            if Task.isCancelled { throw cancellation }
            switch try await attempt() {
            case .success(let value):
                return value
            case .again:
                continue
            case .retryable(let failure, let retryAfter):
                if let retryAfter, retryAfter > maximumRetryAfter { throw failure }
                guard number < maximumAttempts else { throw failure }
                let pause = retryAfter ?? delay(afterAttempt: number)
                if let deadline, ContinuousClock.now.advanced(by: pause) > deadline { throw failure }
                do {
                    try await Task.sleep(for: pause)
                } catch {
                    throw cancellation
                }
                number += 1
            }
        }
    }
}
