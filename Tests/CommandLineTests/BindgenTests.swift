import Foundation
import Testing

@Suite("kling-bindgen generate")
struct BindgenTests {
    let schemas = packageRoot.appendingPathComponent("Schemas").path

    @Test func writesOneFilePerSchemaAndRewritesOnlyWhatChanged() throws {
        let output = try Executable.temporaryFolder()
        let first = try Executable.run("kling-bindgen", ["generate", "--schemas", schemas, "--output", output.path])
        #expect(first.status == 0)
        #expect(first.stdout.hasSuffix("5 schemas, 6 files written.\n"))
        let omni = output.appendingPathComponent("scenario/model_kling-v3-omni-video.swift")
        let before = try FileManager.default.attributesOfItem(atPath: omni.path)[.modificationDate] as? Date
        let second = try Executable.run("kling-bindgen", ["generate", "--schemas", schemas, "--output", output.path])
        #expect(second.stdout == "5 schemas, 0 files written.\n")
        #expect(try FileManager.default.attributesOfItem(atPath: omni.path)[.modificationDate] as? Date == before)
        #expect(try Executable.run("kling-bindgen", ["generate", "--schemas", schemas, "--output", output.path, "--check"]).status == 0)
    }

    @Test func checkListsEveryStaleMissingAndExtraFileAndWritesNothing() throws {
        let output = try Executable.temporaryFolder()
        _ = try Executable.run("kling-bindgen", ["generate", "--schemas", schemas, "--output", output.path])
        try Data("// edited\n".utf8).write(to: output.appendingPathComponent("scenario/model_kling-v1-6-pro.swift"))
        try FileManager.default.removeItem(at: output.appendingPathComponent("KlingModels.swift"))
        try Data("// stray\n".utf8).write(to: output.appendingPathComponent("scenario/old.swift"))
        let check = try Executable.run("kling-bindgen", ["generate", "--schemas", schemas, "--output", output.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix("missing: KlingModels.swift\nstale: scenario/model_kling-v1-6-pro.swift\nextra: scenario/old.swift\n"))
        #expect(try String(contentsOf: output.appendingPathComponent("scenario/model_kling-v1-6-pro.swift"), encoding: .utf8) == "// edited\n")
    }

    @Test func aBadSchemaReportsEveryFaultAndWritesNothing() throws {
        let input = try Executable.temporaryFolder()
        let output = try Executable.temporaryFolder()
        try FileManager.default.createDirectory(at: input.appendingPathComponent("scenario"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: schemas + "/scenario/model_kling-v1-6-pro.json", toPath: input.appendingPathComponent("scenario/good.json").path)
        try Data("""
            {"id": "m", "provider": "scenario", "title": "T", "swiftName": "Bad",
             "endpoint": {"method": "POST", "path": "/x"}, "sources": {"s": {"title": "t", "url": "u"}},
             "parameters": [{"name": "a", "type": "strng", "source": "s", "description": "d"},
                            {"name": "b", "type": "number", "default": 3, "maximum": 2, "source": "s", "description": "d"}]}
            """.utf8).write(to: input.appendingPathComponent("scenario/bad.json"))
        let result = try Executable.run("kling-bindgen", ["generate", "--schemas", input.path, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: scenario/bad.json: $.parameters[0].type: unknown type \"strng\""))
        #expect(result.stderr.contains("error: scenario/bad.json: $.parameters[1].default: the default 3 is above the maximum 2"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
        #expect(result.stderr.hasSuffix("problems found; nothing was written.\n"))

        let lint = try Executable.run("kling-bindgen", ["lint", "--schemas", input.path])
        #expect(lint.status == 1)
        #expect(lint.stderr.contains("error: scenario/bad.json: $.parameters[0].type: unknown type \"strng\""))
        #expect(lint.stderr.hasSuffix("problems found.\n"), "lint writes nothing, so it does not say so")
        #expect(try Executable.run("kling-bindgen", ["lint", "--schemas", schemas]).stdout == "5 schemas valid.\n")
    }
}
