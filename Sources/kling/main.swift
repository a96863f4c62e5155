import CommandLineKit
import Foundation

/// Every `kling` subcommand, in the order `kling --help` lists them.
let commands: [any KlingCommand.Type] = [
    ModelsCommand.self, DescribeCommand.self, ValidateCommand.self,
    SubmitCommand.self, WaitCommand.self, DownloadCommand.self, RunCommand.self, BatchCommand.self,
]

let overview = CommandSpec(
    name: "kling",
    abstract: "Validate, describe, submit and download Kling video generations on Scenario and the AI/ML API.",
    arguments: [CommandSpec.Argument("command", help: "One of: " + commands.map { String($0.spec.name.split(separator: " ").last!) }.joined(separator: ", "))],
    discussion: "Run 'kling <command> --help' for a command's options.\n\nCOMMANDS:\n"
        + commands.map { "  " + String($0.spec.name.split(separator: " ").last!).padding(toLength: 12, withPad: " ", startingAt: 0) + $0.spec.abstract }
        .joined(separator: "\n")
)

@MainActor
func main() async -> ExitStatus {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let first = arguments.first, first != "-h", first != "--help" else {
        Console.out(overview.help)
        return arguments.isEmpty ? .usage : .success
    }
    guard let command = commands.first(where: { $0.spec.name == "kling \(first)" }) else {
        Console.error(UsageError("unknown command '\(first)'", command: "kling").description + "\n")
        return .usage
    }
    return await command.spec.run(Array(arguments.dropFirst()), command.run)
}

exit(Interruption.exitStatus(for: await main()))
