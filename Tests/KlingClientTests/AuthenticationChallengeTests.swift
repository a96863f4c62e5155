import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// A 401 or 407, with or without the challenge header HTTP requires, on every request the client
/// makes: it fails at once with the credentials message. URLSession on Linux turns a 401 with
/// `WWW-Authenticate: Basic …` into a challenge and, unanswered, waits on it forever; each test runs
/// under a watchdog so that regression fails instead of hanging the suite.
@Suite struct AuthenticationChallengeTests {
    /// Which request of the client gets the refusal.
    enum Request: String, CaseIterable, Sendable {
        case submit, status, asset, inlineUpload, uploadCreation, uploadPart, uploadStatus, download
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var provider: Provider
        var request: Request
        var status: Int
        var challenge: String?

        var testDescription: String { "\(provider) \(request) \(status) \(challenge ?? "without a challenge")" }
    }

    static let challenges: [Int: [String?]] = [
        401: [nil, #"Basic realm="Scenario API""#, "Bearer", #"Digest realm="api", nonce="5ccc069c403ebaf9""#],
        407: [nil, #"Basic realm="corporate proxy""#],
    ]

    static let cases: [Case] = {
        var cases: [Case] = []
        for (status, challenges) in challenges.sorted(by: { $0.key < $1.key }) {
            for challenge in challenges {
                for request in Request.allCases {
                    cases.append(Case(provider: .scenario, request: request, status: status, challenge: challenge))
                }
                for request in [Request.submit, .status, .download] {
                    cases.append(Case(provider: .aimlapi, request: request, status: status, challenge: challenge))
                }
            }
        }
        return cases
    }()

    static func route(of request: Request) -> Route {
        switch request {
        case .submit: return .submit
        case .status: return .status
        case .asset: return .asset
        case .inlineUpload, .uploadCreation, .uploadStatus: return .upload
        case .uploadPart: return .uploadPart
        case .download: return .download
        }
    }

    @Test(arguments: cases)
    func aRefusalFailsAtOnceWithTheCredentialsMessage(_ refusal: Case) async throws {
        let plan = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: 10_000))
        // A long request timeout, so that only the answer to the challenge can end a hung request.
        try await TestBed.run(server: { $0.defaultPlan = plan }, client: { $0.requestTimeout = .seconds(120) }) { bed in
            try await withTemporaryDirectory { directory in
                let fault = Fault.authenticationRequired(refusal.status, challenge: refusal.challenge)
                let error = try await withWatchdog {
                    await klingError { try await Self.perform(refusal, fault: fault, on: bed, in: directory) }
                }
                try Self.expectCredentialsError(error, for: refusal)
                #expect(bed.server.requests(on: Self.route(of: refusal.request)).count == Self.expectedRequests(refusal),
                        "a refused request is not retried (a 401 from a file URL is resolved again once)")
                if refusal.request == .download {
                    #expect(contents(of: directory) == [], "nothing is left behind")
                }
            }
        }
    }

    /// The requests on the refused request's route: the refused one, and those before it.
    static func expectedRequests(_ refusal: Case) -> Int {
        switch refusal.request {
        case .download where refusal.status == 401: return 2
        case .uploadStatus: return 3
        default: return 1
        }
    }

    /// Runs everything up to the request under test, then injects the refusal and makes that request.
    static func perform(_ refusal: Case, fault: Fault, on bed: TestBed, in directory: URL) async throws {
        let client = bed.client, server = bed.server
        func submit() async throws -> KlingJob {
            refusal.provider == .scenario
                ? try await client.submit(KlingV16ProRequest(prompt: "x"))
                : try await client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
        }
        let video = directory.appendingPathComponent("reference.mp4")
        switch refusal.request {
        case .submit:
            server.inject(fault, on: .submit)
            _ = try await submit()
        case .status:
            let job = try await submit()
            server.inject(fault, on: .status)
            _ = try await client.status(of: job)
        case .asset:
            let snapshot = try await client.status(of: try await submit())
            server.inject(fault, on: .asset)
            _ = try await client.resultAssets(of: snapshot)
        case .download:
            let snapshot = try await client.status(of: try await submit())
            let asset = try #require(try await client.resultAssets(of: snapshot).first)
            server.inject(fault, on: .download, times: 2)
            _ = try await client.download(asset, to: directory.appendingPathComponent("video.mp4"))
        case .inlineUpload:
            server.inject(fault, on: .upload)
            _ = try await client.uploadImage(Data(repeating: 7, count: 1000), name: "start.png")
        case .uploadCreation, .uploadPart, .uploadStatus:
            try Data(repeating: 7, count: 1000).write(to: video)
            switch refusal.request {
            case .uploadCreation: server.inject(fault, on: .upload)
            case .uploadPart: server.inject(fault, on: .uploadPart)
            default:
                // Creation and completion pass; the first status read is refused.
                server.inject(.delayResponse(seconds: 0), on: .upload, times: 2)
                server.inject(fault, on: .upload)
            }
            _ = try await client.uploadFile(at: video, options: UploadOptions(pollInterval: .milliseconds(10)))
        }
    }

    static func expectCredentialsError(_ error: KlingError?, for refusal: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let error = try #require(error, "the request failed", sourceLocation: sourceLocation)
        if refusal.request == .download && refusal.status == 401 {
            // A file URL carries no provider credential: its 401 is an expired or refused signature.
            guard case .downloadFailed(let failure) = error, failure.reason == .urlExpired(status: 401) else {
                Issue.record("expected an expired download URL, got \(error)", sourceLocation: sourceLocation)
                return
            }
            return
        }
        guard case .unauthorized(let provider, let status, _) = error, status == refusal.status else {
            Issue.record("expected unauthorized (HTTP \(refusal.status)), got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(provider == refusal.provider, sourceLocation: sourceLocation)
        let text = error.description
        if refusal.status == 407 {
            #expect(text.contains("proxy") && text.contains("407"), "\(text)", sourceLocation: sourceLocation)
        } else {
            let variable = refusal.provider == .scenario ? "SCENARIO_SDK_API_SECRET" : "AIMLAPI_KEY"
            #expect(text.contains(variable), "\(text)", sourceLocation: sourceLocation)
        }
    }
}
