import CommandLineKit
import DiagnosticText
import KlingKit

/// `kling models`: every model with a schema.
struct ModelsCommand: KlingCommand {
    static let spec = CommandSpec(
        name: "kling models",
        abstract: "List the models: id, provider and title."
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let rows = KlingModels.all.map { type -> [String] in
            let model = type.model
            return [model.id, model.provider.description, model.title]
        }
        Console.out(TextTable.render(header: ["MODEL", "PROVIDER", "TITLE"], rows: rows))
        return .success
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
    static func render(header: [String], rows: [[String]]) -> String {
        let all = ([header] + rows).map { $0.map { TerminalText.escaped($0) } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < header.count - 1 {
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
