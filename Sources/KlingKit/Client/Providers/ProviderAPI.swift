import Foundation

/// How one provider's HTTP API builds requests and reads answers. The client holds one per provider
/// and picks it from the request type's provider, never from user input.
protocol ProviderAPI: Sendable {
    var provider: Provider { get }
    /// The credential for requests, or ``KlingError/missingCredentials(_:variables:)``.
    func authorization() throws(KlingError) -> RequestAuthorization
    /// How the credential is shown in a printed request.
    var maskedAuthorization: String { get }
    /// The generation request for a model's endpoint and a wire body.
    func submitRequest(endpoint: Endpoint, body: Data, authorization: RequestAuthorization?) -> HTTPRequest
    /// The job the provider created, from its 2xx answer to the generation request; an answer
    /// without a job id throws ``KlingError/submitOutcomeUnknown(_:detail:)`` (see ``submissionJSON(of:)``).
    func decodeSubmission(_ response: HTTPResponse) throws(KlingError) -> KlingJob
    /// The status read of a job.
    func statusRequest(for job: KlingJob) throws(KlingError) -> HTTPRequest
    /// A job's state from the status read's answer.
    func decodeStatus(_ response: HTTPResponse, of job: KlingJob) throws(KlingError) -> JobSnapshot
    /// The provider's cancel request, or nil when it has none.
    func cancelRequest(for job: KlingJob) throws(KlingError) -> HTTPRequest?
}

/// Builds provider URLs.
enum ProviderURL {
    /// Characters left as they are in a query value; everything else is percent-encoded
    /// (`:` and `/` of AI/ML generation ids included).
    static let queryValueAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#"))

    /// `base` + `path` (base paths are kept, so a proxy prefix works) + the query.
    static func url(base: URL, path: String, query: [(String, String)] = []) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path.hasPrefix("/") ? path : "/" + path
        if !query.isEmpty {
            text += "?" + query.map { name, value in
                let encoded = value.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? value
                return "\(name)=\(encoded)"
            }.joined(separator: "&")
        }
        return URL(string: text)!
    }

    /// An id made safe as one path segment.
    static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? id
    }
}

extension ProviderAPI {
    /// Headers every API request carries.
    func commonHeaders(userAgent: String) -> [HTTPHeader] {
        [HTTPHeader(name: "Accept", value: "application/json"), HTTPHeader(name: "User-Agent", value: userAgent)]
    }

    /// A JSON `POST` that creates something: sent once, on a connection of its own.
    func creatingPost(url: URL, body: Data, authorization: RequestAuthorization?, userAgent: String) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: url,
            headers: commonHeaders(userAgent: userAgent) + [
                HTTPHeader(name: "Content-Type", value: "application/json"),
                HTTPHeader(name: "Connection", value: "close"),
            ],
            body: body, authorization: authorization, maskedAuthorization: maskedAuthorization,
            needsFreshConnection: true
        )
    }

    /// An authenticated `GET`.
    func read(url: URL, authorization: RequestAuthorization, userAgent: String) -> HTTPRequest {
        HTTPRequest(
            method: "GET", url: url, headers: commonHeaders(userAgent: userAgent),
            authorization: authorization, maskedAuthorization: maskedAuthorization
        )
    }

    /// The JSON of a 2xx answer to a generation request. The provider accepted the request, so a job
    /// may exist whatever the answer says: one the client cannot read is
    /// ``KlingError/submitOutcomeUnknown(_:detail:)``, like a dropped connection, never a reason to
    /// submit again.
    func submissionJSON(of response: HTTPResponse) throws(KlingError) -> JSONValue {
        guard let json = JSONValue.parse(response.body) else {
            throw .submitOutcomeUnknown(provider, detail: "HTTP \(response.status), but the answer is not readable JSON")
        }
        return json
    }

    /// The job id read from a generation answer, or ``KlingError/submitOutcomeUnknown(_:detail:)``
    /// naming the member that was expected.
    func submittedJobID(_ id: String?, of response: HTTPResponse, expected member: String) throws(KlingError) -> KlingJob {
        guard let id else {
            throw .submitOutcomeUnknown(provider, detail: "HTTP \(response.status), but the answer names no \(member)")
        }
        return KlingJob(id: id, provider: provider)
    }

    /// The JSON of an answer, or ``KlingError/invalidResponse(_:detail:)``.
    func json(of response: HTTPResponse, expecting what: String) throws(KlingError) -> JSONValue {
        guard let json = JSONValue.parse(response.body) else {
            throw .invalidResponse(provider, detail: "the answer to \(what) is not JSON (HTTP \(response.status))")
        }
        return json
    }
}
