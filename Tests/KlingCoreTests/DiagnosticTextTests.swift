import KlingTestSupport
@testable import DiagnosticText
import Testing

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    @Test func suggestsTheSameNameInAnotherSpellingOrACloseOne() {
        #expect(Suggestion.closest(to: "aspect_ratio", among: ["aspectRatio", "duration"]) == "aspectRatio")
        #expect(Suggestion.closest(to: "duraton", among: ["aspectRatio", "duration"]) == "duration")
        #expect(Suggestion.closest(to: "banana", among: ["aspectRatio", "duration"]) == nil)
        #expect(Suggestion.closest(to: "", among: ["ab", "abc"]) == "ab")
        #expect(Suggestion.closest(to: "promptLenght", among: ["prompt", "promptLength", "promptLengthRange"]) == "promptLength")
    }

    @Test func prefersTheClosestCandidate() {
        #expect(Suggestion.closest(to: "mod", among: ["model", "mode"]) == "mode")
        #expect(Suggestion.closest(to: "negativ_prompt", among: ["prompt", "negativePrompt"]) == "negativePrompt")
    }

    /// Regression: a 1 MB unknown key cost seconds of edit distance against every known name.
    @Test func aHugeNameIsNotComparedByEditDistance() {
        let huge = String(repeating: "durationx", count: 120_000)
        #expect(Suggestion.closest(to: huge, among: ["duration", "prompt", String(repeating: "d", count: 1000)]) == nil)
        let long = String(repeating: "a", count: Suggestion.maximumComparedLength + 1)
        #expect(Suggestion.closest(to: long, among: [long + "b"]) == nil)
        #expect(Suggestion.closest(to: long, among: [long.uppercased()]) == long.uppercased())
    }

    /// The banded distance agrees with the full Levenshtein distance wherever it is within the bound.
    @Test func boundedDistanceMatchesTheFullDistance() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "é"]
        for _ in 0..<2000 {
            let a = (0..<Int(generator.next() % 9)).map { _ in alphabet[Int(generator.next() % 4)] }
            let b = (0..<Int(generator.next() % 9)).map { _ in alphabet[Int(generator.next() % 4)] }
            let bound = Int(generator.next() % 5)
            let full = levenshtein(a, b)
            let banded = Suggestion.editDistance(a, b, atMost: bound)
            #expect(banded == (full <= bound ? full : nil), "\(a) \(b) bound \(bound)")
        }
    }

    private func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var next = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            row = next
        }
        return row[b.count]
    }
}

@Suite("Terminal-safe text")
struct TerminalTextTests {
    @Test func controlsBecomeVisibleEscapes() {
        #expect(TerminalText.escaped("\u{1B}[2J\u{1B}[31mfake") == #"\u{1B}[2J\u{1B}[31mfake"#)
        #expect(TerminalText.escaped("a\u{7F}b\u{9B}c\u{202E}d\u{2067}e\u{0}") == #"a\u{7F}b\u{9B}c\u{202E}d\u{2067}e\u{0}"#)
        #expect(TerminalText.escaped("line\nnext\r\tx") == #"line\u{A}next\u{D}\u{9}x"#)
        #expect(TerminalText.escaped("line\nnext\r\tx", keepingLineBreaks: true) == "line\nnext\\u{D}\tx")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["", "prompt", "héllo ✓ 😀 日本語", "a\\b", #"C:\path"#] {
            #expect(TerminalText.escaped(text) == text)
        }
    }

    @Test func anEscapeCannotBeForged() {
        // A literal `\u{1B}` in the input stays distinguishable from an escaped ESC.
        #expect(TerminalText.escaped(#"\u{1B}"#) == #"\\u{1B}"#)
        #expect(TerminalText.escaped(#"\u{1B}"#) != TerminalText.escaped("\u{1B}"))
    }

    @Test func everyEscapedScalarIsGone() {
        let all = String(String.UnicodeScalarView((0...0x2100).compactMap(Unicode.Scalar.init)))
        #expect(!TerminalText.escaped(all).unicodeScalars.contains { TerminalText.needsEscaping($0) })
    }
}
