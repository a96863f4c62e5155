import CommandLineKit
import DiagnosticText
import Foundation
import KlingKit

/// `kling wait <job-id>`: polls a job (submitted now or by another process) until it finishes,
/// showing progress on standard error.
struct WaitCommand: KlingCommand {
    static let spec = CommandSpec(
        name: "kling wait",
        abstract: "Wait for a job to finish, showing its progress; print its result assets.",
        arguments: [CommandSpec.Argument("job-id", help: "The id 'kling submit' printed.")],
        options: [JobCommandSupport.providerOption, JobCommandSupport.timeoutOption, JobCommandSupport.pollOption, JobCommandSupport.projectOption],
        discussion: "Progress goes to standard error; on success standard output lists the result asset ids "
            + "(Scenario) or the video URL (AI/ML API). Stopping the wait never stops the job: run the command again to resume.\n\n"
            + JobCommandSupport.environmentHelp
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let name = spec.name
        let job = try JobCommandSupport.job(arguments, command: name)
        let options = try JobCommandSupport.waitOptions(arguments, command: name)
        let client = try JobCommandSupport.client(arguments, command: name)
        return await Interruption.cancellingOnSignal {
            let display = ProgressDisplay()
            do throws(KlingError) {
                let snapshot = try await client.wait(for: job, options: options) { display.job($0) }
                if snapshot.assetIDs.isEmpty, let url = snapshot.resultURL {
                    Console.out(TerminalText.escaped(url.absoluteString) + "\n")
                } else {
                    for assetID in snapshot.assetIDs { Console.out(TerminalText.escaped(assetID) + "\n") }
                }
                return .success
            } catch {
                display.closeLine()
                return JobCommandSupport.fail(error, command: name, stage: .waiting(job, output: nil))
            }
        }
    }
}
