import Foundation
import KlingJSON
import Testing

@Suite("kling validate, models, describe")
struct KlingValidateTests {
    func validate(_ model: String, _ body: String, format: String = "json") throws -> Executable.Result {
        try Executable.run("kling", ["validate", "--model", model, "--format", format, "-"], stdin: body)
    }

    @Test func validBodyExitsZeroWithTheDocumentedJSON() throws {
        let result = try validate("model_kling-v3-omni-video", #"{"prompt": "A fox"}"#)
        #expect(result.status == 0)
        #expect(result.stdout == #"{"valid":true,"issues":[]}"# + "\n")
    }

    @Test func invalidBodyExitsOneListingEveryIssueWithWirePaths() throws {
        let body = #"{"prompt": "x", "duration": 5, "multiPrompt": "[{\"prompt\":\"a\",\"duration\":2},{\"prompt\":\"b\",\"duration\":2},{\"prompt\":\"c\",\"duration\":\"1\"}]", "aspect_ratio": "16:9"}"#
        let result = try validate("model_kling-v3-omni-video", body)
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        guard case .object(let object) = json, case .array(let issues)? = object["issues"] else {
            Issue.record("not the documented shape: \(result.stdout)")
            return
        }
        #expect(object["valid"] == false)
        #expect(object.members.map(\.key) == ["valid", "issues"])
        let first = try #require(issues.first)
        guard case .object(let issue) = first else { return }
        #expect(issue.members.map(\.key) == ["severity", "path", "code", "message"])
        #expect(issues.map { value -> String in
            guard case .object(let issue) = value, case .string(let path)? = issue["path"], case .string(let code)? = issue["code"] else { return "" }
            return "\(code)@\(path)"
        } == ["type_mismatch@multiPrompt[2].duration", "unknown_parameter@aspect_ratio"])
    }

    @Test func aimlapiPathsUseWireNames() throws {
        let body = #"{"model": "klingai/video-o1-reference-to-video", "prompt": "x", "elements": [{"frontal_image_url": "https://e.com/f.png", "reference_image_urls": []}]}"#
        let result = try validate("klingai/video-o1-reference-to-video", body)
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""path":"elements[0].reference_image_urls""#))
    }

    @Test func warningsDoNotMakeARequestInvalid() throws {
        let result = try validate("model_kling-v1-6-pro", #"{"prompt": "x", "startImage": "asset_s", "aspectRatio": "1:1"}"#, format: "text")
        #expect(result.status == 0)
        #expect(result.stdout == "warning: aspectRatio: `aspectRatio` is ignored when `startImage` is sent [ignored]\nvalid (1 warning)\n")
    }

    @Test func usageErrorsExitTwo() throws {
        let malformed = try validate("model_kling-v1-6-pro", "{\n  \"prompt\": \"x\",\n  \"duration\" 5\n}")
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("line 3, column 14"))
        let unknownModel = try validate("model_kling-v16-pro", "{}")
        #expect(unknownModel.status == 2)
        #expect(unknownModel.stderr.contains("unknown model 'model_kling-v16-pro'"))
        #expect(unknownModel.stderr.contains("did you mean 'model_kling-v1-6-pro'"))
        let unreadable = try Executable.run("kling", ["validate", "--model", "model_kling-v1-6-pro", "/nonexistent/body.json"])
        #expect(unreadable.status == 2)
        let missingModel = try Executable.run("kling", ["validate", "-"], stdin: "{}")
        #expect(missingModel.status == 2)
        let badFormat = try validate("model_kling-v1-6-pro", "{}", format: "yaml")
        #expect(badFormat.status == 2)
        let unknownOption = try Executable.run("kling", ["validate", "--modle", "x", "-"])
        #expect(unknownOption.status == 2 && unknownOption.stderr.contains("unknown option '--modle'"))
    }

    @Test func validatesAFileAsWellAsStandardInput() throws {
        let folder = try Executable.temporaryFolder()
        let file = folder.appendingPathComponent("body.json")
        try Data(#"{"prompt": "x", "video": "asset_v"}"#.utf8).write(to: file)
        let result = try Executable.run("kling", ["validate", "--model", "model_kling-o1-video-reference", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "valid\n")
    }

    /// The ids `kling models --format json` lists, in its order.
    func listedModels(_ arguments: [String] = []) throws -> [(id: String, provider: String, capabilities: [String], title: String)] {
        let result = try Executable.run("kling", ["models", "--format", "json"] + arguments)
        #expect(result.status == 0)
        let list: [JSONValue] = try JSONParser.parse(result.stdout).arrayValue ?? []
        return list.map { (value: JSONValue) -> (id: String, provider: String, capabilities: [String], title: String) in
            let model = value.objectValue ?? JSONObject()
            let capabilities: [String] = model["capabilities"]?.arrayValue?.compactMap { $0.stringValue } ?? []
            return (model["id"]?.stringValue ?? "", model["provider"]?.stringValue ?? "", capabilities, model["title"]?.stringValue ?? "")
        }
    }

    @Test func modelsListsEveryModelByProviderAndCapability() throws {
        let models = try listedModels()
        #expect(models.count == 68 && Set(models.map(\.id)).count == 68)
        #expect(models.filter { $0.provider == "scenario" }.count == 27 && models.filter { $0.provider == "aimlapi" }.count == 41)
        #expect(models.allSatisfy { !$0.capabilities.isEmpty && !$0.title.isEmpty })
        // Grouped: Scenario first, then the AI/ML API; within each, by first capability.
        let order = ["txt2video", "img2video", "video2video", "video2audio"]
        for provider in ["scenario", "aimlapi"] {
            let firsts = models.filter { $0.provider == provider }.map { order.firstIndex(of: $0.capabilities[0]) ?? order.count }
            #expect(firsts == firsts.sorted(), "\(provider): not grouped by capability")
        }
        #expect(models.first?.provider == "scenario" && models.last?.provider == "aimlapi")
        #expect(try listedModels(["--provider", "aimlapi"]).map(\.id) == models.filter { $0.provider == "aimlapi" }.map(\.id))

        let text = try Executable.run("kling", ["models"]).stdout
        #expect(text.hasPrefix("Scenario (27 models)\n\n  Text to video\n"))
        #expect(text.contains("\nAI/ML API (41 models)\n"))
        #expect(text.contains("\n  Video to audio\n    model_kling-video-to-audio "))
        for model in models { #expect(text.contains(" " + model.id + " ")) }
        #expect(try Executable.run("kling", ["models", "--provider", "fal"]).status == 2)
    }

    @Test func everyModelCanBeDescribedAndValidated() throws {
        for model in try listedModels() {
            let describe = try Executable.run("kling", ["describe", model.id])
            #expect(describe.status == 0 && describe.stdout.hasPrefix(model.title + "\n  id:        " + model.id + "\n"), "\(model.id)")
            // An empty body: a model with a required parameter reports it (exit 1); none is unknown (exit 2).
            let empty = try validate(model.id, "{}")
            #expect(empty.status == 0 || empty.status == 1, "\(model.id): \(empty.stderr)")
        }
    }

    @Test func describePrintsTheParameterTable() throws {
        let result = try Executable.run("kling", ["describe", "model_kling-v3-omni-video"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("PARAMETER") })
        #expect(header.split(separator: " ", omittingEmptySubsequences: true) == ["PARAMETER", "TYPE", "REQUIRED", "DEFAULT", "LIMITS", "DESCRIPTION"])
        let duration = try #require(lines.first { $0.hasPrefix("duration ") })
        #expect(duration.contains("number") && duration.contains("3–15") && duration.contains(" 5 "))
        #expect(lines.contains { $0.hasPrefix("multiPrompt[].duration") && $0.contains("≥ 1") })
        #expect(result.stdout.contains("Not together: `generateAudio` is true and `referenceVideo` is sent."))
        #expect(try Executable.run("kling", ["describe", "nope"]).status == 2)
    }

    @Test func everyCommandHasHelp() throws {
        let overview = try Executable.run("kling", ["--help"])
        #expect(overview.status == 0)
        let commands = overview.stdout.split(separator: "\n").drop { !$0.hasPrefix("COMMANDS:") }.dropFirst()
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(commands.starts(with: ["models", "describe", "validate"]))
        for command in commands {
            let help = try Executable.run("kling", [command, "--help"])
            #expect(help.status == 0, "kling \(command) --help")
            #expect(help.stdout.contains("USAGE: kling \(command)"))
        }
        for command in ["generate", "emit", "catalog", "lint", "import"] {
            let help = try Executable.run("kling-bindgen", [command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("USAGE: kling-bindgen \(command)"))
        }
        #expect(try Executable.run("kling", ["frobnicate"]).status == 2)
    }
}

@Suite("The README's examples")
struct ExampleTests {
    @Test func theReadmesFirstCommandValidatesTheExample() throws {
        let example = packageRoot.appendingPathComponent("Examples/v3-omni-multishot.json").path
        let result = try Executable.run("kling", ["validate", "--model", "model_kling-v3-omni-video", example])
        #expect(result.status == 0)
        #expect(result.stdout == "valid\n")
    }

    @Test func theBrokenExampleReportsEveryProblem() throws {
        let example = packageRoot.appendingPathComponent("Examples/v3-omni-broken.json").path
        let result = try Executable.run("kling", ["validate", "--model", "model_kling-v3-omni-video", "--format", "json", example])
        #expect(result.status == 1)
        let paths = ["\"path\":\"aspect_ratio\"", "\"path\":\"duration\"", "\"path\":\"multiPrompt[1].duration\"", "\"path\":\"prompt\""]
        for path in paths { #expect(result.stdout.contains(path)) }
    }
}
