internal import KlingSchema

extension ModelDescriptor {
    /// The description of the model a schema defines.
    init(schema: ModelSchema) {
        self.init(
            id: schema.id,
            provider: schema.provider == .scenario ? .scenario : .aimlapi,
            title: schema.title,
            capabilities: schema.capabilities.map(Capability.init),
            endpoint: Endpoint(method: schema.endpoint.method, path: schema.endpoint.path),
            schemaFile: schema.file,
            sources: schema.sources.map { Source(key: $0.key, title: $0.title, url: $0.url) },
            parameters: schema.parameters.map { ParameterDescriptor(parameter: $0, inheritedSource: nil) },
            rules: schema.rules.map(RuleText.describe),
            notes: schema.notes
        )
    }
}

extension Capability {
    /// The capability a schema names.
    init(_ capability: ModelSchema.Capability) {
        switch capability {
        case .txt2video: self = .textToVideo
        case .img2video: self = .imageToVideo
        case .video2video: self = .videoToVideo
        case .video2audio: self = .videoToAudio
        }
    }
}

extension ParameterDescriptor {
    /// The description of a schema's parameter; a field without a source of its own takes its
    /// parent's.
    init(parameter: Parameter, inheritedSource: String?) {
        let source = parameter.source ?? inheritedSource ?? ""
        var spec = parameter.value
        var allowedValues: [String] = []
        var valueSet: ChoiceValueSet?
        if let choices = spec.choices {
            allowedValues = choices.values.map(\.value)
            valueSet = choices.valueSet == .documented ? .documented : .inferred
        } else if let numbers = spec.numberValues {
            allowedValues = numbers.values.map(JSONValue.format)
            valueSet = numbers.valueSet == .documented ? .documented : .inferred
        } else if let constant = spec.constant {
            allowedValues = [constant]
            valueSet = .documented
        }
        let type = Self.typeName(of: spec)
        if case .jsonString(let content) = spec.type { spec = content }
        self.init(
            name: parameter.name, type: type, isRequired: parameter.isRequired, defaultValue: parameter.defaultValue,
            allowedValues: allowedValues, valueSet: valueSet,
            minimum: spec.minimum, maximum: spec.maximum, minLength: spec.minLength, maxLength: spec.maxLength,
            minItems: spec.minItems, maxItems: spec.maxItems,
            description: parameter.description ?? "", source: source, note: parameter.note,
            fields: Self.fields(of: parameter.value).map { ParameterDescriptor(parameter: $0, inheritedSource: source) }
        )
    }

    /// The type as `kling describe` shows it: the schema's name, with the other forms a URL takes.
    static func typeName(of spec: ValueSpec) -> String {
        let forms = spec.alsoAccepts.map(\.rawValue)
        switch spec.type {
        case .url where !forms.isEmpty: return "url | " + forms.joined(separator: " | ")
        case .array(let items) where !items.alsoAccepts.isEmpty: return "(\(typeName(of: items)))[]"
        case .oneOrMany(let items):
            let item = typeName(of: items)
            return item.contains(" | ") ? "\(item) | (\(item))[]" : "\(item) | \(item)[]"
        default: return spec.type.displayName
        }
    }

    /// The fields of an object parameter, or of its items.
    static func fields(of spec: ValueSpec) -> [Parameter] {
        switch spec.type {
        case .object(let object): return object.fields
        case .array(let items), .oneOrMany(let items): return fields(of: items)
        case .jsonString(let content): return fields(of: content)
        default: return []
        }
    }
}
