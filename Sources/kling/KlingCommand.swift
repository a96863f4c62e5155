import CommandLineKit

/// One `kling` subcommand.
protocol KlingCommand: Sendable {
    static var spec: CommandSpec { get }
    /// Runs the command; returns the exit status. Throwing a `UsageError` exits with status 2.
    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus
}
