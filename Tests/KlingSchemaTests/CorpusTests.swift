import Foundation
import KlingJSON
import KlingSchema
import Testing

/// The broken schemas in `Corpus/`, each with its expected diagnostics in `<name>.expected`:
///
/// - `path: message`: an error at that JSON path with exactly that message;
/// - `path: warning: message`: a warning at that JSON path with exactly that message;
/// - `path: ~fragment`: a diagnostic at that path whose message contains the fragment;
/// - `schema.json: accepts|rejects`: whether `Schemas/schema.json` accepts the file (the linter
///   checks more than a JSON Schema can, so some broken files are valid JSON Schema instances);
/// - `#` starts a comment.
///
/// The diagnostics must match the lines one to one, in order.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    struct Expected: Sendable, CustomStringConvertible {
        var path: String
        var message: String
        var isFragment: Bool
        var severity: Diagnostic.Severity

        func matches(_ diagnostic: Diagnostic) -> Bool {
            diagnostic.path == path && diagnostic.severity == severity
                && (isFragment ? diagnostic.message.contains(message) : diagnostic.message == message)
        }

        var description: String { "\(path): \(severity == .warning ? "warning: " : "")\(isFragment ? "~" : "")\(message)" }
    }

    let name: String
    var testDescription: String { name }

    var file: String { name + ".json" }
    var url: URL { Fixtures.corpusDirectory.appendingPathComponent(file) }
    var expectationsURL: URL { Fixtures.corpusDirectory.appendingPathComponent(name + ".expected") }

    /// Every corpus file's name, sorted.
    static let all: [CorpusCase] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.corpusDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { CorpusCase(name: String($0.dropLast(".json".count))) }.sorted { $0.name < $1.name }
    }()

    struct Expectations {
        var diagnostics: [Expected] = []
        var formatSchemaAccepts: Bool?
    }

    func expectations() throws -> Expectations {
        var result = Expectations()
        let text = try String(contentsOf: expectationsURL, encoding: .utf8)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("schema.json: ") {
                let verdict = line.dropFirst("schema.json: ".count)
                try #require(verdict == "accepts" || verdict == "rejects", "\(name).expected: bad line \(line)")
                result.formatSchemaAccepts = verdict == "accepts"
                continue
            }
            let separator = try #require(line.range(of: ": "), "\(name).expected: bad line \(line)")
            let path = String(line[..<separator.lowerBound])
            var message = String(line[separator.upperBound...])
            let severity: Diagnostic.Severity = message.hasPrefix("warning: ") ? .warning : .error
            if severity == .warning { message.removeFirst("warning: ".count) }
            let isFragment = message.hasPrefix("~")
            if isFragment { message.removeFirst() }
            result.diagnostics.append(Expected(path: path, message: message, isFragment: isFragment, severity: severity))
        }
        return result
    }

    func diagnostics() throws -> [Diagnostic] {
        Lint.diagnostics(try Data(contentsOf: url), file: file)
    }
}

@Suite("Corpus of broken schemas")
struct CorpusTests {
    @Test("The corpus is present and every file comes with its expectations")
    func corpusIsComplete() throws {
        #expect(CorpusCase.all.count >= 30)
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpusDirectory.path)
        let schemas = Set(files.filter { $0.hasSuffix(".json") }.map { $0.dropLast(".json".count) })
        let expectations = Set(files.filter { $0.hasSuffix(".expected") }.map { $0.dropLast(".expected".count) })
        #expect(schemas == expectations, "every <name>.json needs a <name>.expected and vice versa")
        #expect(files.allSatisfy { $0.hasSuffix(".json") || $0.hasSuffix(".expected") }, "unexpected files: \(files)")
    }

    @Test("Each broken schema yields exactly its expected diagnostics, in order", arguments: CorpusCase.all)
    func expectedDiagnostics(_ corpus: CorpusCase) throws {
        let expected = try corpus.expectations()
        let actual = try corpus.diagnostics()
        #expect(!expected.diagnostics.isEmpty, "a corpus file is broken, so it expects at least one diagnostic")
        let report = "actual diagnostics:\n" + Lint.rendered(actual)
        #expect(actual.count == expected.diagnostics.count, Comment(rawValue: report))
        for (index, (diagnostic, expectation)) in zip(actual, expected.diagnostics).enumerated() {
            #expect(expectation.matches(diagnostic), "diagnostic \(index): expected \(expectation), got \(diagnostic.path): \(diagnostic.message)")
        }
        #expect(actual.allSatisfy { $0.file == corpus.file })
    }

    @Test("Every diagnostic's path points at a value in the file", arguments: CorpusCase.all)
    func pathsResolve(_ corpus: CorpusCase) throws {
        let diagnostics = try corpus.diagnostics()
        guard let document = try? Fixtures.json(corpus.url) else {
            // Malformed JSON: the one diagnostic is at the root.
            #expect(diagnostics.map(\.path) == ["$"])
            return
        }
        for diagnostic in diagnostics {
            let steps = try #require(PathStep.parse(diagnostic.path), "malformed path \(diagnostic.path)")
            #expect(document.value(at: steps) != nil, "\(diagnostic.path) is not in \(corpus.file)")
        }
    }

    @Test("Diagnostics come in document order", arguments: CorpusCase.all)
    func documentOrder(_ corpus: CorpusCase) throws {
        guard let document = try? Fixtures.json(corpus.url) else { return }
        let order = DocumentOrder(document)
        let positions = try corpus.diagnostics().map { order.position(of: $0.path) }
        #expect(positions == positions.sorted(), "positions \(positions)")
    }

    @Test("A file with many faults reports every one, not the first")
    func manyFaults() throws {
        let corpus = CorpusCase(name: "many-faults")
        let diagnostics = try corpus.diagnostics()
        #expect(diagnostics.count == 21)
        // Faults from every part of the file: the model, parameters, nested specs, rules, conditions.
        let paths = diagnostics.map(\.path)
        for prefix in ["$.provider", "$.endpoint", "$.parameters[5].items.fields", "$.rules[1].conditions[0]", "$.summery"] {
            #expect(paths.contains { $0.hasPrefix(prefix) }, "no diagnostic under \(prefix)")
        }
        // The last member of the file is reported last, although the reader meets it first.
        #expect(paths.last == "$.summery")
    }

    @Test("A broken file's error description lists file, path and message of every diagnostic")
    func errorDescription() throws {
        let data = try Data(contentsOf: CorpusCase(name: "requires-itself").url)
        let error = #expect(throws: SchemaErrors.self) { try SchemaReader.read(data, file: "scenario/model_test.json") }
        #expect(error?.description == """
            scenario/model_test.json: $.rules[0].requires: a parameter cannot require itself
            scenario/model_test.json: $.rules[1]: missing required member `requires`
            """)
    }
}

/// The position of each value of a document in reading order, by JSON path.
struct DocumentOrder {
    private var positions: [String: Int] = [:]

    init(_ document: JSONValue) {
        visit(document, at: "$")
    }

    private mutating func visit(_ value: JSONValue, at path: String) {
        if positions[path] == nil { positions[path] = positions.count }
        switch value {
        case .object(let object):
            for member in object.members { visit(member.value, at: Self.member(member.key, of: path)) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { visit(element, at: "\(path)[\(index)]") }
        default:
            break
        }
    }

    func position(of path: String) -> Int {
        positions[path] ?? -1
    }

    /// A member's path as diagnostics write it: `.name` for an identifier-like name, `["name"]` otherwise.
    static func member(_ name: String, of path: String) -> String {
        let isPlain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
        }
        return isPlain ? "\(path).\(name)" : "\(path)[\"\(name.replacingOccurrences(of: "\"", with: "\\\""))\"]"
    }
}
