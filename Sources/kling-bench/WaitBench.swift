import Foundation
import KlingKit
import KlingProviderServer

/// 500 jobs submitted and waited on concurrently against the local provider server, which completes
/// them after random delays: wall time over the server's own completion time, CPU per poll, and
/// that no job is lost or polled after it finished.
enum WaitBench {
    static let jobs = 500

    static func run() async throws -> [Measurement] {
        var configuration = ProviderServer.Configuration()
        configuration.defaultPlan = JobPlan(completion: .afterDelay(2...8))
        configuration.validator = nil
        let server = try ProviderServer(configuration)
        defer { server.stop() }
        var clientConfiguration = KlingClientConfiguration(
            scenario: .init(credentials: .init(apiKey: configuration.scenarioAPIKey, apiSecret: configuration.scenarioAPISecret), baseURL: server.baseURL),
            aimlapi: .init(credentials: .init(apiKey: configuration.aimlapiKey), baseURL: server.baseURL))
        clientConfiguration.wait = WaitOptions(initialInterval: .milliseconds(500), maximumInterval: .seconds(2), multiplier: 1.5, jitter: 0.2, timeout: .seconds(120))
        let client = KlingClient(configuration: clientConfiguration)

        let start = Date()
        let cpuBefore = ChildProcess.ownCPUSeconds()
        let finished = try await withThrowingTaskGroup(of: JobSnapshot.self) { group in
            for index in 0..<jobs {
                group.addTask {
                    let job = index.isMultiple(of: 2)
                        ? try await client.submit(KlingV16ProRequest(prompt: "job \(index)"))
                        : try await client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "job \(index)"))
                    return try await client.wait(for: job)
                }
            }
            return try await group.reduce(into: [JobSnapshot]()) { $0.append($1) }
        }
        let wall = Date().timeIntervalSince(start)
        let cpu = ChildProcess.ownCPUSeconds() - cpuBefore
        let timelines = server.jobTimelines
        let serverTime = timelines.compactMap(\.completesAt).max()!.timeIntervalSince(start)
        let reads = timelines.map(\.statusReads).reduce(0, +)
        let requests = server.requests.count
        let lost = jobs - finished.filter { $0.phase == .succeeded }.count
        let afterFinished = timelines.map(\.readsAfterShownFinished).reduce(0, +)
        let lateness = timelines.compactMap { timeline in
            timeline.shownFinishedAt.flatMap { shown in timeline.completesAt.map { shown.timeIntervalSince($0) } }
        }
        let section = "Waiting at scale (500 concurrent jobs, 2–8 s each, polling 0.5 s ×1.5 up to 2 s)"
        return [
            Measurement(section: section, name: "server's own completion time", value: serverTime, unit: "s"),
            Measurement(section: section, name: "wall time of all waits", value: wall, unit: "s",
                        baseline: ("server completion", serverTime), target: "close to 1×", met: wall / serverTime < 1.5),
            Measurement(section: section, name: "median lag from completion to seen", value: Clock.median(lateness) * 1000, unit: "ms"),
            Measurement(section: section, name: "status reads", value: Double(reads), unit: "reads"),
            Measurement(section: section, name: "CPU per request (client and server, one process)", value: cpu / Double(requests) * 1e6, unit: "µs"),
            Measurement(section: section, name: "jobs lost", value: Double(lost), unit: "jobs", target: "0", met: lost == 0),
            Measurement(section: section, name: "status reads after a job was seen finished", value: Double(afterFinished), unit: "reads",
                        target: "0", met: afterFinished == 0),
        ]
    }
}
