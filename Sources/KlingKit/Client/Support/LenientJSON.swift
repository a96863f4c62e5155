import Foundation

/// Lenient reading of provider answers: a field of an unexpected type reads as absent instead of failing.
extension JSONValue {
    /// Parses response bytes; nil when they are not JSON.
    static func parse(_ data: Data) -> JSONValue? {
        try? JSONParser.parse(data)
    }

    /// The member `key` of an object.
    subscript(member key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The value at a path of member names.
    func value(at path: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[member: key] }
        return current
    }

    /// A non-empty string, or a number written as text.
    var textValue: String? {
        switch self {
        case .string(let string): return string.isEmpty ? nil : string
        case .number(let number): return JSONValue.format(number)
        default: return nil
        }
    }
}
