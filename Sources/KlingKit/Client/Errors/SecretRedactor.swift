import Foundation

/// Removes credentials and signed-URL queries from text before it reaches an error or output.
struct SecretRedactor: Sendable {
    let secrets: [String]

    init(secrets: [String]) {
        // Longest first, so a secret that contains another is removed whole.
        self.secrets = Array(Set(secrets.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    /// The text with every credential replaced by `<redacted>`.
    func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return result
    }

    /// A one-line excerpt of a response body, redacted.
    func excerpt(of body: Data, limit: Int = 300) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        let short = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return redact(short)
    }

    /// A URL for messages: scheme, host and path, without the query (signed URLs carry tokens there).
    static func displayURL(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<url>" }
        let hadQuery = components.query != nil
        components.query = nil
        components.fragment = nil
        components.user = nil
        components.password = nil
        return (components.string ?? "<url>") + (hadQuery ? "?…" : "")
    }
}
