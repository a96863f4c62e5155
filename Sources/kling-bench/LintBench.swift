import Foundation
import KlingCore
import KlingSchema

/// The linter on a hostile schema with 20,000 sources (and a duplicate key and an unknown source,
/// whose checks were once quadratic), next to parsing the same bytes as JSON: linting must stay a
/// small multiple of reading.
enum LintBench {
    static func run() throws -> [Measurement] {
        let count = 20_000
        var sources = (0..<count).map { JSONObject.Member(key: "page\($0)", value: ["title": "Page", "url": "https://example.com"]) }
        sources.append(JSONObject.Member(key: "page7", value: ["title": "Page", "url": "https://example.com"]))
        let parameters: JSONValue = .array((0..<200).map { index in
            ["name": .string("p\(index)"), "type": "string", "source": .string(index == 0 ? "nowhere" : "page\(index * 97)"), "description": "A parameter."]
        })
        let document: JSONValue = .object(JSONObject([
            .init(key: "id", value: "model_many-sources"), .init(key: "provider", value: "scenario"), .init(key: "title", value: "Many sources"),
            .init(key: "swiftName", value: "ManySources"), .init(key: "endpoint", value: ["method": "POST", "path": "/v1/x"]),
            .init(key: "sources", value: .object(JSONObject(sources))), .init(key: "parameters", value: parameters),
        ]))
        let data = Data(document.jsonText.utf8)
        let parse = try Clock.medianSeconds(runs: 7) { _ = try JSONParser.parse(data) }
        var found = 0
        let lint = try Clock.medianSeconds(runs: 7) { found = SchemaReader.lint(data, file: "many-sources.json").diagnostics.count }
        guard found == 2 else { throw CocoaError(.fileReadCorruptFile) }
        let section = "Linter on a hostile schema (\(count) sources, \(data.count / 1024) KB; median of 7)"
        return [
            Measurement(section: section, name: "parse the file as JSON", value: parse * 1000, unit: "ms"),
            Measurement(section: section, name: "read and lint it (2 findings)", value: lint * 1000, unit: "ms",
                        baseline: ("parsing it", parse * 1000), target: "a small multiple of parsing (linear)", met: lint < parse * 10),
        ]
    }
}
