import DiagnosticText
import KlingCore
import KlingTestSupport
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
        ("[1e-400]", 1, 2, "number out of range (too small to represent; it would read as 0)"),
        ("-0.5e-330", 1, 1, "number out of range (too small to represent; it would read as 0)"),
        ("1e400", 1, 1, "number out of range"),
    ])
    func reportsTheFirstErrorWithLineAndColumn(text: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONSyntaxError(message: message, line: line, column: column)) { try JSONParser.parse(text) }
    }

    @Test func skipsAUTF8ByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)) == ["a": 1])
        // Columns count from after the mark.
        #expect(throws: JSONSyntaxError(message: "expected ':' after the member name", line: 1, column: 6)) {
            try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a" 1}"#.utf8))
        }
        // Only at the start, and only once.
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("1".utf8)) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("1".utf8) + [0xEF, 0xBB, 0xBF]) }
    }

    @Test func invalidUTF8IsReportedAtTheOffendingByte() {
        func column(_ bytes: [UInt8]) -> Int? {
            do {
                _ = try JSONParser.parse(bytes)
                return nil
            } catch {
                #expect(error.message == "invalid UTF-8 in a string")
                return error.column
            }
        }
        let quote = UInt8(ascii: "\"")
        #expect(column([quote, 0x61, 0x62, 0xFF, 0x63, quote]) == 4)
        // After an escape, and after valid multi-byte characters (columns count characters).
        #expect(column([quote] + Array(#"\n"#.utf8) + [0xC3, 0xA9, 0xC3, 0x28, quote]) == 5)
        // Overlong forms, surrogates and a sequence cut short by the closing quote.
        #expect(column([quote, 0xC0, 0xAF, quote]) == 2)
        #expect(column([quote, 0x61, 0xED, 0xA0, 0x80, quote]) == 3)
        #expect(column([quote, 0x61, 0x62, 0xE2, 0x82, quote]) == 4)
        #expect(column([quote, 0xF4, 0x90, 0x80, 0x80, quote]) == 2)
        #expect((try? JSONParser.parse([quote, 0xF0, 0x9F, 0x98, 0x80, quote])) == .string("😀"))
    }

    /// Strings are scanned eight bytes at a time: whatever ends that scan (a quote, a backslash, a
    /// control character, a byte that is not ASCII, valid or not) is found at every offset in a word.
    @Test func whatEndsAPlainRunIsFoundAtEveryOffset() {
        let quote = UInt8(ascii: "\"")
        for offset in 0..<20 {
            let run = Array(repeating: UInt8(ascii: "a"), count: offset)
            let text = String(decoding: run, as: UTF8.self)
            #expect((try? JSONParser.parse([quote] + run + [quote])) == .string(text))
            #expect((try? JSONParser.parse([quote] + run + Array(#"\"x"#.utf8) + [quote])) == .string(text + "\"x"))
            #expect((try? JSONParser.parse([quote] + run + [0xC3, 0xA9] + run + [quote])) == .string(text + "é" + text))
            #expect(throws: JSONSyntaxError(message: "control character in a string must be escaped", line: 1, column: offset + 2)) {
                try JSONParser.parse([quote] + run + [0x1F] + run + [quote])
            }
            #expect(throws: JSONSyntaxError(message: "invalid UTF-8 in a string", line: 1, column: offset + 2)) {
                try JSONParser.parse([quote] + run + [0xFF] + run + [quote])
            }
            #expect(throws: JSONSyntaxError(message: "unterminated string", line: 1, column: 1)) {
                try JSONParser.parse([quote] + run)
            }
            // The same after an escape, where runs are copied between escapes.
            let escaped = [quote] + Array(#"\n"#.utf8)
            #expect((try? JSONParser.parse(escaped + run + [0xC3, 0xA9] + Array(#"\t"#.utf8) + run + [quote])) == .string("\n" + text + "é\t" + text))
            #expect(throws: JSONSyntaxError(message: "control character in a string must be escaped", line: 1, column: offset + 4)) {
                try JSONParser.parse(escaped + run + [0x1F] + run + [quote])
            }
            #expect(throws: JSONSyntaxError(message: "invalid UTF-8 in a string", line: 1, column: offset + 4)) {
                try JSONParser.parse(escaped + run + [0xFF] + run + [quote])
            }
            #expect(throws: JSONSyntaxError(message: "unterminated string", line: 1, column: 1)) {
                try JSONParser.parse(escaped + run)
            }
            // Bytes that hold a quote's, a backslash's or a control character's value in their low
            // bits, inside valid characters, end nothing.
            #expect((try? JSONParser.parse([quote] + run + Array("âœ¢ÜŸܐ".utf8) + [quote])) == .string(text + "âœ¢ÜŸܐ"))
        }
    }

    @Test func zeroWrittenWithAnExponentIsStillZero() throws {
        #expect(try JSONParser.parse("0e-400") == .number(0))
        #expect(try JSONParser.parse("-0.000e999") == .number(0))
        #expect(try JSONParser.parse("5e-324") != .number(0))
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func escapesTerminalControlsInJSONTextAndReadsThemBack() throws {
        let hostile: JSONValue = ["\u{1B}[2J\u{1B}[31mfake": "\u{7F}\u{9B}\u{202E}\u{2066}é"]
        let text = hostile.jsonText
        #expect(text == #"{"\u001b[2J\u001b[31mfake":"\u007f\u009b\u202e\u2066é"}"#)
        #expect(!text.unicodeScalars.contains { TerminalText.needsEscaping($0) })
        #expect(try JSONParser.parse(text) == hostile)
    }

    @Test func printsCompactJSONThatParsesBack() throws {
        let value: JSONValue = ["a": [1, 2.5, "x\n\"y\""], "b": nil, "c": false]
        #expect(value.jsonText == #"{"a":[1,2.5,"x\n\"y\""],"b":null,"c":false}"#)
        #expect(try JSONParser.parse(value.jsonText) == value)
    }
}

@Suite("Validation helpers")
struct ValidationHelperTests {
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

@Suite("Deeply nested JSON on a small stack")
struct DeepNestingTests {
    static func nested(depth: Int) -> String {
        String(repeating: #"{"a": ["#, count: depth / 2) + "1" + String(repeating: "]}", count: depth / 2)
    }

    @Test("The deepest document the parser accepts is parsed, compared and freed on a 512 KB stack")
    func deepestAcceptedDocumentFitsASmallStack() throws {
        let depth = JSONParser.maximumDepth
        let text = #"{"prompt": "p", "extra": "# + Self.nested(depth: depth - 2) + "}"
        let outcome = SmallStack.run { () -> Bool in
            guard let value = try? JSONParser.parse(text) else { return false }
            let copy = value  // a second reference, released with the first
            return copy == value
        }
        #expect(outcome == true)
    }

    @Test("One level more is an error, not a crash")
    func oneLevelMoreIsAnError() {
        let text = Self.nested(depth: JSONParser.maximumDepth + 2)
        let message = SmallStack.run { () -> String? in
            do {
                _ = try JSONParser.parse(text)
                return nil
            } catch let error as JSONSyntaxError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message == "nesting deeper than \(JSONParser.maximumDepth)")
    }
}
