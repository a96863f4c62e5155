import Foundation

/// Scenario's upload endpoints: `POST /v1/assets` (an image under 6 MB, base64), and the multipart
/// flow `POST /v1/uploads` → `PUT` each part to its signed URL → `POST /v1/uploads/{id}/action`
/// `{"action":"complete"}` → `GET /v1/uploads/{id}` until imported.
///
/// Scenario documents the requests but not every answer's shape, so asset ids are read leniently:
/// `asset.id`, `assetId` or `id` for an inline image; `assetId`, `asset.id`, `entityId` or
/// `assetIds[0]` for a finished upload.
extension ScenarioAPI {
    /// Where a multipart upload stands.
    enum UploadState: Sendable {
        /// Imported: the asset id.
        case imported(AssetID)
        /// Scenario could not import it, with its reason.
        case failed(String)
        /// Still being validated or imported; the status as sent.
        case pending(String)
    }

    /// `POST /v1/assets` with `{"image": <base64>, "name": ...}`.
    func inlineImageRequest(_ data: Data, name: String, authorization: RequestAuthorization) -> HTTPRequest {
        let body = JSONValue.object(JSONObject([
            .init(key: "image", value: .string(data.base64EncodedString())),
            .init(key: "name", value: .string(name)),
        ]))
        return creatingPost(url: url("/v1/assets"), body: Data(body.jsonText.utf8), authorization: authorization, userAgent: userAgent)
    }

    /// The new asset's id from the answer to `POST /v1/assets`.
    func decodeInlineImage(_ response: HTTPResponse) throws(KlingError) -> AssetID {
        let json = try json(of: response, expecting: "the asset upload")
        guard let id = json.value(at: "asset", "id")?.textValue ?? json[member: "assetId"]?.textValue ?? json[member: "id"]?.textValue else {
            throw .invalidResponse(.scenario, detail: "the asset upload's answer has no asset.id")
        }
        return id
    }

    /// `POST /v1/uploads`, announcing the file and its number of parts.
    func uploadCreationRequest(
        fileName: String, contentType: String, fileSize: Int64, parts: Int, kind: UploadKind, authorization: RequestAuthorization
    ) -> HTTPRequest {
        let body = JSONValue.object(JSONObject([
            .init(key: "fileName", value: .string(fileName)),
            .init(key: "contentType", value: .string(contentType)),
            .init(key: "fileSize", value: .number(Double(fileSize))),
            .init(key: "parts", value: .number(Double(parts))),
            .init(key: "kind", value: .string(kind.rawValue)),
        ]))
        return creatingPost(url: url("/v1/uploads"), body: Data(body.jsonText.utf8), authorization: authorization, userAgent: userAgent)
    }

    /// The upload id and the signed URL of each part (numbered from 1) from the answer to `POST /v1/uploads`.
    func decodeUploadCreation(_ response: HTTPResponse, parts: Int) throws(KlingError) -> (id: String, partURLs: [Int: URL]) {
        let upload = try json(of: response, expecting: "the upload creation")[member: "upload"]
        guard let uploadID = upload?[member: "id"]?.textValue else {
            throw .invalidResponse(.scenario, detail: "the upload creation's answer has no upload.id")
        }
        var partURLs: [Int: URL] = [:]
        for part in upload?[member: "parts"]?.arrayValue ?? [] {
            if let number = part[member: "number"]?.numberValue, let url = part[member: "url"]?.textValue.flatMap(URL.init(string:)) {
                partURLs[Int(number)] = url
            }
        }
        guard partURLs.count == parts, (1...max(1, parts)).allSatisfy({ partURLs[$0] != nil }) else {
            throw .invalidResponse(.scenario, detail: "upload \(uploadID) came back with \(partURLs.count) part URLs for \(parts) parts")
        }
        return (uploadID, partURLs)
    }

    /// `PUT` of one part to its signed URL: no credential, on a connection of its own.
    func partUploadRequest(_ chunk: Data, to url: URL, contentType: String, timeout: Duration) -> HTTPRequest {
        HTTPRequest(
            method: "PUT", url: url,
            headers: [
                HTTPHeader(name: "Content-Type", value: contentType), HTTPHeader(name: "User-Agent", value: userAgent),
                HTTPHeader(name: "Connection", value: "close"),
            ],
            body: chunk, timeout: timeout, needsFreshConnection: true
        )
    }

    /// `POST /v1/uploads/{id}/action` with `{"action":"complete"}`.
    func uploadCompletionRequest(_ uploadID: String, authorization: RequestAuthorization) -> HTTPRequest {
        creatingPost(
            url: url("/v1/uploads/\(ProviderURL.segment(uploadID))/action"), body: Data(#"{"action":"complete"}"#.utf8),
            authorization: authorization, userAgent: userAgent
        )
    }

    /// `GET /v1/uploads/{id}`.
    func uploadStatusRequest(_ uploadID: String, authorization: RequestAuthorization) -> HTTPRequest {
        read(url: url("/v1/uploads/\(ProviderURL.segment(uploadID))"), authorization: authorization, userAgent: userAgent)
    }

    /// Where the upload stands, from the answer to `GET /v1/uploads/{id}` (statuses
    /// `pending|validating|validated|imported|complete|failed`).
    func decodeUploadStatus(_ response: HTTPResponse, uploadID: String) throws(KlingError) -> UploadState {
        let upload = try json(of: response, expecting: "the upload status")[member: "upload"]
        guard let status = upload?[member: "status"]?.textValue else {
            throw .invalidResponse(.scenario, detail: "the status answer of upload \(uploadID) has no upload.status")
        }
        switch status {
        case "imported", "complete", "completed":
            let id = upload?[member: "assetId"]?.textValue
                ?? upload?.value(at: "asset", "id")?.textValue
                ?? upload?[member: "entityId"]?.textValue
                ?? upload?[member: "assetIds"]?.arrayValue?.first?.textValue
            guard let id else { throw .invalidResponse(.scenario, detail: "upload \(uploadID) is \(status) but names no assetId") }
            return .imported(id)
        case "failed":
            return .failed(upload?[member: "errorMessage"]?.textValue ?? upload?[member: "error"]?.textValue ?? "no reason given")
        default:
            return .pending(status)
        }
    }
}
