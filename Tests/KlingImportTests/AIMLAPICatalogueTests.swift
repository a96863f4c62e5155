import Foundation
import KlingImport
import KlingJSON
import KlingSchema
import Testing

/// The AI/ML API catalogue: every model of the provider's list as base + overlay, with the
/// catalogue-wide decisions applied the same way everywhere and the prose rules stated as rules.
/// Checked on the merged schemas' JSON, so a change to an overlay that loses a decision fails here.
@Suite("Merged schemas: the whole AI/ML API catalogue")
struct AIMLAPICatalogueTests {
    static let listedModels: [String] = {
        let data = (try? Data(contentsOf: Paths.snapshots.appendingPathComponent("aimlapi/models.json"))) ?? Data()
        let list = (try? JSONParser.parse(data))?["models"]?.arrayValue ?? []
        return list.compactMap { $0["id"]?.stringValue }
    }()

    func merged(_ model: String) throws -> JSONValue {
        let file = Paths.schemas.appendingPathComponent("aimlapi/" + CatalogueFolders.mergedFileName(modelID: model))
        return try JSONParser.parse(Data(contentsOf: file))
    }

    /// Every rule of a schema, the model's and those of object specs below its parameters.
    func rules(_ schema: JSONValue) -> [JSONValue] {
        func nested(_ spec: JSONValue) -> [JSONValue] {
            (spec["rules"]?.arrayValue ?? []) + (spec["fields"]?.arrayValue ?? []).flatMap(nested) + (spec["items"].map(nested) ?? [])
        }
        return (schema["rules"]?.arrayValue ?? []) + (schema["parameters"]?.arrayValue ?? []).flatMap(nested)
    }

    @Test("The list has 41 models, each named by exactly one overlay and with a merged schema")
    func everyModelMerged() throws {
        #expect(Self.listedModels.count == 41)
        let overlays = try CatalogueFolders(schemas: Paths.schemas).readOverlays("aimlapi")
        #expect(overlays.flatMap(\.models).sorted() == Self.listedModels.sorted())
        for model in Self.listedModels {
            #expect(try merged(model)["id"] == .string(model))
        }
    }

    @Test("Swift names are unique and readable: AIMLKling and the model's words, without the id's vendor prefixes")
    func swiftNames() throws {
        let names = try Self.listedModels.map { try #require(merged($0)["swiftName"]?.stringValue) }
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.hasPrefix("AIMLKling"), "\(name)")
            #expect(!name.hasPrefix("AIMLKlingai") && !name.hasPrefix("AIMLKlingVideo") && !name.contains("KlingKling"), "\(name)")
        }
        #expect(try merged("klingai/video-o1-reference-to-video")["swiftName"] == "AIMLKlingO1ReferenceToVideo")
    }

    @Test("Each merged schema lints clean, without warnings", arguments: listedModels)
    func lintsClean(model: String) throws {
        let file = "aimlapi/" + CatalogueFolders.mergedFileName(modelID: model)
        let result = SchemaReader.lint(try Data(contentsOf: Paths.schemas.appendingPathComponent(file)), file: file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.line))")
        #expect(result.value?.swiftName == (try merged(model))["swiftName"]?.stringValue)
    }

    @Test("Every model has its capabilities", arguments: listedModels)
    func capabilities(model: String) throws {
        let expected: JSONValue = model.contains("video-to-video") || model.contains("motion-control")
            ? ["video2video"] : model.contains("text-to-video") ? ["txt2video"] : ["img2video"]
        #expect(try merged(model)["capabilities"] == expected)
    }

    @Test("duration (and a shot's duration) is sent as a string, with the integer form accepted and a note", arguments: listedModels)
    func durationDecision(model: String) throws {
        let schema = try merged(model)
        let parameters = schema["parameters"] ?? []
        var specs: [JSONValue] = []
        if let duration = parameters.named("duration") { specs.append(duration) }
        if let shot = parameters.named("multi_prompt")?["items"]?["fields"]?.named("duration") { specs.append(shot) }
        for spec in specs {
            #expect(spec["type"] == "string")
            #expect(spec["acceptsIntegerForm"] == true)
            #expect(spec["note"] != nil)
            let values = spec["values"]?.arrayValue ?? []
            #expect(!values.isEmpty && values.allSatisfy { $0["value"]?.stringValue.flatMap { Int($0) } != nil })
            if let defaultValue = spec["default"] { #expect(defaultValue == "5") }
        }
        if !specs.isEmpty {
            #expect(schema["notes"]?.arrayValue?.contains { $0.stringValue?.hasPrefix("`duration` is typed integer") == true } == true)
        }
    }

    @Test("provider: the routing values, inferred and case-insensitive, wherever the spec has it", arguments: listedModels)
    func providerRouting(model: String) throws {
        guard let provider = try merged(model)["parameters"]?.named("provider") else { return }
        #expect(provider["typeName"] == "Routing")
        #expect(provider["valueSet"] == "inferred")
        #expect(provider["ignoresCase"] == true)
        #expect(provider["values"]?.arrayValue?.compactMap { $0["value"]?.stringValue } == ["auto", "kling", "klingai", "fal"])
    }

    @Test("Base64 and data-URI forms the bases accept are kept", arguments: listedModels)
    func alsoAcceptsKept(model: String) throws {
        let base = try JSONParser.parse(Data(contentsOf: Paths.imported.appendingPathComponent("aimlapi/" + BaseNaming.baseFileName(modelID: model))))
        let schema = try merged(model)
        for parameter in base["parameters"]?.arrayValue ?? [] where parameter["alsoAccepts"] != nil {
            let name = try #require(parameter["name"]?.stringValue)
            #expect(schema["parameters"]?.named(name)?["alsoAccepts"] == parameter["alsoAccepts"], "\(name)")
        }
    }

    @Test("V3 elements: an image set or a video, and only one element with a video", arguments: [
        "klingai/video-v3-pro-image-to-video", "klingai/video-v3-standard-image-to-video",
        "klingai/video-v3-omni-720p-image-to-video", "klingai/video-v3-omni-1080p-image-to-video",
    ])
    func elements(model: String) throws {
        let schema = try merged(model)
        let item = try #require(schema["parameters"]?.named("elements")?["items"])
        #expect(item["fields"]?.named("reference_image_urls")?["required"] == nil)
        #expect(item["rules"]?.arrayValue?.contains { $0["kind"] == "exactlyOneOf" && $0["params"] == ["reference_image_urls", "video_url"] } == true)
        #expect(item["rules"]?.arrayValue?.contains { $0["kind"] == "requires" && $0["param"] == "frontal_image_url" && $0["requires"] == "reference_image_urls" } == true)
        let oneVideo = schema["rules"]?.arrayValue?.first { $0["kind"] == "maxItemsWithField" }
        #expect(oneVideo?["items"] == "elements" && oneVideo?["field"] == "video_url" && oneVideo?["max"] == 1)
        #expect(oneVideo?["description"] == "A request can only have one element with a video.")
    }

    @Test("Effects: two images for hug, kiss and heart_gesture; one for squish and expansion", arguments: [
        "klingai/kling-video-v1.6-pro-effects", "klingai/kling-video-v1.6-standard-effects",
    ])
    func effectsImageCounts(model: String) throws {
        let schema = try merged(model)
        #expect(schema["parameters"]?.named("image_url")?["type"] == "oneOrMany")
        let rules = schema["rules"]?.arrayValue ?? []
        func bound(_ kind: String, _ scene: String) -> JSONValue? {
            rules.first { $0["kind"] == .string(kind) && $0["params"] == ["image_url"] && $0["when"] == ["param": "effect_scene", "equals": .string(scene)] }
                .flatMap { $0[kind == "minTotalItems" ? "min" : "max"] }
        }
        for scene in ["hug", "kiss", "heart_gesture"] {
            #expect(bound("minTotalItems", scene) == 2 && bound("maxTotalItems", scene) == 2, "\(scene)")
        }
        for scene in ["squish", "expansion"] {
            #expect(bound("maxTotalItems", scene) == 1, "\(scene)")
        }
        #expect(rules.count == 8)
    }

    @Test("Prompt and multi_prompt: exactly one on V3 text-to-video and the non-turbo image-to-video; not both on V3 turbo image-to-video",
          arguments: listedModels)
    func promptOrMultiPrompt(model: String) throws {
        let schema = try merged(model)
        guard schema["parameters"]?.named("multi_prompt") != nil else { return }
        let rules = schema["rules"]?.arrayValue ?? []
        let exactlyOne = rules.contains { $0["kind"] == "exactlyOneOf" && $0["params"] == ["prompt", "multi_prompt"] }
        let notBoth = rules.contains {
            $0["kind"] == "mutuallyExclusive" && $0["conditions"] == [["param": "prompt", "sent": true], ["param": "multi_prompt", "sent": true]]
        }
        let turboImageToVideo = model.contains("turbo") && model.contains("image-to-video")
        #expect(exactlyOne == !turboImageToVideo)
        #expect(notBoth == turboImageToVideo)
    }

    @Test("The model-id mismatches and the other ids pages name are written down", arguments: [
        ("klingai/video-v2-6-motion-control", "klingai/video-v2-6-pro-motion-control"),
        ("klingai/v2-master-text-to-video", "klingai/v2-master-image-to-video"),
        ("klingai/video-v3-turbo-pro-text-to-video", "kling-video/v3/turbo/pro/text-to-video"),
    ])
    func modelIDNotes(model: String, pageID: String) throws {
        let notes = try merged(model)["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(notes.contains { $0.contains("`\(pageID)`") && $0.contains("`\(model)`") })
    }

    @Test("Every rule of the catalogue quotes the provider and cites its source")
    func rulesCiteTheirSource() throws {
        for model in Self.listedModels {
            for rule in try rules(merged(model)) {
                #expect(rule["source"] == "openapi", "\(model): \(rule)")
                #expect(rule["description"]?.stringValue?.isEmpty == false, "\(model): \(rule)")
            }
        }
    }
}
