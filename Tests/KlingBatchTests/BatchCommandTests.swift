import Foundation
import KlingTestSupport
import KlingKit
import KlingProviderServer
import Testing

/// `kling batch` as a user runs it: exit statuses, every manifest issue, the summary on standard
/// output and plain progress lines on a standard error that is not a terminal.
@Suite struct BatchCommandTests {
    struct Result {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    static func kling(_ arguments: [String], server: ProviderServer?, credentials: Bool = true) async throws -> Result {
        let executable: URL = try #require(Products.url("kling"), "kling is built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ["PATH": "/usr/bin:/bin"]
        if credentials {
            environment["SCENARIO_SDK_API_KEY"] = BatchCredentials.scenarioKey
            environment["SCENARIO_SDK_API_SECRET"] = BatchCredentials.scenarioSecret
            environment["AIMLAPI_KEY"] = BatchCredentials.aimlapiKey
        }
        if let server {
            environment["KLING_SCENARIO_BASE_URL"] = server.baseURL.absoluteString
            environment["KLING_AIMLAPI_BASE_URL"] = server.baseURL.absoluteString
        }
        process.environment = environment
        let output = Pipe(), errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        try ProcessLaunch.start(process)
        async let out = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
        async let err = Task.detached { errorOutput.fileHandleForReading.readDataToEndOfFile() }.value
        let (outData, errData) = await (out, err)
        await Task.detached { process.waitUntilExit() }.value
        let result = Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), errorOutput: String(decoding: errData, as: UTF8.self))
        for secret in [BatchCredentials.scenarioKey, BatchCredentials.scenarioSecret, BatchCredentials.aimlapiKey] {
            #expect(!(result.output + result.errorOutput).contains(secret))
        }
        return result
    }

    @Test func runsAManifestAndPrintsTheSummary() async throws {
        try await BatchBed.run { bed in
            try await withTemporaryDirectory { directory in
                let manifestURL = directory.appendingPathComponent("m.jsonl")
                try Data(manifestText(count: 6).utf8).write(to: manifestURL)
                let output = directory.appendingPathComponent("out")
                let result = try await Self.kling(["batch", manifestURL.path, "--output", output.path, "--poll-interval", "0.02"], server: bed.server)
                #expect(result.status == 0, "\(result.errorOutput)")
                #expect(result.output.hasPrefix("Batch of 6 items: 6 succeeded, 0 failed, 0 outcome unknown\n"))
                #expect(result.output.contains("Journal: \(output.path)/.kling-batch.journal"))
                #expect(result.errorOutput.contains("6 items: ") && result.errorOutput.contains("6 done"), "plain progress lines: \(result.errorOutput)")
                #expect(!result.errorOutput.contains("\u{1B}["), "no terminal escapes when standard error is not a terminal")

                let again = try await Self.kling(["batch", manifestURL.path, "--output", output.path], server: bed.server)
                #expect(again.status == 0)
                #expect(again.output.contains("6 succeeded (6 downloaded by an earlier run)"))
                #expect(again.errorOutput.contains("Resuming: 6 already downloaded"))
                #expect(bed.server.requests(on: .submit).count == 6)
            }
        }
    }

    @Test func failuresAndUnknownOutcomesExitOneWithTheProvidersMessage() async throws {
        try await BatchBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1)) }) { bed in
            try await withTemporaryDirectory { directory in
                bed.server.enqueue(JobPlan(completion: .afterPolls(1)))  // the job of the dropped submit
                bed.server.enqueue(JobPlan(completion: .afterPolls(1), outcome: .failure(message: "Flagged by moderation", hint: "Remove the brand name")))
                bed.server.inject(.dropAfterAccepting, on: .submit)
                let manifestURL = directory.appendingPathComponent("m.jsonl")
                try Data("""
                    {"id": "lost", "model": "model_kling-v1-6-pro", "body": {"prompt": "dropped"}}
                    {"id": "flagged", "model": "model_kling-v1-6-pro", "body": {"prompt": "flagged"}}
                    """.utf8).write(to: manifestURL)
                let result = try await Self.kling(
                    ["batch", manifestURL.path, "--output", directory.appendingPathComponent("out").path, "--concurrency", "1", "--poll-interval", "0.02"],
                    server: bed.server)
                #expect(result.status == 1)
                #expect(result.output.contains("0 succeeded, 1 failed, 1 outcome unknown"), "\(result.output)")
                #expect(result.output.contains("Flagged by moderation"))
                #expect(result.output.contains("Hint: Remove the brand name"))
                #expect(result.output.contains("--resubmit-unknown"))
            }
        }
    }

    @Test func anInvalidManifestListsEveryIssueAndSendsNothing() async throws {
        try await BatchBed.run { bed in
            try await withTemporaryDirectory { directory in
                let manifestURL = directory.appendingPathComponent("m.jsonl")
                try Data("""
                    {"id": "a", "model": "model_kling-v3-omni-video", "body": {"prompt": "x", "duration": 16}}
                    {"id": "a", "model": "model_kling-v1-6-pro", "body": {"prompt": "y"}}
                    {oops}
                    """.utf8).write(to: manifestURL)
                let output = directory.appendingPathComponent("out")
                let result = try await Self.kling(["batch", manifestURL.path, "--output", output.path], server: bed.server)
                #expect(result.status == 2)
                #expect(result.errorOutput.contains("line 1 (id \"a\"): body.duration:"))
                #expect(result.errorOutput.contains("line 2 (id \"a\"): id:"))
                #expect(result.errorOutput.contains("line 3: not valid JSON"))
                #expect(!FileManager.default.fileExists(atPath: output.path))
                #expect(bed.server.requests.isEmpty)
            }
        }
    }

    @Test func textFromTheManifestAndTheProviderReachesTheTerminalEscaped() async throws {
        try await BatchBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1)) }) { bed in
            try await withTemporaryDirectory { directory in
                let invalidURL = directory.appendingPathComponent("invalid.jsonl")
                try Data(#"{"id": "\u001b[2Jwipe", "model": "model_kling-v1-6-pro", "body": {"\u001b[31mred": 1}}"#.utf8).write(to: invalidURL)
                let invalid = try await Self.kling(["batch", invalidURL.path, "--output", directory.appendingPathComponent("a").path], server: bed.server)
                #expect(invalid.status == 2)
                #expect(!invalid.errorOutput.contains("\u{1B}"), "raw escape in: \(invalid.errorOutput)")
                #expect(invalid.errorOutput.contains(#"\u{1B}[2Jwipe"#) && invalid.errorOutput.contains(#"\u{1B}[31mred"#))

                bed.server.enqueue(JobPlan(completion: .afterPolls(1), outcome: .failure(message: "bad \u{1B}[31mred", hint: "try \u{07}again")))
                let manifestURL = directory.appendingPathComponent("m.jsonl")
                try Data(#"{"id": "x", "model": "model_kling-v1-6-pro", "body": {"prompt": "p"}}"#.utf8).write(to: manifestURL)
                let failed = try await Self.kling(
                    ["batch", manifestURL.path, "--output", directory.appendingPathComponent("b").path, "--poll-interval", "0.02"], server: bed.server)
                #expect(failed.status == 1)
                for text in [failed.output, failed.errorOutput] {
                    #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, "raw control in: \(text)")
                }
                #expect(failed.output.contains(#"bad \u{1B}[31mred"#) && failed.output.contains(#"try \u{7}again"#), "\(failed.output)")
            }
        }
    }

    @Test func usageErrorsExitTwo() async throws {
        try await withTemporaryDirectory { directory in
            let manifestURL = directory.appendingPathComponent("m.jsonl")
            try Data(manifestText(count: 1).utf8).write(to: manifestURL)
            let noOutput = try await Self.kling(["batch", manifestURL.path], server: nil)
            #expect(noOutput.status == 2 && noOutput.errorOutput.contains("--output"))
            let badConcurrency = try await Self.kling(["batch", manifestURL.path, "--output", directory.path, "--concurrency", "0"], server: nil)
            #expect(badConcurrency.status == 2)
            let noCredentials = try await Self.kling(["batch", manifestURL.path, "--output", directory.path], server: nil, credentials: false)
            #expect(noCredentials.status == 2 && noCredentials.errorOutput.contains("SCENARIO_SDK_API_KEY"))
            let missing = try await Self.kling(["batch", directory.appendingPathComponent("none.jsonl").path, "--output", directory.path], server: nil)
            #expect(missing.status == 2)
        }
    }
}
