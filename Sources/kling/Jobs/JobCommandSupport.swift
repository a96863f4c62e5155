import CommandLineKit
import DiagnosticText
import Foundation
import KlingKit

/// What the job commands (`submit`, `wait`, `download`, `run`) share: the client from the
/// environment, model lookup, request bodies, job ids, and how errors become exit statuses.
enum JobCommandSupport {
    /// The `ENVIRONMENT` section of the job commands' help.
    static let environmentHelp = """
        ENVIRONMENT:
          SCENARIO_SDK_API_KEY, SCENARIO_SDK_API_SECRET
                                  Scenario's API key and secret (HTTP Basic auth).
          AIMLAPI_KEY             The AI/ML API key (Bearer).
          KLING_SCENARIO_BASE_URL, KLING_AIMLAPI_BASE_URL
                                  Replace the providers' base URLs (a proxy, a local test server).

        EXIT STATUS: 0 success; 1 invalid request, failed or unfinished job, provider error;
        2 usage error, unknown model, unreadable file, malformed JSON, missing credentials;
        130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: the job keeps running on the provider,
        a partial download is removed, and the command that resumes is printed.
        """

    static let modelOption = ValueOption("model", value: "id", help: "The model id, e.g. model_kling-v3-omni-video (see 'kling models').")
    static let outputOption = ValueOption("output", value: "path", help: "Where to write the video (more assets get -2, -3, ... before the extension).")
    static let projectOption = ValueOption("project-id", value: "id", help: "Scenario project to work in (the projectId query parameter).")
    static let providerOption = ValueOption(
        "provider", value: "provider",
        help: "scenario or aimlapi. Optional for AI/ML API generation ids (<uuid>:<model id>)."
    )
    static let timeoutOption = ValueOption("timeout", value: "seconds", default: "1800", help: "Stop waiting after this long (the job keeps running).")
    static let pollOption = ValueOption("poll-interval", value: "seconds", default: "3", help: "The first pause between status reads; later pauses grow to 15 s.")

    /// The model's request type, from the generated catalog.
    static func model(_ id: String?, command: String) throws -> any KlingRequest.Type {
        guard let id, !id.isEmpty else { throw UsageError("missing option '--model <id>'", command: command) }
        guard let model = KlingModels.model(id: id) else {
            let known = KlingModels.all.map { $0.model.id }.joined(separator: ", ")
            throw UsageError("unknown model '\(id)'; known models: \(known)", command: command)
        }
        return model
    }

    /// A client configured from the environment (and `--project-id`).
    static func client(_ arguments: ParsedArguments, command: String) throws -> KlingClient {
        do throws(KlingError) {
            var configuration = try KlingClientConfiguration.fromEnvironment()
            configuration.scenario.projectID = arguments[projectOption]
            return KlingClient(configuration: configuration)
        } catch {
            throw UsageError(error.description, command: command)
        }
    }

    /// Reads a request body and checks it is JSON.
    static func body(at path: String, command: String) throws -> (data: Data, json: JSONValue) {
        let data: Data
        do {
            data = try Console.read(path)
        } catch {
            throw UsageError("cannot read '\(path)'", command: command)
        }
        do {
            return (data, try JSONParser.parse(data))
        } catch {
            throw UsageError("'\(path)' is not valid JSON: \(error)", command: command)
        }
    }

    /// Validates a body; prints warnings, and every error when it is invalid.
    /// - Returns: whether the body is valid.
    static func validate(_ json: JSONValue, for model: any KlingRequest.Type) -> Bool {
        let report = model.validate(wire: json)
        for warning in report.warnings {
            let path = warning.path.isEmpty ? "(request)" : TerminalText.escaped(warning.path)
            Console.error("warning: \(path): \(TerminalText.escaped(warning.message))\n")
        }
        guard report.isValid else {
            let description = InvalidRequestError(modelID: model.model.id, report: report).description
            Console.error("error: " + TerminalText.escaped(description, keepingLineBreaks: true) + "\nNothing was sent.\n")
            return false
        }
        return true
    }

    /// The job named on the command line, with its provider from `--provider` or from the id.
    static func job(_ arguments: ParsedArguments, command: String) throws -> KlingJob {
        let id = arguments.positionals[0]
        if let name = arguments[providerOption] {
            guard let provider = Provider(rawValue: name.lowercased()) else {
                throw UsageError("unknown provider '\(name)'; use scenario or aimlapi", command: command)
            }
            return KlingJob(id: id, provider: provider)
        }
        guard let job = KlingJob(inferringProviderFrom: id) else {
            throw UsageError("cannot tell the provider of job '\(id)'; pass --provider scenario or --provider aimlapi", command: command)
        }
        return job
    }

    /// Wait options from `--timeout` and `--poll-interval`.
    static func waitOptions(_ arguments: ParsedArguments, command: String) throws -> WaitOptions {
        var options = WaitOptions.default
        if let text = arguments[timeoutOption] {
            guard let seconds = Double(text), seconds > 0 else { throw UsageError("--timeout needs a positive number of seconds", command: command) }
            options.timeout = .milliseconds(Int64(seconds * 1000))
        }
        if let text = arguments[pollOption] {
            guard let seconds = Double(text), seconds > 0 else { throw UsageError("--poll-interval needs a positive number of seconds", command: command) }
            options.initialInterval = .milliseconds(Int64(seconds * 1000))
            options.maximumInterval = max(options.maximumInterval, options.initialInterval)
        }
        return options
    }

    /// Prints a client error with what to do next, and returns the exit status for it: the
    /// command that resumes when the job can still be waited for or downloaded, and after a signal
    /// (see ``Interruption``) what the interruption left. Provider messages and ids are escaped for
    /// the terminal.
    static func fail(_ error: KlingError, command: String, stage: JobStage = .submitting) -> ExitStatus {
        let message = TerminalText.escaped(error.description, keepingLineBreaks: true)
        switch error {
        case .missingCredentials, .invalidConfiguration:
            Console.error(UsageError(message, command: command).description + "\n")
            return .usage
        default:
            break
        }
        if let signal = Interruption.signal {
            let left = TerminalText.escaped(stage.interruptionText(error), keepingLineBreaks: true)
            Console.error("Interrupted by \(Interruption.name(of: signal)). " + left + "\n")
            return .failure
        }
        var text = "error: \(message)\n"
        if stage.canResume(after: error), let resume = stage.resumeCommand {
            text += "Resume with: \(TerminalText.escaped(resume))\n"
        }
        Console.error(text)
        return .failure
    }

    /// `video.mp4`, `video-2.mp4`, `video-3.mp4`, ... for the assets of one job.
    static func destination(_ output: URL, index: Int) -> URL {
        guard index > 0 else { return output }
        let base = output.deletingPathExtension().lastPathComponent + "-\(index + 1)"
        let named = output.deletingLastPathComponent().appendingPathComponent(base)
        return output.pathExtension.isEmpty ? named : named.appendingPathExtension(output.pathExtension)
    }

    /// Downloads every result asset of a finished job (the first to `output`); prints each path.
    static func downloadAll(
        _ snapshot: JobSnapshot, to output: URL, client: KlingClient, display: ProgressDisplay
    ) async throws(KlingError) {
        let assets = try await client.resultAssets(of: snapshot)
        for (index, asset) in assets.enumerated() {
            let destination = destination(output, index: index)
            display.startDownload(asset.id)
            let file = try await client.download(asset, to: destination, naming: .matchingMediaType) { display.download($0) }
            display.finishDownload(file.byteCount)
            Console.out(TerminalText.escaped(file.url.path) + "\n")
        }
    }
}

/// How far a job command got, and how to carry on from there.
enum JobStage: Sendable {
    /// Before the provider accepted the job.
    case submitting
    /// Waiting for the job; `output` is where `kling run` would have downloaded it.
    case waiting(KlingJob, output: String?)
    /// Downloading the job's result to `output`.
    case downloading(KlingJob, output: String)

    /// The command (or commands) that pick up where this stage stopped.
    var resumeCommand: String? {
        switch self {
        case .submitting:
            return nil
        case .waiting(let job, let output):
            let wait = "kling wait \(Self.quoted(job.id)) --provider \(job.provider.rawValue)"
            return output.map { wait + ", then " + Self.download(job, output: $0) } ?? wait
        case .downloading(let job, let output):
            return Self.download(job, output: output)
        }
    }

    /// Whether the job can still be waited for or downloaded after `error`.
    func canResume(after error: KlingError) -> Bool {
        switch error {
        case .jobFailed, .invalidRequest, .missingCredentials, .invalidConfiguration: return false
        default: return true
        }
    }

    /// What an interruption at this stage left, and how to resume.
    func interruptionText(_ error: KlingError) -> String {
        switch self {
        case .submitting:
            return error.description
        case .waiting(let job, _):
            return "Stopped waiting for job \(job.id) on \(job.provider); the job keeps running there.\nResume with: \(resumeCommand ?? "")"
        case .downloading(let job, let output):
            return "Stopped downloading the result of job \(job.id) on \(job.provider); the partial file was removed and nothing was written to \(output).\n"
                + "Resume with: \(resumeCommand ?? "")"
        }
    }

    private static func download(_ job: KlingJob, output: String) -> String {
        "kling download \(quoted(job.id)) --provider \(job.provider.rawValue) --output \(quoted(output))"
    }

    /// `text` as one shell word: as it is when it holds only safe characters, else in single quotes.
    static func quoted(_ text: String) -> String {
        let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:@%+=,")
        guard text.isEmpty || !text.allSatisfy(safe.contains) else { return text }
        return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
