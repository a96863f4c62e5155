/// A string parameter with a set of known values that stays open to new ones.
///
/// Each choice of a request type is an `OpenChoice` of its own `Values` type (an empty enum that
/// only tells choices apart), so a mode cannot be passed where an aspect ratio is expected. Known
/// values are static members (`.pro`, `.widescreen`); any other value can be passed with
/// `init(rawValue:)` or a string literal, so a provider adding a value never breaks the build or
/// decoding. Validation reports values outside the schema's set: as an error when the provider
/// documents the set, as a warning when the schema had to infer it. The set itself is in the
/// request type's ``KlingRequest/model``.
public struct OpenChoice<Values>: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The value as sent on the wire.
    public let rawValue: String

    /// Wraps any value as sent on the wire: unlike `RawRepresentable`'s, it never fails.
    @inlinable
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a string literal as sent on the wire.
    @inlinable
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The value as sent on the wire.
    public var description: String { rawValue }

    /// Reads a JSON string, or a JSON integer as its decimal text: some providers carry string
    /// choices such as durations in both forms. Validation tells which forms a parameter accepts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self) {
            self.init(rawValue: String(integer))
        } else {
            self.init(rawValue: try container.decode(String.self))
        }
    }

    /// Writes the value as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Where a choice's known values come from.
public enum ChoiceValueSet: String, Hashable, Sendable, Codable {
    /// The provider's documentation lists the values.
    case documented
    /// The documentation does not list them; the schema records the values seen elsewhere.
    case inferred
}
