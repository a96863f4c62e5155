import CommandLineKit
import DiagnosticText
import Foundation
import KlingKit

/// `kling batch <manifest> --output <dir>`: runs every generation of a JSON Lines manifest, with a
/// durable journal in the output folder so that running it again resumes without paying twice.
struct BatchCommand: KlingCommand {
    static let outputOption = ValueOption("output", value: "dir", help: "The folder for the results and the journal (.kling-batch.journal).")
    static let concurrencyOption = ValueOption(
        "concurrency", value: "n", default: "8",
        help: "Items submitted, running or downloading at once. A provider's concurrency ceiling lowers it."
    )
    static let resubmitUnknownFlag = FlagOption(
        "resubmit-unknown",
        help: "Send again the items whose earlier submit has an unknown outcome (the provider may have accepted them: you may pay twice)."
    )
    static let maxPollOption = ValueOption("max-poll-interval", value: "seconds", default: "15", help: "The longest pause between two status reads of a job.")

    static let spec = CommandSpec(
        name: "kling batch",
        abstract: "Run the generations of a JSON Lines manifest, resumably, into a folder.",
        arguments: [CommandSpec.Argument("manifest", help: "One {\"id\", \"model\", \"body\", \"output\"?} per line, or - for standard input.")],
        options: [
            outputOption,
            concurrencyOption,
            resubmitUnknownFlag,
            JobCommandSupport.timeoutOption,
            JobCommandSupport.pollOption,
            maxPollOption,
            JobCommandSupport.projectOption,
        ],
        discussion: """
            The whole manifest is validated before anything is sent; every problem is listed with its line and path.
            Every state change is recorded in the journal before the batch acts on it. Run the same command again to
            resume: submitted jobs are waited on, downloaded files are verified and skipped, failed items are reported
            again. An item whose submit may have reached the provider without an answer being recorded is reported as
            outcome unknown and never sent again unless --resubmit-unknown is given.

            Progress goes to standard error (one line rewritten in place on a terminal, plain lines otherwise);
            the summary goes to standard output.

            EXIT STATUS: 0 every result is on disk; 1 some item failed, has an unknown outcome or is unfinished
            (run again to resume); 2 usage error, unreadable or invalid manifest, a journal from another manifest
            or changed lines, existing output files, missing credentials.

            """ + JobCommandSupport.environmentHelp.components(separatedBy: "\n\nEXIT STATUS").first!
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let name = spec.name
        guard let output = arguments[outputOption], !output.isEmpty else {
            throw UsageError("missing option '--output <dir>'", command: name)
        }
        let concurrencyText = arguments[concurrencyOption] ?? "8"
        guard let concurrency = Int(concurrencyText), concurrency > 0 else {
            throw UsageError("--concurrency needs a positive number", command: name)
        }
        let path = arguments.positionals[0]
        let data: Data
        do {
            data = try Console.read(path)
        } catch {
            throw UsageError("cannot read '\(path)'", command: name)
        }
        let manifest: BatchManifest
        do throws(BatchManifestError) {
            manifest = try BatchManifest.parse(data)
        } catch {
            Console.error("error: " + TerminalText.escaped(error.description, keepingLineBreaks: true) + "\n")
            return .usage
        }
        let client = try JobCommandSupport.client(arguments, command: name)
        try checkCredentials(for: manifest, client: client, command: name)
        var wait = try JobCommandSupport.waitOptions(arguments, command: name)
        if let text = arguments[maxPollOption] {
            guard let seconds = Double(text), seconds > 0 else { throw UsageError("--max-poll-interval needs a positive number of seconds", command: name) }
            wait.maximumInterval = max(Duration.milliseconds(Int64(seconds * 1000)), wait.initialInterval)
        }
        let options = BatchOptions(concurrency: concurrency, resubmitUnknown: arguments[resubmitUnknownFlag], wait: wait)
        let directory = URL(fileURLWithPath: output)
        let display = BatchDisplay(total: manifest.items.count)
        do {
            for try await event in client.run(batch: manifest, to: directory, options: options) {
                display.show(event)
                if case .finished(let summary) = event {
                    let report = BatchReport.text(summary, manifestPath: path, output: output, journal: FileJournalStore(directory: directory).url.path)
                    Console.out(TerminalText.escaped(report, keepingLineBreaks: true))
                    return summary.allSucceeded ? .success : .failure
                }
            }
            return .failure
        } catch let error as BatchError {
            display.close()
            Console.error("error: " + TerminalText.escaped("\(error)", keepingLineBreaks: true) + "\n")
            switch error {
            case .journalUnwritable, .store: return .failure
            default: return .usage
            }
        }
    }

    /// Fails before anything is sent when a provider the manifest uses has no credentials.
    static func checkCredentials(for manifest: BatchManifest, client: KlingClient, command: String) throws {
        let providers = Set(manifest.items.map { $0.model.model.provider })
        if providers.contains(.scenario), client.configuration.scenario.credentials == nil {
            throw UsageError(KlingError.missingCredentials(.scenario, variables: ["SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET"]).description, command: command)
        }
        if providers.contains(.aimlapi), client.configuration.aimlapi.credentials == nil {
            throw UsageError(KlingError.missingCredentials(.aimlapi, variables: ["AIMLAPI_KEY"]).description, command: command)
        }
    }
}

/// The summary `kling batch` prints at the end.
enum BatchReport {
    static func text(_ summary: BatchSummary, manifestPath: String, output: String, journal: String) -> String {
        let reused = summary.succeeded.filter { if case .succeeded(_, true) = $0.outcome { return true } else { return false } }.count
        var lines = ["Batch of \(summary.entries.count) item\(summary.entries.count == 1 ? "" : "s"): "
            + "\(summary.succeeded.count) succeeded" + (reused > 0 ? " (\(reused) downloaded by an earlier run)" : "")
            + ", \(summary.failed.count) failed, \(summary.outcomeUnknown.count) outcome unknown"
            + (summary.incomplete.isEmpty ? "" : ", \(summary.incomplete.count) unfinished")]
        func item(_ entry: BatchSummary.Entry) -> String { "  line \(entry.line) (id \"\(entry.id)\")" }
        if !summary.failed.isEmpty {
            lines.append("Failed:")
            for entry in summary.failed {
                guard case .failed(let job, let message, let hint) = entry.outcome else { continue }
                lines.append(item(entry) + (job.map { " job \($0.id)" } ?? "") + ": " + message.replacingOccurrences(of: "\n", with: " "))
                if let hint, !message.contains(hint) { lines.append("    Hint: \(hint)") }
            }
        }
        if !summary.outcomeUnknown.isEmpty {
            lines.append("Outcome unknown (a submit may have reached the provider; not sent again):")
            for entry in summary.outcomeUnknown {
                guard case .outcomeUnknown(let detail) = entry.outcome else { continue }
                lines.append(item(entry) + ": " + detail.replacingOccurrences(of: "\n", with: " "))
            }
            lines.append("  Check the provider's jobs first. To send them again anyway (you may pay twice):")
            lines.append("  kling batch \(manifestPath) --output \(output) --resubmit-unknown")
        }
        if !summary.incomplete.isEmpty {
            lines.append("Unfinished (run the same command again to resume; nothing is submitted twice):")
            for entry in summary.incomplete {
                guard case .incomplete(let job, let reason) = entry.outcome else { continue }
                lines.append(item(entry) + (job.map { " job \($0.id)" } ?? "") + ": " + reason.replacingOccurrences(of: "\n", with: " "))
            }
        }
        lines.append("Journal: \(journal)")
        return lines.joined(separator: "\n") + "\n"
    }
}
