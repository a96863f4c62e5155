import KlingCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test func keepsTypesOrderAndDuplicates() throws {
        let value = try JSONParser.parse(#"{"b": 5, "a": "5", "c": true, "b": [null, 1.5, -2e2], "d": {}}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.map(\.key) == ["b", "a", "c", "b", "d"])
        #expect(object["b"] == .number(5))
        #expect(object["a"] == .string("5"))
        #expect(object["c"] == .bool(true))
        #expect(object.members[3].value == [nil, 1.5, -200])
    }

    @Test func decodesEscapesAndUnicode() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try JSONParser.parse("\"héllo ✓\"") == .string("héllo ✓"))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a member name in double quotes"),
        ("{\n  \"a\" 1\n}", 2, 7, "expected ':' after the member name"),
        ("[1, 2", 1, 6, "unexpected end of input inside an array"),
        ("\"abc", 1, 1, "unterminated string"),
        ("{\"é\": tru}", 1, 7, "invalid literal, expected 'true'"),
        ("01", 1, 2, "unexpected text after the JSON value"),
        ("[1.]", 1, 2, "expected digits after the decimal point"),
        ("\"a\tb\"", 1, 3, "control character in a string must be escaped"),
        ("\"\\x\"", 1, 2, "invalid escape '\\x'"),
        ("", 1, 1, "unexpected end of input, expected a value"),
    ])
    func reportsTheFirstErrorWithLineAndColumn(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(message: message, line: line, column: column)) { try JSONParser.parse(text) }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func printsCompactJSONThatParsesBack() throws {
        let value: JSONValue = ["a": [1, 2.5, "x\n\"y\""], "b": nil, "c": false]
        #expect(value.jsonText == #"{"a":[1,2.5,"x\n\"y\""],"b":null,"c":false}"#)
        #expect(try JSONParser.parse(value.jsonText) == value)
    }
}

@Suite("Validation helpers")
struct ValidationHelperTests {
    @Test func suggestsTheSameNameInAnotherSpellingOrACloseOne() {
        #expect(Suggestion.closest(to: "aspect_ratio", among: ["aspectRatio", "duration"]) == "aspectRatio")
        #expect(Suggestion.closest(to: "duraton", among: ["aspectRatio", "duration"]) == "duration")
        #expect(Suggestion.closest(to: "banana", among: ["aspectRatio", "duration"]) == nil)
    }

    @Test func findsNumberedTags() {
        #expect(TagScanner.numbers(in: "@Element1 and @Element12, @Elements, @Element", prefix: "@Element", suffix: "") == [1, 12])
        #expect(TagScanner.numbers(in: "<<<image_2>>> <<<image_3>> <<<image_>>>", prefix: "<<<image_", suffix: ">>>") == [2])
        #expect(TagScanner.numbers(in: "", prefix: "@Image", suffix: "").isEmpty)
    }

    @Test func lengthsAreCountedInCodePoints() {
        var issues = IssueList()
        issues.checkLength(String(repeating: "😀", count: 3), max: 3, at: "p")
        #expect(issues.isEmpty)
        issues.checkLength(String(repeating: "😀", count: 4), max: 3, at: "p")
        #expect(issues.issues.map(\.code) == [.tooLong])
    }
}
