import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        _ job: KlingJob, to destination: URL, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) async throws(KlingError) -> DownloadedFile {
        try await download(try await status(of: job), to: destination, progress: progress)
    }

    /// Downloads the first result file of a successful snapshot to `destination`.
    public func download(
        _ snapshot: JobSnapshot, to destination: URL, progress: (@Sendable (TransferProgress) -> Void)? = nil
    ) async throws(KlingError) -> DownloadedFile {
        let assets = try await resultAssets(of: snapshot)
        return try await download(assets[0], to: destination, progress: progress)
    }

    /// Downloads a result file to `destination`.
    ///
    /// The body streams into a temporary file beside the destination (memory stays flat whatever the
    /// size), its byte count is checked against `Content-Length`, and only a complete file is moved
    /// into place, atomically, replacing any file there. An expired URL (401, 403, 404 or 410) is
    /// resolved again once; connection failures, truncated bodies, 429 and 5xx are retried under
    /// the ``RetryPolicy``. On any failure nothing is left at the destination.
    public func download(
        _ asset: ResultAsset, to destination: URL, progress: (@Sendable (TransferProgress) -> Void)? = nil
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
        let temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).download")
        defer { try? FileManager.default.removeItem(at: temporary) }

        let streamer = FileStreamer(configuration: configuration)
        let policy = configuration.retry
        var url = asset.url
        var resolvedAgain = false
        var attempt = 1
        while true {
            if Task.isCancelled { throw .cancelled(asset.job) }
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw failure(.fileSystem("cannot create a file in \(directory.path)"))
            }
            let reason: DownloadFailure.Reason
            var delay: Duration?
            switch await streamer.fetch(url, into: temporary, progress: progress) {
            case .complete(let bytes):
                guard rename(temporary.path, destination.path) == 0 else {
                    throw failure(.fileSystem("cannot move the file into place: \(String(cString: strerror(errno)))"))
                }
                return DownloadedFile(url: destination, byteCount: bytes, asset: asset)
            case .status(let status, _) where [401, 403, 404, 410].contains(status):
                guard !resolvedAgain else { throw failure(.urlExpired(status: status)) }
                resolvedAgain = true
                url = try await freshURL(for: asset)
                continue
            case .status(let status, let retryAfter):
                guard RequestExecutor.isRetryable(status: status, kind: .read) else { throw failure(.httpStatus(status)) }
                reason = .httpStatus(status)
                delay = retryAfter
            case .truncated(let expected, let received):
                reason = .truncated(expected: expected, received: received)
            case .transport(.cancelled):
                throw .cancelled(asset.job)
            case .transport(let transportFailure):
                reason = .connection(transportFailure.detail)
            case .fileError(let message):
                throw failure(.fileSystem(message))
            }
            guard attempt < policy.maximumAttempts else { throw failure(reason) }
            do {
                try await Task.sleep(for: min(delay ?? policy.delay(afterAttempt: attempt), policy.maximumRetryAfter))
            } catch {
                throw .cancelled(asset.job)
            }
            attempt += 1
        }
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
        let response = try await executor().execute(try scenario.assetRequest(for: assetID), provider: .scenario, kind: .read)
        return try scenario.decodeAssetURL(response, assetID: assetID)
    }
}
