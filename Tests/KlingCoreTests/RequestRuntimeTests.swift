import Foundation
@testable import KlingCore
import Testing

/// A request type written as the generator writes one: stored properties, `init(from:)` through
/// `ParameterDecoder`, and the parameter list in `visitParameters`; everything else comes from
/// KlingCore.
private struct SampleRequest: ScenarioRequest {
    var prompt: String
    var mode: Mode?
    var shots: [Shot]?
    var images: OneOrMany<MediaSource>?

    typealias Mode = OpenChoice<ModeValues>
    enum ModeValues {}

    init(prompt: String, mode: Mode? = nil, shots: [Shot]? = nil, images: OneOrMany<MediaSource>? = nil) {
        self.prompt = prompt
        self.mode = mode
        self.shots = shots
        self.images = images
    }

    init(from decoder: any Decoder) throws {
        let parameters = try ParameterDecoder(decoder, constants: ["kind": "sample"])
        self.prompt = try parameters.decode("prompt")
        self.mode = try parameters.decodeIfPresent("mode")
        self.shots = try parameters.decodeEmbeddedJSONIfPresent("multiPrompt")
        self.images = try parameters.decodeIfPresent("image_url")
    }

    func validate() -> ValidationReport {
        var issues = IssueList()
        issues.checkLength(prompt, max: 20, at: IssuePath.member("prompt", of: ""))
        if let mode {
            issues.checkChoice(mode.rawValue, among: #"["std","pro"]"#, valueSet: .documented, at: IssuePath.member("mode", of: ""))
        }
        if let shots {
            issues.checkCount(shots.count, max: 2, at: IssuePath.member("multiPrompt", of: ""))
        }
        issues.checkRequires(shots != nil, "multiPrompt", requires: mode != nil, "mode")
        return issues.report
    }

    func visitParameters(_ visitor: inout some ParameterVisitor) {
        visitor.visitConstant("kind", "sample")
        visitor.visit("prompt", prompt)
        visitor.visit("mode", mode)
        visitor.visitEmbeddedJSON("multiPrompt", shots)
        visitor.visit("image_url", images)
    }

    struct Shot: WireObject {
        var prompt: String
        var duration: Int

        init(prompt: String, duration: Int) {
            self.prompt = prompt
            self.duration = duration
        }

        init(from decoder: any Decoder) throws {
            let parameters = try ParameterDecoder(decoder)
            self.prompt = try parameters.decode("prompt")
            self.duration = try parameters.decode("duration")
        }

        func visitParameters(_ visitor: inout some ParameterVisitor) {
            visitor.visit("prompt", prompt)
            visitor.visit("duration", duration)
        }
    }

    static let schema = RequestSchema(file: "test/sample.json", json: #"""
        {
          "id": "model_sample", "provider": "scenario", "title": "Sample", "swiftName": "Sample",
          "capabilities": ["img2video", "video2audio"],
          "endpoint": {"method": "POST", "path": "/v1/generate/custom/model_sample"},
          "sources": {"doc": {"title": "Sample page", "url": "https://example.com/sample"}},
          "notes": ["A note."],
          "parameters": [
            {"name": "kind", "type": "string", "const": "sample", "required": true, "source": "doc", "description": "Fixed."},
            {"name": "prompt", "type": "string", "required": true, "maxLength": 20, "source": "doc", "description": "What."},
            {"name": "mode", "type": "string", "values": ["std", "pro"], "default": "std", "source": "doc", "description": "Quality."},
            {"name": "multiPrompt", "type": "jsonString", "source": "doc", "description": "Shots.",
             "content": {"type": "array", "maxItems": 2, "items": {"type": "object", "typeName": "Shot", "fields": [
               {"name": "prompt", "type": "string", "required": true},
               {"name": "duration", "type": "integer", "required": true, "values": [5, 10]}]}}},
            {"name": "image_url", "type": "oneOrMany", "items": {"type": "url", "alsoAccepts": ["base64"]}, "source": "doc",
             "description": "Images."}
          ],
          "rules": [{"kind": "requires", "param": "multiPrompt", "requires": "mode"}]
        }
        """#)
}

@Suite("Request types: wire form, coding and description from KlingCore")
struct RequestRuntimeTests {
    private let request = SampleRequest(
        prompt: "A fox", mode: .init(rawValue: "pro"), shots: [.init(prompt: "runs", duration: 5)],
        images: .many([MediaSource(rawValue: "https://example.com/a.png")])
    )

    @Test func theWireFormListsTheSentParametersInSchemaOrder() {
        let expected: JSONValue = [
            "kind": "sample", "prompt": "A fox", "mode": "pro",
            "multiPrompt": .string(#"[{"prompt":"runs","duration":5}]"#),
            "image_url": ["https://example.com/a.png"],
        ]
        #expect(request.wireValue == expected)
        #expect(SampleRequest(prompt: "A fox").wireValue == ["kind": "sample", "prompt": "A fox"])
    }

    @Test func encodingWritesEachValueWithItsOwnEncodingAndEmbeddedJSONAsAString() throws {
        let text = String(decoding: try request.wireJSON(), as: UTF8.self)
        #expect(text == #"{"image_url":["https://example.com/a.png"],"kind":"sample","mode":"pro","multiPrompt":"[{\"duration\":5,\"prompt\":\"runs\"}]","prompt":"A fox"}"#)
    }

    @Test func decodingReadsWhatEncodingWroteAndChecksTheConstant() throws {
        let decoded = try JSONDecoder().decode(SampleRequest.self, from: request.wireJSON())
        #expect(decoded == request)
        let withoutConstant = try JSONDecoder().decode(SampleRequest.self, from: Data(#"{"prompt": "A fox"}"#.utf8))
        #expect(withoutConstant == SampleRequest(prompt: "A fox"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SampleRequest.self, from: Data(#"{"kind": "other", "prompt": "A fox"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SampleRequest.self, from: Data(#"{"mode": "pro"}"#.utf8))
        }
    }

    @Test func equalityAndHashingFollowTheSentParameters() {
        var other = request
        #expect(other == request && other.hashValue == request.hashValue)
        other.mode = nil
        #expect(other != request)
        #expect(Set([request, other, request]).count == 2)
    }

    @Test func openChoicesTakeAnyValueAndReadTheIntegerForm() throws {
        let pro: SampleRequest.Mode = "pro"
        #expect(pro.rawValue == "pro" && pro.description == "pro" && pro == SampleRequest.Mode(rawValue: "pro"))
        #expect(try JSONDecoder().decode(SampleRequest.Mode.self, from: Data("5".utf8)).rawValue == "5")
        #expect(try JSONDecoder().decode(SampleRequest.Mode.self, from: Data(#""4k""#.utf8)).rawValue == "4k")
        #expect(String(decoding: try JSONEncoder().encode(pro), as: UTF8.self) == #""pro""#)
    }

    @Test func theDescriptionIsReadFromTheSchemaTheTypeCarries() throws {
        let model = SampleRequest.model
        #expect(model.id == "model_sample" && model.provider == .scenario && model.title == "Sample")
        #expect(model.capabilities == [.imageToVideo, .videoToAudio])
        #expect(model.endpoint == Endpoint(method: "POST", path: "/v1/generate/custom/model_sample"))
        #expect(model.schemaFile == "test/sample.json" && model.notes == ["A note."])
        #expect(model.sources == [.init(key: "doc", title: "Sample page", url: "https://example.com/sample")])
        #expect(model.rules == ["`multiPrompt` requires `mode`."])
        let parameters = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0) })
        #expect(parameters["kind"]?.allowedValues == ["sample"] && parameters["kind"]?.valueSet == .documented)
        #expect(parameters["prompt"]?.isRequired == true && parameters["prompt"]?.maxLength == 20)
        #expect(parameters["mode"]?.defaultValue == "std" && parameters["mode"]?.allowedValues == ["std", "pro"])
        #expect(parameters["multiPrompt"]?.type == "string (JSON of Shot[])" && parameters["multiPrompt"]?.maxItems == 2)
        let shotFields = try #require(parameters["multiPrompt"]?.fields)
        #expect(shotFields.map(\.name) == ["prompt", "duration"])
        #expect(shotFields[1].allowedValues == ["5", "10"] && shotFields[1].source == "doc" && shotFields[1].description == "")
        #expect(parameters["image_url"]?.type == "url | base64 | (url | base64)[]")
    }

    @Test func typedChecksAndTheSchemaInterpreterAgree() throws {
        var invalid = request
        invalid.prompt = String(repeating: "x", count: 21)
        invalid.mode = nil
        let typed = invalid.validate()
        let wire = SampleRequest.validate(wire: invalid.wireValue)
        #expect(typed == wire)
        #expect(typed.issues.map(\.path) == ["prompt", "multiPrompt"])
        #expect(request.validate().isValid)
        invalid = request
        invalid.mode = "ultra"
        #expect(invalid.validate() == SampleRequest.validate(wire: invalid.wireValue))
        #expect(invalid.validate().issues.map(\.message) == [#"`mode` is "ultra"; allowed values: "std", "pro""#])
    }
}

@Suite("Typed choice checks find a value in the known values' JSON array")
struct ChoiceCheckTests {
    @Test("Only a whole element matches", arguments: [
        ("pro", #"["std","pro"]"#, true),
        ("pr", #"["std","pro"]"#, false),
        ("std\",\"pro", #"["std","pro"]"#, false),
        (",", #"[",","a"]"#, true),
        ("a\"b", #"["a\"b","c"]"#, true),
        ("\"", #"["a\"b","c"]"#, false),
        ("", #"["","x"]"#, true),
        ("", #"["x"]"#, false),
        ("x", #"[]"#, false),
    ])
    func wholeElements(value: String, array: String, expected: Bool) {
        #expect(IssueList.jsonArray(array, containsString: value) == expected)
    }

    @Test func ignoringCaseComparesLowercasedAndReportsTheValueAsSent() {
        var issues = IssueList()
        issues.checkChoice("PRO", among: #"["std","pro"]"#, valueSet: .documented, ignoringCase: true, at: "mode")
        issues.checkChoice("PRO", among: #"["std","pro"]"#, valueSet: .inferred, at: "mode")
        #expect(issues.report.issues.map(\.message) == [
            #"`mode` is "PRO", which is not among the values seen for it ("std", "pro"); the provider does not publish the list"#,
        ])
    }
}
