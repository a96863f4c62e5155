import Foundation

/// A job a provider accepted: its id and provider. Save it (it is `Codable`, or just the two
/// strings) to wait for or download the result later, in another process.
public struct KlingJob: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Scenario's `jobId` (`job_...`), or the AI/ML API's generation id (`<uuid>:<model id>`).
    public var id: String
    /// The provider that runs the job.
    public var provider: Provider

    /// A job from a saved id and its provider.
    public init(id: String, provider: Provider) {
        self.id = id
        self.provider = provider
    }

    /// A job whose provider can be told from its id: AI/ML API generation ids are
    /// `<uuid>:<model id>` (`a3f1e246-0831-4d6e-893a-990fb5c214ea:klingai/video-o1-reference-to-video`).
    /// Nil for any other id (Scenario's ids carry no provider mark; pass the provider explicitly).
    public init?(inferringProviderFrom id: String) {
        guard let colon = id.firstIndex(of: ":") else { return nil }
        let uuid = id[..<colon]
        let model = id[id.index(after: colon)...]
        guard UUID(uuidString: String(uuid)) != nil, !model.isEmpty else { return nil }
        self.init(id: id, provider: .aimlapi)
    }

    /// `Scenario job job_...`.
    public var description: String { "\(provider) job \(id)" }
}
