import CommandLineKit
import Foundation
import KlingKit

/// `kling run --model <id> <file> --output <path>`: submit, wait and download in one go.
struct RunCommand: KlingCommand {
    static let dryRunOption = FlagOption("dry-run", help: "Print the exact submit request (credentials masked) and send nothing.")

    static let spec = CommandSpec(
        name: "kling run",
        abstract: "Validate and submit a request, wait for the job with progress, and download the result.",
        arguments: [CommandSpec.Argument("file", help: "The request body as JSON, or - for standard input.")],
        options: [
            JobCommandSupport.modelOption,
            JobCommandSupport.outputOption,
            dryRunOption,
            JobCommandSupport.timeoutOption,
            JobCommandSupport.pollOption,
            JobCommandSupport.projectOption,
        ],
        discussion: "The job id is shown as soon as the provider accepts the request; if the wait stops, resume it with "
            + "'kling wait' and 'kling download'. Standard output lists the written paths.\n\n" + JobCommandSupport.environmentHelp
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let name = spec.name
        let model = try JobCommandSupport.model(arguments[JobCommandSupport.modelOption], command: name)
        let dryRun = arguments[dryRunOption]
        let output = arguments[JobCommandSupport.outputOption]
        guard dryRun || !(output ?? "").isEmpty else { throw UsageError("missing option '--output <path>'", command: name) }
        let options = try JobCommandSupport.waitOptions(arguments, command: name)
        let body = try JobCommandSupport.body(at: arguments.positionals[0], command: name)
        guard JobCommandSupport.validate(body.json, for: model) else { return .failure }
        let client = try JobCommandSupport.client(arguments, command: name)
        if dryRun {
            do throws(KlingError) {
                Console.out(try client.preparedSubmission(body: body.data, for: model).description + "\n")
                return .success
            } catch {
                return JobCommandSupport.fail(error, command: name)
            }
        }
        let destination = output ?? ""
        return await Interruption.cancellingOnSignal {
            let display = ProgressDisplay()
            var stage = JobStage.submitting
            do throws(KlingError) {
                let job = try await client.submit(body: body.data, for: model.self)
                stage = .waiting(job, output: destination)
                display.note("Submitted \(job.provider) job \(job.id) (resume with: kling wait \(job.id) --provider \(job.provider.rawValue))")
                let snapshot = try await client.wait(for: job, options: options) { display.job($0) }
                stage = .downloading(job, output: destination)
                try await JobCommandSupport.downloadAll(snapshot, to: URL(fileURLWithPath: destination), client: client, display: display)
                return .success
            } catch {
                display.closeLine()
                return JobCommandSupport.fail(error, command: name, stage: stage)
            }
        }
    }
}
