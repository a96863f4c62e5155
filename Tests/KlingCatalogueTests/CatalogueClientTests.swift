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

    @Test("Submits, waits on and downloads every model", arguments: CatalogueModelTests.ids)
    func roundTrip(_ id: String) async throws {
        let schema = try CatalogueModelTests.schema(id)
        let type = try CatalogueModelTests.requestType(id)
        let makesAudio = type.model.capabilities.first == .videoToAudio
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
        serverConfiguration.defaultPlan = JobPlan(
            completion: .afterPolls(1), outcome: .success(assetBytes: 20_000, mediaType: makesAudio ? "audio/mpeg" : "video/mp4"))
        let server = try ProviderServer(serverConfiguration)
        defer { server.stop() }
        let client = KlingClient(configuration: KlingClientConfiguration(
            scenario: .init(credentials: ScenarioCredentials(apiKey: Self.credentials.scenarioKey, apiSecret: Self.credentials.scenarioSecret), baseURL: server.baseURL),
            aimlapi: .init(credentials: AIMLAPICredentials(apiKey: Self.credentials.aimlapi), baseURL: server.baseURL),
            wait: WaitOptions(initialInterval: .milliseconds(10), maximumInterval: .milliseconds(40), multiplier: 1.5, jitter: 0.2, timeout: .seconds(20))
        ))

        let body = Data(SampleBodies(schema: schema).minimalBody.jsonText.utf8)
        let job = try await client.submit(body: body, for: type)
        let submitted = try #require(server.requests(on: .submit).first)
        #expect(submitted.path == type.model.endpoint.path)
        #expect(submitted.body == body, "the body goes on the wire exactly as given")

        let finished = try await client.wait(for: job)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kling-catalogue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try await client.download(finished, to: folder.appendingPathComponent("result.mp4"), naming: .matchingMediaType)
        #expect(file.byteCount == 20_000)
        #expect(file.url.lastPathComponent == (makesAudio ? "result.mp3" : "result.mp4"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [file.url.lastPathComponent])
    }
}
