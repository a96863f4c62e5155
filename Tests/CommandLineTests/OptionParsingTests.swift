import CommandLineKit
import Testing

@Suite("Options declared once and read by their constant")
struct OptionParsingTests {
    static let model = ValueOption("model", value: "id", help: "The model.")
    static let format = ValueOption("format", value: "text|json", default: "text", help: "The format.")
    static let check = FlagOption("check", help: "Check only.")
    static let spec = CommandSpec(
        name: "tool run", abstract: "Runs.", arguments: [.init("file", help: "A file.")], options: [model, format, check]
    )

    @Test func valuesFlagsAndDefaultsAreReadByTheirConstants() throws {
        let parsed = try Self.spec.parse(["--model", "a", "--model=b", "--check", "body.json"])
        #expect(parsed[Self.model] == "b")
        #expect(parsed.values(of: Self.model) == ["a", "b"])
        #expect(parsed[Self.check])
        #expect(parsed[Self.format] == "text")
        #expect(!parsed.isGiven(Self.format))
        #expect(parsed.positionals == ["body.json"])
        #expect(try parsed.required(Self.model) == "b")
    }

    @Test func anAbsentOptionIsNilOrAUsageError() throws {
        let parsed = try Self.spec.parse(["body.json"])
        #expect(parsed[Self.model] == nil)
        #expect(!parsed[Self.check])
        #expect(throws: UsageError.self) { try parsed.required(Self.model) }
    }

    @Test func badUsageIsAnError() {
        #expect(throws: UsageError.self) { try Self.spec.parse(["--modle", "a", "body.json"]) }
        #expect(throws: UsageError.self) { try Self.spec.parse(["--check=yes", "body.json"]) }
        #expect(throws: UsageError.self) { try Self.spec.parse(["body.json", "--model"]) }
        #expect(throws: UsageError.self) { try Self.spec.parse([]) }
    }

    @Test func helpListsEveryDeclaredOption() {
        let help = Self.spec.help
        #expect(help.contains("--model <id>"))
        #expect(help.contains("--format <text|json>"))
        #expect(help.contains("(default: text)"))
        #expect(help.contains("--check"))
    }
}
