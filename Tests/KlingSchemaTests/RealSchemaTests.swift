import Foundation
import KlingJSON
import KlingSchema
import Testing

@Suite("The real schemas in Schemas/")
struct RealSchemaTests {
    @Test("The Schemas folder loads with zero diagnostics")
    func folderLoads() throws {
        let schemas: [ModelSchema]
        do {
            schemas = try SchemaSet.read(directory: Fixtures.schemasDirectory)
        } catch {
            Issue.record("diagnostics:\n\(error.description)")
            return
        }
        #expect(schemas.map(\.file) == Fixtures.realSchemaFiles)
        #expect(Set(schemas.map(\.id)).isSuperset(of: [
            "model_kling-o1-video-reference", "model_kling-v3-omni-video", "model_kling-v1-6-pro", "model_kling-v3-i2v-4k",
            "klingai/video-o1-reference-to-video",
        ]))
        #expect(schemas.filter { $0.provider == .aimlapi }.count == 41)
        #expect(schemas.filter { $0.provider == .scenario }.count == 27)
    }

    @Test("Each real schema reads on its own with zero diagnostics", arguments: Fixtures.realSchemaFiles)
    func eachReads(_ file: String) throws {
        let data = try Fixtures.data(Fixtures.schemasDirectory.appendingPathComponent(file))
        let diagnostics = Lint.diagnostics(data, file: file)
        #expect(diagnostics.isEmpty, Comment(rawValue: Lint.rendered(diagnostics)))
    }

    @Test("Each real schema points editors at the format's JSON Schema", arguments: Fixtures.realSchemaFiles)
    func pointsAtFormatSchema(_ file: String) throws {
        #expect(try Fixtures.realSchema(file)["$schema"] == "../schema.json")
    }

    @Test("V3 Omni: embedded JSON shots, defaults, conditions and tags")
    func v3Omni() throws {
        let schema = try SchemaReader.read(
            Fixtures.data(Fixtures.schemasDirectory.appendingPathComponent("scenario/model_kling-v3-omni-video.json")),
            file: "scenario/model_kling-v3-omni-video.json"
        )
        #expect(schema.file == "scenario/model_kling-v3-omni-video.json")
        #expect(schema.requestTypeName == "KlingV3OmniVideoRequest")
        #expect(schema.endpoint.method == "POST" && schema.endpoint.path == "/v1/generate/custom/model_kling-v3-omni-video")
        #expect(schema.sources.map(\.key) == ["docs", "modelPage", "seed", "current", "kling-notes", "replicate"])

        let duration = try #require(schema.parameters.first { $0.name == "duration" })
        #expect(duration.defaultValue == 5)
        #expect(duration.value.type == .number && duration.value.minimum == 3 && duration.value.maximum == 15)

        let shots = try #require(schema.parameters.first { $0.name == "multiPrompt" })
        #expect(shots.swiftName == "shots")
        guard case .jsonString(let content) = shots.value.type, case .array(let items) = content.type, case .object(let shot) = items.type else {
            Issue.record("multiPrompt is \(shots.value.type.displayName)")
            return
        }
        #expect(shots.value.type.displayName == "string (JSON of Shot[])")
        #expect(content.maxItems == 6 && content.minItems == 1)
        #expect(shot.typeName == "Shot" && shot.fields.map(\.name) == ["prompt", "duration"])
        #expect(shot.fields.allSatisfy { $0.source == nil && $0.isRequired })

        let mode = try #require(schema.parameters.first { $0.name == "mode" }?.value.choices)
        #expect(mode.valueSet == .documented && mode.values.map(\.value) == ["standard", "pro", "4k"] && mode.values[2].swiftName == "fourK")

        #expect(schema.rules.map { RuleText.describe($0.kind) } == [
            "requires(endImage, startImage)",
            "maxTotalItems([referenceImages], 4, when: referenceVideo sent)",
            "mutuallyExclusive(generateAudio == true, referenceVideo sent)",
            "mutuallyExclusive(mode == \"4k\", referenceVideo sent)",
            "sumEquals(multiPrompt.duration, duration)",
            "ignoredWhen(duration, when: videoReferenceType == \"base\")",
            "tagReferences(prompt, <<<image_N>>>, [startImage, endImage, referenceImages])",
            "tagReferences(prompt, <<<video_N>>>, [referenceVideo])",
        ])
        #expect(schema.rules[6].source == "kling-notes")
        #expect(schema.notes.count == 6)
    }

    @Test("AI/ML API: a constant model, a string duration with its integer form, inferred routing values")
    func aimlapi() throws {
        let schema = try SchemaReader.read(
            Fixtures.data(Fixtures.schemasDirectory.appendingPathComponent("aimlapi/klingai-video-o1-reference-to-video.json")),
            file: "aimlapi/klingai-video-o1-reference-to-video.json"
        )
        #expect(schema.provider == .aimlapi && schema.swiftName == "AIMLKlingO1ReferenceToVideo")
        let model = try #require(schema.parameters.first)
        #expect(model.name == "model" && model.isRequired && model.value.constant == "klingai/video-o1-reference-to-video")
        let duration = try #require(schema.parameters.first { $0.name == "duration" })
        #expect(duration.defaultValue == "5" && duration.value.choices?.acceptsIntegerForm == true)
        #expect(duration.note != nil)
        let routing = try #require(schema.parameters.first { $0.name == "provider" }?.value.choices)
        #expect(routing.typeName == "Routing" && routing.ignoresCase && routing.valueSet == .inferred)
        let elements = try #require(schema.parameters.first { $0.name == "elements" })
        #expect(elements.value.type.displayName == "Element[]")
    }

    @Test("Rules of an object's fields and a conditional item limit")
    func nestedRules() throws {
        let i2v = try SchemaReader.read(
            Fixtures.data(Fixtures.schemasDirectory.appendingPathComponent("scenario/model_kling-v3-i2v-4k.json")),
            file: "scenario/model_kling-v3-i2v-4k.json"
        )
        let elements = try #require(i2v.parameters.first { $0.name == "elements" })
        guard case .array(let items) = elements.value.type, case .object(let element) = items.type else {
            Issue.record("elements is \(elements.value.type.displayName)")
            return
        }
        #expect(element.rules.map { RuleText.describe($0.kind) } == [
            "exactlyOneOf(frontalImage, video)",
            "requires(referenceImages, frontalImage)",
        ])

        let o1 = try SchemaReader.read(
            Fixtures.data(Fixtures.schemasDirectory.appendingPathComponent("scenario/model_kling-o1-video-reference.json")),
            file: "scenario/model_kling-o1-video-reference.json"
        )
        #expect(o1.rules.map { RuleText.describe($0.kind) } == [
            "maxTotalItems([elements, images], 4, when: video sent)",
            "tagReferences(prompt, @ElementN, [elements])",
            "tagReferences(prompt, @ImageN, [images])",
        ])

        let v16 = try SchemaReader.read(
            Fixtures.data(Fixtures.schemasDirectory.appendingPathComponent("scenario/model_kling-v1-6-pro.json")),
            file: "scenario/model_kling-v1-6-pro.json"
        )
        #expect(v16.rules.map { RuleText.describe($0.kind) } == [
            "requires(endImage, startImage)",
            "ignoredWhen(startImage, when: referenceImages sent)",
            "ignoredWhen(endImage, when: referenceImages sent)",
            "ignoredWhen(aspectRatio, when: startImage sent)",
        ])
    }
}

/// Rules as short text, for comparing what the reader built.
enum RuleText {
    static func describe(_ kind: Rule.Kind) -> String {
        switch kind {
        case .requires(let parameter, let dependency):
            return "requires(\(parameter), \(dependency))"
        case .mutuallyExclusive(let conditions):
            return "mutuallyExclusive(\(conditions.map(describe).joined(separator: ", ")))"
        case .exactlyOneOf(let parameters):
            return "exactlyOneOf(\(parameters.joined(separator: ", ")))"
        case .atLeastOneOf(let parameters):
            return "atLeastOneOf(\(parameters.joined(separator: ", ")))"
        case .requiredWhen(let parameter, let condition):
            return "requiredWhen(\(parameter), when: \(describe(condition)))"
        case .maxTotalItems(let parameters, let max, let condition):
            return "maxTotalItems([\(parameters.joined(separator: ", "))], \(max)\(condition.map { ", when: " + describe($0) } ?? ""))"
        case .minTotalItems(let parameters, let min, let condition):
            return "minTotalItems([\(parameters.joined(separator: ", "))], \(min)\(condition.map { ", when: " + describe($0) } ?? ""))"
        case .maxItemsWithField(let items, let field, let max):
            return "maxItemsWithField(\(items).\(field), \(max))"
        case .sumEquals(let items, let field, let total):
            return "sumEquals(\(items).\(field), \(total))"
        case .ignoredWhen(let parameter, let condition):
            return "ignoredWhen(\(parameter), when: \(describe(condition)))"
        case .tagReferences(let parameter, let prefix, let suffix, let counts):
            return "tagReferences(\(parameter), \(prefix)N\(suffix), [\(counts.joined(separator: ", "))])"
        }
    }

    static func describe(_ condition: Condition) -> String {
        switch condition.test {
        case .sent: return "\(condition.parameter) sent"
        case .notSent: return "\(condition.parameter) not sent"
        case .equals(let value): return "\(condition.parameter) == \(value.jsonText)"
        }
    }
}

@Suite("Swift names derived from wire names")
struct IdentifierTests {
    @Test("Property names", arguments: [
        ("image_list", "imageList"), ("aspectRatio", "aspectRatio"), ("frontal-image", "frontalImage"),
        ("reference_image_urls", "referenceImageUrls"), ("imageURL", "imageURL"), ("URL_list", "urlList"),
        ("3d_mode", "_3dMode"), ("cfg scale", "cfgScale"),
    ])
    func propertyNames(_ wireName: String, _ expected: String) {
        #expect(Identifier.propertyName(fromWireName: wireName) == expected)
    }

    @Test("Type names", arguments: [("aspectRatio", "AspectRatio"), ("image_list", "ImageList"), ("4k", "Value4k")])
    func typeNames(_ wireName: String, _ expected: String) {
        #expect(Identifier.typeName(fromWireName: wireName) == expected)
    }

    @Test("Choice member names", arguments: [("pro", "pro"), ("16:9", "value16x9"), ("4k", "value4k"), ("base_video", "baseVideo"), ("", "empty")])
    func choiceNames(_ value: String, _ expected: String) {
        #expect(Identifier.choiceName(fromValue: value) == expected)
    }

    @Test("Type and member name checks")
    func nameChecks() {
        #expect(Identifier.isTypeName("KlingV3OmniVideo") && !Identifier.isTypeName("klingV3") && !Identifier.isTypeName("Kling_V3") && !Identifier.isTypeName(""))
        #expect(Identifier.isMemberName("shots") && Identifier.isMemberName("_prompt") && !Identifier.isMemberName("Shots") && !Identifier.isMemberName("16x9"))
    }
}
