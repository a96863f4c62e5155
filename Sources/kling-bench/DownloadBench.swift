import Foundation
import KlingKit
import KlingProviderServer

/// A 1 GiB result downloaded from the local provider server by `kling download`, next to curl
/// fetching the same asset in the same run: throughput and peak resident memory of each process.
enum DownloadBench {
    static let size: Int64 = 1 << 30

    static func run() async throws -> [Measurement] {
        var configuration = ProviderServer.Configuration()
        configuration.defaultPlan = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: size))
        let server = try ProviderServer(configuration)
        defer { server.stop() }
        let client = KlingClient(configuration: KlingClientConfiguration(
            scenario: .init(credentials: .init(apiKey: configuration.scenarioAPIKey, apiSecret: configuration.scenarioAPISecret), baseURL: server.baseURL)))
        let job = try await client.submit(KlingV16ProRequest(prompt: "a large result"))
        _ = try await client.wait(for: job)
        let kling = try Paths.product("kling")
        let folder = try Paths.fresh("download")
        let environment = [
            "SCENARIO_SDK_API_KEY": configuration.scenarioAPIKey, "SCENARIO_SDK_API_SECRET": configuration.scenarioAPISecret,
            "KLING_SCENARIO_BASE_URL": server.baseURL.absoluteString, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin",
        ]
        var klingRuns: [ChildProcess.Outcome] = []
        var curlRuns: [ChildProcess.Outcome] = []
        for round in 0..<3 {
            let output = folder.appendingPathComponent("kling-\(round).mp4")
            let klingRun = try ChildProcess.measure(kling.path, ["download", job.id, "--provider", "scenario", "--output", output.path], environment: environment)
            guard klingRun.status == 0, (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int64) == size else {
                throw Command.Failed(command: "kling download", status: klingRun.status, output: "the downloaded file is missing or incomplete")
            }
            try FileManager.default.removeItem(at: output)
            klingRuns.append(klingRun)

            let url = try await client.resultAssets(of: job)[0].url
            let curlOutput = folder.appendingPathComponent("curl-\(round).mp4")
            let curlRun = try ChildProcess.measure("/usr/bin/curl", ["-s", "-f", "-o", curlOutput.path, url.absoluteString], environment: environment)
            guard curlRun.status == 0 else { throw Command.Failed(command: "curl", status: curlRun.status, output: url.absoluteString) }
            try FileManager.default.removeItem(at: curlOutput)
            curlRuns.append(curlRun)
        }
        let mebibytes = Double(size) / 1_048_576
        let klingRate = mebibytes / Clock.median(klingRuns.map(\.seconds))
        let curlRate = mebibytes / Clock.median(curlRuns.map(\.seconds))
        let klingPeak = Double(klingRuns.map(\.peakResidentBytes).max()!) / 1_048_576
        let curlPeak = Double(curlRuns.map(\.peakResidentBytes).max()!) / 1_048_576
        let section = "Download of a 1 GiB result (median of 3, each a fresh process)"
        return [
            Measurement(section: section, name: "curl throughput", value: curlRate, unit: "MiB/s"),
            Measurement(section: section, name: "kling download throughput", value: klingRate, unit: "MiB/s",
                        baseline: ("curl", curlRate), target: "≥ 80% of curl", met: klingRate >= 0.8 * curlRate),
            Measurement(section: section, name: "curl peak resident memory", value: curlPeak, unit: "MiB"),
            Measurement(section: section, name: "kling download peak resident memory", value: klingPeak, unit: "MiB",
                        baseline: ("curl", curlPeak), target: "< 64 MiB", met: klingPeak < 64),
        ]
    }
}
