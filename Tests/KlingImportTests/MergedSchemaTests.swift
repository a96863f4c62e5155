import Foundation
import KlingImport
import KlingJSON
import KlingSchema
import Testing

/// The five models KlingKit supported by hand, now as base + overlay: the merged schema must lint clean
/// and check everything the hand-written schema checks.
@Suite("Merged schemas: base + overlay against the hand-written schemas")
struct MergedSchemaTests {
    /// The five models: the hand-written schema they had (kept below `Fixtures/hand-written/`) and the
    /// merged one (below `Schemas/`).
    static let models: [(id: String, handWritten: String, merged: String)] = [
        ("model_kling-o1-video-reference", "scenario/model_kling-o1-video-reference.json", "scenario/model_kling-o1-video-reference.json"),
        ("model_kling-v3-omni-video", "scenario/model_kling-v3-omni-video.json", "scenario/model_kling-v3-omni-video.json"),
        ("model_kling-v1-6-pro", "scenario/model_kling-v1-6-pro.json", "scenario/model_kling-v1-6-pro.json"),
        ("model_kling-v3-i2v-4k", "scenario/model_kling-v3-i2v-4k.json", "scenario/model_kling-v3-i2v-4k.json"),
        ("klingai/video-o1-reference-to-video", "aimlapi/video-o1-reference-to-video.json", "aimlapi/klingai-video-o1-reference-to-video.json"),
    ]

    /// Intended differences between a hand-written schema and its merged schema: each parameter listed
    /// here has a value list the hand-written schema marks inferred and the merged schema documented,
    /// because Scenario's docs page (the bases' source) now documents it. Everything else must be equal.
    /// (The AI/ML API's `provider` values stay inferred: prose only.)
    static let nowDocumented: [String: [String]] = [
        "model_kling-o1-video-reference": ["duration", "aspectRatio"],
        "model_kling-v3-omni-video": ["mode", "aspectRatio"],
        "model_kling-v1-6-pro": ["aspectRatio"],
        "model_kling-v3-i2v-4k": ["duration"],
        "klingai/video-o1-reference-to-video": [],
    ]

    /// Intended differences of another kind: numbers the hand-written schema leaves open (the format had
    /// no allowed values on a number) and the merged schema limits to the values Scenario's docs page
    /// documents. V1.6 Pro's `duration` is 5 or 10.
    static let nowValued: [String: [String: [Double]]] = [
        "model_kling-v1-6-pro": ["duration": [5, 10]],
    ]

    func read(_ relativePath: String, in folder: URL = Paths.schemas) throws -> ModelSchema {
        let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
        let result = SchemaReader.lint(data, file: relativePath)
        #expect(result.diagnostics.isEmpty, "\(relativePath): \(result.diagnostics.map(\.line))")
        return try #require(result.value, "\(relativePath) does not lint")
    }

    @Test("Each merged schema lints clean and checks what the hand-written one checks", arguments: models.map(\.id))
    func mergedMatchesHandWritten(id: String) throws {
        let model = try #require(Self.models.first { $0.id == id })
        let handWritten = try read(model.handWritten, in: Paths.fixtures.appendingPathComponent("hand-written"))
        let merged = try read(model.merged)
        var expected = Shape.of(handWritten)
        for name in try #require(Self.nowDocumented[id]) {
            let index = try #require(expected.parameters.firstIndex { $0.name == name }, "\(name): no such parameter")
            #expect(expected.parameters[index].value.choices?.valueSet == .inferred, "\(name) is not inferred in the hand-written schema")
            expected.parameters[index].value.choices?.valueSet = .documented
        }
        let actual = Shape.of(merged)
        for (name, values) in Self.nowValued[id] ?? [:] {
            let index = try #require(expected.parameters.firstIndex { $0.name == name }, "\(name): no such parameter")
            #expect(expected.parameters[index].value.numberValues == nil, "\(name) has values in the hand-written schema")
            let documented = try #require(actual.parameters.first { $0.name == name }?.value.numberValues, "\(name) has no values in the merged schema")
            #expect(documented.values == values && documented.valueSet == .documented, "\(name)")
            expected.parameters[index].value.numberValues = documented
        }
        #expect(actual.model == expected.model)
        #expect(actual.parameters.map(\.name) == expected.parameters.map(\.name))
        for (mergedParameter, handParameter) in zip(actual.parameters, expected.parameters) {
            #expect(mergedParameter == handParameter, "parameter \(handParameter.name)")
        }
        #expect(actual.rules == expected.rules)
    }

    @Test("The committed merged schemas are byte-identical to what the merge makes", arguments: ProviderCatalogue.providers)
    func mergedFilesUpToDate(provider: String) throws {
        let folders = CatalogueFolders(schemas: Paths.schemas)
        let files = try folders.mergedSchemas(provider)
        #expect(folders.checkMerged(provider, against: files) == [])
        #expect(files.count == (provider == "aimlapi" ? 41 : 27))
    }

    @Test("The committed catalogue has no drift")
    func noDrift() {
        let folders = CatalogueFolders(schemas: Paths.schemas)
        for provider in ProviderCatalogue.providers {
            #expect(folders.drift(provider) == [], "\(provider)")
        }
    }

    @Test("V1.6 Pro: the duration keeps its documented values 5 and 10")
    func v16ProDuration() throws {
        let overlay = try Overlay.read(Data(contentsOf: Paths.schemas.appendingPathComponent("_overlays/scenario/model_kling-v1-6-pro.overlay.json")), file: "v16")
        #expect(!overlay.changes.contains { $0.at == "parameters[duration]" })
        let merged = try read("scenario/model_kling-v1-6-pro.json")
        #expect(!merged.notes.contains { $0.contains("5 and 10") })
        let duration = try #require(merged.parameters.first { $0.name == "duration" })
        #expect(duration.value.type == .number)
        #expect(duration.value.numberValues?.values == [5, 10])
    }
}

@Suite("Merged schemas: the V3 families on the AI/ML API")
struct V3FamilyTests {
    func read(_ model: String) throws -> ModelSchema {
        let file = "aimlapi/" + CatalogueFolders.mergedFileName(modelID: model)
        let result = SchemaReader.lint(try Data(contentsOf: Paths.schemas.appendingPathComponent(file)), file: file)
        #expect(result.diagnostics.isEmpty, "\(file): \(result.diagnostics.map(\.line))")
        return try #require(result.value)
    }

    static let v3 = [
        "klingai/video-v3-pro-text-to-video", "klingai/video-v3-standard-text-to-video", "klingai/video-v3-pro-image-to-video",
        "klingai/video-v3-standard-image-to-video", "klingai/video-v3-omni-720p-text-to-video", "klingai/video-v3-omni-1080p-text-to-video",
        "klingai/video-v3-omni-720p-image-to-video", "klingai/video-v3-omni-1080p-image-to-video",
    ]

    @Test("Prompt or multi_prompt, not both; duration as the O1 decision; Omni I2V: no tail frame with audio", arguments: v3)
    func proseRules(model: String) throws {
        let schema = try read(model)
        #expect(schema.rules.contains { $0.kind == .exactlyOneOf(["prompt", "multi_prompt"]) && $0.source == "openapi" })
        let duration = try #require(schema.parameters.first { $0.name == "duration" })
        #expect(duration.value.type == .string)
        #expect(duration.value.choices?.values.map(\.value) == (3...15).map(String.init))
        #expect(duration.value.choices?.acceptsIntegerForm == true)
        let tailWithAudio = schema.rules.contains { rule in
            guard case .mutuallyExclusive(let conditions) = rule.kind else { return false }
            return conditions.map(\.parameter) == ["generate_audio", "tail_image_url"] && conditions.map(\.test) == [.equals(true), .sent]
        }
        #expect(tailWithAudio == (model.contains("omni") && model.contains("image-to-video")))
    }
}

/// What a schema checks, without its wording: descriptions, notes, summary and sources blanked.
struct Shape: Equatable {
    var model: [String]
    var parameters: [Parameter]
    var rules: [Rule]

    static func of(_ schema: ModelSchema) -> Shape {
        Shape(
            model: [schema.id, schema.provider.rawValue, schema.title, schema.swiftName, schema.endpoint.method, schema.endpoint.path],
            parameters: schema.parameters.map(parameter),
            rules: schema.rules.map(rule)
        )
    }

    static func parameter(_ parameter: Parameter) -> Parameter {
        var parameter = parameter
        parameter.description = ""
        parameter.source = nil
        parameter.note = nil
        parameter.value = spec(parameter.value)
        return parameter
    }

    static func spec(_ spec: ValueSpec) -> ValueSpec {
        var spec = spec
        if var choices = spec.choices {
            choices.values = choices.values.map { var value = $0; value.description = nil; return value }
            spec.choices = choices
        }
        switch spec.type {
        case .array(let items): spec.type = .array(items: self.spec(items))
        case .jsonString(let content): spec.type = .jsonString(content: self.spec(content))
        case .object(var object):
            object.description = nil
            object.fields = object.fields.map(parameter)
            object.rules = object.rules.map(rule)
            spec.type = .object(object)
        default: break
        }
        return spec
    }

    static func rule(_ rule: Rule) -> Rule {
        var rule = rule
        rule.source = nil
        rule.description = nil
        return rule
    }
}
