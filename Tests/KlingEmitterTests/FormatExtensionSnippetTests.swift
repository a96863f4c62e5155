import Foundation
import Testing

/// What the format's extensions generate: number values, one-or-many values, media sources,
/// nullable parameters, missing descriptions, and the rule kinds added with them.
@Suite("Emitter snippets: the format's extensions")
struct FormatExtensionSnippetTests {
    @Test func numberValuesAreLimitsCheckedByMembership() throws {
        let text = try emit(parameters: """
            [{"name": "duration", "type": "integer", "values": [5, 10], "default": 5, "source": "doc", "description": "Seconds."},
             {"name": "strength", "type": "number", "values": [0.5, 1], "valueSet": "inferred", "source": "doc", "description": "How much."}]
            """)
        expectContains(text, "public var duration: Int?")
        expectContains(text, """
            /// The values allowed for `duration` (documented: another value is an error).
            public static var durationValues: [Int] { [5, 10] }
            /// The values allowed for `strength` (inferred: another value is a warning).
            public static var strengthValues: [Double] { [0.5, 1] }
            """)
        expectContains(text, "/// Optional. Default: `5`. Values (documented): `5`, `10`.")
    }

    @Test func oneOrManyIsTypedAndEachItemIsCheckedAtItsPath() throws {
        let text = try emit(parameters: """
            [{"name": "image_url", "type": "oneOrMany", "items": {"type": "url", "alsoAccepts": ["base64"]}, "maxItems": 2, "source": "doc", "description": "Images."}]
            """)
        expectContains(text, "public var imageUrl: OneOrMany<MediaSource>?")
        expectContains(text, "/// Optional. At most 2 items. An http(s) URL, or Base64-encoded data. Sent as one value or as an array.")
    }

    @Test func urlsThatAcceptOtherFormsAreMediaSources() throws {
        let text = try emit(parameters: """
            [{"name": "video_url", "type": "url", "alsoAccepts": ["base64", "dataURI"], "required": true, "source": "doc", "description": "Video."},
             {"name": "tail_url", "type": "url", "source": "doc", "description": "Tail."}]
            """)
        expectContains(text, "public var videoUrl: MediaSource")
        expectContains(text, "public var tailUrl: URL?")
    }

    @Test func nullableParametersReadNullAsNotSentAndUndescribedOnesGetNeutralDocs() throws {
        let text = try emit(parameters: """
            [{"name": "multi_prompt", "type": "array", "items": {"type": "string"}, "nullable": true, "source": "doc"}]
            """)
        expectContains(text, """
            /// `multi_prompt`; the provider does not describe it.
            ///
            /// Optional. The wire may carry `null` for it, meaning not sent.
            """)
    }

    @Test func theNewRuleKindsNameTheirLimitsByTheirConditions() throws {
        let text = try emit(parameters: """
            [{"name": "prompt", "type": "string", "source": "doc", "description": "P."},
             {"name": "start", "type": "assetId", "source": "doc", "description": "S."},
             {"name": "ratio", "type": "string", "source": "doc", "description": "R."},
             {"name": "effect", "type": "string", "values": ["hug", "squish"], "source": "doc", "description": "E."},
             {"name": "image_url", "type": "oneOrMany", "items": {"type": "url"}, "source": "doc", "description": "I."},
             {"name": "elements", "type": "array", "source": "doc", "description": "E.",
              "items": {"type": "object", "typeName": "Element", "fields": [{"name": "frontal", "type": "assetId"}, {"name": "video_url", "type": "url"}],
                        "rules": [{"kind": "atLeastOneOf", "params": ["frontal", "video_url"]}]}}]
            """, rules: """
            [{"kind": "atLeastOneOf", "params": ["prompt", "start"]},
             {"kind": "requiredWhen", "param": "ratio", "when": {"param": "start", "sent": false}},
             {"kind": "minTotalItems", "params": ["image_url"], "min": 2, "when": {"param": "effect", "equals": "hug"}},
             {"kind": "maxTotalItems", "params": ["image_url"], "max": 1, "when": {"param": "start", "sent": false}},
             {"kind": "maxItemsWithField", "items": "elements", "field": "video_url", "max": 1}]
            """)
        expectContains(text, """
            /// The fewest items `image_url` may hold together when `effect` is "hug".
            public static var imageUrlMinTotalWhenEffectIsHug: Int { 2 }
            """)
        expectContains(text, """
            /// The most items of `elements` that may send `video_url`.
            public static var elementsMaxWithVideoUrl: Int { 1 }
            """)
    }
}

extension FormatExtensionSnippetTests {
    /// Every item sends a required field: the typed check counts the items (a closure that ignores
    /// its argument would not compile).
    @Test func itemsSendingARequiredFieldAreCountedWhole() throws {
        let text = try emit(parameters: """
            [{"name": "elements", "type": "array", "source": "doc", "description": "E.",
              "items": {"type": "object", "typeName": "Element", "fields": [
                {"name": "frontal", "type": "assetId", "required": true}, {"name": "video_url", "type": "url"}]}}]
            """, rules: """
            [{"kind": "maxItemsWithField", "items": "elements", "field": "frontal", "max": 2},
             {"kind": "maxItemsWithField", "items": "elements", "field": "video_url", "max": 1}]
            """)
        expectContains(text, #""frontal", count: value.count, max: Limits.elementsMaxWithFrontal,"#)
        expectContains(text, #""video_url", count: value.filter { $0.videoUrl != nil }.count, max: Limits.elementsMaxWithVideoUrl,"#)
    }
}

@Suite("Emitter snippets: the request type's documentation")
struct RequestDocumentationSnippetTests {
    /// A doc link to `Defaults` or `Limits` must name an enum the type declares, or DocC fails.
    @Test func theTypeDocumentationLinksOnlyTheEnumsItDeclares() throws {
        let bare = try emit(parameters: #"[{"name": "p", "type": "string", "source": "doc", "description": "P."}]"#)
        expectContains(bare, """
            /// Build a request, check it with ``validate()``, and submit it with the client. Parameters left nil
            /// take the provider's defaults; the full description (``model``) is static data.
            """)
        #expect(!bare.contains("``Defaults``") && !bare.contains("``Limits``"))
        let limited = try emit(parameters: #"[{"name": "p", "type": "string", "maxLength": 5, "source": "doc", "description": "P."}]"#)
        #expect(limited.contains("``Limits``") && !limited.contains("``Defaults``"))
        let both = try emit(parameters: #"[{"name": "p", "type": "string", "maxLength": 5, "default": "a", "source": "doc", "description": "P."}]"#)
        #expect(both.contains("``Limits``") && both.contains("``Defaults``"))
    }
}
