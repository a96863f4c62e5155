import Foundation

/// A value a request parameter can hold, with its wire form as a ``JSONValue``.
///
/// Validation reads requests in their wire form, so a typed request and the same body received as
/// JSON are checked by the same code and get the same report.
public protocol WireValue: Codable, Hashable, Sendable {
    /// The value as it goes on the wire.
    var wireValue: JSONValue { get }
}

/// A JSON object whose members are a schema's parameters: a request type, or the type of an object
/// one of its parameters holds.
///
/// A generated type lists its parameters once, in ``visitParameters(_:)``; its wire form, encoding,
/// equality and hashing are all read from there, and a request's validation reads its wire form.
public protocol WireObject: WireValue {
    /// Calls `visitor` with each parameter in the schema's order: its wire name and its value, nil
    /// when it is not sent.
    func visitParameters(_ visitor: inout some ParameterVisitor)
}

/// What ``WireObject/visitParameters(_:)`` calls for each parameter.
public protocol ParameterVisitor {
    /// A parameter sent as its value's own wire form; `value` is nil when it is not sent.
    mutating func visit<Value: WireValue>(_ name: String, _ value: Value?)
    /// A parameter sent as a string holding its value as JSON; `value` is nil when it is not sent.
    mutating func visitEmbeddedJSON<Value: WireValue>(_ name: String, _ value: Value?)
    /// A parameter whose value is fixed by the schema (the AI/ML API's `model`), always sent.
    mutating func visitConstant(_ name: String, _ value: String)
}

extension WireObject {
    /// The object's sent parameters as JSON object members, in the schema's order.
    public var wireValue: JSONValue {
        var builder = WireObjectBuilder()
        visitParameters(&builder)
        return .object(JSONObject(builder.members))
    }

    /// Whether both send the same parameters with the same values.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.wireValue == rhs.wireValue
    }

    /// Hashes the parameters that are sent and their values.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(wireValue)
    }

    /// Encodes the sent parameters as a keyed container, each value with its own encoding.
    public func encode(to encoder: any Encoder) throws {
        var writer = ParameterEncoder(container: encoder.container(keyedBy: WireKey.self))
        visitParameters(&writer)
        if let error = writer.error { throw error }
    }
}

/// Collects a ``WireObject``'s wire form.
private struct WireObjectBuilder: ParameterVisitor {
    var members: [JSONObject.Member] = []

    mutating func visit<Value: WireValue>(_ name: String, _ value: Value?) {
        guard let value else { return }
        members.append(JSONObject.Member(key: name, value: value.wireValue))
    }

    mutating func visitEmbeddedJSON<Value: WireValue>(_ name: String, _ value: Value?) {
        guard let value else { return }
        members.append(JSONObject.Member(key: name, value: .string(value.wireValue.jsonText)))
    }

    mutating func visitConstant(_ name: String, _ value: String) {
        members.append(JSONObject.Member(key: name, value: .string(value)))
    }
}

/// Encodes a ``WireObject``'s parameters; keeps the first error, as encoding stops there.
private struct ParameterEncoder: ParameterVisitor {
    var container: KeyedEncodingContainer<WireKey>
    var error: (any Error)?

    mutating func visit<Value: WireValue>(_ name: String, _ value: Value?) {
        guard error == nil, let value else { return }
        do { try container.encode(value, forKey: WireKey(name)) } catch { self.error = error }
    }

    mutating func visitEmbeddedJSON<Value: WireValue>(_ name: String, _ value: Value?) {
        guard error == nil, let value else { return }
        do { try container.encode(EmbeddedJSON.encode(value), forKey: WireKey(name)) } catch { self.error = error }
    }

    mutating func visitConstant(_ name: String, _ value: String) {
        guard error == nil else { return }
        do { try container.encode(value, forKey: WireKey(name)) } catch { self.error = error }
    }
}

/// A member name on the wire, as a coding key.
public struct WireKey: CodingKey, Hashable, Sendable {
    /// The member's name.
    public var stringValue: String

    /// A key for the member `name`.
    public init(_ name: String) {
        stringValue = name
    }

    /// A key for the member `stringValue`.
    public init?(stringValue: String) {
        self.stringValue = stringValue
    }

    /// Wire objects have no integer keys.
    public var intValue: Int? { nil }

    /// Wire objects have no integer keys: always nil.
    public init?(intValue: Int) {
        nil
    }
}

/// Reads a generated type's parameters in its `init(from:)`, by wire name.
public struct ParameterDecoder {
    private let container: KeyedDecodingContainer<WireKey>

    /// Opens the decoder's keyed container and checks the parameters whose value the schema fixes:
    /// each may be absent, but when sent it must be the value `constants` names.
    public init(_ decoder: any Decoder, constants: KeyValuePairs<String, String> = [:]) throws {
        container = try decoder.container(keyedBy: WireKey.self)
        for (name, expected) in constants {
            let key = WireKey(name)
            if let value = try container.decodeIfPresent(String.self, forKey: key), value != expected {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "expected \"\(expected)\" for this request type")
            }
        }
    }

    /// The value of the required parameter `name`.
    public func decode<Value: Decodable>(_ name: String) throws -> Value {
        try container.decode(Value.self, forKey: WireKey(name))
    }

    /// The value of the optional parameter `name`; nil when it is absent or `null`.
    public func decodeIfPresent<Value: Decodable>(_ name: String) throws -> Value? {
        try container.decodeIfPresent(Value.self, forKey: WireKey(name))
    }

    /// The value of the required parameter `name`, sent as a string holding JSON.
    public func decodeEmbeddedJSON<Value: Decodable>(_ name: String) throws -> Value {
        try EmbeddedJSON.decode(Value.self, from: container.decode(String.self, forKey: WireKey(name)))
    }

    /// The value of the optional parameter `name`, sent as a string holding JSON; nil when absent.
    public func decodeEmbeddedJSONIfPresent<Value: Decodable>(_ name: String) throws -> Value? {
        try container.decodeIfPresent(String.self, forKey: WireKey(name)).map { try EmbeddedJSON.decode(Value.self, from: $0) }
    }
}

// MARK: - Wire forms of parameter values

extension String: WireValue {
    /// A JSON string.
    public var wireValue: JSONValue { .string(self) }
}

extension Int: WireValue {
    /// A JSON number.
    public var wireValue: JSONValue { .number(Double(self)) }
}

extension Double: WireValue {
    /// A JSON number.
    public var wireValue: JSONValue { .number(self) }
}

extension Bool: WireValue {
    /// A JSON boolean.
    public var wireValue: JSONValue { .bool(self) }
}

extension URL: WireValue {
    /// A JSON string: the URL's absolute text.
    public var wireValue: JSONValue { .string(absoluteString) }
}

extension OpenChoice: WireValue {
    /// A JSON string.
    public var wireValue: JSONValue { .string(rawValue) }
}

extension MediaSource: WireValue {
    /// A JSON string.
    public var wireValue: JSONValue { .string(rawValue) }
}

extension Array: WireValue where Element: WireValue {
    /// A JSON array of the elements' wire forms.
    public var wireValue: JSONValue { .array(map(\.wireValue)) }
}

extension OneOrMany: WireValue where Item: WireValue {
    /// The single item's wire form, or a JSON array of the items' wire forms.
    public var wireValue: JSONValue {
        switch self {
        case .one(let item): return item.wireValue
        case .many(let items): return items.wireValue
        }
    }
}
