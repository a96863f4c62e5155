import Foundation
import KlingKit
import Testing

@Suite("model_kling-o1-video-reference")
struct O1VideoReferenceTests {
    typealias Request = KlingO1VideoReferenceRequest

    @Test func promptAndVideoAreRequired() throws {
        #expect(summary(try wireIssues(Request.self, "{}")) == ["required@prompt", "required@video"])
        #expect(Request(prompt: "x", video: "asset_v").validate().isValid)
        #expect(summary(Request(prompt: "x", video: "").validate().issues) == ["empty_asset_id@video"])
    }

    @Test func elementsPlusImagesAtMostFourWithAVideo() throws {
        let element = Request.Element(frontalImage: "asset_f")
        #expect(Request(prompt: "x", video: "asset_v", images: ["asset_1", "asset_2"], elements: [element, element]).validate().isValid)
        let issues = Request(prompt: "x", video: "asset_v", images: ["asset_1", "asset_2", "asset_3"], elements: [element, element]).validate().issues
        #expect(summary(issues) == ["too_many_total_items@images"])
        #expect(issues[0].message.contains("when `video` is sent"))
        #expect(Request.Limits.elementsAndImagesMaxTotalWithVideo == 4)
    }

    @Test func elementAndImageTagsReferToSuppliedItems() throws {
        let element = Request.Element(frontalImage: "asset_f")
        #expect(Request(prompt: "@Element1 holds @Image1", video: "asset_v", images: ["asset_i"], elements: [element]).validate().isValid)
        let issues = Request(prompt: "@Element3 meets @Element1", video: "asset_v", elements: [element, element]).validate().issues
        #expect(summary(issues) == ["unresolved_reference@prompt"])
        #expect(issues[0].message.contains("@Element3"))
        #expect(summary(Request(prompt: "@Image1", video: "asset_v").validate().issues) == ["unresolved_reference@prompt"])
    }

    @Test func elementsNeedAFrontalImageAndAtMostFourReferences() throws {
        let issues = try wireIssues(Request.self, #"{"prompt": "x", "video": "asset_v", "elements": [{"referenceImages": []}, {"frontalImage": "asset_f", "referenceImages": ["a","b","c","d","e"]}]}"#)
        #expect(summary(issues) == ["required@elements[0].frontalImage", "too_few_items@elements[0].referenceImages", "too_many_items@elements[1].referenceImages"])
    }

    @Test func durationIsAStringWithDocumentedValuesAndDefaults() throws {
        #expect(summary(try wireIssues(Request.self, #"{"prompt": "x", "video": "v", "duration": 5}"#)) == ["type_mismatch@duration"])
        #expect(summary(Request(prompt: "x", video: "v", duration: "12").validate().issues) == ["value_not_allowed@duration"])
        #expect(Request.Defaults.duration == .fiveSeconds)
        #expect(Request.Defaults.aspectRatio.rawValue == "auto")
        #expect(Request.Defaults.keepAudio == true)
        #expect(try wireText(Request(prompt: "x", video: "v", duration: .tenSeconds, keepAudio: false)) == #"{"duration":"10","keepAudio":false,"prompt":"x","video":"v"}"#)
    }
}

@Suite("model_kling-v1-6-pro")
struct V16ProTests {
    typealias Request = KlingV16ProRequest

    @Test func endImageRequiresStartImage() {
        #expect(summary(Request(prompt: "x", endImage: "asset_e").validate().issues) == ["missing_dependency@endImage"])
        #expect(Request(prompt: "x", startImage: "asset_s", endImage: "asset_e").validate().isValid)
    }

    @Test func framesAreIgnoredWithReferencesAndAspectRatioWithAStartFrame() {
        let report = Request(prompt: "x", startImage: "asset_s", endImage: "asset_e", referenceImages: ["asset_r"], aspectRatio: .square).validate()
        #expect(summary(report.issues) == ["warning:ignored@startImage", "warning:ignored@endImage", "warning:ignored@aspectRatio"])
        #expect(report.isValid)
        #expect(Request(prompt: "x", referenceImages: ["asset_r"], aspectRatio: .square).validate().issues.isEmpty)
    }

    @Test func atMostFourReferenceImages() {
        #expect(summary(Request(prompt: "x", referenceImages: ["a", "b", "c", "d", "e"]).validate().issues) == ["too_many_items@referenceImages"])
    }

    @Test func cfgScaleFrom0To1() throws {
        #expect(summary(Request(prompt: "x", cfgScale: 1.5).validate().issues) == ["above_maximum@cfgScale"])
        #expect(summary(Request(prompt: "x", cfgScale: -0.1).validate().issues) == ["below_minimum@cfgScale"])
        #expect(Request(prompt: "x", cfgScale: 1).validate().isValid)
        #expect(Request.Defaults.cfgScale == 0.5)
        #expect(Request.Defaults.negativePrompt == "")
        #expect(summary(try wireIssues(Request.self, #"{"prompt": "x", "duration": "5"}"#)) == ["type_mismatch@duration"])
        #expect(try wireText(Request(prompt: "x", cfgScale: 0.25, duration: 10)) == #"{"cfgScale":0.25,"duration":10,"prompt":"x"}"#)
    }
}

@Suite("model_kling-v3-i2v-4k")
struct V3ImageToVideo4KTests {
    typealias Request = KlingV3ImageToVideo4KRequest

    @Test func exactlyOneOfPromptAndMultiPrompt() {
        #expect(Request(startImage: "asset_s", prompt: "x").validate().isValid)
        #expect(summary(Request(startImage: "asset_s").validate().issues) == ["exactly_one_of@"])
        let shots = [Request.Shot(prompt: "a", duration: "5")]
        #expect(summary(Request(startImage: "asset_s", prompt: "x", shots: shots, shotType: .customize).validate().issues) == ["exactly_one_of@multiPrompt"])
    }

    @Test func shotTypeMustBeSentWithMultiPrompt() throws {
        let shots = [Request.Shot(prompt: "a", duration: "3"), Request.Shot(prompt: "b", duration: "2")]
        #expect(summary(Request(startImage: "asset_s", shots: shots).validate().issues) == ["missing_dependency@multiPrompt"])
        #expect(Request(startImage: "asset_s", shots: shots, shotType: .intelligent).validate().isValid)
        #expect(try wireText(Request(startImage: "s", shots: shots, shotType: .customize)) == #"{"multiPrompt":[{"duration":"3","prompt":"a"},{"duration":"2","prompt":"b"}],"shotType":"customize","startImage":"s"}"#)
    }

    @Test func startImageIsRequiredAndShotTypeIsClosed() throws {
        #expect(summary(try wireIssues(Request.self, #"{"prompt": "x"}"#)) == ["required@startImage"])
        #expect(summary(Request(startImage: "s", prompt: "x", shotType: "auto").validate().issues) == ["value_not_allowed@shotType"])
        #expect(summary(Request(startImage: "s", prompt: "x", cfgScale: 2).validate().issues) == ["above_maximum@cfgScale"])
        #expect(Request.Defaults.generateAudio == true)
        #expect(Request.Defaults.shotType == .customize)
    }

    @Test func eachElementIsAnImageSetOrAVideo() {
        let imageSet = Request.Element(frontalImage: "asset_f", referenceImages: ["asset_r"])
        let video = Request.Element(video: "asset_v")
        #expect(Request(startImage: "s", prompt: "@Element1 and @Element2", elements: [imageSet, video]).validate().isValid)
        let both = Request.Element(frontalImage: "asset_f", video: "asset_v")
        let neither = Request.Element(referenceImages: ["asset_r"])
        #expect(summary(Request(startImage: "s", prompt: "x", elements: [both, neither]).validate().issues) == [
            "exactly_one_of@elements[0].video", "exactly_one_of@elements[1]", "missing_dependency@elements[1].referenceImages",
        ])
        #expect(summary(Request(startImage: "s", prompt: "@Element2", elements: [imageSet]).validate().issues) == ["unresolved_reference@prompt"])
    }
}

@Suite("klingai/video-o1-reference-to-video")
struct AIMLO1ReferenceToVideoTests {
    typealias Request = AIMLKlingO1ReferenceToVideoRequest

    @Test func modelIsAlwaysSentAndMustMatch() throws {
        #expect(try wireText(Request(prompt: "x")) == #"{"model":"klingai/video-o1-reference-to-video","prompt":"x"}"#)
        #expect(summary(try wireIssues(Request.self, #"{"prompt": "x"}"#)) == ["required@model"])
        #expect(summary(try wireIssues(Request.self, #"{"model": "klingai/other", "prompt": "x"}"#)) == ["constant_mismatch@model"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Request.self, from: Data(#"{"model":"other","prompt":"x"}"#.utf8)) }
        #expect(Request.model.provider == .aimlapi)
        #expect(Request.model.endpoint.path == "/v2/video/generations")
    }

    @Test func imageListIsOneToSevenURLs() throws {
        let url = URL(string: "https://example.com/a.png")!
        #expect(Request(prompt: "x", imageList: [url]).validate().isValid)
        #expect(summary(Request(prompt: "x", imageList: []).validate().issues) == ["too_few_items@image_list"])
        #expect(summary(Request(prompt: "x", imageList: Array(repeating: url, count: 8)).validate().issues) == ["too_many_items@image_list"])
        #expect(summary(Request(prompt: "x", imageList: [URL(fileURLWithPath: "/tmp/a.png")]).validate().issues) == ["invalid_url@image_list[0]"])
        #expect(summary(try wireIssues(Request.self, #"{"model": "klingai/video-o1-reference-to-video", "prompt": "x", "image_list": ["not a url"]}"#)) == ["invalid_url@image_list[0]"])
    }

    @Test func elementsNeedBothImageFieldsAndAtMostFour() throws {
        let body = #"{"model": "klingai/video-o1-reference-to-video", "prompt": "x", "elements": [{"frontal_image_url": "https://e.com/f.png"}, {"frontal_image_url": "https://e.com/f.png", "reference_image_urls": []}]}"#
        #expect(summary(try wireIssues(Request.self, body)) == ["required@elements[0].reference_image_urls", "too_few_items@elements[1].reference_image_urls"])
        let element = Request.Element(frontalImageUrl: URL(string: "https://e.com/f.png")!, referenceImageUrls: [URL(string: "https://e.com/r.png")!])
        #expect(summary(Request(prompt: "x", elements: Array(repeating: element, count: 5)).validate().issues) == ["too_many_items@elements"])
        #expect(try wireText(Request(prompt: "x", elements: [element])).contains(#""elements":[{"frontal_image_url":"https://e.com/f.png","reference_image_urls":["https://e.com/r.png"]}]"#))
    }

    @Test func durationIsSentAsAStringAndTheIntegerFormIsAccepted() throws {
        #expect(try wireText(Request(prompt: "x", duration: .tenSeconds)) == #"{"duration":"10","model":"klingai/video-o1-reference-to-video","prompt":"x"}"#)
        #expect(try wireIssues(Request.self, #"{"model": "klingai/video-o1-reference-to-video", "prompt": "x", "duration": 10}"#).isEmpty)
        #expect(try wireIssues(Request.self, #"{"model": "klingai/video-o1-reference-to-video", "prompt": "x", "duration": "10"}"#).isEmpty)
        #expect(summary(try wireIssues(Request.self, #"{"model": "klingai/video-o1-reference-to-video", "prompt": "x", "duration": 7}"#)) == ["value_not_allowed@duration"])
        let decoded = try JSONDecoder().decode(Request.self, from: Data(#"{"model":"klingai/video-o1-reference-to-video","prompt":"x","duration":5}"#.utf8))
        #expect(decoded.duration == .fiveSeconds)
    }

    @Test func aspectRatioIsClosedAndProviderRoutingIsCaseInsensitive() {
        #expect(summary(Request(prompt: "x", aspectRatio: "4:3").validate().issues) == ["value_not_allowed@aspect_ratio"])
        #expect(Request(prompt: "x", provider: "KLING").validate().issues.isEmpty)
        #expect(summary(Request(prompt: "x", provider: "replicate").validate().issues) == ["warning:unknown_value@provider"])
        #expect(summary(Request(prompt: String(repeating: "a", count: 2501)).validate().issues) == ["too_long@prompt"])
    }
}

@Suite("Catalog and descriptors")
struct CatalogTests {
    @Test func everyModelIsListedByItsProvidersID() {
        let ids = KlingModels.all.map { type in type.model.id }
        #expect(ids.count == 68 && Set(ids).count == 68)
        #expect(ids.filter { $0.hasPrefix("model_") }.count == 27, "Scenario's 27; the AI/ML API's 41")
        #expect(Set(ids).isSuperset(of: ["klingai/video-o1-reference-to-video", "model_kling-o1-video-reference", "model_kling-v1-6-pro",
                                         "model_kling-v3-i2v-4k", "model_kling-v3-omni-video", "model_kling-video-to-audio"]))
        #expect(KlingModels.model(id: "model_kling-v1-6-pro") == KlingV16ProRequest.self)
        #expect(KlingModels.model(id: "model_kling-v9") == nil)
    }

    @Test func descriptorsCarryLimitsDefaultsAndProvenance() throws {
        let duration = try #require(KlingV3OmniVideoRequest.model.parameters.first { $0.name == "duration" })
        #expect(duration.minimum == 3 && duration.maximum == 15 && duration.defaultValue == .number(5) && duration.source == "docs")
        let shots = try #require(KlingV3OmniVideoRequest.model.parameters.first { $0.name == "multiPrompt" })
        #expect(shots.fields.map(\.name) == ["prompt", "duration"])
        #expect(shots.fields.allSatisfy { $0.source == "docs" }, "a field cites its parameter's source")
        #expect(KlingV3OmniVideoRequest.model.sources.first { $0.key == "docs" }?.url == "https://docs.scenario.com/docs/video-generation-kuaishou-technology")
        for type in KlingModels.all {
            let model = type.model
            #expect(!model.sources.isEmpty)
            #expect(model.parameters.allSatisfy { parameter in model.sources.contains { $0.key == parameter.source } })
        }
    }
}
