import CommandLineKit
import Foundation
import KlingKit

/// `kling download <job-id> --output <path>`: downloads a finished job's result.
struct DownloadCommand: KlingCommand {
    static let spec = CommandSpec(
        name: "kling download",
        abstract: "Download a finished job's result to a file.",
        arguments: [CommandSpec.Argument("job-id", help: "The id 'kling submit' printed.")],
        options: [
            JobCommandSupport.outputOption,
            JobCommandSupport.providerOption,
            JobCommandSupport.projectOption,
        ],
        discussion: "The file appears only when complete: it is written beside the destination and moved into place. "
            + "Interrupted (Ctrl-C, SIGTERM), it removes the partial file and prints the command that resumes; a partial "
            + "file a killed process left is removed by the next download to the same destination. "
            + "Standard output lists the written paths.\n\n" + JobCommandSupport.environmentHelp
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let name = spec.name
        guard let output = arguments[JobCommandSupport.outputOption], !output.isEmpty else {
            throw UsageError("missing option '--output <path>'", command: name)
        }
        let job = try JobCommandSupport.job(arguments, command: name)
        let client = try JobCommandSupport.client(arguments, command: name)
        return await Interruption.cancellingOnSignal {
            let display = ProgressDisplay()
            do throws(KlingError) {
                let snapshot = try await client.status(of: job)
                try await JobCommandSupport.downloadAll(snapshot, to: URL(fileURLWithPath: output), client: client, display: display)
                return .success
            } catch {
                display.closeLine()
                return JobCommandSupport.fail(error, command: name, stage: .downloading(job, output: output))
            }
        }
    }
}
