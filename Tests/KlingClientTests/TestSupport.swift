import Foundation
import KlingKit
import KlingPlatform
import KlingProviderServer
import Testing

/// Credentials the test server accepts; tests check none of them ever appears in output.
enum TestCredentials {
    static let scenarioKey = "sk-scn-9f3a7c1e5d"
    static let scenarioSecret = "ss-scn-b81d2e94af60"
    static let aimlapiKey = "ak-aiml-5e0c7b33d1f2"

    static var all: [String] {
        [scenarioKey, scenarioSecret, aimlapiKey, Data("\(scenarioKey):\(scenarioSecret)".utf8).base64EncodedString()]
    }
}

/// Retries and polls that keep the suite fast; behaviour is what the tests check, never timing.
enum FastPolicies {
    static let retry = RetryPolicy(
        maximumAttempts: 4, maximumSubmitAttempts: 4, initialDelay: .milliseconds(20), maximumDelay: .milliseconds(100),
        multiplier: 2, jitter: 0.2, maximumRetryAfter: .seconds(5)
    )
    static let wait = WaitOptions(initialInterval: .milliseconds(20), maximumInterval: .milliseconds(80), multiplier: 1.5, jitter: 0.2, timeout: .seconds(20))
}

/// A provider server and a client pointed at it.
struct TestBed {
    let server: ProviderServer
    let client: KlingClient

    /// The server checks bodies with the generated validators, as the real providers check fields.
    static func validator() -> @Sendable (String, Data) -> [String]? {
        { modelID, body in
            guard let model = KlingModels.model(id: modelID) else { return nil }
            guard let report = try? model.validate(json: body) else { return ["malformed JSON"] }
            return report.errors.map(\.description)
        }
    }

    static func serverConfiguration(_ adjust: (inout ProviderServer.Configuration) -> Void = { _ in }) -> ProviderServer.Configuration {
        var configuration = ProviderServer.Configuration()
        configuration.scenarioAPIKey = TestCredentials.scenarioKey
        configuration.scenarioAPISecret = TestCredentials.scenarioSecret
        configuration.aimlapiKey = TestCredentials.aimlapiKey
        configuration.validator = validator()
        adjust(&configuration)
        return configuration
    }

    static func clientConfiguration(baseURL: URL, _ adjust: (inout KlingClientConfiguration) -> Void = { _ in }) -> KlingClientConfiguration {
        var configuration = KlingClientConfiguration(
            scenario: .init(credentials: ScenarioCredentials(apiKey: TestCredentials.scenarioKey, apiSecret: TestCredentials.scenarioSecret), baseURL: baseURL),
            aimlapi: .init(credentials: AIMLAPICredentials(apiKey: TestCredentials.aimlapiKey), baseURL: baseURL),
            retry: FastPolicies.retry,
            wait: FastPolicies.wait,
            requestTimeout: .seconds(10)
        )
        adjust(&configuration)
        return configuration
    }

    /// Runs `body` with a fresh server and client; the server stops afterwards.
    static func run<T>(
        server adjustServer: (inout ProviderServer.Configuration) -> Void = { _ in },
        client adjustClient: (inout KlingClientConfiguration) -> Void = { _ in },
        _ body: (TestBed) async throws -> T
    ) async throws -> T {
        let server = try ProviderServer(serverConfiguration(adjustServer))
        defer { server.stop() }
        let client = KlingClient(configuration: clientConfiguration(baseURL: server.baseURL, adjustClient))
        return try await body(TestBed(server: server, client: client))
    }
}

/// A folder of its own under the temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kling-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// The files in a folder (hidden ones included).
func contents(of directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
}

/// Asserts that no credential appears in `text`.
func expectNoSecrets(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for secret in TestCredentials.all {
        #expect(!text.contains(secret), "a credential appeared in: \(text)", sourceLocation: sourceLocation)
    }
}

/// Runs `body` and returns the KlingError it throws (nil when it throws nothing or another error).
func klingError<T>(_ body: () async throws -> T) async -> KlingError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? KlingError
    }
}

/// Thrown by ``withWatchdog(seconds:sourceLocation:_:)`` when its body did not finish in time.
struct WatchdogExpired: Error, CustomStringConvertible {
    var seconds: Double
    var description: String { "still running after \(seconds) s: it hangs" }
}

/// Runs `body` and fails (recording an issue) instead of hanging when it has not finished after
/// `seconds`. For tests of code that once hung: a regression fails the test rather than stalling
/// the suite. The bound is generous; it detects a hang and measures nothing.
func withWatchdog<T: Sendable>(
    seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let work = Task { try await body() }
    let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>?, Never>) in
        let pending = Locked<CheckedContinuation<Result<T, any Error>?, Never>?>(continuation)
        @Sendable func finish(_ value: Result<T, any Error>?) {
            pending.withLock { continuation in
                continuation?.resume(returning: value)
                continuation = nil
            }
        }
        Task { finish(await work.result) }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            finish(nil)
        }
    }
    guard let outcome else {
        work.cancel()
        Issue.record("still running after \(seconds) s: it hangs", sourceLocation: sourceLocation)
        throw WatchdogExpired(seconds: seconds)
    }
    return try outcome.get()
}
