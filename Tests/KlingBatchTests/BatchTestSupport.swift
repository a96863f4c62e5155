import Foundation
import KlingTestSupport
import KlingKit
import KlingProviderServer
import Testing

extension SeededGenerator {
    /// A seed from `KLING_TEST_SEED`, or a fresh one; printed either way.
    static func seed(for test: String) -> UInt64 {
        let seed = ProcessInfo.processInfo.environment["KLING_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(test): seed \(seed) (replay with KLING_TEST_SEED=\(seed))")
        return seed
    }
}

/// Credentials the test server accepts.
enum BatchCredentials {
    static let scenarioKey = "sk-batch-41c7e0"
    static let scenarioSecret = "ss-batch-9d02b6"
    static let aimlapiKey = "ak-batch-77f1a3"
}

/// A provider server in this process and a client pointed at it, with fast retries and polls.
struct BatchBed {
    let server: ProviderServer
    let client: KlingClient

    static func run<T>(
        server adjust: (inout ProviderServer.Configuration) -> Void = { _ in },
        _ body: (BatchBed) async throws -> T
    ) async throws -> T {
        var configuration = ProviderServer.Configuration()
        configuration.scenarioAPIKey = BatchCredentials.scenarioKey
        configuration.scenarioAPISecret = BatchCredentials.scenarioSecret
        configuration.aimlapiKey = BatchCredentials.aimlapiKey
        configuration.defaultPlan = JobPlan(completion: .afterDelay(0.05...0.3))
        adjust(&configuration)
        let server = try ProviderServer(configuration)
        defer { server.stop() }
        let client = KlingClient(configuration: KlingClientConfiguration(
            scenario: .init(credentials: ScenarioCredentials(apiKey: BatchCredentials.scenarioKey, apiSecret: BatchCredentials.scenarioSecret), baseURL: server.baseURL),
            aimlapi: .init(credentials: AIMLAPICredentials(apiKey: BatchCredentials.aimlapiKey), baseURL: server.baseURL),
            retry: RetryPolicy(maximumAttempts: 4, maximumSubmitAttempts: 4, initialDelay: .milliseconds(20), maximumDelay: .milliseconds(100), maximumRetryAfter: .seconds(5)),
            wait: WaitOptions(initialInterval: .milliseconds(25), maximumInterval: .milliseconds(100), timeout: .seconds(30)),
            requestTimeout: .seconds(10)
        ))
        return try await body(BatchBed(server: server, client: client))
    }
}

/// Fast options for batches in tests.
let fastBatch = BatchOptions(concurrency: 16, refusalBackoff: .milliseconds(30), maximumRefusalBackoff: .milliseconds(200))

/// A manifest of `count` items alternating between a Scenario and an AI/ML API model.
func manifestText(count: Int, prefix: String = "item") -> String {
    (0..<count).map { index in
        index.isMultiple(of: 2)
            ? #"{"id": "\#(prefix)-\#(index)", "model": "model_kling-v1-6-pro", "body": {"prompt": "shot \#(index)", "duration": 5}}"#
            : #"{"id": "\#(prefix)-\#(index)", "model": "klingai/video-o1-reference-to-video", "body": {"model": "klingai/video-o1-reference-to-video", "prompt": "shot \#(index)"}}"#
    }.joined(separator: "\n") + "\n"
}

func manifest(count: Int, prefix: String = "item") throws -> BatchManifest {
    try BatchManifest.parse(Data(manifestText(count: count, prefix: prefix).utf8))
}

/// A folder of its own under the temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kling-batch-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Runs a batch to its end; returns every event.
func runToEnd(_ run: BatchRun) async throws -> (events: [BatchEvent], summary: BatchSummary) {
    var events: [BatchEvent] = []
    for try await event in run { events.append(event) }
    guard case .finished(let summary)? = events.last else {
        Issue.record("the run ended without a summary")
        return (events, BatchSummary(entries: []))
    }
    return (events, summary)
}

/// The files in a folder and its subfolders, relative, hidden ones included (the journal is left out).
func filesOnDisk(_ directory: URL) -> [String] {
    let base = directory.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
        if !isDirectory.boolValue && path != FileJournalStore.defaultFileName { files.append(path) }
    }
    return files.sorted()
}

/// The journal's records.
func journalRecords(_ directory: URL) async throws -> [BatchJournalRecord] {
    let store = FileJournalStore(directory: directory)
    do {
        let records = try await store.load().records
        await store.close()
        return records
    } catch {
        await store.close()
        throw error
    }
}
