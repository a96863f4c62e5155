/// The APIs that host Kling models.
public enum Provider: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Scenario (`api.cloud.scenario.com`), Basic auth.
    case scenario
    /// The AI/ML API (`api.aimlapi.com`), Bearer auth.
    case aimlapi

    public var description: String {
        switch self {
        case .scenario: return "Scenario"
        case .aimlapi: return "AI/ML API"
        }
    }
}

/// What a model makes from what, in the words Scenario uses for its models.
public enum Capability: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Text to video.
    case textToVideo = "txt2video"
    /// Image to video: a start frame, reference images or a portrait.
    case imageToVideo = "img2video"
    /// Video to video: editing, restyling, lip sync, motion transfer.
    case videoToVideo = "video2video"
    /// Video to audio: a soundtrack for a video.
    case videoToAudio = "video2audio"

    /// The capability as people read it: "text to video".
    public var description: String {
        switch self {
        case .textToVideo: return "text to video"
        case .imageToVideo: return "image to video"
        case .videoToVideo: return "video to video"
        case .videoToAudio: return "video to audio"
        }
    }
}

/// Where a model's generation request goes.
public struct Endpoint: Hashable, Sendable, Codable {
    /// The HTTP method of the generation request, e.g. `POST`.
    public var method: String
    /// The path below the provider's base URL, e.g. `/v1/generate/custom/model_kling-v3-omni-video`.
    public var path: String

    /// Creates an endpoint from its HTTP method and its path below the provider's base URL.
    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }
}

/// What a schema says about a model, as data: for tools that list and describe models, and for
/// interfaces that show defaults and limits.
public struct ModelDescriptor: Hashable, Sendable {
    /// The provider's model id, e.g. `model_kling-v3-omni-video`.
    public var id: String
    /// The API that serves the model.
    public var provider: Provider
    /// The model's display name, e.g. `Kling V3 Omni Video`.
    public var title: String
    /// What the model makes from what; empty when the schema does not say.
    public var capabilities: [Capability]
    /// Where the generation request goes.
    public var endpoint: Endpoint
    /// The schema file the request type was generated from, relative to the schemas folder.
    public var schemaFile: String
    /// The documentation pages the schema was transcribed from, by the key parameters cite.
    public var sources: [Source]
    /// Every parameter the request type can send, in the schema's order.
    public var parameters: [ParameterDescriptor]
    /// The rules between parameters, in words.
    public var rules: [String]
    /// Where the documentation was ambiguous and what the schema chose.
    public var notes: [String]

    /// Creates a description; generated request types call this for their `model`.
    public init(
        id: String, provider: Provider, title: String, capabilities: [Capability] = [], endpoint: Endpoint, schemaFile: String,
        sources: [Source], parameters: [ParameterDescriptor], rules: [String], notes: [String]
    ) {
        self.id = id
        self.provider = provider
        self.title = title
        self.capabilities = capabilities
        self.endpoint = endpoint
        self.schemaFile = schemaFile
        self.sources = sources
        self.parameters = parameters
        self.rules = rules
        self.notes = notes
    }

    /// A documentation page the schema was transcribed from.
    public struct Source: Hashable, Sendable {
        /// The short name parameters use to cite the page, e.g. `seed`.
        public var key: String
        /// The page's title.
        public var title: String
        /// The page's address.
        public var url: String

        /// Creates a page reference from its citation key, title and address.
        public init(key: String, title: String, url: String) {
            self.key = key
            self.title = title
            self.url = url
        }
    }
}

/// One parameter (or field of an object parameter) as data.
public struct ParameterDescriptor: Hashable, Sendable {
    /// The name the request body uses, e.g. `aspect_ratio`.
    public var name: String
    /// The type as the schema writes it: `number`, `assetId[]`, `string (JSON of Shot[])`.
    public var type: String
    /// Whether every request must send the parameter.
    public var isRequired: Bool
    /// The documented default, as JSON.
    public var defaultValue: JSONValue?
    /// The known values of a choice.
    public var allowedValues: [String]
    /// Whether `allowedValues` is documented or inferred (nil when not a choice).
    public var valueSet: ChoiceValueSet?
    /// The smallest number allowed, when the schema documents one.
    public var minimum: Double?
    /// The largest number allowed, when the schema documents one.
    public var maximum: Double?
    /// The fewest characters a string may have, when the schema documents a limit.
    public var minLength: Int?
    /// The most characters a string may have, when the schema documents a limit.
    public var maxLength: Int?
    /// The fewest items an array may hold, when the schema documents a limit.
    public var minItems: Int?
    /// The most items an array may hold, when the schema documents a limit.
    public var maxItems: Int?
    /// What the parameter does, in the documentation's words; empty where the provider gives none.
    public var description: String
    /// The key of the documentation page that documents the parameter.
    public var source: String
    /// Where the documentation leaves the parameter open and what the schema chose.
    public var note: String?
    /// The fields of an object parameter (or of its array's items).
    public var fields: [ParameterDescriptor]

    /// Creates a parameter description; options the schema does not state keep their defaults.
    public init(
        name: String, type: String, isRequired: Bool = false, defaultValue: JSONValue? = nil,
        allowedValues: [String] = [], valueSet: ChoiceValueSet? = nil,
        minimum: Double? = nil, maximum: Double? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        minItems: Int? = nil, maxItems: Int? = nil, description: String, source: String, note: String? = nil,
        fields: [ParameterDescriptor] = []
    ) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.valueSet = valueSet
        self.minimum = minimum
        self.maximum = maximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.minItems = minItems
        self.maxItems = maxItems
        self.description = description
        self.source = source
        self.note = note
        self.fields = fields
    }
}
