import Foundation

/// A result file of a finished job, with its temporary URL.
public struct ResultAsset: Sendable, Hashable {
    /// Scenario's asset id (`asset_...`); for the AI/ML API, the generation id (one video per generation).
    public var id: String
    /// Where the file can be fetched now. Temporary: `KlingClient/download(_:to:progress:)`
    /// resolves it again once if it has expired.
    public var url: URL
    /// The job that produced it.
    public var job: KlingJob

    /// An asset of `job` available at `url`.
    public init(id: String, url: URL, job: KlingJob) {
        self.id = id
        self.url = url
        self.job = job
    }
}

/// How far a transfer has come.
public struct TransferProgress: Sendable, Hashable {
    /// The bytes transferred so far.
    public var completedBytes: Int64
    /// The size announced by the server, when it announced one.
    public var totalBytes: Int64?

    /// Progress of `completedBytes` out of `totalBytes`.
    public init(completedBytes: Int64, totalBytes: Int64?) {
        self.completedBytes = completedBytes
        self.totalBytes = totalBytes
    }

    /// 0...1 when the total is known.
    public var fractionCompleted: Double? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return min(1, Double(completedBytes) / Double(totalBytes))
    }
}

/// A downloaded file, complete and in place.
public struct DownloadedFile: Sendable, Hashable {
    /// Where the file was written: the destination the download was given, or, with
    /// ``DownloadNaming/matchingMediaType``, that path with the extension of the media type.
    public var url: URL
    /// Its size, checked against the announced `Content-Length`.
    public var byteCount: Int64
    /// The media type the server sent (`video/mp4`, `audio/mpeg`), when it sent one.
    public var mediaType: String?
    /// The asset it came from.
    public var asset: ResultAsset

    /// A file written at `url`.
    public init(url: URL, byteCount: Int64, mediaType: String? = nil, asset: ResultAsset) {
        self.url = url
        self.byteCount = byteCount
        self.mediaType = mediaType
        self.asset = asset
    }
}
