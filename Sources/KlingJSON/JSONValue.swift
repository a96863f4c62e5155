/// A JSON document as it arrived on the wire.
///
/// Unlike `JSONSerialization`, it keeps what strict checking needs: `5` and `"5"` and `true` stay
/// distinct, and object members keep their order and duplicates so issues can be reported in
/// document order.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, read as a `Double`; integers within ±10^15 stay exact.
    case number(Double)
    /// A string, with its escapes decoded.
    case string(String)
    /// An array, its items in document order.
    case array([JSONValue])
    /// An object, its members in document order with duplicates kept.
    case object(JSONObject)

    /// The JSON type's name as a person reads it in a message: "a string", "an array", ...
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let value): return JSONValue.integerValue(of: value) != nil ? "an integer" : "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONValue {
    /// The members, when the value is an object; nil for any other type.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The items, when the value is an array; nil for any other type.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text, when the value is a string; nil for any other type (a number is not read as text).
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The truth value, when the value is a boolean; nil for any other type.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The number, when the value is one; nil for any other type (a string is not read as a number).
    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}

extension JSONValue {
    /// The number as an integer when it is integral and within ±10^15 (exactly representable).
    @inlinable
    public static func integerValue(of number: Double) -> Int64? {
        guard abs(number) < 1e15, let integer = Int64(exactly: number) else { return nil }
        return integer
    }
}

/// A JSON object: its members in document order (duplicates included).
public struct JSONObject: Hashable, Sendable {
    /// One `"key": value` pair.
    public struct Member: Hashable, Sendable {
        /// The member's name, with its escapes decoded.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// Creates a member from its name and value.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document order, duplicates included.
    public var members: [Member]

    /// Creates an object from its members, kept in the given order.
    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// The value of the first member named `key`.
    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

extension JSONValue {
    /// A short rendering of the value for messages.
    public var preview: String {
        let text: String
        switch self {
        case .array(let elements): text = "[… \(elements.count) item\(elements.count == 1 ? "" : "s")]"
        case .object(let object): text = "{… \(object.members.count) member\(object.members.count == 1 ? "" : "s")}"
        default: text = jsonText
        }
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}

