/// How ``KlingClient/wait(for:options:onUpdate:)`` polls a job.
///
/// The defaults suit video jobs, which take minutes: the first poll after 3 s, each interval 1.5×
/// the previous, capped at 15 s (the AI/ML API's own samples poll every 15 s), ±20 % jitter, and a
/// total timeout of 30 minutes (Scenario's SDK helper gives up after 120 s, too soon for video).
public struct WaitOptions: Sendable, Hashable {
    /// The pause before the second status read (the first is immediate).
    public var initialInterval: Duration
    /// The longest pause between two status reads.
    public var maximumInterval: Duration
    /// Each pause is the previous one times this (at least 1).
    public var multiplier: Double
    /// The fraction (0...1) by which an interval is randomly lengthened or shortened.
    public var jitter: Double
    /// The longest the wait lasts; then it throws ``KlingError/timedOut(_:lastStatus:waited:)``.
    public var timeout: Duration
    /// Ask the provider to cancel the job when the timeout passes (best effort: only Scenario has a
    /// cancel action, and most generation jobs refuse it). Off by default: a launched job is paid
    /// for, and its result can still be fetched later.
    public var cancelJobOnTimeout: Bool
    /// Ask the provider to cancel the job when the waiting task is cancelled (best effort, sent in
    /// the background so cancellation stays immediate). Off by default, for the same reason.
    public var cancelJobOnCancellation: Bool

    /// Options; each defaults to the value of ``default``.
    public init(
        initialInterval: Duration = .seconds(3),
        maximumInterval: Duration = .seconds(15),
        multiplier: Double = 1.5,
        jitter: Double = 0.2,
        timeout: Duration = .seconds(30 * 60),
        cancelJobOnTimeout: Bool = false,
        cancelJobOnCancellation: Bool = false
    ) {
        self.initialInterval = initialInterval
        self.maximumInterval = maximumInterval
        self.multiplier = max(1, multiplier)
        self.jitter = min(max(jitter, 0), 1)
        self.timeout = timeout
        self.cancelJobOnTimeout = cancelJobOnTimeout
        self.cancelJobOnCancellation = cancelJobOnCancellation
    }

    /// 3 s growing to 15 s, 30 minutes in total, no provider cancel.
    public static let `default` = WaitOptions()

    /// The interval after `interval`.
    func next(after interval: Duration) -> Duration {
        min(.seconds(double: interval.inSeconds * multiplier), maximumInterval)
    }
}
