import KlingTestSupport
import Foundation
import KlingImport
import KlingJSON
import Testing

/// A small base in the importers' format.
let smallBase = """
    {"id": "m", "provider": "aimlapi", "title": "M", "swiftName": "AIMLM", "capabilities": ["txt2video"],
     "endpoint": {"method": "POST", "path": "/v2/video/generations"}, "endpointAliases": [{"method": "POST", "path": "/video"}],
     "sources": {"openapi": {"title": "Spec", "url": "https://example.com/spec.json", "commit": "abc", "date": "2026-08-21"}},
     "parameters": [
       {"name": "prompt", "type": "string", "required": true, "maxLength": 2500, "example": "a cat", "source": "openapi", "description": "Prompt."},
       {"name": "mode", "type": "string", "default": "pro", "values": ["std", "pro"], "source": "openapi", "description": "Mode."},
       {"name": "image", "type": "assetId", "assetKind": "image", "maxSize": 10, "source": "openapi", "description": "Image."},
       {"name": "cfg", "type": "number", "step": 0.1, "source": "openapi", "description": "Scale."}
     ]}
    """

func overlay(_ changes: String, sources: String = "{}", models: String = #"["m"]"#) throws -> Overlay {
    try Overlay.read(Data(#"{"provider": "aimlapi", "models": \#(models), "sources": \#(sources), "changes": [\#(changes)]}"#.utf8), file: "aimlapi/m.overlay.json")
}

func readErrors(_ text: String) -> [String] {
    do {
        _ = try Overlay.read(Data(text.utf8), file: "o.json")
        return []
    } catch {
        return error.diagnostics.map { "\($0.path): \($0.message)" }
    }
}

@Suite("Overlays: reading, applying, and the merge into today's format")
struct OverlayTests {
    @Test("Set, remove, note, parameter, move and rule changes apply; informative extension members are dropped")
    func appliesAndMaps() throws {
        let changes = try overlay("""
            {"at": "$", "set": "swiftName", "value": "M", "was": "AIMLM", "source": "openapi"},
            {"at": "$", "addNote": "Mode is documented.", "source": "prose"},
            {"at": "parameters[mode]", "set": "values", "value": [{"value": "std", "swiftName": "standard"}, "pro"], "was": ["std", "pro"], "source": "openapi"},
            {"at": "parameters[prompt]", "remove": "maxLength", "was": 2500, "source": "prose"},
            {"at": "$", "addParameter": {"name": "seed", "type": "integer", "description": "Seed."}, "after": "prompt", "source": "prose"},
            {"at": "$", "moveParameter": "cfg", "source": "prose"},
            {"at": "$", "addRule": {"kind": "requires", "param": "image", "requires": "seed"}, "source": "prose"}
            """, sources: #"{"prose": {"title": "Page", "url": "https://example.com/page"}}"#)
        let merged = try OverlayMerge.merge(base: parse(smallBase), overlays: [changes], modelID: "m")
        #expect(merged.keys == ["$schema", "id", "provider", "title", "swiftName", "capabilities", "endpoint", "sources", "notes", "parameters", "rules"])
        #expect(merged["swiftName"] == "M")
        #expect(merged["notes"] == ["Mode is documented."])
        #expect(merged["sources"] == ["openapi": ["title": "Spec", "url": "https://example.com/spec.json"], "prose": ["title": "Page", "url": "https://example.com/page"]])
        #expect(merged["parameters"]?.names == ["cfg", "prompt", "seed", "mode", "image"])
        #expect(merged["parameters"]?.named("prompt")?.keys == ["name", "type", "required", "source", "description"])
        #expect(merged["parameters"]?.named("seed")?["source"] == "prose")
        #expect(merged["parameters"]?.named("image")?.keys == ["name", "type", "source", "description"])
        #expect(merged["parameters"]?.named("cfg")?["step"] == nil)
        #expect(merged["parameters"]?.named("mode")?["values"] == [["value": "std", "swiftName": "standard"], "pro"])
        #expect(merged["rules"] == [["kind": "requires", "param": "image", "requires": "seed", "source": "prose"]])
        #expect(OverlayMerge.text(merged) == OverlayMerge.text(try OverlayMerge.merge(base: parse(smallBase), overlays: [changes], modelID: "m")))
    }

    @Test("The format's extensions pass through the merge unchanged, at every depth; only provenance is dropped")
    func extensionMembersPassThrough() throws {
        let base = try parse("""
            {"id": "m", "provider": "aimlapi", "title": "M", "swiftName": "M", "capabilities": ["img2video"], "endpoint": {"method": "POST", "path": "/v"},
             "sources": {"s": {"title": "S", "url": "https://e.com", "commit": "abc", "date": "2026-08-21"}},
             "parameters": [
               {"name": "a", "type": "string", "nullable": true, "source": "s", "description": "A."},
               {"name": "b", "type": "url", "alsoAccepts": ["base64"], "source": "s", "description": "B."},
               {"name": "c", "type": "oneOrMany", "items": {"type": "url"}, "source": "s", "description": "C."},
               {"name": "d", "type": "integer", "values": [5, 10], "example": 5, "source": "s", "description": "D."},
               {"name": "e", "type": "array", "items": {"type": "object", "fields": [{"name": "n", "type": "number", "values": [1], "nullable": true, "step": 1}]}, "source": "s", "description": "E."}
             ],
             "rules": [{"kind": "atLeastOneOf", "params": ["a", "b"]}, {"kind": "requiredWhen", "param": "a", "when": {"param": "b", "equals": "x"}}]}
            """)
        let merged = try OverlayMerge.merge(base: base, overlays: [], modelID: "m")
        #expect(merged["capabilities"] == ["img2video"])
        #expect(merged["sources"] == ["s": ["title": "S", "url": "https://e.com"]])
        #expect(merged["parameters"]?.named("a")?["nullable"] == true)
        #expect(merged["parameters"]?.named("b")?["alsoAccepts"] == ["base64"])
        #expect(merged["parameters"]?.named("c")?["type"] == "oneOrMany")
        #expect(merged["parameters"]?.named("d")?["values"] == [5, 10])
        #expect(merged["parameters"]?.named("d")?["example"] == nil)
        let field = merged["parameters"]?.named("e")?["items"]?["fields"]?.arrayValue?.first
        #expect(field == ["name": "n", "type": "number", "nullable": true, "values": [1]])
        #expect(merged["rules"] == base["rules"])
    }

    @Test("Each change that no longer fits its base is a finding at its index")
    func changesThatNoLongerFit() throws {
        let changes = try overlay("""
            {"at": "$", "set": "title", "value": "T", "was": "Old title", "source": "openapi"},
            {"at": "parameters[mode]", "set": "default", "value": "std", "source": "openapi"},
            {"at": "parameters[gone]", "set": "note", "value": "N", "source": "openapi"},
            {"at": "parameters[cfg]", "remove": "maximum", "was": 1, "source": "openapi"},
            {"at": "$", "addParameter": {"name": "prompt", "type": "string", "description": "P."}, "source": "openapi"},
            {"at": "$", "addRule": {"kind": "mutuallyExclusive", "conditions": [{"param": "mode", "equals": "pro"}, {"param": "tail", "sent": true}]}, "source": "openapi"},
            {"at": "$", "addNote": "N.", "source": "nowhere"},
            {"at": "parameters[mode].values", "set": "x", "value": 1, "source": "openapi"}
            """)
        let findings = changes.apply(to: try parse(smallBase), modelID: "m").findings.map { "\($0.path): \($0.message)" }
        #expect(findings == [
            #"$.changes[0]: m: $: the base's `title` is now "M"; the overlay expects "Old title""#,
            #"$.changes[1]: m: parameters[mode]: the base now has `default` ("pro"); the overlay expects it absent"#,
            "$.changes[2]: m: parameters[gone]: the base has no `parameters[gone]`",
            "$.changes[3]: m: parameters[cfg]: the base no longer has `maximum`; the overlay expects 1",
            "$.changes[4]: m: $: the base now has the parameter `prompt` the overlay adds",
            "$.changes[6].source: m: `nowhere` is not a key of the model's or the overlay's sources",
            "$.changes[7]: m: parameters[mode].values: parameters[mode].values is not an object",
            "$.changes[5]: m: $: the rule names `tail`, which the base does not have",
        ])
    }

    @Test("A malformed overlay is refused with every problem")
    func malformedOverlays() {
        #expect(readErrors("{ nope").first?.hasPrefix("$: malformed JSON") == true)
        #expect(readErrors(#"{"provider": "other", "models": [], "changes": {}, "extra": 1}"#) == [
            "$.extra: unknown member", "$.provider: `provider` is one of aimlapi, scenario",
            "$.models: `models` is a non-empty array of model ids", "$.changes: `changes` is an array",
        ])
        #expect(readErrors("""
            {"provider": "aimlapi", "models": ["m"], "sources": {"s": {"title": "S"}}, "changes": [
              {"at": "$", "set": "title", "remove": "title", "source": "s"},
              {"at": "parameters[", "set": "title", "value": 1, "source": "s"},
              {"at": "$", "set": "title", "value": "T"},
              {"at": "$", "remove": "title", "source": "s"},
              {"at": "$", "addNote": "N", "was": 1, "bogus": 2, "source": "s"}
            ]}
            """) == [
            "$.sources.s: a page has exactly a string `title` and `url`",
            "$.changes[0]: a change has exactly one of `set`, `remove`, `addNote`, `addParameter`, `addRule`, `moveParameter`",
            "$.changes[1].at: `at` is `$` or a path like `parameters[name].items.fields[name]`",
            "$.changes[2].source: every change cites a source (a key of `sources`)",
            "$.changes[3]: `remove` names a member and `was` records the base value it removes",
            "$.changes[4].bogus: unknown member",
            "$.changes[4].was: `was` belongs to `set` and `remove`",
        ])
    }

    @Test("A JSON file in an overlays folder that is not named as an overlay is an error, not skipped")
    func misnamedOverlay() throws {
        let schemas = try TemporaryFolder()
        defer { withExtendedLifetime(schemas) {} }
        try schemas.write("_overlays/aimlapi/m.overlay.json", #"{"provider": "aimlapi", "models": ["m"], "changes": []}"#)
        try schemas.write("_overlays/aimlapi/m.overlay.jsn", "{}")
        let folders = CatalogueFolders(schemas: schemas.url)
        #expect(try folders.readOverlays("aimlapi").map(\.file) == ["aimlapi/m.overlay.json"])
        try schemas.write("_overlays/aimlapi/n.json", "{}")
        do {
            _ = try folders.readOverlays("aimlapi")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["aimlapi/n.json: $: not an overlay: overlays are named <name>.overlay.json"])
        }
    }
}
