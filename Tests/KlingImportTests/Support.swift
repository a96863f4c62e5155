import Foundation
import KlingTestSupport
import KlingImport
import KlingJSON
import Testing

/// Files the tests read, found from this source file's path (not bundle resources).
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let package = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let snapshots = package.appendingPathComponent("Schemas/_snapshots")
    static let imported = package.appendingPathComponent("Schemas/_imported")
    static let schemas = package.appendingPathComponent("Schemas")
}

func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
}

extension JSONValue {
    /// The member `key` of an object (nil otherwise).
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element of an array of named objects whose `name` is `name`.
    func named(_ name: String) -> JSONValue? {
        guard case .array(let elements) = self else { return nil }
        return elements.first { $0["name"] == .string(name) }
    }

    var names: [String] {
        guard case .array(let elements) = self else { return [] }
        return elements.compactMap { if case .string(let name)? = $0["name"] { return name } else { return nil } }
    }

    /// The member keys of an object, in order.
    var keys: [String] {
        if case .object(let object) = self { return object.members.map(\.key) }
        return []
    }
}

/// A minimal AI/ML API spec around a request body's `properties` (JSON text) and `required` names.
func aimlSpec(model: String = "klingai/test-model", properties: String, required: [String] = ["model"], extraPaths: String = "") -> String {
    let requiredList = required.map { "\"\($0)\"" }.joined(separator: ", ")
    return """
    {"openapi": "3.0.0", "paths": {"/v2/video/generations": {"post": {"requestBody": {"required": true, "content": {"application/json": {"schema": {
      "type": "object",
      "properties": {"model": {"type": "string", "enum": ["\(model)"]}, \(properties)},
      "required": [\(requiredList)],
      "title": "\(model)"
    }}}}, "responses": {}}}\(extraPaths)}}
    """
}

let testProvenance = AIMLAPIImporter.Provenance(
    commit: "0123456789abcdef0123456789abcdef01234567", commitDate: "2026-08-21",
    specURL: "https://example.com/specs/{file}", pageURL: "https://example.com/pages/{page}"
)

func aimlModel(_ id: String = "klingai/test-model", spec: String = "specs/test.json") -> AIMLAPIImporter.Model {
    .init(id: id, spec: spec, page: "test-page", pageTitle: "Test Model")
}

/// The base of a hand-made AI/ML API spec.
func importAIML(_ specText: String, model: AIMLAPIImporter.Model = aimlModel()) throws -> JSONValue {
    try AIMLAPIImporter.base(spec: parse(specText), model: model, provenance: testProvenance)
}

/// The messages of the diagnostics an import throws (empty when it succeeds).
func aimlDiagnostics(_ specText: String, model: AIMLAPIImporter.Model = aimlModel()) throws -> [String] {
    do {
        _ = try AIMLAPIImporter.base(spec: parse(specText), model: model, provenance: testProvenance)
        return []
    } catch let error as ImportErrors {
        return error.diagnostics.map { "\($0.path): \($0.message)" }
    }
}

let scenarioProvenance = ScenarioImporter.Provenance(
    docsTitle: "Kuaishou Technology | Scenario Docs", docsURL: "https://docs.example.com/kling", docsLastUpdated: "2026-07-01",
    recordURL: "https://api.example.com/v1/models/{id}", endpointPath: "/v1/generate/custom/{id}"
)

func importRecord(_ inputs: String, id: String = "model_test") throws -> JSONValue {
    try ScenarioImporter.base(record: parse(#"{"model": {"id": "\#(id)", "name": "Test", "inputs": [\#(inputs)]}}"#),
                              file: "records/\(id).json", provenance: scenarioProvenance)
}

func recordDiagnostics(_ inputs: String) throws -> [String] {
    do {
        _ = try importRecord(inputs)
        return []
    } catch let error as ImportErrors {
        return error.diagnostics.map { "\($0.path): \($0.message)" }
    }
}
