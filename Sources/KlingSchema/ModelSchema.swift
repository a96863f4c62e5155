#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// One model's parameter schema: a `Schemas/<provider>/<model>.json` file, read and linted.
///
/// The format is documented in `Docs/SchemaFormat.md` and described by `Schemas/schema.json`.
public struct ModelSchema: Hashable, Sendable {
    /// The file the schema was read from, relative to the schemas folder (`scenario/model_x.json`).
    public var file: String
    /// The provider's model id.
    public var id: String
    /// `scenario` or `aimlapi`.
    public var provider: Provider
    public var title: String
    /// The name of the generated request type, without the `Request` suffix.
    public var swiftName: String
    public var summary: String?
    /// What the model does, in the provider's words (`txt2video`, `img2video`, …); may be empty.
    public var capabilities: [Capability] = []
    public var endpoint: Endpoint
    /// The documentation pages the schema was transcribed from, in the file's order.
    public var sources: [Source]
    /// Where the documentation was ambiguous and what the schema chose.
    public var notes: [String]
    public var parameters: [Parameter]
    public var rules: [Rule]
    /// The JSON document the schema was read from, as the reader received it (generated code
    /// carries it, and reads it back at run time).
    public var document: JSONValue = .null

    public var requestTypeName: String { swiftName + "Request" }

    /// What tells the schema apart from the others of its set.
    public var identity: SchemaIdentity { SchemaIdentity(file: file, id: id, swiftName: swiftName) }

    public enum Provider: String, Hashable, Sendable, CaseIterable {
        case scenario
        case aimlapi
    }

    /// What a model makes from what, as Scenario spells it.
    public enum Capability: String, Hashable, Sendable, CaseIterable {
        case txt2video, img2video, video2video, video2audio
    }

    public struct Endpoint: Hashable, Sendable {
        public var method: String
        public var path: String
    }

    public struct Source: Hashable, Sendable {
        /// The key parameters and rules cite (`seed`, `current`, `openapi`).
        public var key: String
        public var title: String
        public var url: String
    }
}

/// What tells a schema apart from the others of its set: its file, model id and Swift name. Two
/// schemas of a set must differ in each.
public struct SchemaIdentity: Hashable, Sendable {
    /// The file, relative to the schemas folder.
    public var file: String
    public var id: String
    public var swiftName: String

    public init(file: String, id: String, swiftName: String) {
        self.file = file
        self.id = id
        self.swiftName = swiftName
    }

    /// Reads `{"file": …, "id": …, "swiftName": …}` (how the build plugin passes a set's
    /// identities on the command line); nil for anything else.
    public init?(json text: String) {
        guard case .object(let object)? = try? JSONParser.parse(Data(text.utf8)), object.members.count == 3,
              case .string(let file)? = object["file"], case .string(let id)? = object["id"], case .string(let swiftName)? = object["swiftName"]
        else { return nil }
        self.init(file: file, id: id, swiftName: swiftName)
    }
}

/// A parameter of a request, or a field of an object parameter.
public struct Parameter: Hashable, Sendable {
    /// The wire name.
    public var name: String
    /// The Swift property name, when the derived one is not wanted.
    public var swiftName: String?
    /// The documentation's description; nil where the provider gives none.
    public var description: String?
    /// The key of the source that documents it; nil for a field, which inherits its parent's.
    public var source: String?
    public var isRequired: Bool
    /// The wire may carry JSON `null` for it, meaning "not sent".
    public var isNullable: Bool = false
    public var defaultValue: JSONValue?
    /// Where the documentation leaves this parameter open and what the schema chose.
    public var note: String?
    public var value: ValueSpec
}

/// What values a parameter takes.
public struct ValueSpec: Hashable, Sendable {
    public var type: ValueType
    /// The known values of a string choice.
    public var choices: Choices?
    /// The allowed values of an integer or number.
    public var numberValues: NumberValues?
    /// Other string forms a `url` takes besides an http(s) URL.
    public var alsoAccepts: [AlsoAccepted] = []
    /// The one value a fixed parameter always carries (the AI/ML API's `model`).
    public var constant: String?
    public var minimum: Double?
    public var maximum: Double?
    public var minLength: Int?
    public var maxLength: Int?
    public var minItems: Int?
    public var maxItems: Int?
}

public indirect enum ValueType: Hashable, Sendable {
    case string
    case integer
    case number
    case boolean
    /// A provider asset id (a string).
    case assetID
    /// An absolute http(s) URL (a string).
    case url
    case array(items: ValueSpec)
    /// One value of `items`, or an array of them.
    case oneOrMany(items: ValueSpec)
    case object(ObjectSpec)
    /// A string whose text is JSON of the content type (V3 Omni's `multiPrompt`).
    case jsonString(content: ValueSpec)

    /// The type's name in the schema format.
    public var name: Vocabulary.TypeName {
        switch self {
        case .string: return .string
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .assetID: return .assetId
        case .url: return .url
        case .array: return .array
        case .oneOrMany: return .oneOrMany
        case .object: return .object
        case .jsonString: return .jsonString
        }
    }

    /// The type's name as the schema format spells it.
    public var schemaName: String { name.rawValue }

    /// The type as a person reads it: `assetId[]`, `string (JSON of Shot[])`.
    public var displayName: String {
        switch self {
        case .array(let items): return items.type.displayName + "[]"
        case .oneOrMany(let items): return "\(items.type.displayName) | \(items.type.displayName)[]"
        case .object(let object): return object.typeName ?? "object"
        case .jsonString(let content): return "string (JSON of \(content.type.displayName))"
        default: return schemaName
        }
    }

    public var isNumeric: Bool { self == .integer || self == .number }

    /// The spec of the items of an array or a one-or-many value, or nil.
    public var itemSpec: ValueSpec? {
        switch self {
        case .array(let items), .oneOrMany(let items): return items
        default: return nil
        }
    }
}

/// The allowed values of an integer or number parameter.
public struct NumberValues: Hashable, Sendable {
    /// The values, in the schema's order.
    public var values: [Double]
    public var valueSet: Choices.ValueSet
}

/// A string form a `url` parameter takes besides an absolute http(s) URL.
public enum AlsoAccepted: String, Hashable, Sendable, CaseIterable {
    /// A Base64-encoded file.
    case base64
    /// A `data:` URI.
    case dataURI

    /// The form in words, for doc comments: "Base64-encoded data", "a `data:` URI".
    public var words: String {
        switch self {
        case .base64: return "Base64-encoded data"
        case .dataURI: return "a `data:` URI"
        }
    }
}

/// The fields of an object and the rules between them.
public struct ObjectSpec: Hashable, Sendable {
    /// The name of the generated Swift type (`Shot`, `Element`).
    public var typeName: String?
    public var description: String?
    public var fields: [Parameter]
    public var rules: [Rule]
}

/// The known values of a string parameter.
public struct Choices: Hashable, Sendable {
    public struct Value: Hashable, Sendable {
        public var value: String
        /// The static member's name, when the derived one is not wanted (`widescreen` for `16:9`).
        public var swiftName: String?
        public var description: String?
    }

    public enum ValueSet: String, Hashable, Sendable {
        /// The provider documents the values: another value is an error.
        case documented
        /// The schema inferred the values: another value is a warning.
        case inferred
    }

    public var values: [Value]
    public var valueSet: ValueSet
    /// The name of the generated Swift type, when the derived one is not wanted.
    public var typeName: String?
    /// The provider compares values without regard to case.
    public var ignoresCase: Bool
    /// The wire also carries the values as JSON integers (`5` for `"5"`).
    public var acceptsIntegerForm: Bool
}

/// A rule that ties parameters together.
public struct Rule: Hashable, Sendable {
    public var kind: Kind
    public var source: String?
    /// The documentation's words for the rule.
    public var description: String?

    public enum Kind: Hashable, Sendable {
        /// `parameter` may only be sent together with `dependency`.
        case requires(parameter: String, dependency: String)
        /// The conditions must not all hold at once.
        case mutuallyExclusive([Condition])
        /// Exactly one of the parameters is sent.
        case exactlyOneOf([String])
        /// At least one of the parameters is sent.
        case atLeastOneOf([String])
        /// `parameter` must be sent while `condition` holds.
        case requiredWhen(parameter: String, when: Condition)
        /// The parameters' items together are at most `max`, while `condition` holds.
        case maxTotalItems(parameters: [String], max: Int, when: Condition?)
        /// The parameters' items together are at least `min`, while `condition` holds.
        case minTotalItems(parameters: [String], min: Int, when: Condition?)
        /// At most `max` items of the array of objects `items` send `field`.
        case maxItemsWithField(items: String, field: String, max: Int)
        /// The `field` values of the items of `items` add up to `total`'s effective value.
        case sumEquals(items: String, field: String, total: String)
        /// `parameter` is ignored by the provider when `condition` holds (a warning).
        case ignoredWhen(parameter: String, when: Condition)
        /// `prefix<N>suffix` in `parameter` must number an item of `counts` (1-based).
        case tagReferences(parameter: String, prefix: String, suffix: String, counts: [String])

        /// The rule's kind in the schema format.
        public var name: Vocabulary.RuleKindName {
            switch self {
            case .requires: return .requires
            case .mutuallyExclusive: return .mutuallyExclusive
            case .exactlyOneOf: return .exactlyOneOf
            case .atLeastOneOf: return .atLeastOneOf
            case .requiredWhen: return .requiredWhen
            case .maxTotalItems: return .maxTotalItems
            case .minTotalItems: return .minTotalItems
            case .maxItemsWithField: return .maxItemsWithField
            case .sumEquals: return .sumEquals
            case .ignoredWhen: return .ignoredWhen
            case .tagReferences: return .tagReferences
            }
        }

        /// The rule's kind as the schema format spells it.
        public var schemaName: String { name.rawValue }
    }
}

/// A condition on one parameter, as data.
public struct Condition: Hashable, Sendable {
    public var parameter: String
    public var test: Test

    public enum Test: Hashable, Sendable {
        /// The parameter is sent.
        case sent
        /// The parameter is not sent.
        case notSent
        /// The parameter's effective value (its default when not sent) equals this.
        case equals(JSONValue)
    }
}
