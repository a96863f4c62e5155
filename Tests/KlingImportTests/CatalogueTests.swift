import Foundation
import KlingImport
import KlingJSON
import Testing

@Suite("The committed catalogue: bases equal what the committed snapshots make")
struct CatalogueTests {
    @Test("Every committed base equals its import; no model lacks a base, no base lacks a model", arguments: ProviderCatalogue.providers)
    func basesMatchSnapshots(provider: String) throws {
        let bases = try ProviderCatalogue.importBases(provider: provider, snapshots: Paths.snapshots.appendingPathComponent(provider))
        let findings = BaseFolder(url: Paths.imported.appendingPathComponent(provider)).check(against: bases)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
        #expect(bases.count == (provider == "aimlapi" ? 41 : 27))
    }

    @Test("The 41 AI/ML API models of the list, the 27 of Scenario's page; Swift names unique across both")
    func modelLists() throws {
        let aimlapi = try ProviderCatalogue.importBases(provider: "aimlapi", snapshots: Paths.snapshots.appendingPathComponent("aimlapi"))
        let list = try JSONParser.parse(Data(contentsOf: Paths.snapshots.appendingPathComponent("aimlapi/models.json")))
        let listed = list["models"].map { value -> [String] in
            guard case .array(let models) = value else { return [] }
            return models.compactMap { if case .string(let id)? = $0["id"] { return id } else { return nil } }
        } ?? []
        #expect(Set(aimlapi.map(\.modelID)) == Set(listed))
        #expect(listed.count == 41)
        let scenario = try ProviderCatalogue.importBases(provider: "scenario", snapshots: Paths.snapshots.appendingPathComponent("scenario"))
        #expect(scenario.map(\.modelID).contains("model_kling-video-to-audio"))
        var swiftNames: Set<String> = []
        for base in aimlapi + scenario {
            let name = try #require(try parse(base.text)["swiftName"])
            #expect(swiftNames.insert("\(name)").inserted, "\(name) twice")
        }
        #expect(swiftNames.count == 68)
    }

    @Test("Provenance lists exactly the spec files the model list uses")
    func provenanceCoversSpecs() throws {
        let provenance = try JSONParser.parse(Data(contentsOf: Paths.snapshots.appendingPathComponent("aimlapi/PROVENANCE.json")))
        let list = try JSONParser.parse(Data(contentsOf: Paths.snapshots.appendingPathComponent("aimlapi/models.json")))
        func strings(_ value: JSONValue?, _ key: String) -> [String] {
            guard case .array(let elements)? = value else { return [] }
            return elements.compactMap { if case .string(let text)? = $0[key] { return text } else { return nil } }
        }
        #expect(strings(provenance["files"], "file").sorted() == strings(list["models"], "spec").sorted())
        let specs = try FileManager.default.contentsOfDirectory(atPath: Paths.snapshots.appendingPathComponent("aimlapi/specs").path)
        #expect(specs.map { "specs/" + $0 }.sorted() == strings(list["models"], "spec").sorted())
    }

    @Test("Real specs: the documented inconsistencies reach the bases as the specs state them")
    func realInconsistencies() throws {
        func base(_ file: String) throws -> JSONValue {
            try JSONParser.parse(Data(contentsOf: Paths.imported.appendingPathComponent("aimlapi/" + file)))
        }
        let reference = try base("klingai-video-o1-reference-to-video.base.json")
        #expect(reference["parameters"]?.named("duration")?["default"] == "5")
        #expect(reference["parameters"]?.named("duration")?["values"] == [5, 10])
        let omni = try base("klingai-video-v3-omni-720p-text-to-video.base.json")
        #expect(omni["parameters"]?.named("shot_type")?["values"] == ["customize", "intelligent", "intelligence"])
        #expect(omni["parameters"]?.named("multi_prompt")?["items"] == ["type": "string"])
        let turbo = try base("klingai-video-v3-turbo-pro-text-to-video.base.json")
        #expect(turbo["parameters"]?.named("multi_prompt")?["nullable"] == true)
        #expect(turbo["parameters"]?.named("multi_prompt")?["items"]?["fields"]?.names == ["prompt", "duration"])
        let motion = try base("klingai-video-v2-6-motion-control.base.json")
        #expect(motion["pageModelIds"] == ["klingai/video-v2-6-pro-motion-control"])
        let t2v = try base("klingai-video-v2-6-pro-text-to-video.base.json")
        #expect(t2v["parameters"]?.named("aspect_ratio")?["default"] == nil)
        let effects = try base("klingai-kling-video-v1.6-pro-effects.base.json")
        #expect(effects["parameters"]?.named("image_url")?["type"] == "oneOrMany")
        let standart = try base("kling-video-v1.6-standard-image-to-video.base.json")
        #expect(standart["swiftName"] == "AIMLKlingVideoV16StandardImageToVideo")
    }
}
