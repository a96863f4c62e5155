import Foundation

/// One request as the server received it, kept so tests can prove what reached the provider.
public struct RecordedRequest: Sendable, Hashable {
    /// The order in which the server finished reading requests, from 1.
    public var sequence: Int
    /// The HTTP method.
    public var method: String
    /// The path without the query, percent-decoded.
    public var path: String
    /// The query parameters, percent-decoded (the last value wins for a repeated name).
    public var query: [String: String]
    /// The headers by lowercased name; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The body, or empty when it was larger than ``ProviderServer/Configuration/maximumRecordedBodyBytes``.
    public var body: Data

    /// A recorded request.
    public init(sequence: Int, method: String, path: String, query: [String: String], headers: [String: String], body: Data) {
        self.sequence = sequence
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A header's value by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The body as UTF-8 text (empty when it is not UTF-8).
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
