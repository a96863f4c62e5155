import Foundation

/// When failed requests are retried, and how long the client waits in between.
///
/// - Reads (`GET`, and `PUT` of upload parts) are retried on 408, 429, 500, 502, 503, 504 and on
///   connection errors, including timeouts.
/// - A submit (`POST`) is retried only when the provider provably did not accept it: the connection
///   could not be opened, or the provider answered 429 or 503. Never after a timeout, a connection
///   that dropped once the request was sent, or any other error, because a duplicate job costs money.
/// - A `Retry-After` header (seconds or an HTTP date) sets the delay; longer than
///   ``maximumRetryAfter`` and the client gives up at once with ``KlingError/rateLimited(_:retryAfter:message:)``.
/// - Otherwise the delay grows exponentially from ``initialDelay`` by ``multiplier`` up to
///   ``maximumDelay``, with ±``jitter`` spread so many clients do not retry in step.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total for a read, including the first.
    public var maximumAttempts: Int
    /// Attempts in total for a submit, including the first (used only when the provider provably did not accept it).
    public var maximumSubmitAttempts: Int
    /// The pause before the first retry.
    public var initialDelay: Duration
    /// The longest pause between attempts (without `Retry-After`).
    public var maximumDelay: Duration
    /// Each pause is the previous one times this (at least 1).
    public var multiplier: Double
    /// The fraction (0...1) by which a delay is randomly lengthened or shortened.
    public var jitter: Double
    /// The longest `Retry-After` the client waits out by itself.
    public var maximumRetryAfter: Duration

    /// A policy; each value defaults to that of ``default``.
    public init(
        maximumAttempts: Int = 5,
        maximumSubmitAttempts: Int = 4,
        initialDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(20),
        multiplier: Double = 2,
        jitter: Double = 0.2,
        maximumRetryAfter: Duration = .seconds(120)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.maximumSubmitAttempts = max(1, maximumSubmitAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = max(1, multiplier)
        self.jitter = min(max(jitter, 0), 1)
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// Five attempts for reads, four for a submit the provider refused, 0.5 s doubling to 20 s.
    public static let `default` = RetryPolicy()
    /// One attempt: nothing is retried.
    public static let never = RetryPolicy(maximumAttempts: 1, maximumSubmitAttempts: 1)

    /// The delay before attempt `attempt + 1` (after `attempt` failures), jittered.
    func delay(afterAttempt attempt: Int) -> Duration {
        let base = initialDelay.inSeconds * pow(multiplier, Double(max(0, attempt - 1)))
        let capped = min(base, maximumDelay.inSeconds)
        return .seconds(double: Self.jittered(capped, by: jitter))
    }

    static func jittered(_ seconds: Double, by jitter: Double) -> Double {
        guard jitter > 0 else { return seconds }
        return seconds * Double.random(in: (1 - jitter)...(1 + jitter))
    }
}

/// Reads a `Retry-After` header: delay seconds, or an HTTP date (IMF-fixdate, RFC 850, asctime).
enum RetryAfter {
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: value) {
                return .seconds(double: date.timeIntervalSince(now))
            }
        }
        return nil
    }
}
