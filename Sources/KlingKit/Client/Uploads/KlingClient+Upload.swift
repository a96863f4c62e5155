import Foundation

extension KlingClient {
    /// The largest image sent inline with `POST /v1/assets` (Scenario: "< 6 MB"); larger files use
    /// the multipart `/v1/uploads` flow.
    public static let maximumInlineImageBytes = 6_000_000

    /// Uploads an image under 6 MB to Scenario (`POST /v1/assets`, base64) and returns its asset id,
    /// the value an `assetId` parameter (`startImage`, `referenceImages`, ...) takes.
    public func uploadImage(_ data: Data, name: String) async throws(KlingError) -> AssetID {
        guard data.count < Self.maximumInlineImageBytes else {
            throw .uploadFailed("\(name) is \(data.count) bytes; images sent inline must be under 6 MB (use uploadFile(at:), which switches to a multipart upload)")
        }
        let request = scenario.inlineImageRequest(data, name: name, authorization: try scenario.authorization())
        return try await executor().execute(request, provider: .scenario, kind: .submit) { response throws(KlingError) in
            try scenario.decodeInlineImage(response)
        }
    }

    /// Uploads a local file to Scenario and returns its asset id.
    ///
    /// Images under 6 MB go inline (`POST /v1/assets`); larger images, videos and audio use the
    /// multipart flow: `POST /v1/uploads` → `PUT` each part to its signed URL (one part in memory at a
    /// time) → `POST /v1/uploads/{id}/action {"action":"complete"}` → poll `GET /v1/uploads/{id}`
    /// until Scenario has imported it.
    /// - Parameters:
    ///   - fileURL: The local file to upload; it is read one part at a time.
    ///   - kind: `image`, `video`, `audio`; guessed from the extension when nil.
    ///   - contentType: guessed from the extension when nil.
    ///   - name: the file name Scenario shows; the file's own name when nil.
    ///   - options: Part size, part timeout, and how long to wait for Scenario's import.
    ///   - progress: Called with the bytes sent after each part (once, at the end, for an inline image).
    public func uploadFile(
        at fileURL: URL, kind: UploadKind? = nil, contentType: String? = nil, name: String? = nil,
        options: UploadOptions = .default, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) async throws(KlingError) -> AssetID {
        let guess = MediaType.guess(for: fileURL)
        guard let kind = kind ?? guess?.kind, let contentType = contentType ?? guess?.contentType else {
            throw .uploadFailed("cannot tell what \(fileURL.lastPathComponent) is from its extension; pass kind and contentType")
        }
        let name = name ?? fileURL.lastPathComponent
        let size: Int64
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: fileURL.path)
            size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw .uploadFailed("cannot read \(fileURL.path)")
        }
        guard size > 0 else { throw .uploadFailed("\(fileURL.path) is empty") }

        if kind == .image && size < Int64(Self.maximumInlineImageBytes) {
            let data: Data
            do {
                data = try Data(contentsOf: fileURL)
            } catch {
                throw .uploadFailed("cannot read \(fileURL.path)")
            }
            let id = try await uploadImage(data, name: name)
            progress?(TransferProgress(completedBytes: size, totalBytes: size))
            return id
        }
        return try await multipartUpload(fileURL, size: size, kind: kind, contentType: contentType, name: name, options: options, progress: progress)
    }

    private func multipartUpload(
        _ fileURL: URL, size: Int64, kind: UploadKind, contentType: String, name: String,
        options: UploadOptions, progress: (@Sendable (TransferProgress) -> Void)?
    ) async throws(KlingError) -> AssetID {
        let authorization = try scenario.authorization()
        let partCount = Int((size + Int64(options.partSize) - 1) / Int64(options.partSize))
        let creation = scenario.uploadCreationRequest(
            fileName: name, contentType: contentType, fileSize: size, parts: partCount, kind: kind, authorization: authorization
        )
        let (uploadID, partURLs) = try await executor().execute(creation, provider: .scenario, kind: .submit) { response throws(KlingError) in
            try scenario.decodeUploadCreation(response, parts: partCount)
        }

        let file: FileHandle
        do {
            file = try FileHandle(forReadingFrom: fileURL)
        } catch {
            throw .uploadFailed("cannot read \(fileURL.path)")
        }
        defer { try? file.close() }
        var sent: Int64 = 0
        for number in 1...partCount {
            let chunk: Data
            do {
                try file.seek(toOffset: UInt64(number - 1) * UInt64(options.partSize))
                chunk = try file.read(upToCount: options.partSize) ?? Data()
            } catch {
                throw .uploadFailed("reading part \(number) of \(fileURL.path) failed")
            }
            let put = scenario.partUploadRequest(chunk, to: partURLs[number]!, contentType: contentType, timeout: options.partTimeout)
            _ = try await executor().execute(put, provider: .scenario, kind: .read)
            sent += Int64(chunk.count)
            progress?(TransferProgress(completedBytes: sent, totalBytes: size))
        }

        _ = try await executor().execute(scenario.uploadCompletionRequest(uploadID, authorization: authorization), provider: .scenario, kind: .submit)
        return try await awaitImport(uploadID, authorization: authorization, options: options)
    }

    /// Polls the upload until Scenario has imported it; returns the asset id.
    private func awaitImport(_ uploadID: String, authorization: RequestAuthorization, options: UploadOptions) async throws(KlingError) -> AssetID {
        let deadline = ContinuousClock.now.advanced(by: options.timeout)
        let request = scenario.uploadStatusRequest(uploadID, authorization: authorization)
        var lastStatus = "pending"
        while ContinuousClock.now < deadline {
            let state = try await executor().execute(request, provider: .scenario, kind: .read, deadline: deadline) { response throws(KlingError) in
                try scenario.decodeUploadStatus(response, uploadID: uploadID)
            }
            switch state {
            case .imported(let id):
                return id
            case .failed(let reason):
                throw .uploadFailed("Scenario could not import upload \(uploadID): \(redactor.redact(reason))")
            case .pending(let status):
                lastStatus = status
                do {
                    try await Task.sleep(for: options.pollInterval)
                } catch {
                    throw .cancelled(nil)
                }
            }
        }
        throw .uploadFailed("Scenario had not imported upload \(uploadID) after \(options.timeout.humanReadable) (status \(lastStatus))")
    }
}
