import KlingTestSupport
import Foundation
import KlingImport
import KlingJSON
import Testing

@Suite("Drift: a committed base checked against a newer snapshot")
struct DriftTests {
    /// A snapshot folder holding only V2.6 Pro image-to-video, with `spec` as its spec.
    func snapshotFolder(spec: URL) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.copy(Paths.snapshots.appendingPathComponent("aimlapi/PROVENANCE.json"), to: "aimlapi/PROVENANCE.json")
        try folder.write("aimlapi/models.json", """
            {"models": [{"id": "klingai/video-v2-6-pro-image-to-video", "spec": "specs/video-v2-6-pro-image-to-video.json",
              "page": "video-v2.6-pro-image-to-video", "pageTitle": "Kling 2.6 Pro Image to Video"}]}
            """)
        try folder.copy(spec, to: "aimlapi/specs/video-v2-6-pro-image-to-video.json")
        return folder
    }

    @Test("The older V2.6 Pro I2V spec against the live one: tail_image_url disappeared, provider appeared, the aliases went")
    func realDrift() throws {
        let older = try snapshotFolder(spec: Paths.fixtures.appendingPathComponent("aimlapi-older/klingai-video-v2-6-pro-image-to-video.json"))
        let output = try TemporaryFolder()
        let live = try snapshotFolder(spec: Paths.snapshots.appendingPathComponent("aimlapi/specs/video-v2-6-pro-image-to-video.json"))
        defer { withExtendedLifetime((older, output, live)) {} }
        let folder = BaseFolder(url: output.url.appendingPathComponent("aimlapi"))
        let olderBases = try ProviderCatalogue.importBases(provider: "aimlapi", snapshots: older.url.appendingPathComponent("aimlapi"))
        #expect(try folder.write(olderBases) == ["wrote klingai-video-v2-6-pro-image-to-video.base.json"])
        #expect(folder.check(against: olderBases).isEmpty)

        let liveBases = try ProviderCatalogue.importBases(provider: "aimlapi", snapshots: live.url.appendingPathComponent("aimlapi"))
        let findings = folder.check(against: liveBases)
        #expect(findings.map(\.description) == ["""
            stale: klingai-video-v2-6-pro-image-to-video.base.json
                - endpointAliases: only in the committed base
                - parameters[tail_image_url]: only in the committed base
                + parameters[provider]: only in the snapshot's base: {… 5 members}
            """])
        #expect(try folder.write(liveBases) == ["wrote klingai-video-v2-6-pro-image-to-video.base.json"])
        #expect(folder.check(against: liveBases).isEmpty)
        #expect(try folder.write(liveBases) == [])
    }

    @Test("drift on real drift: the base built from the older V2.6 Pro I2V spec and an overlay about tail_image_url, against the live spec")
    func realDriftWithOverlay() throws {
        let schemas = try TemporaryFolder()
        let older = try snapshotFolder(spec: Paths.fixtures.appendingPathComponent("aimlapi-older/klingai-video-v2-6-pro-image-to-video.json"))
        let live = try snapshotFolder(spec: Paths.snapshots.appendingPathComponent("aimlapi/specs/video-v2-6-pro-image-to-video.json"))
        defer { withExtendedLifetime((schemas, older, live)) {} }
        let folders = CatalogueFolders(schemas: schemas.url)
        // The committed state: bases imported from the older spec, and an overlay written against them.
        for file in ["PROVENANCE.json", "models.json", "specs/video-v2-6-pro-image-to-video.json"] {
            try schemas.copy(older.url.appendingPathComponent("aimlapi/" + file), to: "_snapshots/aimlapi/" + file)
        }
        let olderBases = try ProviderCatalogue.importBases(provider: "aimlapi", snapshots: folders.snapshots("aimlapi"))
        _ = try BaseFolder(url: folders.imported("aimlapi")).write(olderBases)
        try schemas.write("_overlays/aimlapi/klingai-video-v2-6-pro-image-to-video.overlay.json", """
            {"provider": "aimlapi", "models": ["klingai/video-v2-6-pro-image-to-video"],
             "sources": {"prose": {"title": "Kling 2.6 Pro Image to Video (AI/ML API)", "url": "https://docs.aimlapi.com/api-references/video-models/kling-ai/video-v2.6-pro-image-to-video"}},
             "changes": [
               {"at": "parameters[tail_image_url]", "set": "note", "value": "Base64 images are accepted too.", "source": "prose"},
               {"at": "$", "addRule": {"kind": "mutuallyExclusive", "conditions": [{"param": "generate_audio", "equals": true}, {"param": "tail_image_url", "sent": true}]}, "source": "prose"},
               {"at": "parameters[duration]", "set": "default", "value": "5", "was": "5", "source": "openapi"}
             ]}
            """)
        try schemas.write("_overlays/aimlapi/klingai-video-v9.overlay.json", """
            {"provider": "aimlapi", "models": ["klingai/video-v9"], "changes": []}
            """)
        #expect(folders.drift("aimlapi") == ["overlay aimlapi/klingai-video-v9.overlay.json: klingai/video-v9 is not in the aimlapi list"])

        // The provider publishes the live spec: tail_image_url is gone.
        try schemas.copy(live.url.appendingPathComponent("aimlapi/specs/video-v2-6-pro-image-to-video.json"), to: "_snapshots/aimlapi/specs/video-v2-6-pro-image-to-video.json")
        let overlayFile = "overlay aimlapi/klingai-video-v2-6-pro-image-to-video.overlay.json"
        #expect(folders.drift("aimlapi") == [
            """
            aimlapi base stale: klingai-video-v2-6-pro-image-to-video.base.json
                - endpointAliases: only in the committed base
                - parameters[tail_image_url]: only in the committed base
                + parameters[provider]: only in the snapshot's base: {… 5 members}
            """,
            "\(overlayFile): $.changes[0] (set note): klingai/video-v2-6-pro-image-to-video: parameters[tail_image_url]: the base has no `parameters[tail_image_url]`",
            "\(overlayFile): $.changes[1] (addRule mutuallyExclusive): klingai/video-v2-6-pro-image-to-video: $: the rule names `tail_image_url`, which the base does not have",
            "overlay aimlapi/klingai-video-v9.overlay.json: klingai/video-v9 is not in the aimlapi list",
        ])
    }

    @Test("A changed value reads as committed → snapshot at its path, nested fields by name")
    func changedValues() throws {
        let committed = try parse(#"{"parameters": [{"name": "duration", "default": "5"}, {"name": "elements", "items": {"fields": [{"name": "video_url", "maxItems": 1}]}}]}"#)
        let snapshot = try parse(#"{"parameters": [{"name": "duration", "default": 5}, {"name": "elements", "items": {"fields": [{"name": "video_url", "maxItems": 2}]}}]}"#)
        #expect(BaseDifferences.lines(committed: committed, snapshot: snapshot) == [
            #"~ parameters[duration].default: committed "5", snapshot 5"#,
            "~ parameters[elements].items.fields[video_url].maxItems: committed 1, snapshot 2",
        ])
        let reordered = try parse(#"{"parameters": [{"name": "elements", "items": {"fields": [{"name": "video_url", "maxItems": 1}]}}, {"name": "duration", "default": "5"}]}"#)
        #expect(BaseDifferences.lines(committed: committed, snapshot: reordered) == ["~ parameters: order changed: committed duration, elements; snapshot elements, duration"])
    }

    @Test("A model without a base, a base without a model, and a hand-edited base are each reported")
    func missingExtraAndEdited() throws {
        let output = try TemporaryFolder()
        defer { withExtendedLifetime(output) {} }
        let folder = BaseFolder(url: output.url)
        let bases = [
            ImportedBase(modelID: "a/one", fileName: "a-one.base.json", text: "{\n  \"id\": \"a/one\"\n}\n"),
            ImportedBase(modelID: "a/two", fileName: "a-two.base.json", text: "{\n  \"id\": \"a/two\"\n}\n"),
        ]
        try output.write("a-one.base.json", #"{"id": "a/one"}"#)
        try output.write("a-gone.base.json", "{}")
        try output.write("notes.md", "Not a base.")
        #expect(folder.check(against: bases).map(\.description) == [
            "stale: a-one.base.json\n    ~ $: same content, different text (the file was edited by hand)",
            "missing: a-two.base.json (model a/two)",
            "extra: a-gone.base.json (no model in the provider's list)",
        ])
        #expect(try folder.write(bases) == ["wrote a-one.base.json", "wrote a-two.base.json", "removed a-gone.base.json"])
        #expect(folder.check(against: bases).isEmpty)
        try output.write("a-one.base.json", "{ not json")
        #expect(folder.check(against: bases).first?.description.contains("the committed base is not valid JSON") == true)
    }

    @Test("A snapshot the importer cannot read fails with every diagnostic, nothing half-imported")
    func unreadableSnapshot() throws {
        let folder = try TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        try folder.copy(Paths.snapshots.appendingPathComponent("aimlapi/PROVENANCE.json"), to: "PROVENANCE.json")
        try folder.write("models.json", """
            {"models": [{"id": "klingai/a", "spec": "specs/a.json", "page": "a", "pageTitle": "A"},
                        {"id": "klingai/b", "spec": "specs/missing.json", "page": "b", "pageTitle": "B"},
                        {"id": "klingai/c", "spec": "specs/c.json", "page": "c", "pageTitle": "C"}]}
            """)
        try folder.write("specs/a.json", aimlSpec(model: "klingai/a", properties: #""p": {"type": "string"}"#))
        try folder.write("specs/c.json", "{ broken")
        do {
            _ = try ProviderCatalogue.importBases(provider: "aimlapi", snapshots: folder.url)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.file) == ["specs/missing.json", "specs/c.json"])
            #expect(error.diagnostics.last?.message.hasPrefix("malformed JSON: line 1, column 3") == true)
        }
    }
}
