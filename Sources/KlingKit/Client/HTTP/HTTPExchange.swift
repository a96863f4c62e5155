import Foundation

/// The credential a request carries, applied only when it is sent.
enum RequestAuthorization: Sendable {
    case scenario(ScenarioCredentials)
    case aimlapi(AIMLAPICredentials)

    var headerValue: String {
        switch self {
        case .scenario(let credentials): return credentials.authorizationValue
        case .aimlapi(let credentials): return credentials.authorizationValue
        }
    }
}

/// One HTTP header.
public struct HTTPHeader: Sendable, Hashable {
    /// The header name, as sent.
    public var name: String
    /// The value, credentials masked where this is shown.
    public var value: String

    /// Creates a header from its name and value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request the client is about to send.
struct HTTPRequest: Sendable {
    var method: String
    var url: URL
    var headers: [HTTPHeader] = []
    var body: Data?
    /// The provider credential, or nil for signed URLs (CDN files, upload parts) that must not see it.
    var authorization: RequestAuthorization?
    /// What to show for the credential when the request is printed.
    var maskedAuthorization: String?
    /// The idle timeout; nil for the client's default.
    var timeout: Duration?
    /// Whether the request must go on a new connection that is closed afterwards (submits: a request
    /// on a reused connection that dies is resent by the HTTP stack, which would duplicate a job).
    /// Requests with a body always do.
    var needsFreshConnection = false

    /// The request as a person may see it: every header, the credential masked.
    var prepared: PreparedRequest {
        var shown = headers
        if let maskedAuthorization {
            shown.insert(HTTPHeader(name: "Authorization", value: maskedAuthorization), at: 0)
        }
        return PreparedRequest(method: method, url: url, headers: shown, body: body ?? Data())
    }
}

/// A response, with its whole body (API answers are small; files are streamed separately).
struct HTTPResponse: Sendable {
    var status: Int
    /// Headers by lowercased name.
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// A request exactly as the client would send it, with the credential masked: what `--dry-run`
/// prints. Sending it is not possible; submit the request itself.
public struct PreparedRequest: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP method (`POST`).
    public var method: String
    /// The full URL, query included.
    public var url: URL
    /// Every header the client sets, `Authorization` masked (`Basic <masked: ...>`).
    public var headers: [HTTPHeader]
    /// The body bytes, exactly as they would be sent.
    public var body: Data

    /// A printed request; the client builds these with its submit code.
    public init(method: String, url: URL, headers: [HTTPHeader], body: Data) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// `METHOD URL`, the headers, a blank line and the body, as on the wire.
    public var description: String {
        var lines = ["\(method) \(url.absoluteString)"]
        lines += headers.map { "\($0.name): \($0.value)" }
        lines.append("")
        lines.append(String(decoding: body, as: UTF8.self))
        return lines.joined(separator: "\n")
    }
}
