import Foundation
import KlingCore
import Testing

/// The runtime pieces behind the schema format's extensions: one-or-many values, media sources,
/// allowed numbers, and the rule checks generated validators call.
@Suite("Runtime of the format's extensions")
struct FormatExtensionRuntimeTests {
    @Test func oneOrManyEncodesAndDecodesAsTheProviderTakesIt() throws {
        let one = OneOrMany<String>.one("a")
        let many = OneOrMany<String>.many(["a", "b"])
        #expect(String(decoding: try JSONEncoder().encode(one), as: UTF8.self) == #""a""#)
        #expect(String(decoding: try JSONEncoder().encode(many), as: UTF8.self) == #"["a","b"]"#)
        #expect(try JSONDecoder().decode(OneOrMany<String>.self, from: Data(#""a""#.utf8)) == one)
        #expect(try JSONDecoder().decode(OneOrMany<String>.self, from: Data(#"["a","b"]"#.utf8)) == many)
        #expect(Array(one) == ["a"] && Array(many) == ["a", "b"])
        #expect(one.itemPath(0, of: "image_url") == "image_url")
        #expect(many.itemPath(1, of: "image_url") == "image_url[1]")
    }

    @Test func oneOrManyReadsWireJSONStrictlyAndReportsEachBadItemAtItsPath() {
        var issues = IssueList()
        #expect(OneOrMany<String>.decode(wire: .string("a"), at: "x", into: &issues) == .one("a"))
        #expect(OneOrMany<String>.decode(wire: ["a", "b"], at: "x", into: &issues) == .many(["a", "b"]))
        #expect(issues.report.issues.isEmpty)
        #expect(OneOrMany<String>.decode(wire: ["a", 5], at: "x", into: &issues) == nil)
        #expect(OneOrMany<String>.decode(wire: 5, at: "y", into: &issues) == nil)
        #expect(issues.report.issues.map(\.path) == ["x[1]", "y"])
        #expect(issues.report.issues.allSatisfy { $0.code == .typeMismatch })
    }

    @Test("Media sources: a web URL always; Base64 and data URIs only where the parameter accepts them", arguments: [
        ("https://example.com/a.png", [MediaSource.Form](), true),
        ("ftp://example.com/a.png", [], false),
        ("/relative/a.png", [], false),
        ("iVBORw0KGgo=", [], false),
        ("iVBORw0KGgo=", [.base64], true),
        ("iVBORw0KGgo", [.base64], true),
        ("iVBO Rw0KGgo=", [.base64], false),
        ("iVBORw0KGgo===", [.base64], false),
        ("ab=c", [.base64], false),
        ("", [.base64, .dataURI], false),
        ("data:image/png;base64,iVBORw0KGgo=", [.base64], false),
        ("data:image/png;base64,iVBORw0KGgo=", [.dataURI], true),
        ("DATA:video/mp4,x", [.dataURI], true),
        ("data:no-comma", [.dataURI], false),
    ])
    func mediaSources(text: String, forms: [MediaSource.Form], valid: Bool) {
        var issues = IssueList()
        issues.checkMediaSource(MediaSource(rawValue: text), accepting: forms, at: "video_url")
        #expect(issues.report.isValid == valid, "\(issues.report)")
        if !valid { #expect(issues.report.issues.first?.code == .invalidURL) }
    }

    @Test func mediaSourceFactoriesWriteTheFormsTheValidatorAccepts() {
        let bytes = Data([0, 1, 2, 250])
        var issues = IssueList()
        issues.checkMediaSource(.base64(bytes), accepting: [.base64], at: "a")
        issues.checkMediaSource(.dataURI(bytes, mediaType: "image/png"), accepting: [.dataURI], at: "b")
        issues.checkMediaSource(.url(URL(string: "https://example.com/v.mp4")!), accepting: [], at: "c")
        #expect(issues.report.issues.isEmpty)
        #expect(MediaSource.dataURI(bytes, mediaType: "image/png").rawValue == "data:image/png;base64,AAEC+g==")
    }

    @Test func allowedNumbersAreErrorsWhenDocumentedAndWarningsWhenInferred() {
        var issues = IssueList()
        issues.checkAllowed(5, in: [5, 10], valueSet: .documented, at: "duration")
        issues.checkAllowed(7, in: [5, 10], valueSet: .documented, at: "duration")
        issues.checkAllowed(0.75, in: [0.5, 1], valueSet: .inferred, at: "strength")
        let report = issues.report
        #expect(report.issues.map(\.code) == [.notAllowed, .unknownValue])
        #expect(report.issues[0].message == "`duration` is 7; allowed values: 5, 10")
        #expect(report.issues[1].severity == .warning)
    }

    @Test func atLeastOneRequiredWhenAndItemCountRules() {
        var issues = IssueList()
        issues.checkAtLeastOne(of: ("prompt", false), ("startImage", false))
        issues.checkAtLeastOne(of: ("prompt", true), ("startImage", false))
        issues.checkRequired(false, "aspectRatio", when: .notSent(String?.none, "startImage"))
        issues.checkRequired(false, "aspectRatio", when: .notSent(Optional("asset_1"), "startImage"))
        issues.checkTotalItems(("image_url", 1), min: 2, when: RuleCondition(holds: true, parameter: "effect_scene", valueText: "\"hug\""))
        issues.checkTotalItems(("image_url", 1), min: 2, when: RuleCondition(holds: false, parameter: "effect_scene", valueText: "\"hug\""))
        issues.checkTotalItems(("image_url", nil), min: 2)
        issues.checkItemsSending("video_url", count: 2, max: 1, itemsName: "elements")
        issues.checkItemsSending("video_url", count: 1, max: 1, itemsName: "elements")
        #expect(issues.report.issues.map(\.description) == [
            "error: (request): send at least one of `prompt` or `startImage`; none is sent [at_least_one_of]",
            "error: aspectRatio: `aspectRatio` is required when `startImage` is not sent [required]",
            "error: image_url: `image_url` has 1 item; at least 2 are required when `effect_scene` is \"hug\" [too_few_total_items]",
            "error: elements: 2 items of `elements` send `video_url`; at most 1 may [too_many_items_with_field]",
        ])
    }

    @Test func nullMeansNotSentWhereTheProviderTakesIt() {
        let schema = RequestSchema(file: "test/nullable.json", json: """
            {"id": "model_nullable", "provider": "scenario", "title": "Nullable", "swiftName": "Nullable",
             "endpoint": {"method": "POST", "path": "/v1/nullable"}, "sources": {"doc": {"title": "D", "url": "https://example.com"}},
             "parameters": [
               {"name": "multi_prompt", "type": "array", "items": {"type": "string"}, "nullable": true, "source": "doc"},
               {"name": "shots", "type": "jsonString", "content": {"type": "array", "items": {"type": "string"}}, "nullable": true,
                "source": "doc"},
               {"name": "prompt", "type": "string", "source": "doc"}]}
            """)
        #expect(schema.validate(wire: ["multi_prompt": nil]).issues.isEmpty)
        // A string holding JSON, too: `null` is not sent, not a string that fails to parse.
        #expect(schema.validate(wire: ["shots": nil, "multi_prompt": nil]).issues.isEmpty)
        #expect(schema.validate(wire: ["shots": "[\"a\"]"]).issues.isEmpty)
        #expect(schema.validate(wire: ["multi_prompt": ["x"]]).issues.isEmpty)
        let strict = schema.validate(wire: ["prompt": nil, "multi_prompt": "x"])
        #expect(strict.issues.map(\.path) == ["prompt", "multi_prompt"])
        #expect(strict.issues.allSatisfy { $0.code == .typeMismatch })
    }
}
