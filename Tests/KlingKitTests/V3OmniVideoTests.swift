import Foundation
import KlingKit
import Testing

@Suite("model_kling-v3-omni-video")
struct V3OmniVideoTests {
    typealias Request = KlingV3OmniVideoRequest

    @Test func minimalRequestIsValid() throws {
        #expect(try wireIssues(Request.self, #"{"prompt": "A fox"}"#).isEmpty)
        #expect(Request(prompt: "A fox").validate().issues.isEmpty)
    }

    @Test func promptIsRequiredAndLimitedTo2500Characters() throws {
        #expect(summary(try wireIssues(Request.self, "{}")) == ["required@prompt"])
        let long = String(repeating: "é", count: 2501)
        #expect(summary(Request(prompt: long).validate().issues) == ["too_long@prompt"])
        #expect(Request(prompt: String(repeating: "é", count: 2500)).validate().issues.isEmpty)
    }

    @Test func endImageRequiresStartImage() throws {
        #expect(summary(Request(prompt: "x", endImage: "asset_end").validate().issues) == ["missing_dependency@endImage"])
        #expect(Request(prompt: "x", startImage: "asset_a", endImage: "asset_b").validate().isValid)
    }

    @Test func referenceImagesAtMostSevenOrFourWithAVideo() throws {
        let seven = (1...7).map { "asset_\($0)" }
        #expect(Request(prompt: "x", referenceImages: seven).validate().isValid)
        #expect(summary(Request(prompt: "x", referenceImages: seven + ["asset_8"]).validate().issues) == ["too_many_items@referenceImages"])
        let five = Array(seven.prefix(5))
        #expect(summary(Request(prompt: "x", referenceImages: five, referenceVideo: "asset_v").validate().issues) == ["too_many_total_items@referenceImages"])
        #expect(Request(prompt: "x", referenceImages: Array(seven.prefix(4)), referenceVideo: "asset_v").validate().isValid)
    }

    @Test func generateAudioIsExclusiveWithAReferenceVideo() throws {
        #expect(summary(Request(prompt: "x", referenceVideo: "asset_v", generateAudio: true).validate().issues) == ["mutually_exclusive@referenceVideo"])
        #expect(Request(prompt: "x", referenceVideo: "asset_v", generateAudio: false).validate().isValid)
        #expect(Request(prompt: "x", generateAudio: true).validate().isValid)
    }

    @Test func fourKIsExclusiveWithAReferenceVideo() throws {
        #expect(summary(Request(prompt: "x", referenceVideo: "asset_v", mode: .fourK).validate().issues) == ["mutually_exclusive@referenceVideo"])
        #expect(Request(prompt: "x", referenceVideo: "asset_v", mode: .pro).validate().isValid)
        #expect(Request(prompt: "x", mode: .fourK).validate().isValid)
    }

    @Test func durationIsANumberFrom3To15() throws {
        #expect(summary(try wireIssues(Request.self, #"{"prompt": "x", "duration": "5"}"#)) == ["type_mismatch@duration"])
        #expect(summary(Request(prompt: "x", duration: 2).validate().issues) == ["below_minimum@duration"])
        #expect(summary(Request(prompt: "x", duration: 16).validate().issues) == ["above_maximum@duration"])
        #expect(Request(prompt: "x", duration: 15).validate().isValid)
        #expect(Request.Limits.durationRange == 3...15)
        #expect(Request.Defaults.duration == 5)
    }

    @Test func shotsAreOneToSixEachAtLeastOneSecond() throws {
        #expect(summary(Request(prompt: "x", shots: []).validate().issues) == ["too_few_items@multiPrompt", "sum_mismatch@multiPrompt"])
        let seven = (0..<7).map { _ in Request.Shot(prompt: "s", duration: 1) }
        #expect(summary(Request(prompt: "x", duration: 7, shots: seven).validate().issues) == ["too_many_items@multiPrompt"])
        let shots = [Request.Shot(prompt: "a", duration: 4.5), Request.Shot(prompt: "b", duration: 0.5)]
        #expect(summary(Request(prompt: "x", shots: shots).validate().issues) == ["below_minimum@multiPrompt[1].duration"])
    }

    @Test func shotDurationsSumToDurationDefaultIncluded() throws {
        let fiveSeconds = #"{"prompt": "x", "multiPrompt": "[{\"prompt\":\"a\",\"duration\":3},{\"prompt\":\"b\",\"duration\":2}]"}"#
        #expect(try wireIssues(Request.self, fiveSeconds).isEmpty, "the default duration 5 takes part in the sum")
        let sixSeconds = #"{"prompt": "x", "multiPrompt": "[{\"prompt\":\"a\",\"duration\":3},{\"prompt\":\"b\",\"duration\":3}]"}"#
        let issues = try wireIssues(Request.self, sixSeconds)
        #expect(summary(issues) == ["sum_mismatch@multiPrompt"])
        #expect(issues[0].message.contains("its default"))
        let shots = [Request.Shot(prompt: "a", duration: 5), Request.Shot(prompt: "b", duration: 5)]
        #expect(Request(prompt: "x", duration: 10, shots: shots).validate().isValid)
        #expect(summary(Request(prompt: "x", duration: 9, shots: shots).validate().issues) == ["sum_mismatch@multiPrompt"])
    }

    @Test func multiPromptIsAStringHoldingJSONWithPathsIntoIt() throws {
        let notJSON = try wireIssues(Request.self, #"{"prompt": "x", "multiPrompt": "[{"}"#)
        #expect(summary(notJSON) == ["invalid_embedded_json@multiPrompt"])
        let asArray = try wireIssues(Request.self, #"{"prompt": "x", "multiPrompt": [{"prompt": "a", "duration": 5}]}"#)
        #expect(summary(asArray) == ["type_mismatch@multiPrompt"])
        let broken = #"{"prompt": "x", "multiPrompt": "[{\"prompt\":\"a\",\"duration\":2},{\"prompt\":\"b\",\"duration\":\"3\"},{\"duration\":0,\"seconds\":1}]"}"#
        #expect(summary(try wireIssues(Request.self, broken)) == [
            "type_mismatch@multiPrompt[1].duration", "unknown_parameter@multiPrompt[2].seconds",
            "required@multiPrompt[2].prompt", "below_minimum@multiPrompt[2].duration",
        ])
    }

    @Test func durationIsIgnoredForBaseEditingAsAWarning() throws {
        let report = Request(prompt: "x", referenceVideo: "asset_v", videoReferenceType: .base, duration: 5).validate()
        #expect(summary(report.issues) == ["warning:ignored@duration"])
        #expect(report.isValid, "a warning never makes a request invalid")
        #expect(Request(prompt: "x", referenceVideo: "asset_v", videoReferenceType: .base).validate().issues.isEmpty)
    }

    @Test func imageAndVideoTagsMustReferToSuppliedInputs() throws {
        #expect(summary(Request(prompt: "<<<image_1>>> runs").validate().issues) == ["unresolved_reference@prompt"])
        #expect(Request(prompt: "<<<image_1>>> runs", referenceImages: ["asset_a"]).validate().isValid)
        #expect(Request(prompt: "<<<image_2>>> and <<<image_1>>>", startImage: "asset_s", referenceImages: ["asset_a"]).validate().isValid)
        #expect(summary(Request(prompt: "<<<image_0>>>", referenceImages: ["asset_a"]).validate().issues) == ["unresolved_reference@prompt"])
        #expect(summary(Request(prompt: "in <<<video_1>>>").validate().issues) == ["unresolved_reference@prompt"])
        #expect(Request(prompt: "in <<<video_1>>>", referenceVideo: "asset_v").validate().isValid)
        #expect(summary(Request(prompt: "<<<video_2>>>", referenceVideo: "asset_v").validate().issues) == ["unresolved_reference@prompt"])
    }

    @Test func choicesAreOpenAndDocumentedValuesAreChecked() throws {
        // Scenario's docs page documents the modes, so another one is an error (it was inferred, a warning,
        // before the page listed them).
        let custom: Request.Mode = "ultra"
        #expect(summary(Request(prompt: "x", mode: custom).validate().issues) == ["value_not_allowed@mode"])
        #expect(summary(Request(prompt: "x", videoReferenceType: "style").validate().issues) == ["value_not_allowed@videoReferenceType"])
        let decoded = try JSONDecoder().decode(Request.self, from: Data(#"{"prompt":"x","mode":"8k"}"#.utf8))
        #expect(decoded.mode?.rawValue == "8k", "an unknown value decodes and is kept")
    }

    @Test func unknownParametersAndWrongTypesAreErrorsWithSuggestions() throws {
        let issues = try wireIssues(Request.self, #"{"prompt": "x", "aspect_ratio": "16:9", "keepOriginalSound": "true", "prompt": "y"}"#)
        #expect(summary(issues) == ["unknown_parameter@aspect_ratio", "type_mismatch@keepOriginalSound", "duplicate_parameter@prompt"])
        #expect(issues[0].message.contains("did you mean `aspectRatio`?"))
        #expect(summary(try wireIssues(Request.self, "[1]")) == ["not_an_object@"])
    }

    @Test func encodesTheExactWireJSON() throws {
        let request = Request(
            prompt: "A fox", referenceImages: ["asset_a"], mode: .fourK, aspectRatio: .portrait, duration: 5,
            shots: [.init(prompt: "jumps", duration: 3), .init(prompt: "lands", duration: 2)])
        let expected = #"{"aspectRatio":"9:16","duration":5,"mode":"4k","multiPrompt":"[{\"duration\":3,\"prompt\":\"jumps\"},{\"duration\":2,\"prompt\":\"lands\"}]","prompt":"A fox","referenceImages":["asset_a"]}"#
        #expect(try wireText(request) == expected)
        let decoded = try JSONDecoder().decode(Request.self, from: Data(expected.utf8))
        #expect(decoded == request)
        #expect(try Request.validate(json: expected).issues.isEmpty)
    }

    @Test func typedAndWireValidationAgree() throws {
        let request = Request(prompt: "<<<image_12>>>", endImage: "asset_e", referenceImages: Array(repeating: "asset", count: 8), duration: 20)
        let wire = try Request.validate(json: request.wireJSON())
        #expect(wire == request.validate())
        #expect(summary(wire.issues) == [
            "too_many_items@referenceImages", "above_maximum@duration", "missing_dependency@endImage", "unresolved_reference@prompt",
        ])
    }
}
