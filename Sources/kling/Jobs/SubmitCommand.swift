import CommandLineKit
import DiagnosticText
import Foundation
import KlingKit

/// `kling submit --model <id> <file|->`: validates a request body and submits it exactly as written;
/// prints the job id.
struct SubmitCommand: KlingCommand {
    static let dryRunOption = FlagOption("dry-run", help: "Print the exact HTTP request (credentials masked) and send nothing.")

    static let spec = CommandSpec(
        name: "kling submit",
        abstract: "Validate a request body, submit it, and print the job id.",
        arguments: [CommandSpec.Argument("file", help: "The request body as JSON, or - for standard input.")],
        options: [
            JobCommandSupport.modelOption,
            dryRunOption,
            JobCommandSupport.projectOption,
        ],
        discussion: "The body is sent byte for byte as written once it validates. Nothing is sent when it is invalid.\n\n"
            + JobCommandSupport.environmentHelp
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let name = spec.name
        let model = try JobCommandSupport.model(arguments[JobCommandSupport.modelOption], command: name)
        let body = try JobCommandSupport.body(at: arguments.positionals[0], command: name)
        guard JobCommandSupport.validate(body.json, for: model) else { return .failure }
        let client = try JobCommandSupport.client(arguments, command: name)
        if arguments[dryRunOption] {
            do throws(KlingError) {
                Console.out(try client.preparedSubmission(body: body.data, for: model).description + "\n")
                return .success
            } catch {
                return JobCommandSupport.fail(error, command: name)
            }
        }
        return await Interruption.cancellingOnSignal {
            do throws(KlingError) {
                let job = try await client.submit(body: body.data, for: model.self)
                let id = TerminalText.escaped(job.id)
                Console.out(id + "\n")
                Console.error("Submitted to \(job.provider). Wait for it with: kling wait \(id) --provider \(job.provider.rawValue)\n")
                return .success
            } catch {
                return JobCommandSupport.fail(error, command: name)
            }
        }
    }
}
