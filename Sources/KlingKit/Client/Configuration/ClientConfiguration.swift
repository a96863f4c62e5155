import Foundation

/// Everything a ``KlingClient`` needs: credentials and base URL per provider, retry and wait policies,
/// and timeouts.
public struct KlingClientConfiguration: Sendable {
    /// The environment variables ``fromEnvironment(_:)`` reads.
    public enum EnvironmentVariable {
        /// Scenario's API key (the name Scenario's SDKs use).
        public static let scenarioKey = ScenarioCredentials.keyVariable
        /// Scenario's API secret (the name Scenario's SDKs use).
        public static let scenarioSecret = ScenarioCredentials.secretVariable
        /// The AI/ML API key.
        public static let aimlapiKey = AIMLAPICredentials.keyVariable
        /// Replaces Scenario's base URL (`https://api.cloud.scenario.com`), e.g. for a proxy or a test server.
        public static let scenarioBaseURL = "KLING_SCENARIO_BASE_URL"
        /// Replaces the AI/ML API's base URL (`https://api.aimlapi.com`).
        public static let aimlapiBaseURL = "KLING_AIMLAPI_BASE_URL"
    }

    /// Scenario's settings.
    public struct Scenario: Sendable {
        /// Scenario's public API.
        public static let defaultBaseURL = URL(string: "https://api.cloud.scenario.com")!

        /// The key pair; nil until set (a request then fails with ``KlingError/missingCredentials(_:variables:)``).
        public var credentials: ScenarioCredentials?
        /// The URL the endpoint paths (`/v1/...`) are appended to.
        public var baseURL: URL
        /// Sent as the `projectId` query parameter on every Scenario request when set.
        public var projectID: String?

        /// Scenario settings; by default no credentials, the public API and no project.
        public init(credentials: ScenarioCredentials? = nil, baseURL: URL = Scenario.defaultBaseURL, projectID: String? = nil) {
            self.credentials = credentials
            self.baseURL = baseURL
            self.projectID = projectID
        }
    }

    /// The AI/ML API's settings.
    public struct AIMLAPI: Sendable {
        /// The AI/ML API's public API.
        public static let defaultBaseURL = URL(string: "https://api.aimlapi.com")!

        /// The key; nil until set (a request then fails with ``KlingError/missingCredentials(_:variables:)``).
        public var credentials: AIMLAPICredentials?
        /// The URL the endpoint paths (`/v2/...`) are appended to.
        public var baseURL: URL

        /// AI/ML API settings; by default no credentials and the public API.
        public init(credentials: AIMLAPICredentials? = nil, baseURL: URL = AIMLAPI.defaultBaseURL) {
            self.credentials = credentials
            self.baseURL = baseURL
        }
    }

    /// Scenario's credentials, base URL and project.
    public var scenario: Scenario
    /// The AI/ML API's credentials and base URL.
    public var aimlapi: AIMLAPI
    /// When and how often failed requests are retried.
    public var retry: RetryPolicy
    /// How ``KlingClient/wait(for:options:onUpdate:)`` polls when no options are passed.
    public var wait: WaitOptions
    /// How long a request may go without receiving data before it fails. URLSession on Linux counts
    /// whole seconds; shorter values are rounded up to one second.
    public var requestTimeout: Duration
    /// The most connections open to one host at a time.
    public var maximumConnectionsPerHost: Int
    /// The `User-Agent` header.
    public var userAgent: String

    /// A configuration; without credentials, requests to that provider fail with ``KlingError/missingCredentials(_:variables:)``.
    public init(
        scenario: Scenario = Scenario(),
        aimlapi: AIMLAPI = AIMLAPI(),
        retry: RetryPolicy = .default,
        wait: WaitOptions = .default,
        requestTimeout: Duration = .seconds(60),
        maximumConnectionsPerHost: Int = 32,
        userAgent: String = "KlingKit/1.0"
    ) {
        self.scenario = scenario
        self.aimlapi = aimlapi
        self.retry = retry
        self.wait = wait
        self.requestTimeout = requestTimeout
        self.maximumConnectionsPerHost = maximumConnectionsPerHost
        self.userAgent = userAgent
    }

    /// Reads credentials and base-URL overrides from the environment (see ``EnvironmentVariable``).
    /// Missing credentials are not an error here: a provider without them fails when it is used.
    /// - Throws: ``KlingError/invalidConfiguration(_:)`` when a base-URL override is not an http(s) URL.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KlingError) -> KlingClientConfiguration {
        var configuration = KlingClientConfiguration()
        configuration.scenario.credentials = ScenarioCredentials(environment: environment)
        configuration.aimlapi.credentials = AIMLAPICredentials(environment: environment)
        if let text = environment[EnvironmentVariable.scenarioBaseURL], !text.isEmpty {
            configuration.scenario.baseURL = try baseURL(text, variable: EnvironmentVariable.scenarioBaseURL)
        }
        if let text = environment[EnvironmentVariable.aimlapiBaseURL], !text.isEmpty {
            configuration.aimlapi.baseURL = try baseURL(text, variable: EnvironmentVariable.aimlapiBaseURL)
        }
        return configuration
    }

    private static func baseURL(_ text: String, variable: String) throws(KlingError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil, url.query == nil
        else {
            throw .invalidConfiguration("\(variable) must be an http:// or https:// URL without a query, such as https://api.example.com")
        }
        return url
    }

    /// The base URL of a provider.
    public func baseURL(of provider: Provider) -> URL {
        switch provider {
        case .scenario: return scenario.baseURL
        case .aimlapi: return aimlapi.baseURL
        }
    }

    /// Every credential string, for scrubbing text that leaves the client.
    var secrets: [String] {
        (scenario.credentials?.secrets ?? []) + (aimlapi.credentials?.secrets ?? [])
    }
}
