import CommandLineKit
import DiagnosticText
import KlingKit

/// `kling models`: every model with a schema, by provider and by what it makes from what.
struct ModelsCommand: KlingCommand {
    static let providerOption = ValueOption("provider", value: "scenario|aimlapi", help: "Only the models of one provider.")
    static let formatOption = ValueOption("format", value: "text|json", default: "text", help: "How to print the list.")

    static let spec = CommandSpec(
        name: "kling models",
        abstract: "List the models by provider and capability: id, capabilities and title.",
        options: [providerOption, formatOption],
        discussion: """
            Text output groups the models by provider, then by their first capability (text to video,
            image to video, video to video, video to audio), each group sorted by title.
            JSON output: [{"id", "provider", "title", "capabilities": [String], "endpoint"}], in the same order.
            """
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let format = arguments[formatOption] ?? "text"
        guard format == "text" || format == "json" else {
            throw UsageError("--format is 'text' or 'json', not '\(format)'", command: spec.name)
        }
        var providers = Provider.allCases
        if let name = arguments[providerOption] {
            guard let provider = Provider(rawValue: name) else {
                throw UsageError("--provider is 'scenario' or 'aimlapi', not '\(name)'", command: spec.name)
            }
            providers = [provider]
        }
        let groups = ModelGroups(models: KlingModels.all.map { $0.model }, providers: providers)
        Console.out(format == "json" ? groups.json : groups.text)
        return .success
    }
}

/// The models of the catalogue, grouped by provider and by first capability.
struct ModelGroups {
    struct Group {
        let provider: Provider
        /// Nil for models whose schema names no capability.
        let capability: Capability?
        let models: [ModelDescriptor]
    }

    let groups: [Group]

    init(models: [ModelDescriptor], providers: [Provider]) {
        var groups: [Group] = []
        for provider in providers {
            let ofProvider = models.filter { $0.provider == provider }
            for capability in Capability.allCases.map(Optional.some) + [nil] {
                let members = ofProvider.filter { $0.capabilities.first == capability }
                    .sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
                if !members.isEmpty { groups.append(Group(provider: provider, capability: capability, models: members)) }
            }
        }
        self.groups = groups
    }

    /// Headings per provider and capability, each over its rows of id, capabilities and title; the
    /// columns line up across the whole list.
    var text: String {
        let rows = groups.flatMap { group in
            group.models.map { model in ["    " + model.id, model.capabilities.map(\.rawValue).joined(separator: ","), model.title] }
        }
        var lines = TextTable.render(rows: rows).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = ""
        for (index, group) in groups.enumerated() {
            if index == 0 || groups[index - 1].provider != group.provider {
                let count = groups.filter { $0.provider == group.provider }.reduce(0) { $0 + $1.models.count }
                out += (index == 0 ? "" : "\n") + "\(group.provider) (\(count) model\(count == 1 ? "" : "s"))\n"
            }
            let heading = group.capability.map { $0.description.prefix(1).uppercased() + $0.description.dropFirst() } ?? "Other"
            out += "\n  \(heading)\n"
            out += lines.prefix(group.models.count).map { $0 + "\n" }.joined()
            lines.removeFirst(group.models.count)
        }
        return out
    }

    var json: String {
        let models: [JSONValue] = groups.flatMap(\.models).map { model in
            [
                "id": .string(model.id), "provider": .string(model.provider.rawValue), "title": .string(model.title),
                "capabilities": .array(model.capabilities.map { .string($0.rawValue) }),
                "endpoint": .string(model.endpoint.method + " " + model.endpoint.path),
            ]
        }
        return JSONValue.array(models).jsonText + "\n"
    }
}

/// Looks a model up by id for the commands that take `--model`.
enum ModelLookup {
    static func requestType(_ id: String?, command: String) throws(UsageError) -> any KlingRequest.Type {
        guard let id else { throw UsageError("missing option --model", command: command) }
        guard let type = KlingModels.model(id: id) else {
            var message = "unknown model '\(id)'; 'kling models' lists them"
            if let suggestion = Suggestion.closest(to: id, among: KlingModels.all.map { type in type.model.id }) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw UsageError(message, command: command)
        }
        return type
    }
}

/// Left-aligned columns separated by two spaces; the last column is not padded. Cells are escaped
/// for the terminal.
enum TextTable {
    static func render(header: [String]? = nil, rows: [[String]]) -> String {
        let all = ((header.map { [$0] } ?? []) + rows).map { $0.map { TerminalText.escaped($0) } }
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() where index < columns - 1 {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
