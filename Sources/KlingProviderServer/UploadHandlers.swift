import Foundation

/// Scenario uploads: `POST /v1/assets` (base64 image under 6 MB) and the multipart flow
/// `POST /v1/uploads` → `PUT` each part → `POST /v1/uploads/{id}/action` → `GET /v1/uploads/{id}`.
extension ProviderServer {
    /// The largest image `POST /v1/assets` takes.
    public static let maximumInlineImageBytes = 6 * 1000 * 1000

    func scenarioUpload(_ request: HTTPConnection.Request, segments: [String]) -> ServerResponse {
        guard scenarioAuthorized(request) else { return Self.scenarioUnauthorized }
        switch (request.method, segments.count, segments[1]) {
        case ("POST", 2, "assets"): return uploadImage(request)
        case ("POST", 2, "uploads"): return createUpload(request)
        case ("GET", 3, "uploads"): return uploadStatus(segments[2])
        case ("POST", 4, "uploads") where segments[3] == "action": return uploadAction(request, uploadID: segments[2])
        default: return .json(404, ["name": "NotFoundError", "message": "Cannot \(request.method) \(request.path)"])
        }
    }

    private func badRequest(_ message: String) -> ServerResponse {
        .json(400, ["name": "BadRequestError", "message": message])
    }

    private func uploadImage(_ request: HTTPConnection.Request) -> ServerResponse {
        guard let body = Self.jsonObject(request.body), var image = body["image"] as? String, let name = body["name"] as? String else {
            return badRequest("`image` (base64) and `name` are required")
        }
        let allowed: Set<String> = ["image", "name", "hide", "parentId", "collectionIds"]
        if let unknown = body.keys.first(where: { !allowed.contains($0) }) {
            return badRequest("Unknown field `\(unknown)`")
        }
        if image.hasPrefix("data:"), let comma = image.firstIndex(of: ",") {
            image = String(image[image.index(after: comma)...])
        }
        guard let bytes = Data(base64Encoded: image) else { return badRequest("`image` is not valid base64") }
        guard bytes.count < Self.maximumInlineImageBytes else {
            return badRequest("The image is larger than 6 MB; upload it with /v1/uploads")
        }
        let asset = state.withLock { state -> ServerAsset in
            let asset = ServerAsset(id: "asset_upload_\(state.nextNumber())", length: Int64(bytes.count), content: bytes, kind: "image", mimeType: "image/png")
            state.assets[asset.id] = asset
            return asset
        }
        return .json(200, ["asset": ["id": asset.id, "name": name, "kind": "image", "status": "success", "url": cdnURL(for: asset.id)] as [String: any Sendable]])
    }

    private func createUpload(_ request: HTTPConnection.Request) -> ServerResponse {
        guard let body = Self.jsonObject(request.body),
              let fileName = body["fileName"] as? String,
              let contentType = body["contentType"] as? String,
              let fileSize = (body["fileSize"] as? NSNumber)?.int64Value,
              let parts = (body["parts"] as? NSNumber)?.intValue,
              let kind = body["kind"] as? String
        else {
            return badRequest("`fileName`, `contentType`, `fileSize`, `parts` and `kind` are required")
        }
        guard fileSize > 0, (1...10_000).contains(parts) else { return badRequest("`fileSize` and `parts` are out of range") }
        let upload = state.withLock { state -> ServerUpload in
            let id = "upload_\(state.nextNumber())"
            var signatures: [Int: String] = [:]
            for number in 1...parts { signatures[number] = UUID().uuidString.prefix(12).lowercased() }
            let upload = ServerUpload(id: id, fileName: fileName, contentType: contentType, kind: kind, fileSize: fileSize, partCount: parts, signatures: signatures)
            state.uploads[id] = upload
            return upload
        }
        return .json(200, ["upload": uploadJSON(upload, status: "pending", includeParts: true)])
    }

    private func uploadAction(_ request: HTTPConnection.Request, uploadID: String) -> ServerResponse {
        guard let body = Self.jsonObject(request.body), body["action"] as? String == "complete" else {
            return badRequest("`action` must be \"complete\"")
        }
        enum Outcome { case notFound, rejected(String), completed(ServerUpload) }
        let outcome = state.withLock { state -> Outcome in
            guard var upload = state.uploads[uploadID] else { return .notFound }
            let missing = (1...upload.partCount).filter { upload.parts[$0] == nil }
            guard missing.isEmpty else { return .rejected("Parts not uploaded: \(missing.map(String.init).joined(separator: ", "))") }
            let size = upload.parts.values.reduce(Int64(0)) { $0 + Int64($1.count) }
            guard size == upload.fileSize else { return .rejected("The parts hold \(size) bytes, not the declared \(upload.fileSize)") }
            upload.completed = true
            state.uploads[uploadID] = upload
            return .completed(upload)
        }
        switch outcome {
        case .notFound: return .json(404, ["name": "NotFoundError", "message": "Upload \(uploadID) not found"])
        case .rejected(let message): return badRequest(message)
        case .completed(let upload): return .json(200, ["upload": uploadJSON(upload, status: "validating", includeParts: false)])
        }
    }

    private func uploadStatus(_ uploadID: String) -> ServerResponse {
        let result = state.withLock { state -> (ServerUpload, String)? in
            guard var upload = state.uploads[uploadID] else { return nil }
            var status = "pending"
            if upload.completed {
                upload.pollsSinceCompletion += 1
                if upload.pollsSinceCompletion > configuration.uploadPollsBeforeImport {
                    status = "imported"
                    if upload.assetID == nil {
                        let content = (1...upload.partCount).reduce(into: Data()) { $0.append(upload.parts[$1] ?? Data()) }
                        let asset = ServerAsset(
                            id: "asset_upload_\(state.nextNumber())", length: Int64(content.count), content: content,
                            kind: upload.kind, mimeType: upload.contentType
                        )
                        state.assets[asset.id] = asset
                        upload.assetID = asset.id
                    }
                } else {
                    status = "validating"
                }
            }
            state.uploads[uploadID] = upload
            return (upload, status)
        }
        guard let (upload, status) = result else {
            return .json(404, ["name": "NotFoundError", "message": "Upload \(uploadID) not found"])
        }
        return .json(200, ["upload": uploadJSON(upload, status: status, includeParts: false)])
    }

    private func uploadJSON(_ upload: ServerUpload, status: String, includeParts: Bool) -> [String: any Sendable] {
        var json: [String: any Sendable] = [
            "id": upload.id, "status": status, "fileName": upload.fileName, "contentType": upload.contentType,
            "fileSize": upload.fileSize, "kind": upload.kind, "partsCount": upload.partCount,
        ]
        if let assetID = upload.assetID { json["assetId"] = assetID }
        if includeParts {
            let expires = Self.timestamp(Date().addingTimeInterval(3600))
            json["parts"] = (1...upload.partCount).map { number -> [String: any Sendable] in
                ["number": number, "expires": expires,
                 "url": "\(baseURL.absoluteString)/upload-parts/\(upload.id)/\(number)?signature=\(upload.signatures[number] ?? "")"]
            }
        }
        return json
    }

    /// `PUT /upload-parts/{uploadId}/{number}?signature=...`: a signed URL, no provider credential.
    func uploadPart(_ request: HTTPConnection.Request, segments: [String]) -> ServerResponse {
        let denied = ServerResponse.text(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>", headers: [("Content-Type", "application/xml")])
        guard segments.count == 3, let number = Int(segments[2]) else { return denied }
        let stored = state.withLock { state -> Bool in
            guard var upload = state.uploads[segments[1]], upload.signatures[number] == request.query["signature"], !upload.completed else {
                return false
            }
            upload.parts[number] = request.body
            state.uploads[upload.id] = upload
            return true
        }
        guard stored else { return denied }
        return ServerResponse(status: 200, headers: [("ETag", "\"\(segments[1])-\(number)-\(request.body.count)\"")])
    }
}
