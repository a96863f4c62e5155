import CommandLineKit
import DiagnosticText
import KlingKit

/// `kling describe <id>`: a model's parameters, rules and notes. Schema text is escaped for the
/// terminal (the table's cells by ``TextTable``).
struct DescribeCommand: KlingCommand {
    static let spec = CommandSpec(
        name: "kling describe",
        abstract: "Show a model's parameters (type, required, default, limits), rules and notes.",
        arguments: [.init("model-id", help: "A model id, as 'kling models' lists it.")]
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let model = try ModelLookup.requestType(arguments.positionals.first, command: spec.name).model
        let safe = { (text: String) in TerminalText.escaped(text) }
        var output = "\(safe(model.title))\n"
        output += "  id:        \(safe(model.id))\n"
        output += "  provider:  \(model.provider)\n"
        if !model.capabilities.isEmpty {
            output += "  makes:     \(model.capabilities.map(\.description).joined(separator: ", "))\n"
        }
        output += "  endpoint:  \(safe(model.endpoint.method)) \(safe(model.endpoint.path))\n"
        output += "  schema:    Schemas/\(safe(model.schemaFile))\n\n"
        var rows: [[String]] = []
        func add(_ parameter: ParameterDescriptor, prefix: String) {
            rows.append([
                prefix + parameter.name, parameter.type, parameter.isRequired ? "yes" : "-",
                parameter.defaultValue?.jsonText ?? "-", limits(parameter), oneLine(parameter.description),
            ])
            for field in parameter.fields { add(field, prefix: prefix + parameter.name + (parameter.type.contains("[]") ? "[]." : ".")) }
        }
        for parameter in model.parameters { add(parameter, prefix: "") }
        output += TextTable.render(header: ["PARAMETER", "TYPE", "REQUIRED", "DEFAULT", "LIMITS", "DESCRIPTION"], rows: rows)
        if !model.rules.isEmpty {
            output += "\nRules:\n" + model.rules.map { "  - \(safe($0.description))\n" }.joined()
        }
        if !model.notes.isEmpty {
            output += "\nNotes:\n" + model.notes.map { "  - \(safe($0))\n" }.joined()
        }
        output += "\nSources:\n" + model.sources.map { "  - \(safe($0.key)): \(safe($0.title)) <\(safe($0.url.description))>\n" }.joined()
        Console.out(output)
        return .success
    }

    /// A parameter's limits in a few words: `3–15`, `≤ 2500 chars`, `1–6 items`, `feature | base`.
    static func limits(_ parameter: ParameterDescriptor) -> String {
        var parts: [String] = []
        func range(_ min: String?, _ max: String?, unit: String) {
            switch (min, max) {
            case let (min?, max?): parts.append("\(min)–\(max)\(unit)")
            case let (min?, nil): parts.append("≥ \(min)\(unit)")
            case let (nil, max?): parts.append("≤ \(max)\(unit)")
            default: break
            }
        }
        range(parameter.minimum.map(JSONValue.format), parameter.maximum.map(JSONValue.format), unit: "")
        range(parameter.minLength.map(String.init), parameter.maxLength.map(String.init), unit: " chars")
        range(parameter.minItems.map(String.init), parameter.maxItems.map(String.init), unit: " items")
        if !parameter.allowedValues.isEmpty {
            // A long list (the effects' scenes) is cut short; the schema and `model` have it whole.
            let shown = parameter.allowedValues.count > 8 ? parameter.allowedValues.prefix(6) + ["… \(parameter.allowedValues.count) values"] : parameter.allowedValues[...]
            let values = shown.joined(separator: " | ")
            parts.append(parameter.valueSet == .inferred ? "\(values) (inferred)" : values)
        }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
