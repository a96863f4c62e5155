import Foundation
import KlingJSON
import Testing

/// Input that tries to drive the terminal, or to make a command slow or its output huge, through the
/// real executables.
@Suite("Hostile input through the executables")
struct HostileInputTests {
    static let hostileName = "\u{1B}[2J\u{1B}[31mfake\u{202E}"
    static let hostileBody = #"{"prompt": "x", "\u001b[2J\u001b[31mfake\u202e": 1}"#

    /// Whether the text holds a scalar a terminal would act on (newlines between lines aside).
    func hasRawControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar != "\n" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value))
        }
    }

    @Test func validateEscapesMemberNamesInText() throws {
        let result = try Executable.run("kling", ["validate", "--model", "model_kling-v1-6-pro", "-"], stdin: Self.hostileBody)
        #expect(result.status == 1)
        #expect(!hasRawControls(result.stdout))
        #expect(result.stdout.contains(#"error: \u{1B}[2J\u{1B}[31mfake\u{202E}: unknown parameter `\u{1B}[2J\u{1B}[31mfake\u{202E}`"#))
    }

    @Test func validateJSONStaysValidAndKeepsTheExactName() throws {
        let result = try Executable.run("kling", ["validate", "--model", "model_kling-v1-6-pro", "--format", "json", "-"], stdin: Self.hostileBody)
        #expect(result.status == 1)
        #expect(!hasRawControls(result.stdout))
        let document = try JSONParser.parse(result.stdout)
        guard case .object(let object) = document, case .array(let issues)? = object["issues"], case .object(let issue)? = issues.first else {
            Issue.record("not the documented shape: \(result.stdout)")
            return
        }
        #expect(issue["path"] == .string(Self.hostileName))
    }

    @Test func aMalformedBodyWithControlsInItsNameIsReportedSafely() throws {
        let directory = try Executable.temporaryFolder()
        let file = directory.appendingPathComponent("\u{1B}[31mbody.json")
        try Data("{".utf8).write(to: file)
        let result = try Executable.run("kling", ["validate", "--model", "model_kling-v1-6-pro", file.path])
        #expect(result.status == 2)
        #expect(!hasRawControls(result.stderr))
        #expect(result.stderr.contains(#"\u{1B}[31mbody.json is not valid JSON"#))
    }

    /// Regression: a prompt full of tag references produced one issue per tag (50,001 for 950 KB).
    @Test func aFloodOfIssuesIsCappedAndCounted() throws {
        let prompt = String(repeating: "@Element3 ", count: 50_000)
        let body = JSONValue.object(JSONObject([.init(key: "prompt", value: .string(prompt))])).jsonText
        let json = try Executable.run("kling", ["validate", "--model", "model_kling-v3-i2v-4k", "--format", "json", "-"], stdin: body)
        #expect(json.status == 1)
        guard case .object(let object) = try JSONParser.parse(json.stdout), case .array(let issues)? = object["issues"] else {
            Issue.record("not the documented shape: \(json.stdout.prefix(300))")
            return
        }
        #expect(object.members.map(\.key) == ["valid", "issues", "omitted"])
        #expect(issues.count < 50)
        guard case .object(let omitted)? = object["omitted"], case .number(let errors)? = omitted["errors"] else {
            Issue.record("no omitted count: \(json.stdout.suffix(300))")
            return
        }
        // Every tag is unresolved and the prompt is too long: all of them are counted.
        #expect(Int(errors) + issues.count == 50_001)

        let text = try Executable.run("kling", ["validate", "--model", "model_kling-v3-i2v-4k", "-"], stdin: body)
        #expect(text.stdout.hasSuffix("more issues not listed (\(Int(errors)) errors)\ninvalid: 50001 errors\n"))
    }

    /// Regression: the did-you-mean search over a 1 MB unknown key took seconds.
    @Test func aMegabyteUnknownKeyIsReportedWithoutASuggestion() throws {
        let key = String(repeating: "duration", count: 131_072)
        let body = JSONValue.object(JSONObject([.init(key: "prompt", value: "x"), .init(key: key, value: 1)])).jsonText
        let result = try Executable.run("kling", ["validate", "--model", "model_kling-v1-6-pro", "-"], stdin: body)
        #expect(result.status == 1)
        #expect(result.stdout.contains("the provider rejects fields it does not know [unknown_parameter]"))
        #expect(!result.stdout.contains("did you mean"))
    }

    /// Regression: a 10,000-character unknown rule target cost most of a second of did-you-mean search.
    @Test func lintReportsAHugeUnknownRuleTargetWithoutASuggestion() throws {
        let input = try Executable.temporaryFolder()
        try FileManager.default.createDirectory(at: input.appendingPathComponent("scenario"), withIntermediateDirectories: true)
        let schema = try String(contentsOf: packageRoot.appendingPathComponent("Schemas/scenario/model_kling-v1-6-pro.json"), encoding: .utf8)
        let target = String(repeating: "startImage", count: 1_000)
        let edited = schema.replacingOccurrences(of: #""requires": "startImage""#, with: "\"requires\": \"\(target)\"")
        #expect(edited != schema)
        try Data(edited.utf8).write(to: input.appendingPathComponent("scenario/model_kling-v1-6-pro.json"))
        let lint = try Executable.run("kling-bindgen", ["lint", "--schemas", input.path])
        #expect(lint.status == 1)
        #expect(lint.stderr.contains(target))
        #expect(!lint.stderr.contains("did you mean"))
    }

    @Test func bindgenEscapesSchemaTextInDiagnostics() throws {
        let input = try Executable.temporaryFolder()
        try FileManager.default.createDirectory(at: input.appendingPathComponent("scenario"), withIntermediateDirectories: true)
        try Data(#"{"id": "m", "\u001b[2J\u001b[31mfake": 1}"#.utf8).write(to: input.appendingPathComponent("scenario/bad.json"))
        let lint = try Executable.run("kling-bindgen", ["lint", "--schemas", input.path])
        #expect(lint.status == 1)
        #expect(!hasRawControls(lint.stderr))
        #expect(lint.stderr.contains(#"\u{1B}[2J\u{1B}[31mfake"#))
    }
}
