import Foundation
import KlingProviderServer

// kling-provider-server: the local provider server as a process of its own, for tests that must
// kill a client without taking the server down, and for trying `kling` by hand. Prints its base
// URL on the first line of standard output, then serves until it is killed.

let usage = """
    USAGE: kling-provider-server [options]

    OPTIONS:
      --port <n>                     Port to listen on (default: a free one).
      --job-seconds <min>-<max>      Each job finishes after a random time in this range (default 0.2-1).
      --asset-bytes <n>              Size of each result file (default 4096).
      --submit-delay <min>-<max>     Hold every accepted submit's answer this long, in seconds.
      --scenario-concurrency-limit <n>
                                     Refuse Scenario submits with 429 (details.actionLimit) while n jobs run.

    Credentials it accepts: SCENARIO_SDK_API_KEY / SCENARIO_SDK_API_SECRET and AIMLAPI_KEY from its
    environment, or the test defaults. GET /_inspect/submissions lists every submitted body with how
    many times it arrived and how many jobs it created.
    """

func range(_ text: String) -> ClosedRange<Double>? {
    let parts = text.split(separator: "-").compactMap { Double($0) }
    guard parts.count == 2, parts[0] >= 0, parts[0] <= parts[1] else { return nil }
    return parts[0]...parts[1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n\n\(usage)\n".utf8))
    exit(2)
}

var configuration = ProviderServer.Configuration()
configuration.inspectionEndpoint = true
configuration.defaultPlan = JobPlan(completion: .afterDelay(0.2...1))
let environment = ProcessInfo.processInfo.environment
if let key = environment["SCENARIO_SDK_API_KEY"], let secret = environment["SCENARIO_SDK_API_SECRET"] {
    configuration.scenarioAPIKey = key
    configuration.scenarioAPISecret = secret
}
if let key = environment["AIMLAPI_KEY"] { configuration.aimlapiKey = key }

var arguments = Array(CommandLine.arguments.dropFirst())
var assetBytes: Int64 = 4096
var jobSeconds: ClosedRange<Double> = 0.2...1
while !arguments.isEmpty {
    let option = arguments.removeFirst()
    if option == "-h" || option == "--help" {
        print(usage)
        exit(0)
    }
    guard !arguments.isEmpty else { fail("option '\(option)' needs a value") }
    let value = arguments.removeFirst()
    switch option {
    case "--port":
        guard let port = UInt16(value) else { fail("--port needs a port number") }
        configuration.port = port
    case "--job-seconds":
        guard let parsed = range(value) else { fail("--job-seconds needs <min>-<max>") }
        jobSeconds = parsed
    case "--asset-bytes":
        guard let bytes = Int64(value), bytes >= 0 else { fail("--asset-bytes needs a number of bytes") }
        assetBytes = bytes
    case "--submit-delay":
        guard let parsed = range(value) else { fail("--submit-delay needs <min>-<max>") }
        configuration.submitAnswerDelay = parsed
    case "--scenario-concurrency-limit":
        guard let limit = Int(value), limit > 0 else { fail("--scenario-concurrency-limit needs a positive number") }
        configuration.scenarioConcurrencyLimit = limit
    default:
        fail("unknown option '\(option)'")
    }
}
configuration.defaultPlan = JobPlan(completion: .afterDelay(jobSeconds), outcome: .success(assetBytes: assetBytes))

let server: ProviderServer
do {
    server = try ProviderServer(configuration)
} catch {
    fail("cannot listen: \(error)")
}
FileHandle.standardOutput.write(Data((server.baseURL.absoluteString + "\n").utf8))
while true { sleep(3600) }
