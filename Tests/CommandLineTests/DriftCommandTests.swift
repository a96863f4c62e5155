import Foundation
import Testing

@Suite("kling-bindgen merge and drift")
struct DriftCommandTests {
    let schemas = packageRoot.appendingPathComponent("Schemas")

    /// How many merged schemas the committed catalogue holds (one per model).
    func mergedCount() throws -> Int {
        try ["aimlapi", "scenario"].reduce(0) { count, provider in
            let folder = schemas.appendingPathComponent(provider)
            return count + (try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.count)
        }
    }

    /// A copy of the catalogue's folders (snapshots, bases, overlays, merged schemas) to change freely.
    func catalogueCopy() throws -> URL {
        let copy = try Executable.temporaryFolder()
        for folder in ["_snapshots", "_imported", "_overlays", "aimlapi", "scenario"] {
            try FileManager.default.copyItem(at: schemas.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        return copy
    }

    @Test func theCommittedCatalogueHasNoDriftAndItsMergedSchemasAreUpToDate() throws {
        let drift = try Executable.run("kling-bindgen", ["drift", "--schemas", schemas.path])
        #expect(drift.status == 0)
        #expect(drift.stdout == "No drift: aimlapi and scenario bases match their snapshots and every overlay fits its base.\n")
        let merge = try Executable.run("kling-bindgen", ["merge", "--schemas", schemas.path, "--check"])
        #expect(merge.status == 0)
        #expect(merge.stdout == "\(try mergedCount()) merged schemas are up to date.\n")
    }

    @Test func aChangedBaseValueIsDriftAndStopsTheMerge() throws {
        let copy = try catalogueCopy()
        let overlay = copy.appendingPathComponent("_overlays/scenario/model_kling-v1-6-pro.overlay.json")
        // An overlay that expects the base's duration values to be 5, 10 and 15; the base has 5 and 10.
        let text = """
            {"provider": "scenario", "models": ["model_kling-v1-6-pro"],
             "changes": [{"at": "parameters[duration]", "set": "values", "value": [5, 10], "was": [5, 10, 15], "source": "docs"}]}
            """
        try Data(text.utf8).write(to: overlay)
        let drift = try Executable.run("kling-bindgen", ["drift", "--schemas", copy.path, "--provider", "scenario"])
        #expect(drift.status == 1)
        #expect(drift.stderr.contains("overlay scenario/model_kling-v1-6-pro.overlay.json: $.changes["))
        #expect(drift.stderr.contains("(set values): model_kling-v1-6-pro: parameters[duration]: the base's `values` is now [… 2 items]; the overlay expects [… 3 items]\n"))
        #expect(drift.stderr.hasSuffix("1 drift finding: refresh the bases with 'kling-bindgen import', then update the overlays (Docs/Catalogue.md).\n"))

        let merged = copy.appendingPathComponent("scenario/model_kling-v1-6-pro.json")
        let before = try Data(contentsOf: merged)
        let merge = try Executable.run("kling-bindgen", ["merge", "--schemas", copy.path])
        #expect(merge.status == 1)
        #expect(merge.stderr.contains("error: scenario/model_kling-v1-6-pro.overlay.json: $.changes[0]: model_kling-v1-6-pro: parameters[duration]: the base's `values` is now [… 2 items]; the overlay expects [… 3 items]\n"))
        #expect(merge.stderr.hasSuffix("1 problem found; nothing was written.\n"))
        #expect(try Data(contentsOf: merged) == before)
    }

    @Test func mergeCheckListsStaleAndExtraFilesAndMergeRewritesThem() throws {
        let copy = try catalogueCopy()
        let merged = copy.appendingPathComponent("aimlapi")
        try Data("{}\n".utf8).write(to: merged.appendingPathComponent("klingai-video-v3-pro-text-to-video.json"))
        try Data("{}\n".utf8).write(to: merged.appendingPathComponent("klingai-gone.json"))
        let check = try Executable.run("kling-bindgen", ["merge", "--schemas", copy.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix("stale: aimlapi/klingai-video-v3-pro-text-to-video.json\nextra: aimlapi/klingai-gone.json\n"))
        let merge = try Executable.run("kling-bindgen", ["merge", "--schemas", copy.path])
        #expect(merge.status == 0)
        #expect(merge.stdout == "wrote aimlapi/klingai-video-v3-pro-text-to-video.json\nremoved aimlapi/klingai-gone.json\n\(try mergedCount()) merged schemas, 2 files changed.\n")
        #expect(try Data(contentsOf: merged.appendingPathComponent("klingai-video-v3-pro-text-to-video.json"))
            == Data(contentsOf: schemas.appendingPathComponent("aimlapi/klingai-video-v3-pro-text-to-video.json")))
    }

    @Test func anUnknownProviderIsAUsageError() throws {
        let result = try Executable.run("kling-bindgen", ["drift", "--schemas", schemas.path, "--provider", "replicate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--provider takes aimlapi or scenario, not 'replicate'"))
    }
}
