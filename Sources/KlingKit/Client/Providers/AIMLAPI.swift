import Foundation

/// The AI/ML API (`https://api.aimlapi.com`): Bearer auth; `POST /v2/video/generations`,
/// `GET /v2/video/generations?generation_id=`. It has no cancel endpoint.
struct AIMLAPI: ProviderAPI {
    let settings: KlingClientConfiguration.AIMLAPI
    let userAgent: String

    var provider: Provider { .aimlapi }

    func authorization() throws(KlingError) -> RequestAuthorization {
        guard let credentials = settings.credentials else {
            throw .missingCredentials(.aimlapi, variables: [AIMLAPICredentials.keyVariable])
        }
        return .aimlapi(credentials)
    }

    var maskedAuthorization: String { "Bearer <masked: \(AIMLAPICredentials.keyVariable)>" }

    func submitRequest(endpoint: Endpoint, body: Data, authorization: RequestAuthorization?) -> HTTPRequest {
        creatingPost(
            url: ProviderURL.url(base: settings.baseURL, path: endpoint.path), body: body,
            authorization: authorization, userAgent: userAgent
        )
    }

    func decodeSubmission(_ response: HTTPResponse) throws(KlingError) -> KlingJob {
        let json = try submissionJSON(of: response)
        return try submittedJobID(json[member: "id"]?.textValue ?? json[member: "generation_id"]?.textValue, of: response, expected: "generation id")
    }

    func statusRequest(for job: KlingJob) throws(KlingError) -> HTTPRequest {
        read(
            url: ProviderURL.url(base: settings.baseURL, path: "/v2/video/generations", query: [("generation_id", job.id)]),
            authorization: try authorization(), userAgent: userAgent
        )
    }

    func decodeStatus(_ response: HTTPResponse, of job: KlingJob) throws(KlingError) -> JobSnapshot {
        let json = try json(of: response, expecting: "the generation read")
        guard let status = json[member: "status"]?.textValue else {
            throw .invalidResponse(.aimlapi, detail: "the generation answer has no status")
        }
        let url = json.value(at: "video", "url")?.textValue.flatMap(URL.init(string:))
        return JobSnapshot(
            job: job,
            status: JobStatus(rawValue: status),
            progress: nil,
            assetIDs: [],
            resultURL: url,
            errorMessage: json[member: "error"].flatMap { ProviderErrorBody(json: $0).namedMessage },
            hint: nil,
            raw: json
        )
    }

    func cancelRequest(for job: KlingJob) throws(KlingError) -> HTTPRequest? {
        nil
    }
}
