import Foundation
import KlingEmitter
import KlingSchema
import Testing

/// Emits a one-model schema whose parameters and rules are given as JSON text.
func emit(parameters: String, rules: String = "[]") throws -> String {
    let schema = """
        {
          "id": "model_snippet", "provider": "scenario", "title": "Snippet", "swiftName": "Snippet",
          "endpoint": { "method": "POST", "path": "/v1/generate/custom/model_snippet" },
          "sources": { "doc": { "title": "Snippet page", "url": "https://example.com" } },
          "parameters": \(parameters),
          "rules": \(rules)
        }
        """
    return try emitSchema(schema)
}

/// Emits the Swift file of a schema given as JSON text.
func emitSchema(_ schema: String) throws -> String {
    RequestPlan(try SchemaReader.read(Data(schema.utf8), file: "test/snippet.json")).render()
}

/// Asserts that `text` contains `snippet` (compared line by line after trimming indentation).
func expectContains(_ text: String, _ snippet: String, sourceLocation: SourceLocation = #_sourceLocation) {
    func normalize(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
    }
    #expect(normalize(text).contains(normalize(snippet)), "missing:\n\(snippet)\n--- in ---\n\(text)", sourceLocation: sourceLocation)
}

@Suite("Emitter snippets")
struct SnippetTests {
    @Test func requiredAndOptionalPropertiesAndTheMemberwiseInit() throws {
        let text = try emit(parameters: """
            [{"name": "count", "type": "integer", "source": "doc", "description": "How many."},
             {"name": "prompt", "type": "string", "required": true, "source": "doc", "description": "What."}]
            """)
        expectContains(text, """
            public struct SnippetRequest: ScenarioRequest {
            """)
        expectContains(text, "public var count: Int?")
        expectContains(text, "public var prompt: String")
        expectContains(text, """
            public init(
                prompt: String,
                count: Int? = nil
            ) {
                self.prompt = prompt
                self.count = count
            }
            """)
        expectContains(text, """
            public init(from decoder: any Decoder) throws {
                let parameters = try ParameterDecoder(decoder)
                self.count = try parameters.decodeIfPresent("count")
                self.prompt = try parameters.decode("prompt")
            }
            """)
        expectContains(text, """
            public func visitParameters(_ visitor: inout some ParameterVisitor) {
                visitor.visit("count", count)
                visitor.visit("prompt", prompt)
            }
            """)
    }

    @Test func snakeCaseWireNamesAreReadAndVisitedByTheirWireNames() throws {
        let text = try emit(parameters: """
            [{"name": "image_list", "type": "array", "items": {"type": "url"}, "maxItems": 7, "source": "doc", "description": "Images."}]
            """)
        expectContains(text, "public var imageList: [URL]?")
        expectContains(text, #"self.imageList = try parameters.decodeIfPresent("image_list")"#)
        expectContains(text, #"visitor.visit("image_list", imageList)"#)
        expectContains(text, """
            /// The most items `imageList` may hold.
            public static var imageListMaxCount: Int { 7 }
            """)
    }

    @Test func choicesBecomeOpenTypesWithDefaults() throws {
        let text = try emit(parameters: """
            [{"name": "mode", "type": "string", "default": "pro", "valueSet": "inferred", "source": "doc", "description": "Quality.",
              "values": ["standard", {"value": "pro", "description": "1080p."}, {"value": "4k", "swiftName": "fourK"}]}]
            """)
        expectContains(text, """
            /// Quality.
            ///
            /// Known values are static members; any other value can be passed as a string. The schema inferred
            /// these values: another value is a warning.
            public typealias Mode = OpenChoice<ModeValues>

            /// Tells ``Mode`` apart from the other choices; its known values are static members of ``Mode``.
            public enum ModeValues {}
            """)
        expectContains(text, """
            extension OpenChoice<SnippetRequest.ModeValues> {
                /// `standard`
                public static var standard: Self { "standard" }
                /// `pro`: 1080p.
                public static var pro: Self { "pro" }
                /// `4k`
                public static var fourK: Self { "4k" }
            }
            """)
        expectContains(text, """
            /// The `mode` the provider uses when the request does not send it.
            public static var mode: Mode { .pro }
            """)
    }

    @Test func limitsSayWhatTheyLimit() throws {
        let text = try emit(parameters: """
            [{"name": "durations", "type": "array", "items": {"type": "number", "minimum": 1, "maximum": 10}, "maxItems": 3,
              "source": "doc", "description": "Seconds."},
             {"name": "prompt", "type": "string", "minLength": 1, "source": "doc", "description": "What."}]
            """)
        expectContains(text, """
            /// The limits the schema documents; validation checks these values.
            public enum Limits {
                /// The most items `durations` may hold.
                public static var durationsMaxCount
            """)
        expectContains(text, """
            /// The values allowed for each item of `durations`, both ends included.
            public static var durationsItemRange
            """)
        expectContains(text, """
            /// The shortest length allowed for `prompt`, in characters (Unicode code points).
            public static var promptMinLength
            """)
    }

    @Test func choiceMembersSayHowValuesAreMatched() throws {
        let text = try emit(parameters: """
            [{"name": "seconds", "type": "string", "valueSet": "documented", "ignoresCase": true, "acceptsIntegerForm": true,
              "source": "doc", "description": "Length.", "values": ["5", "10"]}]
            """)
        expectContains(text, """
            /// Known values are static members; any other value can be passed as a string. The provider documents
            /// these values: another value is an error. The provider compares them without regard to case. The wire
            /// also carries them as JSON integers (`5` for `"5"`).
            public typealias Seconds = OpenChoice<SecondsValues>
            """)
    }

    @Test func embeddedJSONIsTypedAndCodedAsAString() throws {
        let text = try emit(parameters: """
            [{"name": "multiPrompt", "swiftName": "shots", "type": "jsonString", "source": "doc", "description": "Shots.",
              "content": {"type": "array", "minItems": 1, "maxItems": 6,
                          "items": {"type": "object", "typeName": "Shot", "fields": [
                              {"name": "duration", "type": "number", "required": true, "minimum": 1, "description": "Seconds."}]}}},
             {"name": "duration", "type": "number", "default": 5, "source": "doc", "description": "Seconds."}]
            """, rules: """
            [{"kind": "sumEquals", "items": "multiPrompt", "field": "duration", "total": "duration"}]
            """)
        expectContains(text, "public var shots: [Shot]?")
        expectContains(text, #"self.shots = try parameters.decodeEmbeddedJSONIfPresent("multiPrompt")"#)
        expectContains(text, #"visitor.visitEmbeddedJSON("multiPrompt", shots)"#)
        expectContains(text, """
            public struct Shot: WireObject {
            """)
    }

    @Test func rulesBecomeTypedChecksAndStayInTheSchemaTheTypeCarries() throws {
        let text = try emit(parameters: """
            [{"name": "a", "type": "assetId", "source": "doc", "description": "A."},
             {"name": "b", "type": "assetId", "source": "doc", "description": "B."},
             {"name": "flag", "type": "boolean", "default": false, "source": "doc", "description": "F."},
             {"name": "list", "type": "array", "items": {"type": "assetId"}, "source": "doc", "description": "L."},
             {"name": "prompt", "type": "string", "source": "doc", "description": "P."}]
            """, rules: """
            [{"kind": "requires", "param": "b", "requires": "a"},
             {"kind": "mutuallyExclusive", "conditions": [{"param": "flag", "equals": true}, {"param": "a", "sent": true}]},
             {"kind": "exactlyOneOf", "params": ["a", "prompt"]},
             {"kind": "maxTotalItems", "params": ["list", "b"], "max": 3, "when": {"param": "a", "sent": true}},
             {"kind": "ignoredWhen", "param": "list", "when": {"param": "flag", "equals": true}},
             {"kind": "tagReferences", "param": "prompt", "prefix": "@Item", "counts": ["list"]}]
            """)
        expectContains(text, "public static var listAndBMaxTotalWithA: Int { 3 }")
        expectContains(text, """
                  "rules": [
                    {
                      "kind": "requires",
                      "param": "b",
                      "requires": "a"
                    },
            """)
        expectContains(text, """
            // `b` requires `a`.
            issues.checkRequires(self.b != nil, "b", requires: self.a != nil, "a", in: path())
            // Not together: `flag` is true and `a` is sent.
            issues.checkMutuallyExclusive(
                .equals(self.flag, "flag", true, default: Defaults.flag, valueText: "true"),
                .sent(self.a, "a"),
                in: path()
            )
            // Exactly one of `a`, `prompt`.
            issues.checkExactlyOne(of: ("a", self.a != nil), ("prompt", self.prompt != nil), in: path())
            """)
        expectContains(text, #"issues.checkTotalItems(("list", self.list?.count ?? 0), ("b", self.b == nil ? 0 : 1), max: Limits.listAndBMaxTotalWithA, when: .sent(self.a, "a"), in: path())"#)
        expectContains(text, #"issues.checkIgnored(self.list != nil, "list", when: .equals(self.flag, "flag", true, default: Defaults.flag, valueText: "true"), in: path())"#)
        expectContains(text, #"in: value, prefix: "@Item", suffix: "","#)
    }

    @Test func hostileStringsAreEscapedAndNamesAreSafe() throws {
        let text = try emit(parameters: #"""
            [{"name": "default", "type": "string", "default": "a \"\"\" b \\( c */ # d\ne", "source": "doc",
              "description": "Line one */ \"\"\"\nLine two \\(x) #\"raw\"#"},
             {"name": "self", "type": "boolean", "source": "doc", "description": "Self."},
             {"name": "Type", "type": "string", "values": ["x"], "source": "doc", "description": "Type."}]
            """#)
        expectContains(text, "public var `default`: String?")
        expectContains(text, "public var selfValue: Bool?")
        expectContains(text, "public var type: TypeValue?")
        expectContains(text, #"public static var `default`: String { "a \"\"\" b \\( c */ # d\ne" }"#)
        expectContains(text, """
            /// Line one */ \"\"\"
            /// Line two \\(x) #"raw"#
            """)
        expectContains(text, #"visitor.visit("self", selfValue)"#)
        expectContains(text, ###"public static let schema = RequestSchema(file: "test/snippet.json", json: ##""""###)
        expectContains(text, ###""""##)"###)
    }

    @Test func sameInputSameBytes() throws {
        let parameters = #"[{"name": "prompt", "type": "string", "required": true, "source": "doc", "description": "P."}]"#
        #expect(try emit(parameters: parameters) == emit(parameters: parameters))
    }

    @Test func catalogListsEveryModelInFileOrder() {
        let text = CatalogPlan([.init(file: "b/two.json", swiftName: "Two"), .init(file: "a/one.json", swiftName: "One")]).render()
        expectContains(text, """
            public static let all: [any KlingRequest.Type] = [
                OneRequest.self,
                TwoRequest.self,
            ]
            """)
    }
}

@Suite("Names the emitter hands out")
struct NamingTests {
    @Test func aStringsLengthAndANumberNamedLikeItGetDistinctLimits() throws {
        let text = try emit(parameters: """
            [{"name": "prompt", "type": "string", "minLength": 1, "maxLength": 10, "source": "doc", "description": "P."},
             {"name": "promptLength", "type": "integer", "minimum": 1, "maximum": 5, "source": "doc", "description": "L."}]
            """)
        expectContains(text, "public static var promptLengthRange: ClosedRange<Int> { 1...10 }")
        expectContains(text, "public static var promptLengthRange2: ClosedRange<Int> { 1...5 }")
    }

    @Test func valuesThatDifferOnlyInCaseAreDistinctMembers() throws {
        let text = try emit(parameters: """
            [{"name": "mode", "type": "string", "values": ["4k", "pro", "4K"], "ignoresCase": true, "source": "doc", "description": "M."}]
            """)
        expectContains(text, #"public static var value4k: Self { "4k" }"#)
        expectContains(text, #"public static var value4xK: Self { "4K" }"#)
    }

    @Test func twoTotalItemLimitsOnOneParameterWithDifferentConditionsAreNamedAndDocumentedByTheirConditions() throws {
        let text = try emit(parameters: """
            [{"name": "images", "type": "array", "items": {"type": "assetId"}, "source": "doc", "description": "I."},
             {"name": "mode", "type": "string", "values": ["4k", "pro"], "source": "doc", "description": "M."}]
            """, rules: """
            [{"kind": "maxTotalItems", "params": ["images"], "max": 2, "when": {"param": "mode", "equals": "4k"}},
             {"kind": "maxTotalItems", "params": ["images"], "max": 3, "when": {"param": "mode", "equals": "pro"}}]
            """)
        expectContains(text, """
            /// The most items `images` may hold together when `mode` is "4k".
            public static var imagesMaxTotalWhenModeIs4k: Int { 2 }
            /// The most items `images` may hold together when `mode` is "pro".
            public static var imagesMaxTotalWhenModeIsPro: Int { 3 }
            """)
        #expect(!text.contains("is sent"), "an equals condition is not a sent condition")
    }

    @Test func twoTotalItemLimitsWhoseNamesStillCollideGetDistinctNames() throws {
        let text = try emit(parameters: """
            [{"name": "images", "type": "array", "items": {"type": "assetId"}, "source": "doc", "description": "I."},
             {"name": "video", "type": "assetId", "source": "doc", "description": "V."}]
            """, rules: """
            [{"kind": "maxTotalItems", "params": ["images"], "max": 2, "when": {"param": "video", "sent": true}},
             {"kind": "maxTotalItems", "params": ["images"], "max": 3, "when": {"param": "video", "sent": true}}]
            """)
        expectContains(text, "public static var imagesMaxTotalWithVideo: Int { 2 }")
        expectContains(text, "public static var imagesMaxTotalWithVideo2: Int { 3 }")
    }

    @Test func namesGeneratedCodeDeclaresAreNotTakenByChoiceValuesOrProperties() throws {
        let text = try emit(parameters: """
            [{"name": "self", "type": "boolean", "source": "doc", "description": "S."},
             {"name": "selfValue", "type": "boolean", "source": "doc", "description": "V."},
             {"name": "kind", "type": "string", "values": ["description", "rawValue", "hashValue"], "source": "doc", "description": "K."}]
            """)
        expectContains(text, "public var selfValue: Bool?")
        expectContains(text, "public var selfValue2: Bool?")
        expectContains(text, #"public static var descriptionValue: Self { "description" }"#)
        expectContains(text, #"public static var rawValueValue: Self { "rawValue" }"#)
        expectContains(text, #"public static var hashValueValue: Self { "hashValue" }"#)
    }
}

extension NamingTests {
    @Test func aChoiceIsNeverNamedLikeAnAssociatedTypeOfItsProtocols() throws {
        let text = try emit(parameters: """
            [{"name": "rawValue", "type": "string", "values": ["a"], "source": "doc", "description": "R."}]
            """)
        expectContains(text, "public typealias RawValueValue = OpenChoice<RawValueValueValues>")
    }
}
