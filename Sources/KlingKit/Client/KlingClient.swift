import Foundation

/// Submits Kling video requests to Scenario and the AI/ML API, waits for the jobs, and downloads
/// their results.
///
/// ```swift
/// let client = try KlingClient.fromEnvironment()
/// let job = try await client.submit(KlingV3OmniVideoRequest(prompt: "A lighthouse at dawn"))
/// // Save `job` to resume later; then:
/// let done = try await client.wait(for: job) { print($0.status, $0.progress ?? 0) }
/// let file = try await client.download(done, to: URL(fileURLWithPath: "lighthouse.mp4"))
/// ```
///
/// Every call validates before sending, retries only what is safe to retry (see ``RetryPolicy``),
/// honours task cancellation, and throws ``KlingError``. The client is a value: copy it freely
/// across tasks; copies share their connections.
public struct KlingClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: KlingClientConfiguration
    let transport: HTTPTransport
    let scenario: ScenarioAPI
    let aimlapi: AIMLAPI
    let redactor: SecretRedactor

    /// Creates a client with these settings: credentials, base URLs, retry and wait policies.
    public init(configuration: KlingClientConfiguration) {
        self.configuration = configuration
        transport = HTTPTransport(configuration: configuration)
        scenario = ScenarioAPI(settings: configuration.scenario, userAgent: configuration.userAgent)
        aimlapi = AIMLAPI(settings: configuration.aimlapi, userAgent: configuration.userAgent)
        redactor = SecretRedactor(secrets: configuration.secrets)
    }

    /// A client configured from the environment: `SCENARIO_SDK_API_KEY`, `SCENARIO_SDK_API_SECRET`,
    /// `AIMLAPI_KEY`, and the base-URL overrides `KLING_SCENARIO_BASE_URL` and `KLING_AIMLAPI_BASE_URL`.
    /// - Throws: ``KlingError/invalidConfiguration(_:)`` for a malformed base URL.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KlingError) -> KlingClient {
        KlingClient(configuration: try .fromEnvironment(environment))
    }

    func api(for provider: Provider) -> any ProviderAPI {
        switch provider {
        case .scenario: return scenario
        case .aimlapi: return aimlapi
        }
    }

    func executor(policy: RetryPolicy? = nil) -> RequestExecutor {
        RequestExecutor(transport: transport, policy: policy ?? configuration.retry, redactor: redactor)
    }
}
