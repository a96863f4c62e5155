import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import KlingKit
import KlingProviderServer
import Testing

/// Submitting: the right API for each request type, validation before anything leaves, exact bytes,
/// credentials, dry runs.
@Suite struct SubmitTests {
    @Test func scenarioRequestGoesToItsModelEndpointWithBasicAuth() async throws {
        try await TestBed.run { bed in
            let request = KlingV16ProRequest(prompt: "A red fox in the snow")
            let job = try await bed.client.submit(request)
            #expect(job.provider == .scenario)
            #expect(job.id.hasPrefix("job_"))
            let posts = bed.server.requests(on: .submit)
            #expect(posts.count == 1)
            #expect(posts[0].path == "/v1/generate/custom/model_kling-v1-6-pro")
            let token = Data("\(TestCredentials.scenarioKey):\(TestCredentials.scenarioSecret)".utf8).base64EncodedString()
            #expect(posts[0].header("Authorization") == "Basic \(token)")
            #expect(posts[0].header("Content-Type") == "application/json")
            #expect(posts[0].body == (try request.wireJSON()))
            #expect(bed.server.acceptedJobIDs == [job.id])
        }
    }

    @Test func aimlRequestGoesToTheAIMLAPIWithBearerAuth() async throws {
        try await TestBed.run { bed in
            let request = AIMLKlingO1ReferenceToVideoRequest(prompt: "A paper boat on a river")
            let job = try await bed.client.submit(request)
            #expect(job.provider == .aimlapi)
            #expect(job.id.hasSuffix(":klingai/video-o1-reference-to-video"))
            #expect(KlingJob(inferringProviderFrom: job.id) == job)
            let posts = bed.server.requests(on: .submit)
            #expect(posts.map(\.path) == ["/v2/video/generations"])
            #expect(posts[0].header("Authorization") == "Bearer \(TestCredentials.aimlapiKey)")
            #expect(posts[0].bodyText.contains(#""model":"klingai/video-o1-reference-to-video""#))
        }
    }

    @Test func rawBodiesAreSentByteForByte() async throws {
        try await TestBed.run { bed in
            // Odd spacing and key order survive: the file is sent exactly as validated.
            let body = Data("{ \"prompt\" :\"A lighthouse at dawn\",\n  \"duration\": 5 }".utf8)
            let model = try #require(KlingModels.model(id: "model_kling-v3-omni-video"))
            let job = try await bed.client.submit(body: body, for: model)
            #expect(job.provider == .scenario)
            #expect(bed.server.requests(on: .submit).map(\.body) == [body])
            #expect(bed.server.requests(on: .submit).first?.path == "/v1/generate/custom/model_kling-v3-omni-video")
        }
    }

    @Test func anInvalidTypedRequestThrowsEveryIssueAndSendsNothing() async throws {
        try await TestBed.run { bed in
            let request = KlingV3OmniVideoRequest(prompt: String(repeating: "x", count: 2600), duration: 42)
            let error = await klingError { try await bed.client.submit(request) }
            guard case .invalidRequest(let invalid)? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                return
            }
            let paths = Set(invalid.report.errors.map(\.path))
            #expect(paths.isSuperset(of: ["prompt", "duration"]), "all issues, not the first: \(paths)")
            #expect(error!.description.contains("Nothing was sent"))
            #expect(bed.server.requests.isEmpty)
        }
    }

    @Test func anInvalidRawBodyThrowsEveryIssueAndSendsNothing() async throws {
        try await TestBed.run { bed in
            let model = try #require(KlingModels.model(id: "model_kling-v3-omni-video"))
            let body = Data(#"{"prompt": "ok", "durration": 5, "generateAudio": "yes"}"#.utf8)
            guard case .invalidRequest(let invalid)? = await klingError({ try await bed.client.submit(body: body, for: model) }) else {
                Issue.record("expected invalidRequest")
                return
            }
            #expect(Set(invalid.report.errors.map(\.path)).isSuperset(of: ["durration", "generateAudio"]))
            let malformed = await klingError { try await bed.client.submit(body: Data("{\"prompt\": ".utf8), for: model) }
            guard case .invalidRequest(let syntax)? = malformed else {
                Issue.record("expected invalidRequest for malformed JSON")
                return
            }
            #expect(syntax.report.errors.first?.code.rawValue == "malformed_json")
            #expect(bed.server.requests.isEmpty)
        }
    }

    @Test func missingCredentialsNameTheVariablesAndSendNothing() async throws {
        try await TestBed.run(client: { $0.scenario.credentials = nil; $0.aimlapi.credentials = nil }) { bed in
            let scenario = await klingError { try await bed.client.submit(KlingV16ProRequest(prompt: "x")) }
            guard case .missingCredentials(.scenario, let variables)? = scenario else {
                Issue.record("expected missingCredentials, got \(String(describing: scenario))")
                return
            }
            #expect(variables == ["SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET"])
            let aiml = await klingError { try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x")) }
            #expect(aiml?.description.contains("AIMLAPI_KEY") == true)
            #expect(bed.server.requests.isEmpty)
        }
    }

    @Test func environmentConfiguresCredentialsAndBaseURLs() throws {
        let configuration = try KlingClientConfiguration.fromEnvironment([
            "SCENARIO_SDK_API_KEY": "k", "SCENARIO_SDK_API_SECRET": "s", "AIMLAPI_KEY": "a",
            "KLING_SCENARIO_BASE_URL": "http://127.0.0.1:9/scn", "KLING_AIMLAPI_BASE_URL": "https://proxy.example",
        ])
        #expect(configuration.scenario.credentials == ScenarioCredentials(apiKey: "k", apiSecret: "s"))
        #expect(configuration.aimlapi.credentials == AIMLAPICredentials(apiKey: "a"))
        #expect(configuration.scenario.baseURL.absoluteString == "http://127.0.0.1:9/scn")
        #expect(configuration.aimlapi.baseURL.absoluteString == "https://proxy.example")
        let defaults = try KlingClientConfiguration.fromEnvironment([:])
        #expect(defaults.scenario.baseURL.absoluteString == "https://api.cloud.scenario.com")
        #expect(defaults.aimlapi.baseURL.absoluteString == "https://api.aimlapi.com")
        #expect(defaults.scenario.credentials == nil)
        #expect(throws: KlingError.self) { try KlingClientConfiguration.fromEnvironment(["KLING_AIMLAPI_BASE_URL": "ftp://nope"]) }
    }

    @Test func aDryRunShowsTheExactRequestWithCredentialsMaskedAndSendsNothing() async throws {
        try await TestBed.run { bed in
            let request = KlingV16ProRequest(prompt: "A quiet harbour")
            let prepared = try bed.client.preparedSubmission(request)
            #expect(prepared.method == "POST")
            #expect(prepared.url == bed.server.baseURL.appendingPathComponent("v1/generate/custom/model_kling-v1-6-pro"))
            #expect(prepared.body == (try request.wireJSON()))
            let authorization = prepared.headers.first { $0.name == "Authorization" }?.value ?? ""
            #expect(authorization.hasPrefix("Basic <masked"))
            #expect(prepared.headers.contains(HTTPHeader(name: "Content-Type", value: "application/json")))
            let text = prepared.description
            #expect(text.hasPrefix("POST \(bed.server.baseURL.absoluteString)/v1/generate/custom/model_kling-v1-6-pro\n"))
            expectNoSecrets(text)

            let aiml = try bed.client.preparedSubmission(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
            #expect(aiml.headers.first { $0.name == "Authorization" }?.value == "Bearer <masked: AIMLAPI_KEY>")
            expectNoSecrets(aiml.description)
            #expect(bed.server.requests.isEmpty)
        }
    }

    @Test func theProjectIDGoesOnEveryScenarioRequest() async throws {
        try await TestBed.run(client: { $0.scenario.projectID = "proj_7" }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            let done = try await bed.client.wait(for: job)
            _ = try await bed.client.resultAssets(of: done)
            let scenarioRequests = bed.server.requests.filter { $0.path.hasPrefix("/v1/") }
            #expect(scenarioRequests.count >= 3)
            #expect(scenarioRequests.allSatisfy { $0.query["projectId"] == "proj_7" })
        }
    }

    @Test func theServerRejectsWhatTheProvidersReject() async throws {
        try await TestBed.run { bed in
            // The client's own transport: a plain URLSession waits forever on the challenge of a 401.
            let transport = HTTPTransport(configuration: bed.client.configuration)
            var challenges: [String?] = []
            func post(_ path: String, _ body: String, authorization: String?) async -> Int {
                let request = HTTPRequest(
                    method: "POST", url: bed.server.baseURL.appendingPathComponent(path),
                    headers: [HTTPHeader(name: "Content-Type", value: "application/json")]
                        + (authorization.map { [HTTPHeader(name: "Authorization", value: $0)] } ?? []),
                    body: Data(body.utf8)
                )
                guard let response = try? await transport.send(request) else { return -1 }
                if response.status == 401 { challenges.append(response.header("WWW-Authenticate")) }
                return response.status
            }
            let basic = "Basic " + Data("\(TestCredentials.scenarioKey):\(TestCredentials.scenarioSecret)".utf8).base64EncodedString()
            let path = "/v1/generate/custom/model_kling-v1-6-pro"
            #expect(await post(path, #"{"prompt":"x"}"#, authorization: nil) == 401)
            #expect(await post(path, #"{"prompt":"x"}"#, authorization: "Basic d3Jvbmc6d3Jvbmc=") == 401)
            #expect(await post(path, #"{"prompt":"x","promtp":"y"}"#, authorization: basic) == 400)
            #expect(await post("/v1/generate/custom/model_unknown", #"{"prompt":"x"}"#, authorization: basic) == 404)
            #expect(await post(path, #"{"prompt":"x"}"#, authorization: basic) == 200)
            let bearer = "Bearer \(TestCredentials.aimlapiKey)"
            #expect(await post("/v2/video/generations", #"{"model":"klingai/video-o1-reference-to-video","prompt":"x"}"#, authorization: "Bearer nope") == 401)
            #expect(await post("/v2/video/generations", #"{"prompt":"x"}"#, authorization: bearer) == 400)
            #expect(await post("/v2/video/generations", #"{"model":"klingai/video-o1-reference-to-video","prompt":"x","seed":1}"#, authorization: bearer) == 400)
            #expect(await post("/v2/video/generations", #"{"model":"klingai/video-o1-reference-to-video","prompt":"x"}"#, authorization: bearer) == 201)
            #expect(bed.server.acceptedJobIDs.count == 2)
            // HTTP requires a challenge on every 401; the server sends the providers' schemes.
            #expect(challenges == [ProviderServer.scenarioChallenge, ProviderServer.scenarioChallenge, ProviderServer.aimlapiChallenge])
        }
    }
}
