import Foundation

/// A file the provider reads from the request: an absolute http(s) URL it fetches, or, where the
/// model's documentation allows it, the file itself as Base64 text or a `data:` URI.
///
/// Parameters whose documentation accepts only URLs are typed `URL`; this type appears where a
/// schema's `url` lists `alsoAccepts`. The validator checks the text against the forms the
/// parameter accepts.
public struct MediaSource: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible, WireDecodable {
    /// The text as sent on the wire.
    public let rawValue: String

    /// Wraps text as sent on the wire, of any form (the validator checks it).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A URL the provider fetches.
    public static func url(_ url: URL) -> MediaSource {
        MediaSource(rawValue: url.absoluteString)
    }

    /// The file's bytes as Base64 text.
    public static func base64(_ data: Data) -> MediaSource {
        MediaSource(rawValue: data.base64EncodedString())
    }

    /// The file's bytes as a `data:` URI of the given media type (`image/png`).
    public static func dataURI(_ data: Data, mediaType: String) -> MediaSource {
        MediaSource(rawValue: "data:\(mediaType);base64,\(data.base64EncodedString())")
    }

    /// A form a parameter accepts besides an http(s) URL.
    public enum Form: String, Hashable, Sendable, CaseIterable {
        /// Base64 text: the standard alphabet with at most two `=` of padding.
        case base64
        /// A `data:` URI.
        case dataURI

        /// Whether `text` has this form.
        public func matches(_ text: String) -> Bool {
            switch self {
            case .base64: return Self.isBase64(text)
            case .dataURI: return text.utf8.count > 5 && text.prefix(5).lowercased() == "data:" && text.contains(",")
            }
        }

        /// The form in words, for messages.
        public var words: String {
            switch self {
            case .base64: return "Base64-encoded data"
            case .dataURI: return "a data: URI"
            }
        }

        static func isBase64(_ text: String) -> Bool {
            var padding = 0
            var count = 0
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "+"), UInt8(ascii: "/"):
                    if padding > 0 { return false }
                    count += 1
                case UInt8(ascii: "="):
                    padding += 1
                    if padding > 2 { return false }
                default:
                    return false
                }
            }
            return count > 0
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Reads a JSON string; anything else is a type mismatch.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> MediaSource? {
        String.decode(wire: value, at: path(), into: &issues).map(MediaSource.init(rawValue:))
    }
}

extension IssueList {
    /// A media source must be an absolute http(s) URL, or text of one of the other forms it accepts.
    public mutating func checkMediaSource(_ source: MediaSource, accepting forms: [MediaSource.Form], at path: @autoclosure () -> String) {
        let text = source.rawValue
        if let url = URL(string: text), Self.isWebURL(url) { return }
        if forms.contains(where: { $0.matches(text) }) { return }
        let accepted = (["an absolute http or https URL"] + forms.map(\.words))
        let list = accepted.count == 2 ? accepted.joined(separator: " or ") : accepted.dropLast().joined(separator: ", ") + " or " + accepted.last!
        error(.invalidURL, at: path(), "\(IssuePath.quoted(path())) must be \(list), not \(JSONValue.string(text).preview)")
    }
}
