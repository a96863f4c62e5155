import DiagnosticText
import Foundation

/// A value that can be read from wire JSON strictly: no coercion (`"5"` is not `5`), every problem
/// reported at its path, nil when the value is unusable.
public protocol WireDecodable {
    /// Reads a value from wire JSON at `path`, adding every problem to `issues`; nil when the value
    /// is unusable.
    static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> Self?
}

extension String: WireDecodable {
    /// Reads a JSON string; anything else is a type mismatch.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> String? {
        if case .string(let string) = value { return string }
        issues.typeMismatch(value, expected: "a string", at: path())
        return nil
    }
}

extension Bool: WireDecodable {
    /// Reads a JSON boolean; `"true"` and `1` are type mismatches.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> Bool? {
        if case .bool(let bool) = value { return bool }
        issues.typeMismatch(value, expected: "a boolean", at: path())
        return nil
    }
}

extension Double: WireDecodable {
    /// Reads any JSON number; a string holding a number is a type mismatch.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> Double? {
        if case .number(let number) = value { return number }
        issues.typeMismatch(value, expected: "a number", at: path())
        return nil
    }
}

extension Int: WireDecodable {
    /// Reads a JSON number that is an exact integer; `5.5` and `"5"` are type mismatches.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> Int? {
        if case .number(let number) = value, let integer = JSONValue.integerValue(of: number) { return Int(integer) }
        issues.typeMismatch(value, expected: "an integer", at: path())
        return nil
    }
}

extension URL: WireDecodable {
    /// Reads a JSON string holding a URL with a scheme; other strings are invalid URLs.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> URL? {
        guard case .string(let string) = value else {
            issues.typeMismatch(value, expected: "a URL string", at: path())
            return nil
        }
        guard let url = URL(string: string), url.scheme != nil else {
            issues.error(.invalidURL, at: path(), "\(IssuePath.quoted(path())) is not a URL: \(JSONValue.string(string).preview)")
            return nil
        }
        return url
    }
}

extension Array: WireDecodable where Element: WireDecodable {
    /// Reads a JSON array item by item, reporting each bad item at its index; nil when any item is
    /// unusable.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> [Element]? {
        guard case .array(let values) = value else {
            issues.typeMismatch(value, expected: "an array", at: path())
            return nil
        }
        var elements: [Element] = []
        elements.reserveCapacity(values.count)
        var complete = true
        for (index, element) in values.enumerated() {
            if let decoded = Element.decode(wire: element, at: IssuePath.element(index, of: path()), into: &issues) {
                elements.append(decoded)
            } else {
                complete = false
            }
        }
        return complete ? elements : nil
    }
}

/// Reads parameters whose wire form is a string holding JSON (V3 Omni's `multiPrompt`).
public enum EmbeddedJSON {
    /// Reads a JSON string, parses its text as JSON and decodes `Content` from it; text that is not
    /// JSON is an ``IssueCode/invalidEmbeddedJSON`` error.
    public static func decode<Content: WireDecodable>(
        _: Content.Type, wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList
    ) -> Content? {
        guard let parsed = parse(wire: value, at: path(), into: &issues) else { return nil }
        return Content.decode(wire: parsed, at: path(), into: &issues)
    }

    /// Reads a JSON string and parses its text as JSON; a value that is not a string, or text that
    /// is not JSON, is reported and gives nil.
    static func parse(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> JSONValue? {
        guard case .string(let text) = value else {
            issues.typeMismatch(value, expected: "a string holding JSON", at: path())
            return nil
        }
        do {
            return try JSONParser.parse(text)
        } catch {
            issues.error(.invalidEmbeddedJSON, at: path(), "\(IssuePath.quoted(path())) must be a string holding JSON, but its text is not valid JSON (\(error))")
            return nil
        }
    }

    /// The wire string for a typed value: compact JSON with sorted keys.
    public static func encode<Content: Encodable>(_ content: Content) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }

    /// The typed value of a wire string, for `Codable` decoding.
    public static func decode<Content: Decodable>(_: Content.Type, from text: String) throws -> Content {
        try JSONDecoder().decode(Content.self, from: Data(text.utf8))
    }
}

extension IssueList {
    /// Reports a member an object holds more than once.
    mutating func duplicate(at path: String) {
        error(.duplicateParameter, at: path, "\(IssuePath.quoted(path)) appears more than once; the provider would keep only one of the values")
    }

    /// Reports a member the schema does not know, with the closest known name as a suggestion.
    public mutating func unknownMember(_ name: String, known: [String], in parent: String) {
        let path = IssuePath.member(name, of: parent)
        let what = parent.isEmpty ? "parameter" : "field"
        var message = "unknown \(what) `\(name)`: the provider rejects fields it does not know"
        if let suggestion = Suggestion.closest(to: name, among: known) {
            message += "; did you mean `\(suggestion)`?"
        }
        error(.unknownParameter, at: path, message)
    }

    /// Reports a required parameter the request does not contain.
    public mutating func missing(at path: String) {
        error(.required, at: path, "\(IssuePath.quoted(path)) is required")
    }

    /// Reports a value of the wrong JSON type.
    public mutating func typeMismatch(_ value: JSONValue, expected: String, at path: String) {
        error(.typeMismatch, at: path, "\(IssuePath.quoted(path)) must be \(expected), not \(value.kindDescription) (\(value.preview))")
    }

    /// Reads the top-level object of a request, reporting anything else.
    public mutating func requireObject(_ value: JSONValue, at path: @autoclosure () -> String) -> JSONObject? {
        if case .object(let object) = value { return object }
        let path = path()
        if path.isEmpty {
            error(.notAnObject, at: path, "a request body must be a JSON object, not \(value.kindDescription)")
        } else {
            typeMismatch(value, expected: "an object", at: path)
        }
        return nil
    }
}

