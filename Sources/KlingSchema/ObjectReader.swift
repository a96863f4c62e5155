import DiagnosticText
import KlingJSON

/// Reads the members of one JSON object of a schema file, recording a diagnostic for every member
/// that is missing, of the wrong type, duplicated or unknown.
struct ObjectReader {
    let object: JSONObject
    let path: String
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    /// Reads `value` as an object at `path`, reporting unknown and duplicate members against `allowed`.
    init?(_ value: JSONValue, at path: String, file: String, allowed: [String], diagnostics: inout [Diagnostic]) {
        guard case .object(let object) = value else {
            diagnostics.append(Diagnostic(file: file, path: path, message: "expected an object, found \(value.kindDescription)"))
            return nil
        }
        self.object = object
        self.path = path
        self.file = file
        var seen: Set<String> = []
        for member in object.members {
            if !seen.insert(member.key).inserted {
                report(at: JSONPath.member(member.key, of: path), "`\(member.key)` appears more than once")
            } else if !allowed.contains(member.key) {
                var message = "unknown member `\(member.key)`"
                if let suggestion = Suggestion.closest(to: member.key, among: allowed) { message += "; did you mean `\(suggestion)`?" }
                report(at: JSONPath.member(member.key, of: path), message)
            }
        }
    }

    /// Reads an object whose members the caller has already checked.
    init(unchecked object: JSONObject, at path: String, file: String) {
        self.object = object
        self.path = path
        self.file = file
    }

    mutating func report(at path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, path: path, message: message))
    }

    mutating func report(member key: String, _ message: String) {
        report(at: memberPath(key), message)
    }

    func memberPath(_ key: String) -> String { JSONPath.member(key, of: path) }

    func has(_ key: String) -> Bool { object[key] != nil }

    func raw(_ key: String) -> JSONValue? { object[key] }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        switch object[key] {
        case nil:
            if required { report(at: path, "missing required member `\(key)`") }
            return nil
        case .string(let string)?:
            if required && string.isEmpty { report(member: key, "must not be empty") }
            return string
        case let other?:
            report(member: key, "expected a string, found \(other.kindDescription)")
            return nil
        }
    }

    mutating func bool(_ key: String) -> Bool? {
        switch object[key] {
        case nil: return nil
        case .bool(let bool)?: return bool
        case let other?:
            report(member: key, "expected a boolean, found \(other.kindDescription)")
            return nil
        }
    }

    mutating func number(_ key: String) -> Double? {
        switch object[key] {
        case nil: return nil
        case .number(let number)?: return number
        case let other?:
            report(member: key, "expected a number, found \(other.kindDescription)")
            return nil
        }
    }

    mutating func count(_ key: String) -> Int? {
        switch object[key] {
        case nil: return nil
        case .number(let number)?:
            guard let integer = JSONValue.integerValue(of: number), integer >= 0 else {
                report(member: key, "expected a whole number of at least 0, found \(JSONValue.format(number))")
                return nil
            }
            return Int(integer)
        case let other?:
            report(member: key, "expected a whole number, found \(other.kindDescription)")
            return nil
        }
    }

    mutating func array(_ key: String, required: Bool = false) -> [JSONValue]? {
        switch object[key] {
        case nil:
            if required { report(at: path, "missing required member `\(key)`") }
            return nil
        case .array(let elements)?: return elements
        case let other?:
            report(member: key, "expected an array, found \(other.kindDescription)")
            return nil
        }
    }

    mutating func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let elements = array(key, required: required) else { return nil }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            if case .string(let string) = element {
                strings.append(string)
            } else {
                report(at: JSONPath.element(index, of: memberPath(key)), "expected a string, found \(element.kindDescription)")
            }
        }
        return strings
    }
}
