import Foundation

extension KlingClient {
    /// The result files of a job that succeeded, with fresh URLs.
    /// - Throws: ``KlingError/jobNotFinished(_:status:)`` while it runs, ``KlingError/jobFailed(_:status:message:hint:)``
    ///   when it failed.
    public func resultAssets(of job: KlingJob) async throws(KlingError) -> [ResultAsset] {
        try await resultAssets(of: try await status(of: job))
    }

    /// The result files of a snapshot (such as the one ``wait(for:options:onUpdate:)`` returns).
    /// Scenario's asset ids are resolved with `GET /v1/assets/{id}`; the AI/ML API's video URL is in the snapshot.
    public func resultAssets(of snapshot: JobSnapshot) async throws(KlingError) -> [ResultAsset] {
        if let failure = snapshot.failure { throw failure }
        guard snapshot.phase == .succeeded else { throw .jobNotFinished(snapshot.job, status: snapshot.status) }
        let job = snapshot.job
        switch job.provider {
        case .scenario:
            guard !snapshot.assetIDs.isEmpty else {
                throw .invalidResponse(.scenario, detail: "job \(job.id) succeeded but lists no job.metadata.assetIds")
            }
            var assets: [ResultAsset] = []
            for assetID in snapshot.assetIDs {
                assets.append(ResultAsset(id: assetID, url: try await scenarioAssetURL(assetID), job: job))
            }
            return assets
        case .aimlapi:
            guard let url = snapshot.resultURL else {
                throw .invalidResponse(.aimlapi, detail: "generation \(job.id) completed but has no video.url")
            }
            return [ResultAsset(id: job.id, url: url, job: job)]
        }
    }

    /// Downloads the first result file of a finished job to `destination` (see
    /// `download(_:to:progress:)`). Use `resultAssets(of:)` for the others.
    public func download(
        _ job: KlingJob, to destination: URL, naming: DownloadNaming = .exactly, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) async throws(KlingError) -> DownloadedFile {
        try await download(try await status(of: job), to: destination, naming: naming, progress: progress)
    }

    /// Downloads the first result file of a successful snapshot to `destination`.
    public func download(
        _ snapshot: JobSnapshot, to destination: URL, naming: DownloadNaming = .exactly, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) async throws(KlingError) -> DownloadedFile {
        let assets = try await resultAssets(of: snapshot)
        return try await download(assets[0], to: destination, naming: naming, progress: progress)
    }

    /// Downloads a result file to `destination`.
    ///
    /// The body streams into a partial file beside the destination (memory stays flat whatever the
    /// size), its byte count is checked against `Content-Length`, and only a complete file is moved
    /// into place, atomically, replacing any file there. An expired URL (401, 403, 404 or 410) is
    /// resolved again once; connection failures, truncated bodies, 429 and 5xx are retried under
    /// the ``RetryPolicy``; a 407 (a proxy asking for credentials) is final. On any failure, and on
    /// cancellation, nothing is left at the destination and the partial file is removed; partial
    /// files that a killed process left beside the same destination are removed first.
    ///
    /// With `naming` ``DownloadNaming/matchingMediaType``, the file's extension follows what the
    /// server sent (an audio result requested as `out.mp4` is written to `out.mp3`); the returned
    /// ``DownloadedFile/url`` says where it went.
    public func download(
        _ asset: ResultAsset, to destination: URL, naming: DownloadNaming = .exactly,
        progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) async throws(KlingError) -> DownloadedFile {
        let destination = destination.standardizedFileURL
        let directory = destination.deletingLastPathComponent()
        func failure(_ reason: DownloadFailure.Reason) -> KlingError {
            .downloadFailed(DownloadFailure(reason: reason, assetID: asset.id, destination: destination.path))
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw failure(.fileSystem("the destination is a directory"))
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw failure(.fileSystem("cannot create the folder \(directory.path)"))
        }
        PartialFile.removeAbandoned(beside: destination)
        let partial: PartialFile
        do throws(PartialFileError) {
            partial = try PartialFile(beside: destination)
        } catch {
            throw failure(.fileSystem(error.message))
        }
        defer { partial.discard() }

        let streamer = FileStreamer(configuration: configuration)
        var url = asset.url
        var resolvedAgain = false
        let (bytes, mediaType) = try await configuration.retry.run(maximumAttempts: configuration.retry.maximumAttempts, cancellation: .cancelled(asset.job)) {
            () async throws(KlingError) -> AttemptResult<(Int64, String?)> in
            let handle: FileHandle
            do throws(PartialFileError) {
                handle = try partial.handleForNewAttempt()
            } catch {
                throw failure(.fileSystem(error.message))
            }
            switch await streamer.fetch(url, into: handle, progress: progress) {
            case .complete(let bytes, let mediaType):
                return .success((bytes, mediaType))
            case .status(407, _):
                throw .unauthorized(asset.job.provider, status: 407, message: nil)
            case .status(let status, _) where [401, 403, 404, 410].contains(status):
                guard !resolvedAgain else { throw failure(.urlExpired(status: status)) }
                resolvedAgain = true
                url = try await freshURL(for: asset)
                return .again
            case .status(let status, let retryAfter):
                guard RequestExecutor.isRetryable(status: status, kind: .read) else { throw failure(.httpStatus(status)) }
                return .retryable(failure(.httpStatus(status)), retryAfter: retryAfter)
            case .truncated(let expected, let received):
                return .retryable(failure(.truncated(expected: expected, received: received)), retryAfter: nil)
            case .transport(.cancelled):
                throw .cancelled(asset.job)
            case .transport(let transportFailure):
                return .retryable(failure(.connection(transportFailure.detail)), retryAfter: nil)
            case .fileError(let message):
                throw failure(.fileSystem(message))
            }
        }
        let final = naming == .matchingMediaType ? MediaFileName.adapt(destination, mediaType: mediaType, source: url) : destination
        do throws(PartialFileError) {
            try partial.commit(to: final)
        } catch {
            throw failure(.fileSystem(error.message))
        }
        return DownloadedFile(url: final, byteCount: bytes, mediaType: mediaType, asset: asset)
    }

    /// A new URL for an asset whose URL expired.
    func freshURL(for asset: ResultAsset) async throws(KlingError) -> URL {
        switch asset.job.provider {
        case .scenario:
            return try await scenarioAssetURL(asset.id)
        case .aimlapi:
            let snapshot = try await status(of: asset.job)
            guard let url = snapshot.resultURL else {
                throw .invalidResponse(.aimlapi, detail: "generation \(asset.job.id) has no video.url any more")
            }
            return url
        }
    }

    private func scenarioAssetURL(_ assetID: AssetID) async throws(KlingError) -> URL {
        try await executor().execute(try scenario.assetRequest(for: assetID), provider: .scenario, kind: .read) { response throws(KlingError) in
            try scenario.decodeAssetURL(response, assetID: assetID)
        }
    }
}
