import Foundation
import KlingKit
import KlingPlatform
import KlingProviderServer
import Testing

/// SIGINT and SIGTERM during `kling download` and `kling run`, sent to the real executable: the
/// partial file is removed, the job id and the command that resumes are printed, and the exit
/// status is 130 (SIGINT) or 143 (SIGTERM). A partial file a SIGKILL left behind is removed by the
/// next download to the same destination.
@Suite struct InterruptionTests {
    static let bigResult = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: 5_000_000))

    /// The partial files in `directory`.
    static func partialFiles(in directory: URL) -> [String] {
        contents(of: directory).filter { $0.hasPrefix(".") && $0.hasSuffix(".download") }
    }

    /// Waits until the download of `command` is under way: the server has been asked for the file
    /// and the partial file exists.
    static func waitForDownload(_ bed: TestBed, in directory: URL, command: RunningCommand) async throws {
        for _ in 0..<3000 {
            if !bed.server.requests(on: .download).isEmpty, !partialFiles(in: directory).isEmpty { return }
            guard command.process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the download did not start: \(contents(of: directory)), \(bed.server.requests.map(\.path))")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringDownloadRemovesThePartialFileAndSaysHowToResume(signal: Int32) async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.bigResult }) { bed in
            try await withTemporaryDirectory { directory in
                let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
                bed.server.inject(.throttle(bytesPerSecond: 500_000), on: .download)
                let output = directory.appendingPathComponent("video.mp4")
                let command = try KlingExecutable.start(
                    ["download", job.id, "--provider", "scenario", "--output", output.path],
                    environment: KlingExecutable.environment(server: bed.server)
                )
                try await Self.waitForDownload(bed, in: directory, command: command)
                command.send(signal)
                let result = try await command.finish()
                #expect(result.status == 128 + signal, "\(result.errorOutput)")
                #expect(result.errorOutput.contains("Interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"), "\(result.errorOutput)")
                #expect(result.errorOutput.contains(job.id))
                #expect(result.errorOutput.contains("Resume with: kling download \(job.id) --provider scenario --output \(output.path)"), "\(result.errorOutput)")
                #expect(result.output.isEmpty)
                #expect(contents(of: directory).isEmpty, "no partial file and no video remain")
            }
        }
    }

    @Test func aSignalDuringTheWaitOfRunSaysHowToWaitAndDownload() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            try await withTemporaryDirectory { directory in
                let request = directory.appendingPathComponent("request.json")
                try Data(#"{"prompt": "x"}"#.utf8).write(to: request)
                let output = directory.appendingPathComponent("my video.mp4")
                let command = try KlingExecutable.start(
                    ["run", "--model", "model_kling-v1-6-pro", request.path, "--output", output.path, "--poll-interval", "0.05"],
                    environment: KlingExecutable.environment(server: bed.server)
                )
                while bed.server.requests(on: .status).count < 2, command.process.isRunning {
                    try await Task.sleep(for: .milliseconds(10))
                }
                command.send(SIGINT)
                let result = try await command.finish()
                let jobID = try #require(bed.server.acceptedJobIDs.first)
                #expect(result.status == 130, "\(result.errorOutput)")
                #expect(result.errorOutput.contains("Stopped waiting for job \(jobID)"), "\(result.errorOutput)")
                #expect(result.errorOutput.contains(
                    "Resume with: kling wait \(jobID) --provider scenario, then kling download \(jobID) --provider scenario --output '\(output.path)'"
                ), "\(result.errorOutput)")
                #expect(contents(of: directory) == ["request.json"])
                #expect(bed.server.requests(on: .submit).count == 1)
            }
        }
    }

    @Test func aPartialFileLeftBySIGKILLIsRemovedByTheNextDownload() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.bigResult }) { bed in
            try await withTemporaryDirectory { directory in
                let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
                bed.server.inject(.throttle(bytesPerSecond: 500_000), on: .download)
                let output = directory.appendingPathComponent("video.mp4")
                let arguments = ["download", job.id, "--provider", "scenario", "--output", output.path]
                let environment = KlingExecutable.environment(server: bed.server)
                let killed = try KlingExecutable.start(arguments, environment: environment)
                try await Self.waitForDownload(bed, in: directory, command: killed)
                killed.send(SIGKILL)
                _ = try await killed.finish()
                let left = Self.partialFiles(in: directory)
                #expect(left.count == 1, "a killed process cannot clean up: \(contents(of: directory))")
                #expect(!FileManager.default.fileExists(atPath: output.path))

                let again = try await KlingExecutable.run(arguments, environment: environment)
                #expect(again.status == 0, "\(again.errorOutput)")
                #expect(contents(of: directory) == ["video.mp4"], "the abandoned partial file is gone")
                #expect(GeneratedContent.matches(fileAt: output, length: 5_000_000))
            }
        }
    }

    @Test func aPartialFileOfARunningDownloadIsLeftAlone() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.bigResult }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await bed.client.wait(for: try await bed.client.submit(KlingV16ProRequest(prompt: "x")))
                bed.server.inject(.throttle(bytesPerSecond: 2_000_000), on: .download)
                let output = directory.appendingPathComponent("video.mp4")
                let slow = Task { try await bed.client.download(done, to: output) }
                while Self.partialFiles(in: directory).isEmpty || bed.server.requests(on: .download).isEmpty {
                    try await Task.sleep(for: .milliseconds(10))
                }
                let other = directory.appendingPathComponent("other.mp4")
                _ = try await bed.client.download(done, to: other)
                // A download to the same destination at the same time: each keeps its own partial file.
                let second = try await bed.client.download(done, to: output)
                #expect(second.byteCount == 5_000_000)
                let first = try await slow.value
                #expect(first.byteCount == 5_000_000)
                #expect(contents(of: directory) == ["other.mp4", "video.mp4"])
            }
        }
    }
}
