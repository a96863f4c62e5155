import Foundation

/// Scenario (`https://api.cloud.scenario.com`): Basic auth; `POST /v1/generate/custom/{modelId}`,
/// `GET /v1/jobs/{jobId}`, `POST /v1/jobs/{jobId}/action`, `GET /v1/assets/{assetId}`; an optional
/// `projectId` query parameter on every request.
struct ScenarioAPI: ProviderAPI {
    let settings: KlingClientConfiguration.Scenario
    let userAgent: String

    var provider: Provider { .scenario }

    func authorization() throws(KlingError) -> RequestAuthorization {
        guard let credentials = settings.credentials else {
            throw .missingCredentials(.scenario, variables: [ScenarioCredentials.keyVariable, ScenarioCredentials.secretVariable])
        }
        return .scenario(credentials)
    }

    var maskedAuthorization: String {
        "Basic <masked: base64(\(ScenarioCredentials.keyVariable):\(ScenarioCredentials.secretVariable))>"
    }

    /// A URL below the base URL, with `projectId` when configured.
    func url(_ path: String, query: [(String, String)] = []) -> URL {
        let project = settings.projectID.map { [("projectId", $0)] } ?? []
        return ProviderURL.url(base: settings.baseURL, path: path, query: query + project)
    }

    func submitRequest(endpoint: Endpoint, body: Data, authorization: RequestAuthorization?) -> HTTPRequest {
        creatingPost(url: url(endpoint.path), body: body, authorization: authorization, userAgent: userAgent)
    }

    func decodeSubmission(_ response: HTTPResponse) throws(KlingError) -> KlingJob {
        let json = try submissionJSON(of: response)
        return try submittedJobID(json.value(at: "job", "jobId")?.textValue ?? json[member: "jobId"]?.textValue, of: response, expected: "job.jobId")
    }

    func statusRequest(for job: KlingJob) throws(KlingError) -> HTTPRequest {
        read(url: url("/v1/jobs/\(ProviderURL.segment(job.id))"), authorization: try authorization(), userAgent: userAgent)
    }

    func decodeStatus(_ response: HTTPResponse, of job: KlingJob) throws(KlingError) -> JobSnapshot {
        let json = try json(of: response, expecting: "the job status read")
        let record = json[member: "job"] ?? json
        guard let status = record[member: "status"]?.textValue else {
            throw .invalidResponse(.scenario, detail: "the job status answer has no job.status")
        }
        let metadata = record[member: "metadata"]
        let error = metadata?[member: "error"]
        return JobSnapshot(
            job: job,
            status: JobStatus(rawValue: status),
            progress: record[member: "progress"]?.numberValue.map { min(max($0, 0), 1) },
            assetIDs: metadata?[member: "assetIds"]?.arrayValue?.compactMap(\.textValue) ?? [],
            errorMessage: error?.textValue ?? error?[member: "message"]?.textValue,
            hint: metadata?[member: "hint"]?.textValue,
            raw: json
        )
    }

    func cancelRequest(for job: KlingJob) throws(KlingError) -> HTTPRequest? {
        creatingPost(
            url: url("/v1/jobs/\(ProviderURL.segment(job.id))/action"), body: Data(#"{"action":"cancel"}"#.utf8),
            authorization: try authorization(), userAgent: userAgent
        )
    }

    /// `GET /v1/assets/{assetId}`.
    func assetRequest(for assetID: AssetID) throws(KlingError) -> HTTPRequest {
        read(url: url("/v1/assets/\(ProviderURL.segment(assetID))"), authorization: try authorization(), userAgent: userAgent)
    }

    /// The temporary URL in an asset answer (`asset.url`).
    func decodeAssetURL(_ response: HTTPResponse, assetID: AssetID) throws(KlingError) -> URL {
        let json = try json(of: response, expecting: "the asset read")
        let record = json[member: "asset"] ?? json
        guard let text = record[member: "url"]?.textValue, let url = URL(string: text) else {
            throw .invalidResponse(.scenario, detail: "the answer for asset \(assetID) has no asset.url")
        }
        return url
    }
}
