import Foundation
import KlingJSON

/// A JSON Schema (draft 2020-12) validator for the keywords `Schemas/schema.json` uses, so the test
/// suite can check schema files against it without other tools.
///
/// A keyword it does not implement is reported as a failure, never skipped: when `schema.json`
/// starts using a new keyword, the tests fail until the keyword is implemented here.
struct JSONSchemaValidator {
    struct Failure: Hashable, CustomStringConvertible {
        /// A JSON path into the instance (`$.parameters[2].type`).
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    let root: JSONValue

    /// Keywords that only annotate.
    static let annotations: Set<String> = ["$schema", "$id", "$comment", "$defs", "title", "description", "default", "format", "examples"]

    /// Every keyword it evaluates.
    static let assertions: Set<String> = [
        "$ref", "type", "enum", "const", "required", "properties", "additionalProperties", "propertyNames",
        "minProperties", "items", "minItems", "uniqueItems", "minLength", "pattern", "minimum", "allOf", "oneOf",
        "if", "then", "else", "not", "dependentRequired", "dependentSchemas",
    ]

    init(schema: JSONValue) {
        root = schema
    }

    /// Every failure of `instance`; empty when it is valid.
    func validate(_ instance: JSONValue) -> [Failure] {
        var failures: [Failure] = []
        check(instance, against: root, at: "$", into: &failures)
        return failures
    }

    private func check(_ instance: JSONValue, against schema: JSONValue, at path: String, into failures: inout [Failure]) {
        func fail(_ message: String, at failurePath: String? = nil) {
            failures.append(Failure(path: failurePath ?? path, message: message))
        }
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            fail("no value is allowed here")
            return
        case .object:
            break
        default:
            fail("a schema is an object or a boolean, not \(schema.kindDescription)")
            return
        }
        let keywords = schema.objectMembers
        let properties = schema["properties"]?.objectMembers ?? []
        for keyword in keywords {
            let value = keyword.value
            switch keyword.key {
            case let key where Self.annotations.contains(key):
                break
            case "then", "else":
                break  // evaluated with `if`
            case "$ref":
                guard let target = resolve(value.stringValue ?? "") else {
                    fail("cannot resolve $ref \(value.jsonText)")
                    continue
                }
                check(instance, against: target, at: path, into: &failures)
            case "type":
                let names = value.arrayValue?.compactMap(\.stringValue) ?? [value.stringValue ?? ""]
                if !names.contains(where: { Self.has(instance, type: $0) }) {
                    fail("expected \(names.joined(separator: " or ")), found \(instance.kindDescription)")
                }
            case "enum":
                if !(value.arrayValue ?? []).contains(where: { Self.equal($0, instance) }) {
                    fail("\(instance.jsonText) is not one of \(value.jsonText)")
                }
            case "const":
                if !Self.equal(value, instance) { fail("expected \(value.jsonText), found \(instance.jsonText)") }
            case "required":
                guard case .object(let object) = instance else { continue }
                for name in (value.arrayValue ?? []).compactMap(\.stringValue) where object[name] == nil {
                    fail("missing required member `\(name)`")
                }
            case "properties":
                guard case .object(let object) = instance else { continue }
                for member in object.members {
                    if let subschema = properties.first(where: { $0.key == member.key })?.value {
                        check(member.value, against: subschema, at: Self.member(member.key, of: path), into: &failures)
                    }
                }
            case "additionalProperties":
                guard case .object(let object) = instance else { continue }
                for member in object.members where !properties.contains(where: { $0.key == member.key }) {
                    if value == .bool(false) {
                        fail("unknown member `\(member.key)`", at: Self.member(member.key, of: path))
                    } else {
                        check(member.value, against: value, at: Self.member(member.key, of: path), into: &failures)
                    }
                }
            case "propertyNames":
                for member in instance.objectMembers {
                    check(.string(member.key), against: value, at: Self.member(member.key, of: path), into: &failures)
                }
            case "minProperties":
                if case .object(let object) = instance, Double(object.members.count) < Self.number(value) {
                    fail("expected at least \(value.jsonText) members")
                }
            case "items":
                guard case .array(let elements) = instance else { continue }
                for (index, element) in elements.enumerated() {
                    check(element, against: value, at: "\(path)[\(index)]", into: &failures)
                }
            case "minItems":
                if case .array(let elements) = instance, Double(elements.count) < Self.number(value) {
                    fail("expected at least \(value.jsonText) items")
                }
            case "uniqueItems":
                guard value == .bool(true), case .array(let elements) = instance else { continue }
                for (index, element) in elements.enumerated() where elements[..<index].contains(where: { Self.equal($0, element) }) {
                    fail("item \(index) repeats an earlier item")
                }
            case "minLength":
                if case .string(let string) = instance, Double(string.unicodeScalars.count) < Self.number(value) {
                    fail("expected at least \(value.jsonText) characters")
                }
            case "pattern":
                guard case .string(let string) = instance, let pattern = value.stringValue else { continue }
                guard let expression = try? NSRegularExpression(pattern: pattern) else {
                    fail("invalid pattern \(pattern)")
                    continue
                }
                if expression.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) == nil {
                    fail("\(instance.jsonText) does not match \(pattern)")
                }
            case "minimum":
                if case .number(let number) = instance, number < Self.number(value) {
                    fail("\(instance.jsonText) is below the minimum \(value.jsonText)")
                }
            case "allOf":
                for subschema in value.arrayValue ?? [] {
                    check(instance, against: subschema, at: path, into: &failures)
                }
            case "oneOf":
                let matches = (value.arrayValue ?? []).filter { isValid(instance, against: $0, at: path) }.count
                if matches != 1 { fail("matches \(matches) of the `oneOf` alternatives, not exactly one") }
            case "if":
                if isValid(instance, against: value, at: path) {
                    if let then = schema["then"] { check(instance, against: then, at: path, into: &failures) }
                } else if let otherwise = schema["else"] {
                    check(instance, against: otherwise, at: path, into: &failures)
                }
            case "not":
                if isValid(instance, against: value, at: path) { fail("matches a schema it must not match") }
            case "dependentRequired":
                guard case .object(let object) = instance else { continue }
                for dependency in value.objectMembers where object[dependency.key] != nil {
                    for name in (dependency.value.arrayValue ?? []).compactMap(\.stringValue) where object[name] == nil {
                        fail("`\(dependency.key)` needs `\(name)`")
                    }
                }
            case "dependentSchemas":
                guard case .object(let object) = instance else { continue }
                for dependency in value.objectMembers where object[dependency.key] != nil {
                    check(instance, against: dependency.value, at: path, into: &failures)
                }
            default:
                fail("the validator does not implement the keyword `\(keyword.key)`")
            }
        }
    }

    private func isValid(_ instance: JSONValue, against schema: JSONValue, at path: String) -> Bool {
        var failures: [Failure] = []
        check(instance, against: schema, at: path, into: &failures)
        return failures.isEmpty
    }

    /// Resolves a `$ref` within the document: `#`, `#/$defs/name`.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var current = root
        for part in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let name = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = current[name] else { return nil }
            current = next
        }
        return current
    }

    private static func has(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number):
            return true
        case ("integer", .number(let number)):
            return number.rounded() == number
        default:
            return false
        }
    }

    private static func number(_ value: JSONValue) -> Double {
        if case .number(let number) = value { return number }
        return .nan
    }

    /// JSON equality: objects compare regardless of member order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.members.count == y.members.count else { return false }
            return x.members.allSatisfy { member in y[member.key].map { equal(member.value, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        default:
            return a == b
        }
    }

    private static func member(_ name: String, of path: String) -> String {
        "\(path).\(name)"
    }
}
