import Foundation

/// What an uploaded file is, as Scenario's `/v1/uploads` names it.
public struct UploadKind: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// The kind as Scenario spells it: `image`, `video`, `audio`.
    public let rawValue: String

    /// A kind by its raw value, for kinds this type does not name.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A kind written as a string literal.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// A still image (`png`, `jpg`, `webp`, `gif`).
    public static let image: UploadKind = "image"
    /// A video (`mp4`, `mov`, `webm`).
    public static let video: UploadKind = "video"
    /// An audio file (`mp3`, `wav`, `m4a`).
    public static let audio: UploadKind = "audio"
}

/// How ``KlingClient/uploadFile(at:kind:contentType:name:options:progress:)`` uploads.
public struct UploadOptions: Sendable, Hashable {
    /// The size of each part of a multipart upload (the last may be smaller). One part is held in
    /// memory at a time.
    public var partSize: Int
    /// How often the upload's status is read after it is completed.
    public var pollInterval: Duration
    /// How long Scenario may take to import the completed upload.
    public var timeout: Duration
    /// The idle timeout of one part's transfer.
    public var partTimeout: Duration

    /// Options; each defaults to the value of ``default``.
    public init(
        partSize: Int = 8 * 1024 * 1024, pollInterval: Duration = .seconds(1), timeout: Duration = .seconds(600),
        partTimeout: Duration = .seconds(300)
    ) {
        self.partSize = max(1, partSize)
        self.pollInterval = pollInterval
        self.timeout = timeout
        self.partTimeout = partTimeout
    }

    /// 8 MiB parts, status every second, 10 minutes to import.
    public static let `default` = UploadOptions()
}

/// Content types and kinds by file extension.
enum MediaType {
    static let byExtension: [String: (String, UploadKind)] = [
        "png": ("image/png", .image), "jpg": ("image/jpeg", .image), "jpeg": ("image/jpeg", .image),
        "webp": ("image/webp", .image), "gif": ("image/gif", .image),
        "mp4": ("video/mp4", .video), "mov": ("video/quicktime", .video), "webm": ("video/webm", .video),
        "mp3": ("audio/mpeg", .audio), "wav": ("audio/wav", .audio), "m4a": ("audio/mp4", .audio),
    ]

    static func guess(for url: URL) -> (contentType: String, kind: UploadKind)? {
        byExtension[url.pathExtension.lowercased()].map { ($0.0, $0.1) }
    }
}
