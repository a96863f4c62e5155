import KlingJSON
import KlingSchema

/// Writes `static let model = ModelDescriptor(...)`: the schema as data for tools and interfaces.
struct DescriptorEmitter {
    let schema: ModelSchema
    let root: ScopePlan

    func emit(_ writer: inout CodeWriter) {
        writer.line()
        writer.line("// MARK: - Description")
        writer.line()
        writer.block("extension \(root.qualifiedName)") { writer in
            writer.doc("The model's id, provider, endpoint, parameters, rules and notes, as the schema states them.")
            writer.line("public static let model = ModelDescriptor(")
            writer.line("    id: \(SwiftSource.literal(schema.id)),")
            writer.line("    provider: .\(schema.provider.rawValue),")
            writer.line("    title: \(SwiftSource.literal(schema.title)),")
            if !schema.capabilities.isEmpty {
                writer.line("    capabilities: [\(schema.capabilities.map { "." + Self.capabilityCase($0) }.joined(separator: ", "))],")
            }
            writer.line("    endpoint: Endpoint(method: \(SwiftSource.literal(schema.endpoint.method)), path: \(SwiftSource.literal(schema.endpoint.path))),")
            writer.line("    schemaFile: \(SwiftSource.literal(schema.file)),")
            writer.line("    sources: [")
            for source in schema.sources {
                writer.line("        .init(key: \(SwiftSource.literal(source.key)), title: \(SwiftSource.literal(source.title)), url: \(SwiftSource.literal(source.url))),")
            }
            writer.line("    ],")
            writer.line("    parameters: [")
            for parameter in schema.parameters { emitParameter(parameter, inheritedSource: nil, indent: 2, &writer) }
            writer.line("    ],")
            writer.line("    rules: [")
            for rule in schema.rules { writer.line("        \(SwiftSource.literal(RuleText.describe(rule))),") }
            writer.line("    ],")
            writer.line("    notes: [")
            for note in schema.notes { writer.line("        \(SwiftSource.literal(note)),") }
            writer.line("    ]")
            writer.line(")")
        }
    }

    private func emitParameter(_ parameter: Parameter, inheritedSource: String?, indent: Int, _ writer: inout CodeWriter) {
        let source = parameter.source ?? inheritedSource ?? ""
        let pad = String(repeating: "    ", count: indent)
        var spec = parameter.value
        var arguments = [
            "name: \(SwiftSource.literal(parameter.name))",
            "type: \(SwiftSource.literal(Self.typeName(of: spec)))",
        ]
        if parameter.isRequired { arguments.append("isRequired: true") }
        if let value = parameter.defaultValue { arguments.append("defaultValue: \(jsonLiteral(value))") }
        if let choices = spec.choices {
            arguments.append("allowedValues: [\(choices.values.map { SwiftSource.literal($0.value) }.joined(separator: ", "))]")
            arguments.append("valueSet: .\(choices.valueSet.rawValue)")
        } else if let numbers = spec.numberValues {
            arguments.append("allowedValues: [\(numbers.values.map { SwiftSource.literal(JSONValue.format($0)) }.joined(separator: ", "))]")
            arguments.append("valueSet: .\(numbers.valueSet.rawValue)")
        } else if let constant = spec.constant {
            arguments.append("allowedValues: [\(SwiftSource.literal(constant))]")
            arguments.append("valueSet: .documented")
        }
        if case .jsonString(let content) = spec.type { spec = content }
        if let value = spec.minimum { arguments.append("minimum: \(SwiftSource.literal(value))") }
        if let value = spec.maximum { arguments.append("maximum: \(SwiftSource.literal(value))") }
        if let value = spec.minLength { arguments.append("minLength: \(value)") }
        if let value = spec.maxLength { arguments.append("maxLength: \(value)") }
        if let value = spec.minItems { arguments.append("minItems: \(value)") }
        if let value = spec.maxItems { arguments.append("maxItems: \(value)") }
        arguments.append("description: \(SwiftSource.literal(parameter.description ?? ""))")
        arguments.append("source: \(SwiftSource.literal(source))")
        if let note = parameter.note { arguments.append("note: \(SwiftSource.literal(note))") }
        let fields = Self.fields(of: parameter.value)
        writer.line(pad + "ParameterDescriptor(")
        for (index, argument) in arguments.enumerated() {
            writer.line(pad + "    " + argument + (index < arguments.count - 1 || !fields.isEmpty ? "," : ""))
        }
        if !fields.isEmpty {
            writer.line(pad + "    fields: [")
            for field in fields { emitParameter(field, inheritedSource: source, indent: indent + 2, &writer) }
            writer.line(pad + "    ]")
        }
        writer.line(pad + "),")
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

    /// The Swift case of a capability in `KlingCore.Capability`.
    static func capabilityCase(_ capability: ModelSchema.Capability) -> String {
        switch capability {
        case .txt2video: return "textToVideo"
        case .img2video: return "imageToVideo"
        case .video2video: return "videoToVideo"
        case .video2audio: return "videoToAudio"
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

    private func jsonLiteral(_ value: JSONValue) -> String {
        switch value {
        case .null: return ".null"
        case .bool(let bool): return ".bool(\(bool))"
        case .number(let number): return ".number(\(SwiftSource.literal(number)))"
        case .string(let string): return ".string(\(SwiftSource.literal(string)))"
        case .array(let elements): return ".array([\(elements.map(jsonLiteral).joined(separator: ", "))])"
        case .object(let object):
            let members = object.members.map { "\(SwiftSource.literal($0.key)): \(jsonLiteral($0.value))" }
            return members.isEmpty ? ".object(JSONObject())" : "[\(members.joined(separator: ", "))]"
        }
    }
}
