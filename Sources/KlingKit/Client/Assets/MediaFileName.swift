import Foundation

/// How a download names its file.
public enum DownloadNaming: Sendable, Hashable {
    /// Exactly the destination given.
    case exactly
    /// The destination, with the extension of the media type the server sent when the given one
    /// does not fit it: none, or one of another kind of media (`out.mp4` for an audio result
    /// becomes `out.mp3`). An unknown media type keeps the destination, or takes the extension of
    /// the file's URL when the destination has none.
    case matchingMediaType
}

/// File extensions of the media types results come in.
enum MediaFileName {
    /// The extension of each media type, lower case, without parameters.
    static let extensions: [String: String] = [
        "video/mp4": "mp4", "video/quicktime": "mov", "video/webm": "webm", "video/x-matroska": "mkv",
        "audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/mp4": "m4a", "audio/x-m4a": "m4a", "audio/aac": "aac",
        "audio/wav": "wav", "audio/x-wav": "wav", "audio/wave": "wav", "audio/ogg": "ogg", "audio/flac": "flac",
        "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif",
    ]

    /// The kind of media (`video`, `audio`, `image`) each known extension holds.
    static func kind(ofExtension fileExtension: String) -> String? {
        let lowered = fileExtension.lowercased()
        guard let type = extensions.first(where: { $0.value == lowered })?.key ?? (lowered == "jpeg" ? "image/jpeg" : nil) else { return nil }
        return String(type.prefix { $0 != "/" })
    }

    /// `destination`, with the extension `mediaType` calls for where the given one does not fit.
    static func adapt(_ destination: URL, mediaType: String?, source: URL) -> URL {
        let type = mediaType.map { String($0.lowercased().prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces) }
        let given = destination.pathExtension
        guard let type, let wanted = extensions[type] else {
            // No usable media type: name an extensionless file after its URL's extension.
            let fromSource = source.pathExtension
            return given.isEmpty && kind(ofExtension: fromSource) != nil ? destination.appendingPathExtension(fromSource.lowercased()) : destination
        }
        if given.isEmpty { return destination.appendingPathExtension(wanted) }
        let givenKind = kind(ofExtension: given)
        let wantedKind = String(type.prefix { $0 != "/" })
        guard let givenKind, givenKind != wantedKind else { return destination }
        return destination.deletingPathExtension().appendingPathExtension(wanted)
    }
}
