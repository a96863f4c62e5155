/// A string parameter with a set of known values that stays open to new ones.
///
/// Known values are static members (`.pro`, `.widescreen`); any other value can be passed with
/// `init(rawValue:)` or a string literal, so a provider adding a value never breaks the build or
/// decoding. The validator reports values outside the set: as an error when the provider documents
/// the set, as a warning when the schema had to infer it.
public protocol OpenStringChoice: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible, WireDecodable where RawValue == String
{
    /// Wraps any value as sent on the wire: unlike `RawRepresentable`'s, it never fails.
    init(rawValue: String)
    /// The values the schema lists, in its order.
    static var knownValues: [Self] { get }
    /// Whether the provider documents `knownValues` (an unknown value is then an error) or the
    /// schema inferred them (an unknown value is a warning).
    static var valueSet: ChoiceValueSet { get }
    /// Whether the provider compares values without regard to case.
    static var ignoresCase: Bool { get }
    /// Whether the wire also carries these values as JSON integers (`5` for `"5"`).
    static var acceptsIntegerForm: Bool { get }
    /// Whether this value is one of `knownValues` (respecting `ignoresCase`). Generated types answer
    /// with a `switch`, which validation calls on every request.
    var isKnown: Bool { get }
}

/// Where a choice's known values come from.
public enum ChoiceValueSet: String, Hashable, Sendable, Codable {
    /// The provider's documentation lists the values.
    case documented
    /// The documentation does not list them; the schema records the values seen elsewhere.
    case inferred
}

extension OpenStringChoice {
    public static var ignoresCase: Bool { false }
    public static var acceptsIntegerForm: Bool { false }

    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }

    /// Whether this value is one of `knownValues` (respecting `ignoresCase`).
    public var isKnown: Bool {
        if Self.ignoresCase {
            let lowered = rawValue.lowercased()
            return Self.knownValues.contains { $0.rawValue.lowercased() == lowered }
        }
        return Self.knownValues.contains(self)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if Self.acceptsIntegerForm, let integer = try? container.decode(Int.self) {
            self.init(rawValue: String(integer))
        } else {
            self.init(rawValue: try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> Self? {
        switch value {
        case .string(let string):
            return Self(rawValue: string)
        case .number(let number) where acceptsIntegerForm && JSONValue.integerValue(of: number) != nil:
            return Self(rawValue: String(JSONValue.integerValue(of: number)!))
        default:
            issues.typeMismatch(value, expected: "a string", at: path())
            return nil
        }
    }
}
