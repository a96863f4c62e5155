import Foundation
@testable import KlingCore
import KlingJSON
import KlingKit
import KlingSchema
import Testing

/// The schema interpreter, model by model, against the reports recorded in `RecordedReports`: on
/// the smallest valid body, on every body `SampleBodies` makes to break a limit or a rule, and on a
/// deterministic set of mutations of a body that sends every parameter (each member removed, null,
/// of every other JSON type, empty, out of range, duplicated, misspelled; items and object fields
/// mutated the same way; wrong root types), every issue, its order and its words must be those
/// recorded. Set `KLING_RECORD_REPORTS=1` to print the recording of the current reports instead.
@Suite("The schema interpreter reports what was recorded")
struct SchemaValidatorTests {
    /// Whether this run prints a new recording rather than checking the one in `RecordedReports`.
    static let isRecording = ProcessInfo.processInfo.environment["KLING_RECORD_REPORTS"] == "1"

    /// The bodies of one model with their labels, as recorded.
    static func bodies(_ id: String) throws -> [(String, JSONValue)] {
        SchemaBodyMutations(schema: try CatalogueModelTests.schema(id)).bodies
    }

    /// The digest of a validator's reports on `bodies`.
    static func digest(_ bodies: [(String, JSONValue)], _ validate: (JSONValue) -> ValidationReport) -> ReportDigest {
        var digest = ReportDigest()
        for (label, body) in bodies { digest.add(label: label, validate(body)) }
        return digest
    }

    @Test(.disabled(if: isRecording)) func everyModelIsRecorded() {
        #expect(Set(recordedReports.keys) == Set(CatalogueModelTests.ids), "models added or removed: re-record with KLING_RECORD_REPORTS=1")
    }

    @Test("Every model, every body, as recorded", .disabled(if: isRecording), arguments: CatalogueModelTests.ids)
    func interpreterReportsWhatWasRecorded(_ id: String) throws {
        let schema = try CatalogueModelTests.schema(id)
        let type = try CatalogueModelTests.requestType(id)
        #expect(type.model.schemaFile == schema.file)
        let recorded = try #require(recordedReports[id], "\(id) is not recorded: re-record with KLING_RECORD_REPORTS=1")
        let validator = SchemaValidator(schema: schema)
        let bodies = try Self.bodies(id)
        #expect(bodies.count > 50, "\(id): too few bodies")
        // The bodies reach the checks: most of them are reported.
        #expect(recorded.issues > bodies.count / 2, "\(id): only \(recorded.issues) issues in \(bodies.count) bodies")
        for (what, validate) in [("SchemaValidator", validator.validate(wire:)), ("\(type).validate(wire:)", type.validate(wire:))] {
            let digest = Self.digest(bodies, validate)
            guard (digest.bodies, digest.issues, digest.digest) != (recorded.bodies, recorded.issues, recorded.digest) else { continue }
            let sample = bodies.prefix(5).map { label, body in "\(label): \(body.jsonText)\n\(validate(body))" }
            Issue.record("""
                \(id): \(what) reports \(digest); recorded: \(recorded.bodies) bodies, \(recorded.issues) issues, digest \(recorded.digest)
                The first bodies and their reports:
                \(sample.joined(separator: "\n"))
                """)
        }
    }

    /// Prints the recording of `RecordedReports.swift` from the request types' `validate(wire:)`.
    @Test(.enabled(if: isRecording)) func recordReports() throws {
        var lines: [String] = []
        for id in CatalogueModelTests.ids.sorted() {
            let type = try CatalogueModelTests.requestType(id)
            let digest = Self.digest(try Self.bodies(id), type.validate(wire:))
            lines.append("    \"\(id)\": (bodies: \(digest.bodies), issues: \(digest.issues), digest: \"\(digest.digest)\"),")
        }
        print("let recordedReports: [String: (bodies: Int, issues: Int, digest: String)] = [\n\(lines.joined(separator: "\n"))\n]")
    }

    @Test func aRichV3OmniRequestIsValidAndItsBrokenCopyReportedAlike() throws {
        let schema = try CatalogueModelTests.schema(KlingV3OmniVideoRequest.model.id)
        let shots = (1...6).map { index -> JSONValue in ["prompt": .string("Shot \(index)"), "duration": 2] }
        var body: JSONValue = [
            "prompt": "A fox in the style of <<<image_1>>> crosses the clearing from <<<image_2>>>, following <<<video_1>>>",
            "startImage": "asset_start", "endImage": "asset_end", "referenceImages": ["asset_ref_1", "asset_ref_2"],
            "referenceVideo": "asset_video", "videoReferenceType": "feature", "keepOriginalSound": true, "generateAudio": false,
            "mode": "pro", "aspectRatio": "16:9", "duration": 12, "multiPrompt": .string(JSONValue.array(shots).jsonText),
        ]
        let validator = SchemaValidator(schema: schema)
        #expect(validator.validate(wire: body).issues.isEmpty)
        body = ["prompt": "<<<image_9>>>", "mode": "4k", "referenceVideo": "", "duration": 2, "multiPrompt": "[{\"prompt\": 1}]"]
        let report = validator.validate(wire: body)
        #expect(report == KlingV3OmniVideoRequest.validate(wire: body))
        #expect(report.issues.map(\.code.rawValue) == ["type_mismatch", "required", "empty_asset_id", "below_minimum", "mutually_exclusive", "unresolved_reference"])
    }

    /// Rule shapes no model of the catalogue has (three conditions, three alternatives, three counted
    /// parameters, an integer compared with its default), on a schema written here: the words are
    /// those of the check functions the generated validators call.
    @Test func ruleShapesBeyondTheCatalogue() throws {
        let text = """
        {
          "id": "model_hand-made", "provider": "scenario", "title": "Hand-made", "swiftName": "HandMade",
          "endpoint": { "method": "POST", "path": "/v1/generate/custom/model_hand-made" },
          "sources": { "docs": { "title": "Docs", "url": "https://example.com/docs" } },
          "parameters": [
            { "name": "prompt", "type": "string", "source": "docs", "description": "Prompt." },
            { "name": "image", "type": "assetId", "source": "docs", "description": "Image." },
            { "name": "video", "type": "assetId", "source": "docs", "description": "Video." },
            { "name": "steps", "type": "integer", "default": 5, "minimum": 1, "maximum": 9, "source": "docs", "description": "Steps." },
            { "name": "masks", "type": "array", "items": { "type": "assetId" }, "source": "docs", "description": "Masks." }
          ],
          "rules": [
            { "kind": "mutuallyExclusive", "conditions": [
                { "param": "image", "sent": true }, { "param": "video", "sent": true }, { "param": "steps", "equals": 5 } ], "source": "docs" },
            { "kind": "exactlyOneOf", "params": ["prompt", "image", "video"], "source": "docs" },
            { "kind": "maxTotalItems", "params": ["image", "video", "masks"], "max": 2, "source": "docs" },
            { "kind": "minTotalItems", "params": ["image", "video", "masks"], "min": 1, "when": { "param": "steps", "equals": 5 }, "source": "docs" }
          ]
        }
        """
        let lint = SchemaReader.lint(Data(text.utf8), file: "scenario/model_hand-made.json")
        let schema = try #require(lint.value, "\(lint.diagnostics)")
        let validator = SchemaValidator(schema: schema)
        func report(_ body: JSONValue) -> [String] {
            validator.validate(wire: body).issues.map { "\($0.code) at `\($0.path)`: \($0.message)" }
        }
        // `steps` is not sent: its default, 5, makes the third condition hold.
        #expect(report(["image": "i", "video": "v", "masks": ["m"]]) == [
            "mutually_exclusive at `steps`: these cannot be combined: `image` is sent and `video` is sent and `steps` is 5",
            "exactly_one_of at `video`: send exactly one of `prompt` or `image` or `video`; `image` and `video` are sent",
            "too_many_total_items at `masks`: `image` + `video` + `masks` add up to 3 items; at most 2 are allowed",
        ])
        #expect(report(["image": "i", "video": "v", "steps": 6]) == [
            "exactly_one_of at `video`: send exactly one of `prompt` or `image` or `video`; `image` and `video` are sent",
        ])
        #expect(report(["steps": 5.0]) == [
            "exactly_one_of at ``: send exactly one of `prompt` or `image` or `video`; none is sent",
            "too_few_total_items at `image`: `image` + `video` + `masks` add up to 0 items; at least 1 is required when `steps` is 5",
        ])
        // A malformed count makes the totals unknowable: only the type is reported.
        #expect(report(["prompt": "p", "masks": "m", "steps": "5"]) == [
            "type_mismatch at `masks`: `masks` must be an array, not a string (\"m\")",
            "type_mismatch at `steps`: `steps` must be an integer, not a string (\"5\")",
        ])
    }

    /// A scope larger than any model's, whose members are found through its map of names: members
    /// out of order, a duplicate, a misspelling and a missing required member are each reported.
    @Test func aLargeScopeFindsItsMembersByName() throws {
        let parameters = (0..<40).map { index in
            "{ \"name\": \"parameter_\(index)\", \"type\": \"integer\", \"maximum\": 9\(index == 0 ? ", \"required\": true" : ""), \"source\": \"docs\", \"description\": \"P.\" }"
        }
        let text = """
        {
          "id": "model_large", "provider": "scenario", "title": "Large", "swiftName": "Large",
          "endpoint": { "method": "POST", "path": "/v1/generate/custom/model_large" },
          "sources": { "docs": { "title": "Docs", "url": "https://example.com/docs" } },
          "parameters": [\(parameters.joined(separator: ", "))]
        }
        """
        let lint = SchemaReader.lint(Data(text.utf8), file: "scenario/model_large.json")
        let validator = SchemaValidator(schema: try #require(lint.value, "\(lint.diagnostics)"))
        let body = JSONValue.object(JSONObject([
            .init(key: "parameter_39", value: 10), .init(key: "parameter_7", value: 1), .init(key: "parameter_39", value: 1),
            .init(key: "parameter_3x", value: 1), .init(key: "parameter_12", value: "1"),
        ]))
        #expect(validator.validate(wire: body).issues.map { "\($0.code) at `\($0.path)`: \($0.message)" } == [
            "duplicate_parameter at `parameter_39`: `parameter_39` appears more than once; the provider would keep only one of the values",
            "unknown_parameter at `parameter_3x`: unknown parameter `parameter_3x`: the provider rejects fields it does not know; did you mean `parameter_3`?",
            "type_mismatch at `parameter_12`: `parameter_12` must be an integer, not a string (\"1\")",
            "required at `parameter_0`: `parameter_0` is required",
            "above_maximum at `parameter_39`: `parameter_39` is 10; the maximum is 9",
        ])
    }
}

/// Request bodies for one schema, made deterministically: the sample bodies, and mutations of a
/// body that sends every parameter.
struct SchemaBodyMutations {
    let schema: ModelSchema

    /// Each body with a label saying how it was made.
    var bodies: [(String, JSONValue)] {
        let samples = SampleBodies(schema: schema)
        var result: [(String, JSONValue)] = [("minimal body", samples.minimalBody)]
        result += samples.violations.map { ($0.what, $0.body) }
        let full = Body(schema.parameters.map { ($0.name, SampleBodies.sample($0.value)) })
        result.append(("every parameter", full.json))
        result.append(("every parameter, in reverse order", Body(full.members.reversed().map { ($0.key, $0.value) }).json))
        for root: JSONValue in [nil, true, 5, "body", [], [[:]]] {
            result.append(("root \(root.jsonText)", root))
        }
        let minimal = Body(samples.minimalBody)
        for parameter in schema.parameters {
            var removed = full
            removed.remove(parameter.name)
            result.append(("every parameter but `\(parameter.name)`", removed.json))
            var duplicated = full.members.map { ($0.key, $0.value) }
            duplicated.append((parameter.name, JSONValue.null))
            duplicated.append((parameter.name, SampleBodies.sample(parameter.value)))
            result.append(("`\(parameter.name)` twice", JSONValue.object(JSONObject(duplicated.map { .init(key: $0.0, value: $0.1) }))))
            for name in Self.nearMisses(of: parameter.name) {
                var misspelled = minimal
                misspelled.set(name, SampleBodies.sample(parameter.value))
                result.append(("unknown `\(name)`", misspelled.json))
            }
            for (what, value) in Self.mutations(of: parameter.value, depth: 0) {
                var body = full
                body.set(parameter.name, value)
                result.append(("`\(parameter.name)` \(what)", body.json))
                var fromMinimal = minimal
                fromMinimal.set(parameter.name, value)
                result.append(("minimal body, `\(parameter.name)` \(what)", fromMinimal.json))
            }
        }
        result += conditionBodies(from: minimal) + conditionBodies(from: full)
        return result
    }

    /// Bodies where each compared value of a rule's condition holds, and where it does not.
    private func conditionBodies(from base: Body) -> [(String, JSONValue)] {
        var result: [(String, JSONValue)] = []
        for rule in schema.rules {
            var conditions: [Condition] = []
            switch rule.kind {
            case .mutuallyExclusive(let all): conditions = all
            case .requiredWhen(_, let condition), .ignoredWhen(_, let condition): conditions = [condition]
            case .maxTotalItems(_, _, let condition?), .minTotalItems(_, _, let condition?): conditions = [condition]
            default: break
            }
            for condition in conditions {
                guard case .equals(let value) = condition.test else { continue }
                var holds = base
                holds.set(condition.parameter, value)
                result.append(("`\(condition.parameter)` is \(value.jsonText)", holds.json))
                var other = base
                other.remove(condition.parameter)
                result.append(("`\(condition.parameter)` not sent", other.json))
            }
        }
        return result
    }

    /// Names one edit away from `name`, and one far from every name.
    static func nearMisses(of name: String) -> [String] {
        var names = [name + "s", String(name.dropLast()), name.uppercased(), "zz_unrelated_member"]
        if name.contains("_") { names.append(name.replacingOccurrences(of: "_", with: "")) }
        return names.filter { $0 != name && !$0.isEmpty }
    }

    /// Values of every JSON type, empty and not, that no parameter takes all of.
    static let otherValues: [(String, JSONValue)] = [
        ("null", nil), ("true", true), ("0", 0), ("-1", -1), ("2.5", 2.5), ("huge", 1e16), ("empty string", ""),
        ("a word", "word"), ("upper case", "PRO"), ("digits", "5"), ("a web URL", "https://example.com/a.png"),
        ("an FTP URL", "ftp://example.com/a.png"), ("not a URL", "not a url"), ("a data URI", "data:image/png;base64,AAAA"),
        ("Base64", "aGVsbG8="), ("bad Base64", "a=b"), ("empty array", []), ("array of mixed", [1, "a", nil]),
        ("array of empty strings", ["", ""]), ("empty object", [:]), ("object", ["a": 1]),
    ]

    /// Values that break or probe a spec: every other JSON type, its edges, its items and fields mutated.
    static func mutations(of spec: ValueSpec, depth: Int) -> [(String, JSONValue)] {
        var result = otherValues
        if let minimum = spec.minimum {
            result += [("at its minimum", .number(minimum)), ("below its minimum", .number(minimum - 1)), ("just below", .number(minimum - 0.5))]
        }
        if let maximum = spec.maximum {
            result += [("at its maximum", .number(maximum)), ("above its maximum", .number(maximum + 1)), ("just above", .number(maximum + 0.5))]
        }
        if let values = spec.numberValues?.values {
            result += values.map { ("\(JSONValue.format($0))", .number($0)) }
            result.append(("not one of its values", .number((values.max() ?? 0) + 1)))
        }
        if let maxLength = spec.maxLength { result.append(("too long", .string(String(repeating: "é", count: maxLength + 1)))) }
        if let minLength = spec.minLength, minLength > 0 { result.append(("too short", .string(String(repeating: "a", count: minLength - 1)))) }
        if let constant = spec.constant { result.append(("its constant", .string(constant))) }
        if let choices = spec.choices {
            for choice in choices.values {
                result.append(("\"\(choice.value)\"", .string(choice.value)))
                result.append(("\"\(choice.value.uppercased())\"", .string(choice.value.uppercased())))
                if let integer = Int(choice.value) { result.append(("\(integer) as a number", .number(Double(integer)))) }
            }
            result.append(("5.5", 5.5))
        }
        switch spec.type {
        case .array(let items), .oneOrMany(let items):
            let sample = SampleBodies.sample(items)
            result.append(("one sample item", .array([sample])))
            result.append(("a single sample item", sample))
            if let maxItems = spec.maxItems { result.append(("too many items", .array(Array(repeating: sample, count: maxItems + 1)))) }
            if let minItems = spec.minItems, minItems > 0 { result.append(("too few items", .array(Array(repeating: sample, count: minItems - 1)))) }
            if depth < 2 {
                for (what, item) in mutations(of: items, depth: depth + 1) {
                    result.append(("with an item \(what)", .array([sample, item])))
                    if case .oneOrMany = spec.type { result.append(("as one item \(what)", item)) }
                }
            }
        case .object(let object):
            result += objectMutations(object, depth: depth)
        case .jsonString(let content):
            result += [("not JSON", "{"), ("JSON of a number", "5"), ("JSON of null", "null")]
            result += mutations(of: content, depth: depth + 1).map { ("holding \($0.0)", .string($0.1.jsonText)) }
        default:
            break
        }
        return result
    }

    /// An object's fields each removed, mutated, misspelled; unknown and duplicated fields.
    static func objectMutations(_ object: ObjectSpec, depth: Int) -> [(String, JSONValue)] {
        let sample = SampleBodies.sampleObject(object)
        let full = Body(object.fields.map { ($0.name, SampleBodies.sample($0.value)) })
        var result: [(String, JSONValue)] = [("a sample object", sample), ("an object with every field", full.json)]
        guard depth < 2 else { return result }
        for field in object.fields {
            var removed = full
            removed.remove(field.name)
            result.append(("without `\(field.name)`", removed.json))
            for name in nearMisses(of: field.name) {
                var misspelled = Body(sample)
                misspelled.set(name, SampleBodies.sample(field.value))
                result.append(("with unknown `\(name)`", misspelled.json))
            }
            var duplicated = full.members.map { JSONObject.Member(key: $0.key, value: $0.value) }
            duplicated.append(.init(key: field.name, value: SampleBodies.sample(field.value)))
            result.append(("with `\(field.name)` twice", .object(JSONObject(duplicated))))
            for (what, value) in mutations(of: field.value, depth: depth + 1) {
                var body = full
                body.set(field.name, value)
                result.append(("with `\(field.name)` \(what)", body.json))
            }
        }
        return result
    }
}
