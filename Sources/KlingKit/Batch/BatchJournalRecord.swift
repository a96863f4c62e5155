import Foundation

/// A file a batch item's result was written to, as the journal records it.
public struct BatchFile: Sendable, Hashable {
    /// The path relative to the output folder.
    public var path: String
    /// The file's size in bytes.
    public var bytes: Int64
    /// Its SHA-256, as 64 hexadecimal digits.
    public var sha256: String

    /// Records a written file by its path below the output folder, size and checksum.
    public init(path: String, bytes: Int64, sha256: String) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// One line of a batch journal: a state change, written and flushed to disk before the batch acts
/// on it.
public enum BatchJournalRecord: Sendable, Hashable {
    /// The first line: the manifest was validated whole. Names the manifest by its fingerprint and
    /// each item by its id and content hash.
    case validated(manifest: String, items: [ItemDigest])
    /// A submit of the item is about to be sent. Without a later ``submitted(id:job:)`` the
    /// outcome is unknown: the provider may have accepted it.
    case submitting(id: String)
    /// The provider accepted the submit and created this job.
    case submitted(id: String, job: KlingJob)
    /// The submit failed after it may have reached the provider (a timeout, a dropped connection,
    /// a 5xx); the outcome is unknown.
    case outcomeUnknown(id: String, detail: String)
    /// The provider refused the submit (a 4xx): no job was created, so sending it again is safe.
    case refused(id: String, message: String)
    /// The job succeeded on the provider.
    case finished(id: String)
    /// The job failed (or was canceled) on the provider.
    case failed(id: String, status: String, message: String?, hint: String?)
    /// The results were downloaded, complete, to these files.
    case downloaded(id: String, files: [BatchFile])

    /// An item's id and the SHA-256 of its manifest line's canonical content.
    public struct ItemDigest: Sendable, Hashable {
        /// The item's id.
        public var id: String
        /// The SHA-256 of the item's canonical content, as ``BatchItem/contentHash`` computes it.
        public var contentHash: String

        /// Pairs an item's id with the hash of its content, so a rerun can tell an edited line.
        public init(id: String, contentHash: String) {
            self.id = id
            self.contentHash = contentHash
        }
    }

    /// The item the record is about (nil for ``validated(manifest:items:)``).
    public var itemID: String? {
        switch self {
        case .validated: return nil
        case .submitting(let id), .submitted(let id, _), .outcomeUnknown(let id, _), .refused(let id, _),
             .finished(let id), .failed(let id, _, _, _), .downloaded(let id, _):
            return id
        }
    }

    /// The record as one line of compact JSON, without the newline.
    public var jsonLine: String {
        var members: [(String, JSONValue)]
        switch self {
        case .validated(let manifest, let items):
            members = [("state", "validated"), ("manifest", .string(manifest)),
                       ("items", .array(items.map { .array([.string($0.id), .string($0.contentHash)]) }))]
        case .submitting(let id):
            members = [("id", .string(id)), ("state", "submitting")]
        case .submitted(let id, let job):
            members = [("id", .string(id)), ("state", "submitted"), ("job", .string(job.id)), ("provider", .string(job.provider.rawValue))]
        case .outcomeUnknown(let id, let detail):
            members = [("id", .string(id)), ("state", "unknown"), ("detail", .string(detail))]
        case .refused(let id, let message):
            members = [("id", .string(id)), ("state", "refused"), ("message", .string(message))]
        case .finished(let id):
            members = [("id", .string(id)), ("state", "finished")]
        case .failed(let id, let status, let message, let hint):
            members = [("id", .string(id)), ("state", "failed"), ("status", .string(status))]
            if let message { members.append(("message", .string(message))) }
            if let hint { members.append(("hint", .string(hint))) }
        case .downloaded(let id, let files):
            members = [("id", .string(id)), ("state", "downloaded"), ("files", .array(files.map { file in
                .object(JSONObject([
                    .init(key: "path", value: .string(file.path)), .init(key: "bytes", value: .number(Double(file.bytes))),
                    .init(key: "sha256", value: .string(file.sha256)),
                ]))
            }))]
        }
        return JSONValue.object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) })).jsonText
    }

    /// Reads a line written by ``jsonLine``; nil when it is not one.
    public init?(jsonLine: some Sequence<UInt8>) {
        guard let json = try? JSONParser.parse(jsonLine), let state = json[member: "state"]?.stringValue else { return nil }
        if state == "validated" {
            guard let manifest = json[member: "manifest"]?.stringValue, let list = json[member: "items"]?.arrayValue else { return nil }
            var items: [ItemDigest] = []
            for entry in list {
                guard let pair = entry.arrayValue, pair.count == 2, let id = pair[0].stringValue, let hash = pair[1].stringValue else { return nil }
                items.append(ItemDigest(id: id, contentHash: hash))
            }
            self = .validated(manifest: manifest, items: items)
            return
        }
        guard let id = json[member: "id"]?.stringValue else { return nil }
        switch state {
        case "submitting":
            self = .submitting(id: id)
        case "submitted":
            guard let job = json[member: "job"]?.stringValue, let provider = json[member: "provider"]?.stringValue.flatMap(Provider.init(rawValue:)) else { return nil }
            self = .submitted(id: id, job: KlingJob(id: job, provider: provider))
        case "unknown":
            self = .outcomeUnknown(id: id, detail: json[member: "detail"]?.stringValue ?? "")
        case "refused":
            self = .refused(id: id, message: json[member: "message"]?.stringValue ?? "")
        case "finished":
            self = .finished(id: id)
        case "failed":
            guard let status = json[member: "status"]?.stringValue else { return nil }
            self = .failed(id: id, status: status, message: json[member: "message"]?.stringValue, hint: json[member: "hint"]?.stringValue)
        case "downloaded":
            guard let list = json[member: "files"]?.arrayValue else { return nil }
            var files: [BatchFile] = []
            for entry in list {
                guard let path = entry[member: "path"]?.stringValue, let bytes = entry[member: "bytes"]?.numberValue.flatMap(JSONValue.integerValue(of:)),
                      let sha = entry[member: "sha256"]?.stringValue
                else { return nil }
                files.append(BatchFile(path: path, bytes: bytes, sha256: sha))
            }
            self = .downloaded(id: id, files: files)
        default:
            return nil
        }
    }
}
