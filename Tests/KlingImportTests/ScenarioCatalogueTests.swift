import Foundation
import KlingImport
import KlingJSON
import KlingSchema
import Testing

/// Every Scenario Kling model as base + overlay: the merged schema exists, lints clean, carries its
/// readable Swift name (public API: a rename is a breaking change), and states the rules Scenario's
/// docs page gives only in prose.
@Suite("Merged schemas: the 27 Scenario models")
struct ScenarioCatalogueTests {
    /// Each model's Swift name and the kinds of the rules its overlay states (model-level rules, in
    /// order; an object's own rules are listed after `/`).
    static let models: [(id: String, swiftName: String, rules: [String])] = [
        ("model_kling-lip-sync", "KlingLipSync", ["atLeastOneOf", "ignoredWhen", "ignoredWhen", "ignoredWhen", "ignoredWhen", "ignoredWhen"]),
        ("model_kling-o1-i2v", "KlingO1ImageToVideo", []),
        ("model_kling-o1-r2v", "KlingO1ReferenceImages", ["maxTotalItems", "tagReferences", "tagReferences"]),
        ("model_kling-o1-video-edit", "KlingO1VideoEdit", ["maxTotalItems", "tagReferences", "tagReferences"]),
        ("model_kling-o1-video-reference", "KlingO1VideoReference", ["maxTotalItems", "tagReferences", "tagReferences"]),
        ("model_kling-v1-6-pro", "KlingV16Pro", ["requires", "ignoredWhen", "ignoredWhen", "ignoredWhen"]),
        ("model_kling-v1-6-standard", "KlingV16Standard", ["ignoredWhen", "ignoredWhen"]),
        ("model_kling-v2-1", "KlingV21", []),
        ("model_kling-v2-1-master", "KlingV21Master", ["ignoredWhen"]),
        ("model_kling-v2-1-pro", "KlingV21Pro", []),
        ("model_kling-v2-5-i2v-turbo-pro", "KlingV25TurboImageToVideoPro", []),
        ("model_kling-v2-5-i2v-turbo-standard", "KlingV25TurboImageToVideoStandard", []),
        ("model_kling-v2-5-t2v-turbo-pro", "KlingV25TurboTextToVideoPro", []),
        ("model_kling-v2-6-i2v-pro", "KlingV26ImageToVideoPro", ["mutuallyExclusive"]),
        ("model_kling-v2-6-motion-control", "KlingV26MotionControl", []),
        ("model_kling-v2-6-t2v-pro", "KlingV26TextToVideoPro", []),
        ("model_kling-v3-i2v-4k", "KlingV3ImageToVideo4K", ["exactlyOneOf", "requires", "tagReferences", "elements/exactlyOneOf", "elements/requires"]),
        ("model_kling-v3-i2v-pro", "KlingV3ImageToVideoPro", ["exactlyOneOf", "tagReferences", "elements/exactlyOneOf", "elements/requires"]),
        ("model_kling-v3-i2v-standard", "KlingV3ImageToVideoStandard", ["exactlyOneOf", "tagReferences", "elements/exactlyOneOf", "elements/requires"]),
        ("model_kling-v3-omni-video", "KlingV3OmniVideo", ["requires", "maxTotalItems", "mutuallyExclusive", "mutuallyExclusive", "sumEquals", "ignoredWhen", "tagReferences", "tagReferences"]),
        ("model_kling-v3-pro-motion-control", "KlingV3MotionControlPro", ["tagReferences"]),
        ("model_kling-v3-standard-motion-control", "KlingV3MotionControlStandard", ["tagReferences"]),
        ("model_kling-v3-t2v-4k", "KlingV3TextToVideo4K", ["exactlyOneOf"]),
        ("model_kling-v3-t2v-pro", "KlingV3TextToVideoPro", ["exactlyOneOf"]),
        ("model_kling-v3-t2v-standard", "KlingV3TextToVideoStandard", ["exactlyOneOf"]),
        ("model_kling-video-ai-avatar-v2-pro", "KlingAIAvatarV2Pro", []),
        ("model_kling-video-to-audio", "KlingVideoToAudio", []),
    ]

    func merged(_ id: String) throws -> (text: Data, json: JSONValue) {
        let data = try Data(contentsOf: CatalogueFolders(schemas: Paths.schemas).merged("scenario")
            .appendingPathComponent(CatalogueFolders.mergedFileName(modelID: id)))
        return (data, try JSONParser.parse(data))
    }

    @Test("Every model of Scenario's list has an overlay and a merged schema")
    func everyModelCovered() throws {
        let bases = try FileManager.default.contentsOfDirectory(atPath: Paths.imported.appendingPathComponent("scenario").path)
            .filter { $0.hasSuffix(".base.json") }
        #expect(bases.count == 27)
        let overlaid = try CatalogueFolders(schemas: Paths.schemas).readOverlays("scenario").flatMap(\.models)
        #expect(Set(overlaid) == Set(Self.models.map(\.id)))
        #expect(Set(bases.map { String($0.dropLast(".base.json".count)) }) == Set(Self.models.map(\.id)))
    }

    @Test("Each merged schema lints clean, with its readable Swift name and its prose rules", arguments: models.map(\.id))
    func mergedSchema(id: String) throws {
        let model = try #require(Self.models.first { $0.id == id })
        let (data, json) = try merged(id)
        let result = SchemaReader.lint(data, file: "scenario/" + CatalogueFolders.mergedFileName(modelID: id))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.line))")
        #expect(json["swiftName"] == .string(model.swiftName))
        var kinds = Self.kinds(json["rules"])
        for parameter in json["parameters"]?.arrayValue ?? [] {
            guard case .string(let name)? = parameter["name"] else { continue }
            kinds += Self.kinds(parameter["items"]?["rules"]).map { "\(name)/\($0)" }
        }
        #expect(kinds == model.rules)
    }

    @Test("Every rule cites a source and quotes the docs' words")
    func rulesCiteSources() throws {
        for model in Self.models {
            let json = try merged(model.id).json
            let sources = json["sources"]?.keys ?? []
            for rule in json["rules"]?.arrayValue ?? [] {
                guard case .string(let source)? = rule["source"] else { Issue.record("\(model.id): a rule without source"); continue }
                #expect(sources.contains(source), "\(model.id): \(source)")
                #expect(rule["description"]?.stringValue?.isEmpty == false, "\(model.id): a rule without the docs' words")
            }
        }
    }

    @Test("Numbers keep the values the docs page documents: V1.6, V2.1 and V2.1 Master's duration is 5 or 10")
    func numberDurations() throws {
        for id in ["model_kling-v1-6-pro", "model_kling-v1-6-standard", "model_kling-v2-1", "model_kling-v2-1-master"] {
            let duration = try #require(merged(id).json["parameters"]?.named("duration"))
            #expect(duration["type"] == .string("number"))
            #expect(duration["values"] == .array([.number(5), .number(10)]), "\(id)")
        }
    }

    static func kinds(_ rules: JSONValue?) -> [String] {
        (rules?.arrayValue ?? []).compactMap { $0["kind"]?.stringValue }
    }
}
