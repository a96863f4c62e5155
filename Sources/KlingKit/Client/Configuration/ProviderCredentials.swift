import Foundation

/// A Scenario API key pair, sent as HTTP Basic auth (`base64(key:secret)`).
///
/// Printing, dumping or interpolating a value never shows the key or the secret.
public struct ScenarioCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The environment variable Scenario's SDKs read the key from.
    public static let keyVariable = "SCENARIO_SDK_API_KEY"
    /// The environment variable Scenario's SDKs read the secret from.
    public static let secretVariable = "SCENARIO_SDK_API_SECRET"

    /// The API key (Scenario's project settings, API keys).
    public var apiKey: String
    /// The API secret shown once when the key was created.
    public var apiSecret: String

    /// Creates credentials from a key and its secret, rather than from the environment.
    public init(apiKey: String, apiSecret: String) {
        self.apiKey = apiKey
        self.apiSecret = apiSecret
    }

    /// The credentials in `SCENARIO_SDK_API_KEY` and `SCENARIO_SDK_API_SECRET`; nil unless both are set.
    public init?(environment: [String: String]) {
        guard let key = environment[Self.keyVariable], !key.isEmpty,
              let secret = environment[Self.secretVariable], !secret.isEmpty
        else { return nil }
        self.init(apiKey: key, apiSecret: secret)
    }

    /// The `Authorization` header value.
    var authorizationValue: String {
        "Basic " + Data("\(apiKey):\(apiSecret)".utf8).base64EncodedString()
    }

    /// The strings that must never appear in output.
    var secrets: [String] {
        [apiKey, apiSecret, Data("\(apiKey):\(apiSecret)".utf8).base64EncodedString()]
    }

    /// Masked: never the key or the secret.
    public var description: String { "ScenarioCredentials(apiKey: <masked>, apiSecret: <masked>)" }
    /// Masked, like ``description``.
    public var debugDescription: String { description }
    /// No children, so `dump` shows nothing secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// An AI/ML API key, sent as a Bearer token.
///
/// Printing, dumping or interpolating a value never shows the key.
public struct AIMLAPICredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The environment variable the key is read from.
    public static let keyVariable = "AIMLAPI_KEY"

    /// The API key (aimlapi.com, key management).
    public var apiKey: String

    /// Creates credentials from a key, rather than from the environment.
    public init(apiKey: String) {
        self.apiKey = apiKey
    }

    /// The key in `AIMLAPI_KEY`; nil unless it is set.
    public init?(environment: [String: String]) {
        guard let key = environment[Self.keyVariable], !key.isEmpty else { return nil }
        self.init(apiKey: key)
    }

    var authorizationValue: String { "Bearer " + apiKey }
    var secrets: [String] { [apiKey] }

    /// Masked: never the key.
    public var description: String { "AIMLAPICredentials(apiKey: <masked>)" }
    /// Masked, like ``description``.
    public var debugDescription: String { description }
    /// No children, so `dump` shows nothing secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
