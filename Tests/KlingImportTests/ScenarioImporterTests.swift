import KlingTestSupport
import Foundation
import KlingImport
import KlingJSON
import Testing

@Suite("Scenario importer: model records (GET /v1/models/{id}) → base")
struct ScenarioRecordTests {
    @Test("The header: id, name as title, Swift name from the id, the generation endpoint, the record as source")
    func header() throws {
        let base = try ScenarioImporter.base(
            record: parse(#"{"model": {"id": "model_kling-v3-t2v-pro", "name": "Kling V3 T2V Pro", "updatedAt": "2026-08-13T07:21:52.845Z", "capabilities": ["txt2video"], "inputs": []}}"#),
            file: "records/model_kling-v3-t2v-pro.json", provenance: scenarioProvenance)
        #expect(base.keys == ["id", "provider", "title", "swiftName", "capabilities", "endpoint", "sources", "parameters"])
        #expect(base["swiftName"] == "ScenarioKlingV3T2vPro")
        #expect(base["endpoint"] == ["method": "POST", "path": "/v1/generate/custom/model_kling-v3-t2v-pro"])
        #expect(base["sources"] == ["record": ["title": "GET /v1/models/model_kling-v3-t2v-pro (Scenario)", "url": "https://api.example.com/v1/models/model_kling-v3-t2v-pro", "date": "2026-08-13T07:21:52.845Z"]])
    }

    @Test("Types: string, number, boolean, file, file_array, string_array, number_array, model, model_array")
    func types() throws {
        let base = try importRecord("""
            {"name": "prompt", "type": "string", "description": "p"},
            {"name": "duration", "type": "number", "description": "d"},
            {"name": "generateAudio", "type": "boolean", "description": "g"},
            {"name": "image", "type": "file", "kind": "image", "description": "i"},
            {"name": "referenceImages", "type": "file_array", "kind": "image", "maxLength": 9, "description": "r"},
            {"name": "maps", "type": "string_array", "allowedValues": ["basecolor", "normal"], "maxLength": 2, "description": "m"},
            {"name": "weights", "type": "number_array", "min": 1, "max": 3, "description": "w"},
            {"name": "baseModel", "type": "model", "description": "b"},
            {"name": "loras", "type": "model_array", "description": "l"}
            """)
        let parameters = try #require(base["parameters"])
        #expect(parameters.named("prompt") == ["name": "prompt", "type": "string", "source": "record", "description": "p"])
        #expect(parameters.named("duration")?["type"] == "number")
        #expect(parameters.named("generateAudio")?["type"] == "boolean")
        #expect(parameters.named("image") == ["name": "image", "type": "assetId", "assetKind": "image", "source": "record", "description": "i"])
        #expect(parameters.named("referenceImages") == [
            "name": "referenceImages", "type": "array", "maxItems": 9, "assetKind": "image", "source": "record", "description": "r", "items": ["type": "assetId"],
        ])
        #expect(parameters.named("maps")?["items"] == ["type": "string", "values": ["basecolor", "normal"]])
        #expect(parameters.named("maps")?["maxItems"] == 2)
        #expect(parameters.named("weights")?["items"] == ["type": "number"])
        #expect(parameters.named("weights")?["minItems"] == 1 && parameters.named("weights")?["maxItems"] == 3)
        #expect(parameters.named("baseModel")?["type"] == "string")
        #expect(parameters.named("loras")?["items"] == ["type": "string"])
    }

    @Test("allowedValues, default, min/max/step, minLength/maxLength, maxSize and maxDuration")
    func members() throws {
        let base = try importRecord("""
            {"name": "duration", "type": "number", "allowedValues": [-1, 4, 5], "default": -1, "description": "d"},
            {"name": "cfgScale", "type": "number", "min": 1, "max": 9, "step": 0.1, "default": 7.5, "description": "c"},
            {"name": "prompt", "type": "string", "minLength": 1, "maxLength": 6000, "description": "p"},
            {"name": "video", "type": "file", "kind": "video", "maxSize": 15728640, "maxDuration": 10, "description": "v"}
            """)
        let parameters = try #require(base["parameters"])
        #expect(parameters.named("duration") == ["name": "duration", "type": "number", "default": -1, "values": [-1, 4, 5], "source": "record", "description": "d"])
        #expect(parameters.named("cfgScale") == ["name": "cfgScale", "type": "number", "default": 7.5, "minimum": 1, "maximum": 9, "step": 0.1, "source": "record", "description": "c"])
        #expect(parameters.named("prompt")?["minLength"] == 1 && parameters.named("prompt")?["maxLength"] == 6000)
        #expect(parameters.named("video") == ["name": "video", "type": "assetId", "assetKind": "video", "maxSize": 15728640, "maxDuration": 10, "source": "record", "description": "v"])
    }

    @Test("Interface members are ignored; the label stands in for a missing description; unknown members are errors")
    func interfaceMembers() throws {
        let base = try importRecord(#"{"name": "prompt", "type": "string", "label": "Prompt", "group": "Settings", "costImpact": false, "prompt": true, "promptSpark": true, "parent": true}"#)
        #expect(base["parameters"]?.named("prompt") == ["name": "prompt", "type": "string", "source": "record", "description": "Prompt"])
        #expect(try recordDiagnostics(#"{"name": "prompt", "type": "string", "secretLimit": 3}"#) == ["$.model.inputs[0].secretLimit: unsupported member `secretLimit` on an input"])
        #expect(try recordDiagnostics(#"{"name": "x", "type": "tensor"}"#) == [#"$.model.inputs[0].type: unsupported input type "tensor""#])
    }

    @Test("An input declared twice is an error")
    func duplicateInputs() throws {
        #expect(try recordDiagnostics(#"{"name": "prompt", "type": "string"}, {"name": "prompt", "type": "number"}"#) == ["$.model.inputs: the input `prompt` is declared twice"])
    }

    @Test("required.always → required; ifDefined → a requires rule with the message")
    func alwaysAndIfDefined() throws {
        let base = try importRecord("""
            {"name": "prompt", "type": "string", "required": {"always": true}, "description": "p"},
            {"name": "image", "type": "file", "required": {"ifDefined": {"lastFrameImage": {"message": "A first frame must be provided if a last frame is set."}}}, "description": "i"},
            {"name": "lastFrameImage", "type": "file", "description": "l"}
            """)
        #expect(base["parameters"]?.named("prompt")?["required"] == true)
        #expect(base["parameters"]?.named("image")?["required"] == nil)
        #expect(base["rules"] == [["kind": "requires", "param": "lastFrameImage", "requires": "image", "description": "A first frame must be provided if a last frame is set."]])
    }

    @Test("ifNotDefined, stated on both inputs as Scenario does, becomes one atLeastOneOf rule")
    func ifNotDefined() throws {
        let base = try importRecord("""
            {"name": "characterModel", "type": "file", "required": {"ifNotDefined": {"characterFile": {"message": "Provide a reference image or a 3D model."}}}},
            {"name": "characterFile", "type": "file", "required": {"ifNotDefined": {"characterModel": {"message": "Provide a reference image or a 3D model."}}}}
            """)
        #expect(base["rules"] == [["kind": "atLeastOneOf", "params": ["characterModel", "characterFile"]]])
    }

    @Test("conditionalValues → one requiredWhen rule per triggering value; an unknown shape is an error")
    func conditionalValues() throws {
        let base = try importRecord("""
            {"name": "mode", "type": "string", "allowedValues": ["std", "pro", "4k"]},
            {"name": "shotType", "type": "string", "required": {"conditionalValues": {"mode": {"operation": "in", "values": ["pro", "4k"]}}}},
            {"name": "seed", "type": "number", "required": {"conditionalValues": {"mode": "std"}}}
            """)
        #expect(base["rules"] == [
            ["kind": "requiredWhen", "param": "shotType", "when": ["param": "mode", "equals": "pro"]],
            ["kind": "requiredWhen", "param": "shotType", "when": ["param": "mode", "equals": "4k"]],
            ["kind": "requiredWhen", "param": "seed", "when": ["param": "mode", "equals": "std"]],
        ])
        let diagnostics = try recordDiagnostics("""
            {"name": "mode", "type": "string"},
            {"name": "x", "type": "string", "required": {"conditionalValues": {"mode": {"operation": "notIn", "values": ["a"]}}}}
            """)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("$.model.inputs[1].required.conditionalValues.mode: unsupported `conditionalValues` entry") == true)
    }

    @Test("A rule naming an undeclared input: ifDefined never applies, ifNotDefined always does; a note says so")
    func undeclaredNames() throws {
        let base = try importRecord("""
            {"name": "image", "type": "file", "required": {"ifDefined": {"lastFrameImage": {"message": "m"}}}},
            {"name": "prompt", "type": "string", "required": {"ifNotDefined": {"hiddenPrompt": {"message": "m"}}}}
            """)
        #expect(base["rules"] == nil)
        #expect(base["parameters"]?.named("prompt")?["required"] == true)
        #expect(base["notes"] == [
            "`image` is required if `lastFrameImage` is defined, an input this model does not declare; the rule never applies.",
            "`prompt` is required if `hiddenPrompt` is not defined, an input this model does not declare; so it is always required.",
        ])
    }

    @Test("inputs_array sub-inputs become the item object's fields, with their requirements scoped to each item")
    func inputsArray() throws {
        let base = try importRecord("""
            {"name": "elements", "type": "inputs_array", "max": 4, "description": "Elements.", "inputs": [
              {"name": "frontalImage", "type": "file", "kind": "image", "required": {"ifNotDefined": {"video": {"message": "m"}}}},
              {"name": "referenceImages", "type": "file_array", "maxLength": 3},
              {"name": "video", "type": "file", "kind": "video", "required": {"ifNotDefined": {"frontalImage": {"message": "m"}}}}
            ]}
            """)
        let elements = try #require(base["parameters"]?.named("elements"))
        #expect(elements["maxItems"] == 4)
        #expect(elements["items"]?["type"] == "object")
        #expect(elements["items"]?["fields"]?.names == ["frontalImage", "referenceImages", "video"])
        #expect(elements["items"]?["fields"]?.named("frontalImage")?["source"] == nil)
        #expect(elements["items"]?["rules"] == [["kind": "atLeastOneOf", "params": ["frontalImage", "video"]]])
        #expect(base["rules"] == nil)
    }

    @Test("The six real records import, and say what their inputs say")
    func realRecords() throws {
        let folder = Paths.fixtures.appendingPathComponent("scenario-records")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 6)
        var bases: [String: JSONValue] = [:]
        for file in files {
            let record = try JSONParser.parse(Data(contentsOf: folder.appendingPathComponent(file)))
            bases[file] = try ScenarioImporter.base(record: record, file: file, provenance: scenarioProvenance)
        }
        let seedance = try #require(bases["model_bytedance-seedance-2-0.json"])
        #expect(seedance["parameters"]?.named("duration")?["values"] == [-1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
        #expect(seedance["parameters"]?.named("referenceImages")?["maxItems"] == 9)
        #expect(seedance["rules"] == [["kind": "requires", "param": "lastFrameImage", "requires": "image", "description": "A first frame must be provided if a last frame is set."]])
        let mini = try #require(bases["model_bytedance-seedance-2-0-mini.json"])
        #expect(mini["rules"] == nil)
        #expect(mini["notes"] == ["`image` is required if `lastFrameImage` is defined, an input this model does not declare; the rule never applies."])
        let cartwheel = try #require(bases["model_cartwheel-text-to-motion.json"])
        #expect(cartwheel["rules"] == [["kind": "atLeastOneOf", "params": ["characterModel", "characterFile"]]])
        #expect(cartwheel["parameters"]?.named("duration")?["step"] == 0.25)
        let patina = try #require(bases["model_patina-material-extract.json"])
        #expect(patina["parameters"]?.named("maps")?["maxItems"] == 5)
        #expect(patina["parameters"]?.named("maps")?["default"] == ["basecolor", "normal", "roughness", "metalness", "height"])
        let gpt = try #require(bases["model_openai-gpt-image-2.json"])
        #expect(gpt["rules"] == [["kind": "requires", "param": "mask", "requires": "referenceImages", "description": "A reference image is required when a mask is provided."]])
        #expect(gpt["parameters"]?.named("prompt")?["required"] == true)
    }
}

@Suite("Scenario importer: the docs page's table → base")
struct ScenarioDocsTableTests {
    func importEntry(_ parameters: String, summary: String = "") throws -> JSONValue {
        try ScenarioImporter.base(docsEntry: parse("""
            {"title": "Kling V1.6 Pro", "modelId": "model_kling-v1-6-pro", "capabilities": ["img2video"],
             "llmMarkdown": "https://app.example.com/model_kling-v1-6-pro/markdown", "summary": "\(summary)", "parameters": [\(parameters)]}
            """), file: "kling-models-from-docs.json", path: "$.models[0]", provenance: scenarioProvenance)
    }

    @Test("The header: title, capabilities, summary when not empty, the docs page and the model page as sources")
    func header() throws {
        let base = try importEntry("", summary: "Kling 1.6 pro.")
        #expect(base.keys == ["id", "provider", "title", "swiftName", "summary", "capabilities", "endpoint", "sources", "parameters"])
        #expect(base["swiftName"] == "ScenarioKlingV16Pro")
        #expect(base["sources"] == [
            "docs": ["title": "Kuaishou Technology | Scenario Docs (auto-generated from model configurations)", "url": "https://docs.example.com/kling", "date": "2026-07-01"],
            "modelPage": ["title": "Kling V1.6 Pro — model page (Scenario)", "url": "https://app.example.com/model_kling-v1-6-pro/markdown"],
        ])
        #expect(try importEntry("")["summary"] == nil)
    }

    @Test("Text cells become the input's type: number and boolean defaults, number allowed values and bounds; empty cells are absent")
    func typedText() throws {
        let base = try importEntry("""
            {"name": "duration", "type": "number", "required": false, "default": "5", "min": null, "max": null, "allowedValues": ["5", "10"], "description": "Duration in seconds"},
            {"name": "cfgScale", "type": "number", "required": false, "default": "0.5", "min": 0.0, "max": 1.0, "allowedValues": null, "description": "c"},
            {"name": "generateAudio", "type": "boolean", "required": false, "default": "true", "min": null, "max": null, "allowedValues": null, "description": "g"},
            {"name": "aspectRatio", "type": "string", "required": false, "default": "16:9", "min": null, "max": null, "allowedValues": ["9:16", "1:1", "16:9"], "description": ""},
            {"name": "prompt", "type": "string", "required": true, "default": null, "min": null, "max": null, "allowedValues": null, "description": "p"}
            """)
        let parameters = try #require(base["parameters"])
        #expect(parameters.named("duration") == ["name": "duration", "type": "number", "default": 5, "values": [5, 10], "source": "docs", "description": "Duration in seconds"])
        #expect(parameters.named("cfgScale") == ["name": "cfgScale", "type": "number", "default": 0.5, "minimum": 0, "maximum": 1, "source": "docs", "description": "c"])
        #expect(parameters.named("generateAudio")?["default"] == true)
        #expect(parameters.named("aspectRatio") == ["name": "aspectRatio", "type": "string", "default": "16:9", "values": ["9:16", "1:1", "16:9"], "source": "docs"])
        #expect(parameters.named("prompt") == ["name": "prompt", "type": "string", "required": true, "source": "docs", "description": "p"])
    }

    @Test("Text that does not parse as the input's type is kept as text (evidence, not a guess)")
    func unparsableText() throws {
        let base = try importEntry(#"{"name": "duration", "type": "number", "required": false, "default": "auto", "min": null, "max": null, "allowedValues": null, "description": "d"}"#)
        #expect(base["parameters"]?.named("duration")?["default"] == "auto")
    }

    @Test("file → assetId, file_array → array of assetId, inputs_array → array of objects without fields (the page lists none)")
    func containers() throws {
        let base = try importEntry("""
            {"name": "startImage", "type": "file", "required": true, "default": null, "min": null, "max": null, "allowedValues": null, "description": "s"},
            {"name": "images", "type": "file_array", "required": false, "default": null, "min": null, "max": null, "allowedValues": null, "description": "i"},
            {"name": "elements", "type": "inputs_array", "required": false, "default": null, "min": null, "max": null, "allowedValues": null, "description": "e"}
            """)
        let parameters = try #require(base["parameters"])
        #expect(parameters.named("startImage") == ["name": "startImage", "type": "assetId", "required": true, "source": "docs", "description": "s"])
        #expect(parameters.named("images")?["items"] == ["type": "assetId"])
        #expect(parameters.named("elements")?["items"] == ["type": "object"])
    }

    @Test("An unknown type or member is an error with its path")
    func unknown() throws {
        do {
            _ = try importEntry(#"{"name": "x", "type": "tensor", "required": false}, {"name": "y", "type": "string", "step": "1"}"#)
            Issue.record("expected an error")
        } catch let error as ImportErrors {
            #expect(error.diagnostics.map(\.description) == [
                #"kling-models-from-docs.json: $.models[0].parameters[0].type: unsupported input type "tensor""#,
                "kling-models-from-docs.json: $.models[0].parameters[1].step: unsupported member `step` on an input",
            ])
        }
    }
}

@Suite("Scenario snapshots: a stored record replaces the docs table for its model")
struct ScenarioSnapshotTests {
    func folder(record: String?) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.copy(Paths.snapshots.appendingPathComponent("scenario/PROVENANCE.json"), to: "PROVENANCE.json")
        try folder.write("kling-models-from-docs.json", """
            {"models": [
              {"title": "Kling A", "modelId": "model_kling-a", "capabilities": ["txt2video"], "llmMarkdown": "https://example.com/a", "summary": "",
               "parameters": [{"name": "prompt", "type": "string", "required": true, "default": null, "min": null, "max": null, "allowedValues": null, "description": "p"}]},
              {"title": "Kling B", "modelId": "model_kling-b", "capabilities": ["img2video"], "llmMarkdown": "https://example.com/b", "summary": "",
               "parameters": [{"name": "elements", "type": "inputs_array", "required": false, "default": null, "min": null, "max": null, "allowedValues": null, "description": "e"}]}
            ]}
            """)
        if let record { try folder.write("records/model_kling-b.json", record) }
        return folder
    }

    @Test("Without a record every model comes from the table; with one, that model comes from the record")
    func recordReplacesTable() throws {
        let plain = try folder(record: nil)
        let tableOnly = try withExtendedLifetime(plain) { try ProviderCatalogue.importBases(provider: "scenario", snapshots: plain.url) }
        #expect(tableOnly.map(\.fileName) == ["model_kling-a.base.json", "model_kling-b.base.json"])
        #expect(try parse(tableOnly[1].text)["parameters"]?.named("elements")?["items"] == ["type": "object"])

        let recorded = try folder(record: """
            {"model": {"id": "model_kling-b", "name": "Kling B", "updatedAt": "2026-09-01T00:00:00.000Z", "inputs": [
              {"name": "elements", "type": "inputs_array", "inputs": [{"name": "frontalImage", "type": "file", "kind": "image", "required": {"always": true}}]}
            ]}}
            """)
        let withRecord = try withExtendedLifetime(recorded) { try ProviderCatalogue.importBases(provider: "scenario", snapshots: recorded.url) }
        let b = try parse(withRecord[1].text)
        #expect(b["sources"]?.keys == ["record"])
        #expect(b["sources"]?["record"]?["url"] == "https://api.cloud.scenario.com/v1/models/model_kling-b")
        #expect(b["parameters"]?.named("elements")?["items"]?["fields"] == [["name": "frontalImage", "type": "assetId", "required": true, "assetKind": "image"]])
        #expect(try parse(withRecord[0].text)["sources"]?.keys == ["docs", "modelPage"])
    }

    @Test("A record stored under another model's id is an error")
    func recordForAnotherModel() throws {
        let misfiled = try folder(record: #"{"model": {"id": "model_kling-c", "inputs": []}}"#)
        defer { withExtendedLifetime(misfiled) {} }
        do {
            _ = try ProviderCatalogue.importBases(provider: "scenario", snapshots: misfiled.url)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [#"records/model_kling-b.json: $: the record's id is not "model_kling-b", the model it is stored for"#])
        }
    }
}
