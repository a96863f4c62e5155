import Foundation
import KlingKit
import KlingProviderServer

/// `kling-bench serve [bytes]`: runs the local provider server with one finished Scenario job whose
/// result has `bytes` bytes (1 GiB by default), prints how to reach it, and serves until killed.
/// For profiling a download by hand (`valgrind`, `strace`) against the same server the bench uses.
enum Serve {
    static func run(size: Int64) async throws -> Never {
        var configuration = ProviderServer.Configuration()
        configuration.defaultPlan = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: size))
        let server = try ProviderServer(configuration)
        let client = KlingClient(configuration: KlingClientConfiguration(
            scenario: .init(credentials: .init(apiKey: configuration.scenarioAPIKey, apiSecret: configuration.scenarioAPISecret), baseURL: server.baseURL)))
        let job = try await client.submit(KlingV16ProRequest(prompt: "a large result"))
        _ = try await client.wait(for: job)
        let url = try await client.resultAssets(of: job)[0].url
        let instructions = """
            export SCENARIO_SDK_API_KEY=\(configuration.scenarioAPIKey) SCENARIO_SDK_API_SECRET=\(configuration.scenarioAPISecret) KLING_SCENARIO_BASE_URL=\(server.baseURL.absoluteString)
            kling download \(job.id) --provider scenario --output result.mp4
            curl -o result.mp4 '\(url.absoluteString)'

            """
        FileHandle.standardOutput.write(Data(instructions.utf8))
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
