import Foundation
import KlingJSON
@testable import KlingSchema
import KlingTestSupport
import Testing

@Suite("Warnings: schemas that work but probably do not mean what they say")
struct LintWarningTests {
    static let images = Skeleton.parameter("images", "array", [("items", ["type": "assetId"]), ("maxItems", 2)])
    static let video = Skeleton.parameter("video", "assetId")

    @Test("An ignoredWhen on a required parameter warns, and the schema still reads")
    func ignoredWhenOnRequired() throws {
        let document = Skeleton.model(parameters: [Skeleton.prompt, Self.video],
                                      rules: [["kind": "ignoredWhen", "param": "prompt", "when": ["param": "video", "sent": true]]])
        let result = SchemaReader.lint(Data(document.jsonText.utf8), file: "test.json")
        #expect(result.diagnostics == [Diagnostic(
            file: "test.json", path: "$.rules[0].param",
            message: "\"prompt\" is required, so every request sends it: this warns on every request the condition holds for", severity: .warning
        )])
        #expect(result.value?.rules.count == 1, "a warning does not stop the schema from being read")
        #expect(try SchemaReader.read(Data(document.jsonText.utf8), file: "test.json").rules.count == 1)
    }

    @Test("A requires whose dependency is required can never fire")
    func requiresRequired() {
        let document = Skeleton.model(parameters: [Skeleton.prompt, Self.video], rules: [["kind": "requires", "param": "video", "requires": "prompt"]])
        #expect(Lint.diagnostics(document) == [Diagnostic(
            file: "test.json", path: "$.rules[0].requires", message: "this rule can never fire: \"prompt\" is required, so it is always sent", severity: .warning
        )])
    }

    @Test("A maxTotalItems the parameters can never exceed can never fire; one they can exceed is fine")
    func maxTotalItemsCapacity() {
        let never = Skeleton.model(parameters: [Skeleton.prompt, Self.images, Self.video],
                                   rules: [["kind": "maxTotalItems", "params": ["images", "video"], "max": 3]])
        #expect(Lint.diagnostics(never) == [Diagnostic(
            file: "test.json", path: "$.rules[0].max", message: "this rule can never fire: `images` + `video` hold at most 3 items together", severity: .warning
        )])
        let fires = Skeleton.model(parameters: [Skeleton.prompt, Self.images, Self.video],
                                   rules: [["kind": "maxTotalItems", "params": ["images", "video"], "max": 2]])
        #expect(Lint.diagnostics(fires).isEmpty)
        let unbounded = Skeleton.model(parameters: [Skeleton.prompt, Skeleton.parameter("list", "array", [("items", ["type": "url"])])],
                                       rules: [["kind": "maxTotalItems", "params": ["list"], "max": 1]])
        #expect(Lint.diagnostics(unbounded).isEmpty)
    }

    @Test("A set with warnings only reads; a set with an error reports the warnings with it")
    func warningsInASet() throws {
        let folder = try TemporaryFolder()
        let warned = Skeleton.model(parameters: [Skeleton.prompt, Self.video], rules: [["kind": "requires", "param": "video", "requires": "prompt"]])
        try folder.write("scenario/a.json", warned)
        #expect(try SchemaSet.read(directory: folder.url).count == 1)
        try folder.write("scenario/b.json", warned.setting("provider", to: "fal"))
        let error = #expect(throws: SchemaErrors.self) { try SchemaSet.read(directory: folder.url) }
        #expect(error?.diagnostics.map(\.file) == ["scenario/a.json", "scenario/b.json", "scenario/b.json"])
        #expect(error?.diagnostics.map(\.severity) == [.warning, .error, .warning])
        #expect(error?.errors.map(\.path) == ["$.provider"])
    }
}

@Suite("Errors for what the generator cannot compile")
struct UncompilableSchemaTests {
    @Test("A constant with values")
    func constantWithValues() {
        let document = Skeleton.model(parameters: [
            Skeleton.prompt, Skeleton.parameter("model", "string", [("required", true), ("const", "a"), ("values", ["a", "b"])]),
        ])
        #expect(Lint.diagnostics(document) == [Diagnostic(
            file: "test.json", path: "$.parameters[1].const", message: "a constant has no `values`: it is always its one value"
        )])
    }
}

@Suite("Hostile schemas: bounded depth and linear costs")
struct HostileSchemaTests {
    /// A parameter whose value nests `depth` arrays deep.
    static func nested(depth: Int) -> JSONValue {
        var value: JSONValue = ["type": "string"]
        for _ in 1..<depth { value = ["type": "array", "items": value] }
        guard case .object(var object) = value else { return value }
        for (key, member) in [("name", "deep"), ("source", "seed"), ("description", "Deep.")] as [(String, JSONValue)] {
            object.members.append(JSONObject.Member(key: key, value: member))
        }
        return .object(object)
    }

    /// The findings of linting `document` on a 512 KB stack. The document is built (and freed) on the
    /// test's own thread: this measures the linter, not the JSON parser.
    static func lintOnSmallStack(_ document: JSONValue) throws -> [Diagnostic] {
        try onSmallStack { SchemaReader.lint(document, file: "test.json").diagnostics }
    }

    @Test("Nesting past the limit is one diagnostic at the first level too deep, also on a 512 KB stack")
    func deepNesting() throws {
        let diagnostics = try Self.lintOnSmallStack(Skeleton.model(parameters: [Skeleton.prompt, Self.nested(depth: 200)]))
        let path = "$.parameters[1]" + String(repeating: ".items", count: SchemaReader.maximumNesting)
        #expect(diagnostics == [Diagnostic(
            file: "test.json", path: path,
            message: "nested more than \(SchemaReader.maximumNesting) levels deep (through `items`, `fields` and `content`); flatten the value"
        )])
        #expect(try Self.lintOnSmallStack(Skeleton.model(parameters: [Skeleton.prompt, Self.nested(depth: SchemaReader.maximumNesting)])).isEmpty)
    }

    @Test("Objects nested in objects are bounded the same way")
    func deepObjects() throws {
        var value: JSONValue = ["name": "leaf", "type": "string", "description": "Leaf."]
        for _ in 0..<200 { value = ["name": "node", "type": "object", "description": "Node.", "fields": [value]] }
        let parameter = value.setting("source", to: "seed")
        let diagnostics = try Self.lintOnSmallStack(Skeleton.model(parameters: [Skeleton.prompt, parameter]))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.path.hasPrefix("$.parameters[1].fields[0].fields[0]") == true)
        #expect(diagnostics.first?.message.hasPrefix("nested more than") == true)
    }

    @Test("20,000 sources: a duplicate key is found, and an unknown source lists ten keys and a count")
    func manySources() {
        let count = 20_000
        var sources = (0..<count).map { JSONObject.Member(key: "page\($0)", value: ["title": "T", "url": "https://example.com"]) }
        sources.append(JSONObject.Member(key: "page7", value: ["title": "T", "url": "https://example.com"]))
        let document = Skeleton.model(parameters: [Skeleton.prompt.setting("source", to: "nowhere")])
            .setting("sources", to: .object(JSONObject(sources)))
        let diagnostics = Lint.diagnostics(document)
        #expect(diagnostics.map(\.path) == ["$.sources.page7", "$.parameters[0].source"])
        #expect(diagnostics.first?.message == "source `page7` appears more than once")
        #expect(diagnostics.last?.message == "unknown source \"nowhere\"; the schema's `sources` are: "
            + (0..<10).map { "page\($0)" }.joined(separator: ", ") + " and \(count - 10) more")
    }

    /// Runs `body` on a thread with a 512 KB stack (the size of secondary threads on Apple platforms)
    /// and waits for it to end; what it captures is released here, after the thread has ended
    /// (freeing a deeply nested JSON value recurses too).
    static func onSmallStack(_ body: @escaping @Sendable () -> [Diagnostic]) throws -> [Diagnostic] {
        try #require(SmallStack.run(body))
    }
}

@Suite("Findings in document order")
struct DocumentOrderTests {
    @Test("A path's prefixes, quoted member names included")
    func prefixes() {
        #expect(JSONPath.prefixes(of: "$.a[2].b") == ["$", "$.a", "$.a[2]", "$.a[2].b"])
        #expect(JSONPath.prefixes(of: #"$["x.y[\"z"].c"#) == ["$", #"$["x.y[\"z"]"#, #"$["x.y[\"z"].c"#])
        #expect(JSONPath.prefixes(of: "$") == ["$"])
    }

    @Test("Findings under quoted member names sort by where they are")
    func quotedMembers() {
        let document: JSONValue = ["z.1": ["a": 1], "a[0]": ["b": 2], "m": 3]
        let diagnostics = [#"$["a[0]"].b"#, "$.m", #"$["z.1"].a"#].map { Diagnostic(file: "f", path: $0, message: "x") }
        #expect(JSONPath.inDocumentOrder(diagnostics, of: document).map(\.path) == [#"$["z.1"].a"#, #"$["a[0]"].b"#, "$.m"])
    }
}
