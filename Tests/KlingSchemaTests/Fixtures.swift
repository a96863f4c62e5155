import Foundation
import KlingJSON
import KlingSchema
import Testing

/// Files the tests read, found from this source file's path (not bundle resources).
enum Fixtures {
    /// `Tests/KlingSchemaTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpusDirectory = testsDirectory.appendingPathComponent("Corpus")
    static let packageDirectory = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let schemasDirectory = packageDirectory.appendingPathComponent("Schemas")
    static let formatSchemaFile = schemasDirectory.appendingPathComponent("schema.json")

    /// Every real schema (the catalogue's merged schemas), relative to `Schemas/`, sorted.
    static let realSchemaFiles: [String] = ["aimlapi", "scenario"].flatMap { provider in
        ((try? FileManager.default.contentsOfDirectory(atPath: schemasDirectory.appendingPathComponent(provider).path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { provider + "/" + $0 }
    }.sorted()

    static func data(_ url: URL) throws -> Data {
        try Data(contentsOf: url)
    }

    static func json(_ url: URL) throws -> JSONValue {
        try JSONParser.parse(data(url))
    }

    /// `Schemas/schema.json`, parsed.
    static func formatSchema() throws -> JSONValue {
        try json(formatSchemaFile)
    }

    /// A real schema, parsed.
    static func realSchema(_ relativePath: String) throws -> JSONValue {
        try json(schemasDirectory.appendingPathComponent(relativePath))
    }
}

/// Reading schemas in tests.
enum Lint {
    /// The diagnostics of reading `document` as a schema file; empty when it is valid.
    static func diagnostics(_ document: JSONValue, file: String = "test.json") -> [Diagnostic] {
        diagnostics(Data(document.jsonText.utf8), file: file)
    }

    /// Every finding, errors and warnings.
    static func diagnostics(_ data: Data, file: String = "test.json") -> [Diagnostic] {
        SchemaReader.lint(data, file: file).diagnostics
    }

    /// `path: message` lines, as the corpus's expectation files write them.
    static func rendered(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.path): \($0.severity == .warning ? "warning: " : "")\($0.message)" }.joined(separator: "\n")
    }
}

/// Small valid schemas to derive test documents from.
enum Skeleton {
    /// A valid model with one required `prompt`.
    static func model(parameters: [JSONValue]? = nil, rules: [JSONValue]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", "model_test"),
            ("provider", "scenario"),
            ("title", "Test"),
            ("swiftName", "TestModel"),
            ("endpoint", ["method": "POST", "path": "/v1/generate/custom/model_test"]),
            ("sources", ["seed": ["title": "Test page", "url": "https://example.com/test"]]),
            ("parameters", .array(parameters ?? [prompt])),
        ]
        if let rules { members.append(("rules", .array(rules))) }
        return .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    static let prompt: JSONValue = ["name": "prompt", "type": "string", "required": true, "source": "seed", "description": "The prompt."]

    /// A parameter of the request.
    static func parameter(_ name: String, _ type: String, _ extra: [(String, JSONValue)] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(name)), ("type", .string(type)), ("source", "seed"), ("description", "A parameter.")]
        members += extra
        return .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

extension JSONValue {
    /// The value with `member` set (replaced in place, or appended) in the object at `path`: a list
    /// of member names and array indices from the root.
    func setting(_ member: String, to value: JSONValue, at path: [PathStep] = []) -> JSONValue {
        updating(at: path[...]) { object in
            guard case .object(var members) = object else { return object }
            if let index = members.members.firstIndex(where: { $0.key == member }) {
                members.members[index].value = value
            } else {
                members.members.append(JSONObject.Member(key: member, value: value))
            }
            return .object(members)
        }
    }

    /// The value without `member` in the object at `path`.
    func removing(_ member: String, at path: [PathStep] = []) -> JSONValue {
        updating(at: path[...]) { object in
            guard case .object(var members) = object else { return object }
            members.members.removeAll { $0.key == member }
            return .object(members)
        }
    }

    /// The value at `path`, if there is one.
    func value(at path: [PathStep]) -> JSONValue? {
        var current = self
        for step in path {
            switch (step, current) {
            case (.member(let name), .object(let object)):
                guard let next = object[name] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    private func updating(at path: ArraySlice<PathStep>, _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let step = path.first else { return change(self) }
        switch (step, self) {
        case (.member(let name), .object(var object)):
            guard let index = object.members.firstIndex(where: { $0.key == name }) else { return self }
            object.members[index].value = object.members[index].value.updating(at: path.dropFirst(), change)
            return .object(object)
        case (.index(let index), .array(var elements)):
            guard elements.indices.contains(index) else { return self }
            elements[index] = elements[index].updating(at: path.dropFirst(), change)
            return .array(elements)
        default:
            return self
        }
    }

    /// The members of an object (empty for another value).
    var objectMembers: [JSONObject.Member] {
        if case .object(let object) = self { return object.members }
        return []
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

/// A step of a path into a JSON document.
enum PathStep: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case member(String)
    case index(Int)

    init(stringLiteral value: String) { self = .member(value) }
    init(integerLiteral value: Int) { self = .index(value) }

    /// Parses a diagnostic's JSON path (`$.parameters[3]["a b"].default`); nil when malformed.
    static func parse(_ path: String) -> [PathStep]? {
        var scalars = Substring(path).unicodeScalars[...]
        guard scalars.first == "$" else { return nil }
        scalars = scalars.dropFirst()
        var steps: [PathStep] = []
        while let first = scalars.first {
            if first == "." {
                scalars = scalars.dropFirst()
                let name = scalars.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(.member(String(String.UnicodeScalarView(name))))
                scalars = scalars.dropFirst(name.count)
            } else if first == "[" {
                scalars = scalars.dropFirst()
                if scalars.first == "\"" {
                    scalars = scalars.dropFirst()
                    var name = String.UnicodeScalarView()
                    while let scalar = scalars.first, scalar != "\"" {
                        if scalar == "\\" {
                            scalars = scalars.dropFirst()
                            guard let escaped = scalars.first else { return nil }
                            name.append(escaped)
                        } else {
                            name.append(scalar)
                        }
                        scalars = scalars.dropFirst()
                    }
                    guard scalars.first == "\"" else { return nil }
                    scalars = scalars.dropFirst()
                    steps.append(.member(String(name)))
                } else {
                    let digits = scalars.prefix { ("0"..."9").contains($0) }
                    guard let index = Int(String(String.UnicodeScalarView(digits))) else { return nil }
                    steps.append(.index(index))
                    scalars = scalars.dropFirst(digits.count)
                }
                guard scalars.first == "]" else { return nil }
                scalars = scalars.dropFirst()
            } else {
                return nil
            }
        }
        return steps
    }
}
