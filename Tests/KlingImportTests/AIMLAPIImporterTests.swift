import KlingImport
import KlingJSON
import Testing

@Suite("AI/ML API importer: OpenAPI request spec → base")
struct AIMLAPIImporterTests {
    @Test("The model's header: id, title from the page, Swift name and file name from the id, endpoint, sources with commit")
    func header() throws {
        let base = try importAIML(aimlSpec(properties: #""prompt": {"type": "string", "description": "What to show."}"#))
        #expect(base.keys == ["id", "provider", "title", "swiftName", "endpoint", "sources", "parameters"])
        #expect(base["id"] == "klingai/test-model")
        #expect(base["provider"] == "aimlapi")
        #expect(base["title"] == "Test Model")
        #expect(base["swiftName"] == "AIMLKlingaiTestModel")
        #expect(base["endpoint"] == ["method": "POST", "path": "/v2/video/generations"])
        #expect(base["sources"]?["openapi"] == [
            "title": "AI/ML API OpenAPI spec test.json (aimlapi/api-docs)", "url": "https://example.com/specs/test.json",
            "commit": "0123456789abcdef0123456789abcdef01234567", "date": "2026-08-21",
        ])
        #expect(base["sources"]?["page"] == ["title": "Test Model (AI/ML API documentation)", "url": "https://example.com/pages/test-page"])
    }

    @Test("`model`'s one-value enum becomes a required constant, without a description when the spec has none")
    func modelConstant() throws {
        let base = try importAIML(aimlSpec(properties: #""prompt": {"type": "string"}"#))
        #expect(base["parameters"]?.named("model") == ["name": "model", "type": "string", "required": true, "const": "klingai/test-model", "source": "openapi"])
    }

    @Test("Types: string, uri → url, integer, number, boolean, array, object; required top-level parameters")
    func types() throws {
        let base = try importAIML(aimlSpec(properties: """
            "prompt": {"type": "string", "description": "p"},
            "image_url": {"type": "string", "format": "uri", "description": "i"},
            "seed": {"type": "integer", "description": "s"},
            "cfg_scale": {"type": "number", "description": "c"},
            "generate_audio": {"type": "boolean", "description": "g"},
            "image_list": {"type": "array", "items": {"type": "string", "format": "uri"}, "description": "l"},
            "camera": {"type": "object", "properties": {"zoom": {"type": "number"}}, "description": "o"}
            """, required: ["model", "prompt", "image_url"]))
        let parameters = try #require(base["parameters"])
        #expect(parameters.names == ["model", "prompt", "image_url", "seed", "cfg_scale", "generate_audio", "image_list", "camera"])
        #expect(parameters.named("prompt") == ["name": "prompt", "type": "string", "required": true, "source": "openapi", "description": "p"])
        #expect(parameters.named("image_url")?["type"] == "url")
        #expect(parameters.named("image_url")?["required"] == true)
        #expect(parameters.named("seed")?["type"] == "integer")
        #expect(parameters.named("seed")?["required"] == nil)
        #expect(parameters.named("cfg_scale")?["type"] == "number")
        #expect(parameters.named("generate_audio")?["type"] == "boolean")
        #expect(parameters.named("image_list")?["items"] == ["type": "url"])
        #expect(parameters.named("camera")?["fields"] == [["name": "zoom", "type": "number"]])
    }

    @Test("Limits, defaults and lengths are copied as they are")
    func limits() throws {
        let base = try importAIML(aimlSpec(properties: """
            "prompt": {"type": "string", "maxLength": 2500, "minLength": 1, "description": "p"},
            "cfg_scale": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5, "description": "c"},
            "image_list": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 7, "description": "l"}
            """))
        let parameters = try #require(base["parameters"])
        #expect(parameters.named("prompt") == ["name": "prompt", "type": "string", "minLength": 1, "maxLength": 2500, "source": "openapi", "description": "p"])
        #expect(parameters.named("cfg_scale") == ["name": "cfg_scale", "type": "number", "default": 0.5, "minimum": 0, "maximum": 1, "source": "openapi", "description": "c"])
        #expect(parameters.named("image_list")?["minItems"] == 1)
        #expect(parameters.named("image_list")?["maxItems"] == 7)
    }

    @Test("String enums and integer enums both become values, in the spec's order and JSON type")
    func enums() throws {
        let base = try importAIML(aimlSpec(properties: """
            "aspect_ratio": {"type": "string", "enum": ["16:9", "9:16", "1:1"], "default": "16:9", "description": "a"},
            "duration": {"type": "integer", "enum": [5, 10], "description": "d"}
            """))
        #expect(base["parameters"]?.named("aspect_ratio")?["values"] == ["16:9", "9:16", "1:1"])
        #expect(base["parameters"]?.named("duration")?["values"] == [5, 10])
        #expect(base["parameters"]?.named("duration")?["type"] == "integer")
    }

    @Test("Required fields of nested objects and of array-item objects; arrays of arrays of objects")
    func nestedRequired() throws {
        let base = try importAIML(aimlSpec(properties: """
            "dynamic_masks": {"type": "array", "maxItems": 6, "description": "m", "items": {"type": "object",
              "properties": {"mask": {"type": "string"}, "trajectories": {"type": "array", "minItems": 2, "maxItems": 77,
                "items": {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}, "required": ["x", "y"]}}},
              "required": ["mask", "trajectories"]}},
            "advanced": {"type": "object", "description": "a", "properties": {"movement_type": {"type": "string"}, "movement_value": {"type": "number"}}, "required": ["movement_type"]}
            """))
        let masks = try #require(base["parameters"]?.named("dynamic_masks"))
        let items = try #require(masks["items"])
        #expect(items["type"] == "object")
        #expect(items["fields"]?.named("mask") == ["name": "mask", "type": "string", "required": true])
        let trajectories = try #require(items["fields"]?.named("trajectories"))
        #expect(trajectories["minItems"] == 2 && trajectories["maxItems"] == 77 && trajectories["required"] == true)
        #expect(trajectories["items"]?["fields"] == [["name": "x", "type": "integer", "required": true], ["name": "y", "type": "integer", "required": true]])
        let advanced = try #require(base["parameters"]?.named("advanced"))
        #expect(advanced["fields"] == [["name": "movement_type", "type": "string", "required": true], ["name": "movement_value", "type": "number"]])
    }

    @Test("Nested fields without descriptions stay without one (nothing is synthesized)")
    func missingDescriptions() throws {
        let base = try importAIML(aimlSpec(properties: #""camera_control": {"type": "object", "properties": {"type": {"type": "string", "enum": ["simple"]}}}"#))
        let camera = try #require(base["parameters"]?.named("camera_control"))
        #expect(camera["description"] == nil)
        #expect(camera["fields"] == [["name": "type", "type": "string", "values": ["simple"]]])
    }

    @Test("`nullable: true` is kept as `nullable`")
    func nullable() throws {
        let base = try importAIML(aimlSpec(properties: #""multi_prompt": {"type": "array", "nullable": true, "items": {"type": "string"}, "description": "m"}"#))
        #expect(base["parameters"]?.named("multi_prompt")?["nullable"] == true)
    }

    @Test("anyOf of a URL and an array of URLs becomes oneOrMany with url items; other anyOf shapes are errors")
    func oneOrMany() throws {
        let base = try importAIML(aimlSpec(properties: """
            "image_url": {"anyOf": [{"type": "string", "format": "uri"}, {"type": "array", "items": {"type": "string", "format": "uri"}}], "description": "For hug, pass two."}
            """, required: ["model", "image_url"]))
        #expect(base["parameters"]?.named("image_url") == [
            "name": "image_url", "type": "oneOrMany", "required": true, "source": "openapi", "description": "For hug, pass two.", "items": ["type": "url"],
        ])
        let diagnostics = try aimlDiagnostics(aimlSpec(properties: #""x": {"anyOf": [{"type": "string"}, {"type": "integer"}], "description": "x"}"#))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("unsupported `anyOf`") == true)
    }

    @Test("A URL whose description admits Base64 or a data URI says so in alsoAccepts; others say nothing")
    func widerURLForms() throws {
        let base = try importAIML(aimlSpec(properties: """
            "image_url": {"type": "string", "format": "uri", "description": "A direct link to an online image or a Base64-encoded local image."},
            "video_url": {"type": "string", "format": "uri", "description": "A HTTPS URL pointing to a video or a data URI containing a video."},
            "static_mask": {"type": "string", "format": "uri", "description": "URL of the image."},
            "prompt": {"type": "string", "description": "Mentions Base64 but is no URL."}
            """))
        let parameters = try #require(base["parameters"])
        #expect(parameters.named("image_url")?["alsoAccepts"] == ["base64"])
        #expect(parameters.named("video_url")?["alsoAccepts"] == ["dataURI"])
        #expect(parameters.named("static_mask")?["alsoAccepts"] == nil)
        #expect(parameters.named("prompt")?["alsoAccepts"] == nil)
    }

    @Test("`example` is kept; the body's `title` is not imported")
    func exampleAndTitle() throws {
        let base = try importAIML(aimlSpec(properties: #""provider": {"type": "string", "description": "Routing.", "example": "auto"}"#))
        #expect(base["parameters"]?.named("provider") == ["name": "provider", "type": "string", "example": "auto", "source": "openapi", "description": "Routing."])
        #expect(base["title"] == "Test Model")
    }

    @Test("Constructs the importer does not know are errors with their path, never dropped")
    func unsupported() throws {
        let diagnostics = try aimlDiagnostics(aimlSpec(properties: """
            "a": {"type": "string", "pattern": "^x$", "description": "a"},
            "b": {"type": "string", "format": "date-time", "description": "b"},
            "c": {"type": "null", "description": "c"},
            "d": {"type": "array", "description": "d"},
            "e": {"oneOf": [{"type": "string"}], "description": "e"}
            """))
        #expect(diagnostics.count == 6)
        #expect(diagnostics.contains { $0.hasSuffix(".properties.a.pattern: unsupported member `pattern`") })
        #expect(diagnostics.contains { $0.hasSuffix(".properties.b.format: unsupported string format \"date-time\"") })
        #expect(diagnostics.contains { $0.hasSuffix(".properties.c.type: unsupported type \"null\"") })
        #expect(diagnostics.contains { $0.hasSuffix(".properties.d: an array without `items`") })
        #expect(diagnostics.contains { $0.hasSuffix(".properties.e.oneOf: unsupported member `oneOf`") })
        #expect(diagnostics.contains { $0.hasSuffix(".properties.e: a property schema without `type` or `anyOf`") })
    }

    @Test("`required` naming a missing property, and a spec without a request body, are errors")
    func structuralErrors() throws {
        #expect(try aimlDiagnostics(aimlSpec(properties: #""a": {"type": "string"}"#, required: ["model", "b"])).contains { $0.contains("`required` names \"b\", which is not a property") })
        #expect(try aimlDiagnostics(#"{"paths": {"/x": {"get": {}}}}"#) == ["$.paths: the spec has no operation with a JSON request body"])
    }

    @Test("A property written twice is an error, at the top and in nested objects")
    func duplicateProperties() throws {
        let diagnostics = try aimlDiagnostics(aimlSpec(properties: """
            "prompt": {"type": "string"}, "prompt": {"type": "integer"},
            "camera": {"type": "object", "properties": {"zoom": {"type": "number"}, "zoom": {"type": "number"}}}
            """))
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.hasSuffix("is written twice") })
        #expect(diagnostics.last?.contains(".properties.camera.properties.zoom:") == true)
    }

    @Test("Paths taking the very same body become endpoint aliases; a different body is an error")
    func endpointAliases() throws {
        let body = #"{"type": "object", "properties": {"model": {"type": "string", "enum": ["klingai/test-model"]}}}"#
        func spec(_ second: String) -> String {
            #"{"paths": {"/v2/video/generations": {"post": {"requestBody": {"content": {"application/json": {"schema": \#(body)}}}}}, "/v1/video/generations": {"post": {"requestBody": {"content": {"application/json": {"schema": \#(second)}}}}}}}"#
        }
        let base = try importAIML(spec(body))
        #expect(base["endpoint"] == ["method": "POST", "path": "/v2/video/generations"])
        #expect(base["endpointAliases"] == [["method": "POST", "path": "/v1/video/generations"]])
        let other = #"{"type": "object", "properties": {"model": {"type": "string", "enum": ["klingai/other"]}}}"#
        #expect(try aimlDiagnostics(spec(other)).contains { $0.contains("a second operation with a different request body (POST /v1/video/generations)") })
    }

    @Test("Rendering is deterministic: the same spec gives the same bytes")
    func deterministic() throws {
        let spec = aimlSpec(properties: #""prompt": {"type": "string", "description": "p"}, "duration": {"type": "integer", "enum": [5, 10], "default": "5"}"#)
        let first = BaseJSONText.render(try importAIML(spec))
        #expect(first == BaseJSONText.render(try importAIML(spec)))
        #expect(first.hasSuffix("}\n"))
        #expect(first.contains(#""values": [5, 10]"#))
    }
}

@Suite("AI/ML API importer: the specs' inconsistencies are imported as the spec says")
struct AIMLAPIInconsistencyTests {
    @Test("An integer `duration` with the string default \"5\" keeps both")
    func durationStringDefault() throws {
        let base = try importAIML(aimlSpec(properties: #""duration": {"type": "integer", "description": "The length.", "enum": [5, 10], "default": "5"}"#))
        #expect(base["parameters"]?.named("duration") == [
            "name": "duration", "type": "integer", "default": "5", "values": [5, 10], "source": "openapi", "description": "The length.",
        ])
    }

    @Test("`shot_type` keeps `intelligence` next to `intelligent`")
    func shotTypeIntelligence() throws {
        let base = try importAIML(aimlSpec(properties: #""shot_type": {"type": "string", "enum": ["customize", "intelligent", "intelligence"], "description": "s"}"#))
        #expect(base["parameters"]?.named("shot_type")?["values"] == ["customize", "intelligent", "intelligence"])
    }

    @Test("V3 `multi_prompt`: strings on one model, {prompt, duration} objects on another, each as its spec says")
    func multiPromptShapes() throws {
        let strings = try importAIML(aimlSpec(properties: """
            "multi_prompt": {"type": "array", "items": {"type": "string"}, "description": "If provided, overrides the single prompt and divides the video into multiple shots with specified prompts and durations."}
            """))
        #expect(strings["parameters"]?.named("multi_prompt")?["items"] == ["type": "string"])
        let objects = try importAIML(aimlSpec(properties: """
            "multi_prompt": {"type": "array", "nullable": true, "minItems": 1, "maxItems": 6, "description": "Multi-shot storyboard.", "items": {"type": "object",
              "properties": {"prompt": {"type": "string", "maxLength": 3072}, "duration": {"type": "integer", "enum": [1, 2, 3], "default": "5"}}, "required": ["prompt"]}}
            """))
        let shots = try #require(objects["parameters"]?.named("multi_prompt"))
        #expect(shots["nullable"] == true)
        #expect(shots["items"]?["fields"] == [
            ["name": "prompt", "type": "string", "required": true, "maxLength": 3072],
            ["name": "duration", "type": "integer", "default": "5", "values": [1, 2, 3]],
        ])
    }

    @Test("V3 `elements` items require only `reference_image_urls`, though the prose allows a video instead")
    func elementsItemRequirement() throws {
        let base = try importAIML(aimlSpec(properties: """
            "elements": {"type": "array", "description": "Each example can either be an image set (frontal + reference images) or a video.", "items": {"type": "object",
              "properties": {"frontal_image_url": {"type": "string", "format": "uri"}, "reference_image_urls": {"type": "array", "items": {"type": "string", "format": "uri"}}, "video_url": {"type": "string", "format": "uri", "description": "The video URL of the element."}},
              "required": ["reference_image_urls"]}}
            """))
        let fields = try #require(base["parameters"]?.named("elements")?["items"]?["fields"])
        #expect(fields.named("reference_image_urls")?["required"] == true)
        #expect(fields.named("frontal_image_url")?["required"] == nil)
        #expect(fields.named("video_url")?["required"] == nil)
    }

    @Test("Model-id mismatches: the spec's id names the base, the page's other ids are recorded, a list id the spec contradicts is an error")
    func modelIDMismatches() throws {
        var model = aimlModel("klingai/video-v2-6-motion-control", spec: "specs/video-v2-6-pro-motion-control.json")
        model.pageModelIDs = ["klingai/video-v2-6-pro-motion-control"]
        let base = try importAIML(aimlSpec(model: "klingai/video-v2-6-motion-control", properties: #""image_url": {"type": "string", "format": "uri"}"#), model: model)
        #expect(base["id"] == "klingai/video-v2-6-motion-control")
        #expect(base["pageModelIds"] == ["klingai/video-v2-6-pro-motion-control"])
        #expect(base["parameters"]?.named("model")?["const"] == "klingai/video-v2-6-motion-control")

        let diagnostics = try aimlDiagnostics(aimlSpec(model: "kling-video/v1.5/standard/image-to-video", properties: #""prompt": {"type": "string"}"#),
                                              model: aimlModel("kling-video/v1.5/standard/text-to-video"))
        #expect(diagnostics == [#"$.paths["/v2/video/generations"].post.requestBody.content["application/json"].schema.properties.model.enum[0]: the spec's model id "kling-video/v1.5/standard/image-to-video" is not the list's "kling-video/v1.5/standard/text-to-video""#])
    }

    @Test("File-name typos do not reach the base: names come from the model id")
    func fileNameTypos() throws {
        let model = aimlModel("kling-video/v1.6/standard/image-to-video", spec: "specs/v1.6-standart-image-to-video.json")
        let base = try importAIML(aimlSpec(model: model.id, properties: #""prompt": {"type": "string"}"#), model: model)
        #expect(base["swiftName"] == "AIMLKlingVideoV16StandardImageToVideo")
        #expect(BaseNaming.baseFileName(modelID: model.id) == "kling-video-v1.6-standard-image-to-video.base.json")
        #expect(base["sources"]?["openapi"]?["url"] == "https://example.com/specs/v1.6-standart-image-to-video.json")
        #expect(BaseNaming.baseFileName(modelID: "klingai/video-v3-motion-control") == "klingai-video-v3-motion-control.base.json")
    }

    @Test("`aspect_ratio` without a default stays without one")
    func aspectRatioWithoutDefault() throws {
        let base = try importAIML(aimlSpec(properties: #""aspect_ratio": {"type": "string", "enum": ["16:9", "9:16", "1:1"], "description": "a"}"#))
        #expect(base["parameters"]?.named("aspect_ratio")?["default"] == nil)
        #expect(base["parameters"]?.named("aspect_ratio")?["values"] == ["16:9", "9:16", "1:1"])
    }
}
