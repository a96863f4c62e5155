import Foundation
import KlingJSON
@testable import KlingSchema
import Testing

@Suite("The reader builds the model; the linter checks it")
struct ReaderLinterTests {
    /// A schema that is well formed but breaks the format's rules in ways only the linter checks.
    static let linted = Skeleton.model(parameters: [
        Skeleton.prompt,
        Skeleton.parameter("duration", "integer", [("minimum", 10), ("maximum", 5), ("default", 20)]),
        Skeleton.parameter("model", "string", [("const", "a"), ("values", ["a", "b"])]),
        Skeleton.parameter("prompt", "string"),
    ], rules: [
        ["kind": "requires", "param": "endImage", "requires": "prompt"],
        ["kind": "mutuallyExclusive", "conditions": [["param": "duration", "equals": 12], ["param": "model", "sent": true]]],
    ])

    @Test("The reader alone builds the model from a schema with lint faults and reports none of them")
    func readerKeepsWhatOnlyTheLinterChecks() throws {
        let draft = SchemaReader.draft(Self.linted, file: "test.json")
        #expect(draft.diagnostics.isEmpty)
        let model = try #require(draft.model)
        #expect(model.parameters.map(\.name) == ["prompt", "duration", "model", "prompt"], "a duplicate name is the linter's to report")
        let duration = model.parameters[1].value
        #expect(duration.minimum == 10 && duration.maximum == 5)
        #expect(model.parameters[1].defaultValue == .number(20))
        #expect(model.parameters[2].value.constant == "a" && model.parameters[2].value.choices?.values.map(\.value) == ["a", "b"])
        #expect(model.rules.map(\.kind.schemaName) == ["requires", "mutuallyExclusive"], "a rule naming an unknown parameter is still read")
    }

    @Test("Linting the draft reports the faults the reader let through, at their paths")
    func linterReportsOnTheDraft() {
        let draft = SchemaReader.draft(Self.linted, file: "test.json")
        #expect(SchemaLinter.lint(draft).map(\.description) == [
            "test.json: $.parameters[1].minimum: minimum 10 is above maximum 5",
            "test.json: $.parameters[1].default: the default 20 is above the maximum 5",
            "test.json: $.parameters[2].const: a constant has no `values`: it is always its one value",
            "test.json: $.parameters[3].name: duplicate parameter name \"prompt\" (first at $.parameters[0])",
            "test.json: $.rules[0].param: the rule names \"endImage\", which is not a parameter here",
            "test.json: $.rules[1].conditions[0].equals: the compared value 12 is above the maximum 5",
        ])
        let result = SchemaReader.lint(Self.linted, file: "test.json")
        #expect(result.value == nil)
        #expect(result.diagnostics.count == 6)
    }

    @Test("Structural faults are the reader's alone; the linter still checks the parts that were read")
    func structuralFaultsAreTheReaders() {
        let document = Skeleton.model(parameters: [
            Skeleton.prompt.setting("colour", to: "red"),
            Skeleton.parameter("speed", "strin"),
            Skeleton.parameter("count", "integer", [("default", -1), ("minimum", 0)]),
        ], rules: [["kind": "requires", "param": 3, "requires": "speed"]])
        let draft = SchemaReader.draft(document, file: "test.json")
        #expect(draft.model != nil, "the model is built from the parameters and rules that could be read")
        #expect(draft.model?.parameters.map(\.name) == ["prompt", "count"])
        #expect(draft.model?.rules.isEmpty == true)
        #expect(draft.diagnostics.map(\.path) == ["$.parameters[0].colour", "$.parameters[1].type", "$.rules[0].param"])
        #expect(SchemaLinter.lint(draft).map(\.description) == [
            "test.json: $.parameters[2].default: the default -1 is below the minimum 0",
        ], "a rule naming a parameter whose type could not be read reports nothing more")
    }

    @Test("A member the reader reports as not applying is still linted: both findings, the reader's first")
    func misplacedMemberIsStillLinted() {
        let document = Skeleton.model(parameters: [Skeleton.prompt, Skeleton.parameter("style", "string", [("typeName", "style")])])
        #expect(Lint.diagnostics(document).map(\.message) == [
            "`typeName` applies to an object or a string with `values`; this is string",
            "\"style\" is not a Swift type name (a letter A-Z, then letters and digits)",
        ])
    }

    @Test("The linter alone reports on a model built in code, at the paths of each element's index")
    func linterOnAModelBuiltInCode() {
        let mode = ValueSpec(type: .string, choices: Choices(values: [Choices.Value(value: "std"), Choices.Value(value: "pro"), Choices.Value(value: "std")],
                                                             valueSet: .documented, typeName: nil, ignoresCase: false, acceptsIntegerForm: false))
        let schema = ModelSchema(
            file: "built.json", id: "model_built", provider: .scenario, title: "Built", swiftName: "built",
            summary: nil, endpoint: ModelSchema.Endpoint(method: "POST", path: "/v1/built"),
            sources: [ModelSchema.Source(key: "seed", title: "Seed", url: "https://example.com")], notes: [],
            parameters: [
                Parameter(name: "prompt", swiftName: nil, description: "The prompt.", source: "seed", isRequired: true,
                          defaultValue: nil, note: nil, value: ValueSpec(type: .string)),
                Parameter(name: "mode", swiftName: nil, description: "The mode.", source: "page", isRequired: false,
                          defaultValue: .string("4k"), note: nil, value: mode),
            ],
            rules: [
                Rule(kind: .mutuallyExclusive([Condition(parameter: "mode", test: .equals("std")), Condition(parameter: "mode", test: .equals("pro"))]),
                     source: nil, description: nil),
                Rule(kind: .ignoredWhen(parameter: "prompt", when: Condition(parameter: "mode", test: .sent)), source: nil, description: nil),
            ])
        #expect(SchemaLinter.lint(schema).map(\.line) == [
            "error: built.json: $.swiftName: \"built\" is not a Swift type name (a letter A-Z, then letters and digits)",
            "error: built.json: $.parameters[1].source: unknown source \"page\"; the schema's `sources` are: seed",
            "error: built.json: $.parameters[1].values[2]: duplicate value \"std\"",
            "error: built.json: $.parameters[1].default: the default \"4k\" is not one of the values: \"std\", \"pro\"",
            "warning: built.json: $.rules[0].conditions: this rule can never fire: `mode` cannot equal \"std\" and \"pro\" at once",
            "warning: built.json: $.rules[1].param: \"prompt\" is required, so every request sends it: this warns on every request the condition holds for",
        ])
    }

    @Test("A schema with warnings only still reads, warnings kept")
    func warningsOnlyStillRead() throws {
        let url = Fixtures.corpusDirectory.appendingPathComponent("rules-that-never-fire.json")
        let result = SchemaReader.lint(try Data(contentsOf: url), file: "rules-that-never-fire.json")
        #expect(!result.diagnostics.isEmpty && result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(result.value?.rules.count == 9)
    }
}
