import Foundation
import KlingKit
import KlingProviderServer

/// `kling batch` of 1,000 items against the local provider server, which completes each job 2–8 s
/// after its submit, 50 at a time: wall time next to the server's own completion time, CPU and
/// peak memory of the `kling` process per item, journal bytes per item, and the time to run the
/// finished batch again (resume: read the journal, verify 1,000 files) next to `kling models`.
enum BatchBench {
    static let items = 1000
    static let concurrency = 50

    static func run() async throws -> [Measurement] {
        var configuration = ProviderServer.Configuration()
        configuration.defaultPlan = JobPlan(completion: .afterDelay(2...8))
        let server = try ProviderServer(configuration)
        defer { server.stop() }
        let kling = try Paths.product("kling")
        let folder = try Paths.fresh("batch")
        let manifest = folder.appendingPathComponent("manifest.jsonl")
        let lines = (0..<items).map { index in
            #"{"id": "clip-\#(index)", "model": "model_kling-v1-6-pro", "body": {"prompt": "Product shot \#(index), slow orbit", "duration": 5}}"#
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
        let output = folder.appendingPathComponent("out")
        let environment = [
            "SCENARIO_SDK_API_KEY": configuration.scenarioAPIKey, "SCENARIO_SDK_API_SECRET": configuration.scenarioAPISecret,
            "KLING_SCENARIO_BASE_URL": server.baseURL.absoluteString, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin",
        ]
        let arguments = ["batch", manifest.path, "--output", output.path, "--concurrency", "\(concurrency)",
                         "--poll-interval", "0.5", "--max-poll-interval", "2"]

        let start = Date()
        let batch = try ChildProcess.measure(kling.path, arguments, environment: environment)
        guard batch.status == 0 else { throw Command.Failed(command: "kling batch", status: batch.status, output: "") }
        let timelines = server.jobTimelines
        let serverTime = timelines.compactMap(\.completesAt).max()!.timeIntervalSince(start)
        let ideal = timelines.compactMap { timeline in timeline.completesAt.map { $0.timeIntervalSince(timeline.createdAt) } }.reduce(0, +) / Double(concurrency)
        let journalBytes = (try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(FileJournalStore.defaultFileName).path)[.size] as? NSNumber)?.doubleValue ?? 0
        let duplicates = server.requests(on: .submit).count - items

        let resumes = try (0..<3).map { _ in try ChildProcess.measure(kling.path, arguments, environment: environment) }
        guard resumes.allSatisfy({ $0.status == 0 }) else { throw Command.Failed(command: "kling batch (resume)", status: 1, output: "") }
        let startups = try (0..<3).map { _ in try ChildProcess.measure(kling.path, ["models"], environment: environment) }
        let resume = Clock.median(resumes.map(\.seconds))
        let startup = Clock.median(startups.map(\.seconds))

        let section = "Batches (kling batch, 1,000 items, jobs 2–8 s, concurrency 50)"
        return [
            Measurement(section: section, name: "server's own completion time", value: serverTime, unit: "s"),
            Measurement(section: section, name: "… ideal at concurrency 50 (Σ job times / 50)", value: ideal, unit: "s"),
            Measurement(section: section, name: "wall time of kling batch", value: batch.seconds, unit: "s",
                        baseline: ("server completion", serverTime), target: "≤ 1.2×", met: batch.seconds / serverTime <= 1.2),
            Measurement(section: section, name: "CPU per item (kling process)", value: batch.cpuSeconds / Double(items) * 1000, unit: "ms"),
            Measurement(section: section, name: "peak resident memory (kling process)", value: Double(batch.peakResidentBytes) / 1_048_576, unit: "MiB"),
            Measurement(section: section, name: "journal bytes per item", value: journalBytes / Double(items), unit: "B"),
            Measurement(section: section, name: "submits beyond one per item", value: Double(duplicates), unit: "submits", target: "0", met: duplicates == 0),
            Measurement(section: section, name: "resume a finished 1,000-item batch", value: resume * 1000, unit: "ms",
                        baseline: ("kling models", startup * 1000), target: "< 1 s", met: resume < 1),
        ]
    }
}
