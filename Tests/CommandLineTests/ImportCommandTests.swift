import Foundation
import Testing

@Suite("kling-bindgen import")
struct ImportCommandTests {
    let snapshots = packageRoot.appendingPathComponent("Schemas/_snapshots").path
    let committed = packageRoot.appendingPathComponent("Schemas/_imported")

    @Test func writesTheCommittedBasesAndRewritesNothingOnRerun() throws {
        let output = try Executable.temporaryFolder()
        let first = try Executable.run("kling-bindgen", ["import", "--provider", "scenario", "--snapshots", snapshots, "--output", output.path])
        #expect(first.status == 0)
        #expect(first.stdout.hasSuffix("27 scenario models, 27 files changed.\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("scenario").path).sorted()
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: committed.appendingPathComponent("scenario").path).sorted()))
        for file in files {
            #expect(try Data(contentsOf: output.appendingPathComponent("scenario/" + file)) == Data(contentsOf: committed.appendingPathComponent("scenario/" + file)), "\(file)")
        }
        let second = try Executable.run("kling-bindgen", ["import", "--provider", "scenario", "--snapshots", snapshots, "--output", output.path])
        #expect(second.stdout == "27 scenario models, 0 files changed.\n")
        let check = try Executable.run("kling-bindgen", ["import", "--provider", "scenario", "--snapshots", snapshots, "--output", output.path, "--check"])
        #expect(check.status == 0 && check.stdout == "27 scenario bases are up to date.\n")
    }

    @Test func checkListsStaleMissingAndExtraBasesAndWritesNothing() throws {
        let output = try Executable.temporaryFolder()
        _ = try Executable.run("kling-bindgen", ["import", "--provider", "aimlapi", "--snapshots", snapshots, "--output", output.path])
        let folder = output.appendingPathComponent("aimlapi")
        let edited = folder.appendingPathComponent("klingai-avatar-pro.base.json")
        let text = try String(contentsOf: edited, encoding: .utf8).replacingOccurrences(of: "\"Kling Avatar Professional\"", with: "\"Avatar\"")
        try Data(text.utf8).write(to: edited)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("klingai-avatar-standard.base.json"))
        try Data("{}\n".utf8).write(to: folder.appendingPathComponent("klingai-gone.base.json"))
        let check = try Executable.run("kling-bindgen", ["import", "--provider", "aimlapi", "--snapshots", snapshots, "--output", output.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix("""
            stale: klingai-avatar-pro.base.json
                ~ title: committed "Avatar", snapshot "Kling Avatar Professional"
            missing: klingai-avatar-standard.base.json (model klingai/avatar-standard)
            extra: klingai-gone.base.json (no model in the provider's list)
            3 aimlapi bases out of date
            """), "\(check.stderr)")
        #expect(try String(contentsOf: edited, encoding: .utf8) == text)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("klingai-avatar-standard.base.json").path))
    }

    @Test func anUnreadableSnapshotWritesNothingAndAnUnknownProviderIsAUsageError() throws {
        let input = try Executable.temporaryFolder()
        let output = try Executable.temporaryFolder()
        let folder = input.appendingPathComponent("aimlapi")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("specs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: snapshots + "/aimlapi/PROVENANCE.json", toPath: folder.appendingPathComponent("PROVENANCE.json").path)
        try Data(#"{"models": [{"id": "klingai/a", "spec": "specs/a.json", "page": "a", "pageTitle": "A"}]}"#.utf8).write(to: folder.appendingPathComponent("models.json"))
        try Data(#"{"paths": {"/v2/video/generations": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"model": {"type": "string", "enum": ["klingai/a"]}, "seed": {"type": "integer", "multipleOf": 2}}}}}}}}}}"#.utf8)
            .write(to: folder.appendingPathComponent("specs/a.json"))
        let result = try Executable.run("kling-bindgen", ["import", "--provider", "aimlapi", "--snapshots", input.path, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: specs/a.json: "))
        #expect(result.stderr.contains(".properties.seed.multipleOf: unsupported member `multipleOf`\n"))
        #expect(result.stderr.hasSuffix("1 problem found; nothing was written.\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)

        let unknown = try Executable.run("kling-bindgen", ["import", "--provider", "replicate", "--snapshots", input.path, "--output", output.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--provider takes aimlapi or scenario, not 'replicate'"))
    }
}
