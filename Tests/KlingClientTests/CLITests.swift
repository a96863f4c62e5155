import Foundation
import KlingTestSupport
import KlingKit
import KlingProviderServer
import Testing

/// What one `kling` invocation did.
struct CommandResult {
    var status: Int32
    var output: String
    var errorOutput: String

    var combined: String { output + errorOutput }
}

/// Runs the built `kling` executable, as a user would.
enum KlingExecutable {
    /// `kling`, next to the test bundle in the build products folder.
    static let url: URL? = {
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            var candidate = folder
            for _ in 0..<4 {
                let executable = candidate.appendingPathComponent("kling")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: executable.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: executable.path) {
                    return executable
                }
                candidate = candidate.deletingLastPathComponent()
            }
        }
        return nil
    }()

    static func environment(server: ProviderServer?, credentials: Bool = true) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        if credentials {
            environment["SCENARIO_SDK_API_KEY"] = TestCredentials.scenarioKey
            environment["SCENARIO_SDK_API_SECRET"] = TestCredentials.scenarioSecret
            environment["AIMLAPI_KEY"] = TestCredentials.aimlapiKey
        }
        if let server {
            environment["KLING_SCENARIO_BASE_URL"] = server.baseURL.absoluteString
            environment["KLING_AIMLAPI_BASE_URL"] = server.baseURL.absoluteString
        }
        return environment
    }

    static func run(_ arguments: [String], environment: [String: String], input: Data? = nil) async throws -> CommandResult {
        try await start(arguments, environment: environment, input: input).finish()
    }

    /// Starts `kling` and returns at once; ``RunningCommand/finish(within:)`` collects the result.
    static func start(_ arguments: [String], environment: [String: String], input: Data? = nil) throws -> RunningCommand {
        let executable = try #require(url, "the kling executable is built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errorOutput = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        process.standardInput = standardInput
        try ProcessLaunch.start(process)
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        // Read both pipes while the process runs, so neither can fill up and block it.
        return RunningCommand(
            process: process,
            output: blockingWork { output.fileHandleForReading.readDataToEndOfFile() },
            errorOutput: blockingWork { errorOutput.fileHandleForReading.readDataToEndOfFile() }
        )
    }
}

/// Runs blocking work (reading a pipe, waiting for a process) on a thread of its own, never on the
/// few threads Swift concurrency shares: blocked there, it would stall every other task of the test.
func blockingWork<T: Sendable>(_ work: @escaping @Sendable () -> T) -> Task<T, Never> {
    Task {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}

/// A `kling` process started by ``KlingExecutable/start(_:environment:input:)``.
struct RunningCommand {
    let process: Process
    let output: Task<Data, Never>
    let errorOutput: Task<Data, Never>

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit and returns what it did. A process still running after
    /// `seconds` is killed and the test fails: a command must never hang.
    func finish(within seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) async throws -> CommandResult {
        let process = process
        let exited = blockingWork { process.waitUntilExit() }
        let watchdog = Task.detached {
            try await Task.sleep(for: .seconds(seconds))
            if process.isRunning {
                Issue.record("kling \(process.arguments ?? []) was still running after \(seconds) s: it hangs", sourceLocation: sourceLocation)
                kill(process.processIdentifier, SIGKILL)
            }
        }
        let (outData, errData) = (await output.value, await errorOutput.value)
        await exited.value
        watchdog.cancel()
        let result = CommandResult(
            status: process.terminationStatus,
            output: String(decoding: outData, as: UTF8.self),
            errorOutput: String(decoding: errData, as: UTF8.self)
        )
        expectNoSecrets(result.combined)
        return result
    }
}

/// `kling submit | wait | download | run`, run as a separate process against the local server.
@Suite struct CLITests {
    static func requestFile(_ directory: URL, _ json: String = #"{"prompt": "A kite over the dunes", "duration": 5}"#) throws -> URL {
        let url = directory.appendingPathComponent("request.json")
        try Data(json.utf8).write(to: url)
        return url
    }

    static let fastWait = ["--poll-interval", "0.05"]

    @Test func runDoesEverythingEndToEnd() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(2), outcome: .success(assetBytes: 1_000_000)) }) { bed in
            try await withTemporaryDirectory { directory in
                let request = try Self.requestFile(directory)
                let output = directory.appendingPathComponent("out/kite.mp4")
                let result = try await KlingExecutable.run(
                    ["run", "--model", "model_kling-v3-omni-video", request.path, "--output", output.path] + Self.fastWait,
                    environment: KlingExecutable.environment(server: bed.server)
                )
                #expect(result.status == 0, "\(result.errorOutput)")
                #expect(result.output == output.path + "\n")
                #expect(GeneratedContent.matches(fileAt: output, length: 1_000_000))
                let jobID = try #require(bed.server.acceptedJobIDs.first)
                #expect(result.errorOutput.contains("Submitted Scenario job \(jobID)"))
                #expect(result.errorOutput.contains("in-progress"))
                #expect(result.errorOutput.contains("success"))
                #expect(result.errorOutput.contains("Downloaded"))
                #expect(bed.server.requests(on: .submit).map(\.body) == [try Data(contentsOf: request)])
            }
        }
    }

    @Test func runWorksForTheAIMLAPIFromStandardInput() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1)) }) { bed in
            try await withTemporaryDirectory { directory in
                let output = directory.appendingPathComponent("boat.mp4")
                let body = Data(#"{"model": "klingai/video-o1-reference-to-video", "prompt": "A paper boat"}"#.utf8)
                let result = try await KlingExecutable.run(
                    ["run", "--model", "klingai/video-o1-reference-to-video", "-", "--output", output.path] + Self.fastWait,
                    environment: KlingExecutable.environment(server: bed.server), input: body
                )
                #expect(result.status == 0, "\(result.errorOutput)")
                #expect(GeneratedContent.matches(fileAt: output, length: 4096))
                #expect(bed.server.requests(on: .submit).first?.path == "/v2/video/generations")
            }
        }
    }

    @Test func submitWaitAndDownloadResumeAcrossProcesses() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(2)) }) { bed in
            try await withTemporaryDirectory { directory in
                let environment = KlingExecutable.environment(server: bed.server)
                let submitted = try await KlingExecutable.run(["submit", "--model", "model_kling-v1-6-pro", try Self.requestFile(directory, #"{"prompt": "x"}"#).path], environment: environment)
                #expect(submitted.status == 0, "\(submitted.errorOutput)")
                let jobID = submitted.output.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(bed.server.acceptedJobIDs == [jobID], "standard output is just the job id")
                #expect(submitted.errorOutput.contains("kling wait \(jobID) --provider scenario"))

                let waited = try await KlingExecutable.run(["wait", jobID, "--provider", "scenario"] + Self.fastWait, environment: environment)
                #expect(waited.status == 0, "\(waited.errorOutput)")
                #expect(waited.output.hasPrefix("asset_"))

                let output = directory.appendingPathComponent("result.mp4")
                let downloaded = try await KlingExecutable.run(["download", jobID, "--provider", "scenario", "--output", output.path], environment: environment)
                #expect(downloaded.status == 0, "\(downloaded.errorOutput)")
                #expect(downloaded.output == output.path + "\n")
                #expect(GeneratedContent.matches(fileAt: output, length: 4096))
                #expect(bed.server.requests(on: .submit).count == 1)
            }
        }
    }

    @Test func aimlGenerationIDsNeedNoProviderOption() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1)) }) { bed in
            try await withTemporaryDirectory { directory in
                let job = try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
                let environment = KlingExecutable.environment(server: bed.server)
                let waited = try await KlingExecutable.run(["wait", job.id] + Self.fastWait, environment: environment)
                #expect(waited.status == 0, "\(waited.errorOutput)")
                #expect(waited.output.contains("/cdn/"))
                let output = directory.appendingPathComponent("v.mp4")
                let downloaded = try await KlingExecutable.run(["download", job.id, "--output", output.path], environment: environment)
                #expect(downloaded.status == 0, "\(downloaded.errorOutput)")

                let ambiguous = try await KlingExecutable.run(["wait", "job_123"], environment: environment)
                #expect(ambiguous.status == 2)
                #expect(ambiguous.errorOutput.contains("--provider"))
            }
        }
    }

    @Test func dryRunPrintsTheExactRequestAndSendsNothing() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let request = try Self.requestFile(directory)
                for credentials in [true, false] {
                    let result = try await KlingExecutable.run(
                        ["submit", "--model", "model_kling-v3-omni-video", "--dry-run", "--project-id", "proj_1", request.path],
                        environment: KlingExecutable.environment(server: bed.server, credentials: credentials)
                    )
                    #expect(result.status == 0, "\(result.errorOutput)")
                    let lines = result.output.components(separatedBy: "\n")
                    #expect(lines.first == "POST \(bed.server.baseURL.absoluteString)/v1/generate/custom/model_kling-v3-omni-video?projectId=proj_1")
                    #expect(lines.contains("Authorization: Basic <masked: base64(SCENARIO_SDK_API_KEY:SCENARIO_SDK_API_SECRET)>"))
                    #expect(lines.contains("Content-Type: application/json"))
                    #expect(result.output.hasSuffix(String(decoding: try Data(contentsOf: request), as: UTF8.self) + "\n"))
                }
                let run = try await KlingExecutable.run(
                    ["run", "--model", "model_kling-v3-omni-video", "--dry-run", request.path],
                    environment: KlingExecutable.environment(server: bed.server)
                )
                #expect(run.status == 0)
                #expect(run.output.hasPrefix("POST "))
                #expect(bed.server.requests.isEmpty)
            }
        }
    }

    @Test func invalidRequestsExit1AndSendNothing() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let request = try Self.requestFile(directory, #"{"prompt": "x", "durration": 5, "duration": 99}"#)
                let result = try await KlingExecutable.run(
                    ["run", "--model", "model_kling-v3-omni-video", request.path, "--output", directory.appendingPathComponent("v.mp4").path],
                    environment: KlingExecutable.environment(server: bed.server)
                )
                #expect(result.status == 1)
                #expect(result.errorOutput.contains("durration"))
                #expect(result.errorOutput.contains("duration"))
                #expect(result.errorOutput.contains("Nothing was sent"))
                #expect(bed.server.requests.isEmpty)
            }
        }
    }

    @Test func usageProblemsExit2() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let environment = KlingExecutable.environment(server: bed.server)
                let good = try Self.requestFile(directory).path
                let malformed = directory.appendingPathComponent("bad.json")
                try Data("{\"prompt\": ".utf8).write(to: malformed)
                let cases: [([String], [String: String], String)] = [
                    (["submit", "--model", "model_nope", good], environment, "unknown model"),
                    (["submit", good], environment, "--model"),
                    (["submit", "--model", "model_kling-v1-6-pro", malformed.path], environment, "line 1"),
                    (["submit", "--model", "model_kling-v1-6-pro", directory.appendingPathComponent("missing.json").path], environment, "cannot read"),
                    (["submit", "--model", "model_kling-v1-6-pro", good], KlingExecutable.environment(server: bed.server, credentials: false), "SCENARIO_SDK_API_KEY"),
                    (["download", "job_1", "--provider", "scenario"], environment, "--output"),
                    (["wait", "job_1", "--provider", "vimeo"], environment, "unknown provider"),
                    (["wait", "job_1", "--provider", "scenario", "--timeout", "soon"], environment, "--timeout"),
                    (["submit", "--model", "model_kling-v1-6-pro", good], environment.merging(["KLING_SCENARIO_BASE_URL": "not a url"]) { $1 }, "KLING_SCENARIO_BASE_URL"),
                ]
                for (arguments, environment, message) in cases {
                    let result = try await KlingExecutable.run(arguments, environment: environment)
                    #expect(result.status == 2, "\(arguments): \(result.errorOutput)")
                    #expect(result.errorOutput.contains(message), "\(arguments): \(result.errorOutput)")
                }
                #expect(bed.server.requests.isEmpty)
            }
        }
    }

    @Test func aFailedJobExits1WithTheProvidersHint() async throws {
        let outcome = JobPlan.Outcome.failure(message: "The start image is too small", hint: "Use an image of at least 300 px per side")
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1), outcome: outcome) }) { bed in
            try await withTemporaryDirectory { directory in
                let result = try await KlingExecutable.run(
                    ["run", "--model", "model_kling-v1-6-pro", try Self.requestFile(directory, #"{"prompt": "x"}"#).path, "--output", directory.appendingPathComponent("v.mp4").path] + Self.fastWait,
                    environment: KlingExecutable.environment(server: bed.server)
                )
                #expect(result.status == 1)
                #expect(result.errorOutput.contains("The start image is too small"))
                #expect(result.errorOutput.contains("Hint: Use an image of at least 300 px per side"))
                #expect(contents(of: directory) == ["request.json"])
            }
        }
    }

    @Test func aWaitThatTimesOutSaysHowToResume() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            let result = try await KlingExecutable.run(
                ["wait", job.id, "--provider", "scenario", "--timeout", "0.3"] + Self.fastWait,
                environment: KlingExecutable.environment(server: bed.server)
            )
            #expect(result.status == 1)
            #expect(result.errorOutput.contains("Resume with: kling wait \(job.id) --provider scenario"))
        }
    }

    @Test func providerErrorsReachTheUserWithoutSecrets() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                var environment = KlingExecutable.environment(server: bed.server)
                environment["SCENARIO_SDK_API_SECRET"] = "ss-wrong-secret-0000"
                let result = try await KlingExecutable.run(["submit", "--model", "model_kling-v1-6-pro", try Self.requestFile(directory, #"{"prompt": "x"}"#).path], environment: environment)
                #expect(result.status == 1)
                #expect(result.errorOutput.contains("SCENARIO_SDK_API_SECRET"))
                #expect(!result.combined.contains("ss-wrong-secret-0000"))
            }
        }
    }

    @Test func aWrongSecretAnsweredWithAChallengeEndsWaitAndRunAtOnce() async throws {
        // The server's 401 carries `WWW-Authenticate: Basic realm=…`, as HTTP requires.
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            try await withTemporaryDirectory { directory in
                let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
                var environment = KlingExecutable.environment(server: bed.server)
                environment["SCENARIO_SDK_API_SECRET"] = "ss-wrong-secret-0000"
                let waited = try await KlingExecutable.start(["wait", job.id, "--provider", "scenario"], environment: environment).finish(within: 20)
                #expect(waited.status == 1)
                #expect(waited.errorOutput.contains("Scenario rejected the credentials (HTTP 401)"), "\(waited.errorOutput)")
                #expect(waited.errorOutput.contains("Resume with: kling wait \(job.id) --provider scenario"))
                let ran = try await KlingExecutable.start(
                    ["run", "--model", "model_kling-v1-6-pro", try Self.requestFile(directory, #"{"prompt": "x"}"#).path, "--output", directory.appendingPathComponent("v.mp4").path],
                    environment: environment
                ).finish(within: 20)
                #expect(ran.status == 1)
                #expect(ran.errorOutput.contains("SCENARIO_SDK_API_SECRET"), "\(ran.errorOutput)")
                #expect(!ran.combined.contains("ss-wrong-secret-0000"))
                #expect(bed.server.acceptedJobIDs == [job.id], "the refused submit created nothing")
            }
        }
    }

    @Test func aStatusReadThatStaysGarbledEndsTheWaitWithTheResumeCommand() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            bed.server.inject(.cutBody(toBytes: 15), on: .status, times: 1000)
            let result = try await KlingExecutable.run(["wait", job.id, "--provider", "scenario"] + Self.fastWait, environment: KlingExecutable.environment(server: bed.server))
            #expect(result.status == 1)
            #expect(result.errorOutput.contains("Scenario sent an answer the client cannot read"), "\(result.errorOutput)")
            #expect(result.errorOutput.contains("Resume with: kling wait \(job.id) --provider scenario"), "\(result.errorOutput)")
            #expect(bed.server.requests(on: .status).count == RetryPolicy.default.maximumAttempts)
        }
    }

    @Test func helpListsTheJobCommandsAndTheEnvironment() async throws {
        let overview = try await KlingExecutable.run(["--help"], environment: KlingExecutable.environment(server: nil))
        for command in ["submit", "wait", "download", "run"] {
            #expect(overview.output.contains("  \(command) "), "\(command)")
        }
        let help = try await KlingExecutable.run(["run", "--help"], environment: KlingExecutable.environment(server: nil))
        #expect(help.status == 0)
        for name in ["KLING_SCENARIO_BASE_URL", "KLING_AIMLAPI_BASE_URL", "SCENARIO_SDK_API_KEY", "AIMLAPI_KEY", "--dry-run", "130", "SIGINT", "143", "SIGTERM"] {
            #expect(help.output.contains(name), "\(name)")
        }
    }
}
