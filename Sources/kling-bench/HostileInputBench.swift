import Foundation
import KlingKit

/// Validation of hostile bodies, each next to parsing the same bytes: the checks must stay linear
/// (a huge unknown key's did-you-mean search, a prompt full of unresolved tags, thousands of ids).
enum HostileInputBench {
    static func body(_ members: [(String, JSONValue)]) -> Data {
        Data(JSONValue.object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) })).jsonText.utf8)
    }

    static func run() throws -> [Measurement] {
        let section = "Hostile input (kling validate's checks, median of 5, next to parsing the same body)"
        let cases: [(name: String, model: any KlingRequest.Type, body: Data)] = [
            ("1 MB unknown key", KlingV16ProRequest.self,
             body([("prompt", "x"), (String(repeating: "duration", count: 131_072), 1)])),
            ("100 KB unknown key", KlingV16ProRequest.self,
             body([("prompt", "x"), (String(repeating: "duration", count: 13_107), 1)])),
            ("950 KB prompt of unresolved tags", KlingV3ImageToVideo4KRequest.self,
             body([("prompt", .string(String(repeating: "@Element3 ", count: 95_000)))])),
            ("100,000 empty asset ids", KlingV3OmniVideoRequest.self,
             body([("prompt", "x"), ("referenceImages", .array(Array(repeating: "", count: 100_000)))])),
        ]
        var results: [Measurement] = []
        for entry in cases {
            var listed = 0
            let parse = try Clock.medianSeconds(runs: 5) { _ = try JSONParser.parse(entry.body) }
            let validate = try Clock.medianSeconds(runs: 5) { listed = try entry.model.validate(json: entry.body).issues.count }
            results.append(Measurement(
                section: section, name: "\(entry.name): validate(json:) (\(listed) issues listed)", value: validate * 1000, unit: " ms",
                baseline: ("parse only", parse * 1000)
            ))
        }
        return results
    }
}
