import Foundation
import KlingJSON
import KlingKit
import KlingProviderServer
import Testing

/// The client with every model of the catalogue, over HTTP against the local provider server:
/// the smallest valid body is submitted to the model's endpoint as is, the job is waited on, and its
/// result downloaded with the extension of what it is (Kling Video to Audio's audio as `.mp3`).
@Suite("Every model through the client")
struct CatalogueClientTests {
    static let credentials = (scenarioKey: "catalogue-key", scenarioSecret: "catalogue-secret", aimlapi: "catalogue-aiml-key")

    /// One server and one client for the whole catalogue, the models one after another: a server per
    /// model, all at once, would crowd the few threads the other suites' time-sensitive tests share.
    @Test("Submits, waits on and downloads every model")
    func roundTrips() async throws {
        var serverConfiguration = ProviderServer.Configuration()
        serverConfiguration.scenarioAPIKey = Self.credentials.scenarioKey
        serverConfiguration.scenarioAPISecret = Self.credentials.scenarioSecret
        serverConfiguration.aimlapiKey = Self.credentials.aimlapi
        // The server checks bodies with the generated validators, as the providers check fields; it
        // finds the model by Scenario's path or the AI/ML API's `model` member.
        serverConfiguration.validator = { modelID, body in
            guard let model = KlingModels.model(id: modelID) else { return ["unknown model \(modelID)"] }
            return (try? model.validate(json: body))?.errors.map(\.description) ?? ["malformed JSON"]
        }
        let server = try ProviderServer(serverConfiguration)
        defer { server.stop() }
        let client = KlingClient(configuration: KlingClientConfiguration(
            scenario: .init(credentials: ScenarioCredentials(apiKey: Self.credentials.scenarioKey, apiSecret: Self.credentials.scenarioSecret), baseURL: server.baseURL),
            aimlapi: .init(credentials: AIMLAPICredentials(apiKey: Self.credentials.aimlapi), baseURL: server.baseURL),
            wait: WaitOptions(initialInterval: .milliseconds(10), maximumInterval: .milliseconds(40), multiplier: 1.5, jitter: 0.2, timeout: .seconds(20))
        ))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kling-catalogue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        for id in CatalogueModelTests.ids {
            let schema = try CatalogueModelTests.schema(id)
            let type = try CatalogueModelTests.requestType(id)
            let makesAudio = type.model.capabilities.first == .videoToAudio
            server.enqueue(JobPlan(completion: .afterPolls(1), outcome: .success(assetBytes: 20_000, mediaType: makesAudio ? "audio/mpeg" : "video/mp4")))

            let body = Data(SampleBodies(schema: schema).minimalBody.jsonText.utf8)
            let job = try await client.submit(body: body, for: type)
            let submitted = try #require(server.requests(on: .submit).last)
            #expect(submitted.path == type.model.endpoint.path, "\(id)")
            #expect(submitted.body == body, "\(id): the body goes on the wire exactly as given")

            let finished = try await client.wait(for: job)
            let modelFolder = folder.appendingPathComponent(String(id.map { $0.isLetter || $0.isNumber ? $0 : "-" }))
            let file = try await client.download(finished, to: modelFolder.appendingPathComponent("result.mp4"), naming: .matchingMediaType)
            #expect(file.byteCount == 20_000, "\(id)")
            #expect(file.url.lastPathComponent == (makesAudio ? "result.mp3" : "result.mp4"), "\(id)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: modelFolder.path) == [file.url.lastPathComponent], "\(id)")
        }
        #expect(server.requests(on: .submit).count == CatalogueModelTests.ids.count)
    }
}
