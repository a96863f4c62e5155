import Foundation
import KlingKit
import KlingPlatform
import KlingProviderServer
import Testing

/// Retries: reads retry on 429/5xx/connection errors honouring Retry-After; a submit is retried only
/// when the provider provably did not accept it, and is never duplicated after an ambiguous failure.
@Suite struct RetryTests {
    let request = KlingV16ProRequest(prompt: "A heron takes off from a misty lake")

    // MARK: Reads

    @Test func statusReadsRetryOnServerErrorsAndDroppedConnections() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(0)) }) { bed in
            let job = try await bed.client.submit(request)
            bed.server.inject(.status(500, body: "oops"), on: .status)
            bed.server.inject(.status(503), on: .status)
            bed.server.inject(.dropBeforeAccepting, on: .status)
            let snapshot = try await bed.client.status(of: job)
            #expect(snapshot.phase == .succeeded)
            #expect(bed.server.requests(on: .status).count == 4)
        }
    }

    @Test func readsHonourRetryAfterInSeconds() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(0)) }) { bed in
            let job = try await bed.client.submit(request)
            bed.server.inject(.status(429, headers: ["Retry-After": "1"], body: #"{"message":"Too many requests"}"#), on: .status)
            let start = ContinuousClock.now
            _ = try await bed.client.status(of: job)
            // The policy's own backoff is 20 ms; only Retry-After explains a pause of a second.
            #expect(ContinuousClock.now - start >= .milliseconds(950))
            #expect(bed.server.requests(on: .status).count == 2)
        }
    }

    @Test func readsHonourRetryAfterAsAnHTTPDate() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(0)) }) { bed in
            let job = try await bed.client.submit(request)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = formatter.string(from: Date().addingTimeInterval(2))
            bed.server.inject(.status(503, headers: ["Retry-After": date]), on: .status)
            let start = ContinuousClock.now
            _ = try await bed.client.status(of: job)
            // The date has whole seconds: at least one second remains of the two.
            #expect(ContinuousClock.now - start >= .milliseconds(900))
            #expect(bed.server.requests(on: .status).count == 2)
        }
    }

    @Test func aRetryAfterBeyondTheLimitStopsAtOnceWithRateLimited() async throws {
        try await TestBed.run { bed in
            bed.server.inject(.status(429, headers: ["Retry-After": "3600"], body: #"{"message":"Concurrency limit reached"}"#), on: .submit)
            let error = await klingError { try await bed.client.submit(request) }
            guard case .rateLimited(.scenario, let retryAfter, let message)? = error else {
                Issue.record("expected rateLimited, got \(String(describing: error))")
                return
            }
            #expect(retryAfter == .seconds(3600))
            #expect(message == "Concurrency limit reached")
            #expect(error!.description.contains("1h00m"))
            #expect(bed.server.requests(on: .submit).count == 1)
            #expect(bed.server.acceptedJobIDs.isEmpty)
        }
    }

    @Test func readsGiveUpAfterTheirAttempts() async throws {
        try await TestBed.run { bed in
            let job = KlingJob(id: "job_missing", provider: .scenario)
            bed.server.inject(.status(502), on: .status, times: 10)
            let error = await klingError { try await bed.client.status(of: job) }
            guard case .providerError(.scenario, 502, _, _)? = error else {
                Issue.record("expected providerError 502, got \(String(describing: error))")
                return
            }
            #expect(bed.server.requests(on: .status).count == FastPolicies.retry.maximumAttempts)
        }
    }

    // MARK: Submits the provider provably did not accept

    @Test func aSubmitIsRetriedAfter429And503AndAcceptedOnce() async throws {
        try await TestBed.run { bed in
            bed.server.inject(.status(429, headers: ["Retry-After": "0"], body: #"{"message":"slow down"}"#), on: .submit)
            bed.server.inject(.status(503, body: "maintenance"), on: .submit)
            let job = try await bed.client.submit(request)
            let body = try request.wireJSON()
            #expect(bed.server.submissions(withBody: body) == 3)
            #expect(bed.server.acceptedJobs(withBody: body) == [job.id])
        }
    }

    @Test func aSubmitIsRetriedWhileTheConnectionIsRefused() async throws {
        try await TestBed.run(client: {
            $0.retry = RetryPolicy(maximumAttempts: 60, maximumSubmitAttempts: 60, initialDelay: .milliseconds(50), maximumDelay: .milliseconds(100))
        }) { bed in
            bed.server.stopListening()
            let submit = Task { try await bed.client.submit(request) }
            try await Task.sleep(for: .milliseconds(300))
            try bed.server.resumeListening()
            let job = try await submit.value
            let body = try request.wireJSON()
            #expect(bed.server.submissions(withBody: body) == 1)
            #expect(bed.server.acceptedJobs(withBody: body) == [job.id])
        }
    }

    @Test func aServerThatStoppedListeningKeepsItsPortUntilItListensAgain() throws {
        let server = try ProviderServer(TestBed.serverConfiguration())
        defer { server.stop() }
        server.stopListening()
        #expect(Self.bindError(port: server.port) == EADDRINUSE, "another server could take the port while it is not listening")
        try server.resumeListening()
        server.stop()
        #expect(Self.bindError(port: server.port) == 0, "a stopped server releases its port")
    }

    /// The `errno` of binding a plain socket (no port sharing) to 127.0.0.1:`port`; 0 when it binds.
    static func bindError(port: UInt16) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0 ? 0 : errno
    }

    /// A socket bound to a free port of 127.0.0.1 that never listens: connecting to the port is
    /// refused, and while the socket stays open no other test's server can take the port.
    static func refusingPort() -> (descriptor: Int32, port: UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 ? getsockname(descriptor, pointer, &length) : -1
            }
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    @Test func anUnreachableProviderEndsWithConnectionFailed() async throws {
        // Not a stopped server's port: a server another test starts meanwhile may be given it.
        let refusing = Self.refusingPort()
        defer { close(refusing.descriptor) }
        try #require(refusing.port != 0, "no free port to refuse connections on")
        let closedURL = try #require(URL(string: "http://127.0.0.1:\(refusing.port)"))
        let client = KlingClient(configuration: TestBed.clientConfiguration(baseURL: closedURL))
        let error = await klingError { try await client.submit(request) }
        guard case .connectionFailed(.scenario?, let detail)? = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("refused"))
        #expect(error!.description.contains("KLING_SCENARIO_BASE_URL"))
    }

    // MARK: Ambiguous failures: never resent

    @Test func aSubmitDroppedBeforeAnAnswerIsNotResent() async throws {
        try await TestBed.run { bed in
            bed.server.inject(.dropBeforeAccepting, on: .submit)
            let error = await klingError { try await bed.client.submit(request) }
            guard case .submitOutcomeUnknown(.scenario, _)? = error else {
                Issue.record("expected submitOutcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(error!.description.contains("not sent again"))
            let body = try request.wireJSON()
            #expect(bed.server.submissions(withBody: body) == 1)
        }
    }

    @Test func aSubmitAcceptedButDroppedIsNotDuplicated() async throws {
        try await TestBed.run { bed in
            bed.server.inject(.dropAfterAccepting, on: .submit)
            try await expectSubmittedOnceWithUnknownOutcome(request, on: bed)
        }
    }

    @Test func aSubmitThatTimesOutIsNotResent() async throws {
        try await TestBed.run(client: { $0.requestTimeout = .seconds(1) }) { bed in
            // A wide margin: on a loaded machine the client's timer may fire late.
            bed.server.inject(.delayResponse(seconds: 6), on: .submit)
            let error = await klingError { try await bed.client.submit(request) }
            guard case .submitOutcomeUnknown(_, let detail)? = error else {
                Issue.record("expected submitOutcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(detail.contains("timeout"))
            let body = try request.wireJSON()
            #expect(bed.server.submissions(withBody: body) == 1)
            #expect(bed.server.acceptedJobs(withBody: body).count == 1)
        }
    }

    @Test func aSubmitAnswered500IsNotResent() async throws {
        try await TestBed.run { bed in
            bed.server.inject(.status(500, body: #"{"message":"internal error"}"#), on: .submit)
            let error = await klingError { try await bed.client.submit(request) }
            guard case .submitOutcomeUnknown(_, let detail)? = error else {
                Issue.record("expected submitOutcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(detail == "HTTP 500: internal error")
            let body = try request.wireJSON()
            #expect(bed.server.submissions(withBody: body) == 1)
        }
    }

    @Test func aSubmitAfterKeepAliveReadsTravelsOnItsOwnConnection() async throws {
        // libcurl resends a request whose reused keep-alive connection dies before an answer. The
        // reads below leave such a connection open; the submit must not use it.
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let first = try await bed.client.submit(KlingV16ProRequest(prompt: "warm-up"))
            for _ in 0..<3 { _ = try await bed.client.status(of: first) }
            #expect(bed.server.requests(on: .status).allSatisfy { $0.header("Connection") != "close" })
            bed.server.inject(.dropAfterAccepting, on: .submit)
            try await expectSubmittedOnceWithUnknownOutcome(request, on: bed)
            #expect(bed.server.requests(on: .submit).allSatisfy { $0.header("Connection") == "close" })
        }
    }

    // MARK: Final answers

    @Test func a401IsFinalAndNamesTheCredentialWithoutRevealingIt() async throws {
        try await TestBed.run(client: { $0.scenario.credentials = ScenarioCredentials(apiKey: "sk-wrong-key-1234", apiSecret: "ss-wrong-secret-5678") }) { bed in
            let error = await klingError { try await bed.client.submit(request) }
            guard case .unauthorized(.scenario, 401, _)? = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            let text = error!.description
            #expect(text.contains("SCENARIO_SDK_API_KEY") && text.contains("SCENARIO_SDK_API_SECRET"))
            #expect(!text.contains("sk-wrong-key-1234") && !text.contains("ss-wrong-secret-5678"))
            #expect(bed.server.requests.count == 1)
        }
    }

    @Test func scenarioPlanRestrictionIsFinalAndSaysSo() async throws {
        try await TestBed.run(server: { $0.restrictedModels = ["model_kling-v1-6-pro"] }) { bed in
            let error = await klingError { try await bed.client.submit(request) }
            guard case .planRestricted(.scenario, 403, let message)? = error else {
                Issue.record("expected planRestricted, got \(String(describing: error))")
                return
            }
            #expect(message?.contains("plan") == true)
            #expect(error!.description.contains("Scenario plan"))
            #expect(bed.server.requests.count == 1)
        }
    }

    @Test func anAIML403IsOutOfCreditsAndFinal() async throws {
        try await TestBed.run { bed in
            let body = #"{"message":"Insufficient credits","path":"/v2/video/generations","statusCode":403}"#
            bed.server.inject(.status(403, headers: ["Content-Type": "application/json"], body: body), on: .submit)
            let error = await klingError { try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x")) }
            guard case .planRestricted(.aimlapi, 403, "Insufficient credits")? = error else {
                Issue.record("expected planRestricted, got \(String(describing: error))")
                return
            }
            #expect(error!.description.contains("out of credits"))
            #expect(error!.description.contains("AIMLAPI_KEY"))
            #expect(bed.server.requests.count == 1)
        }
    }

    @Test func providerTextEchoingACredentialIsScrubbed() async throws {
        try await TestBed.run { bed in
            let echo = "Bad request from key \(TestCredentials.scenarioKey) with Basic \(TestCredentials.all[3]) and secret \(TestCredentials.scenarioSecret)"
            bed.server.inject(.status(400, body: #"{"message":"\#(echo)"}"#), on: .submit)
            let error = await klingError { try await bed.client.submit(request) }
            guard case .providerError(.scenario, 400, let message?, let body)? = error else {
                Issue.record("expected providerError, got \(String(describing: error))")
                return
            }
            #expect(message.contains("<redacted>"))
            expectNoSecrets(message)
            expectNoSecrets(body)
            expectNoSecrets(error!.description)
            expectNoSecrets(String(reflecting: error!))
        }
    }

    /// A submit whose connection dropped after the provider accepted it: the client reports an
    /// unknown outcome and the server saw the body exactly once.
    func expectSubmittedOnceWithUnknownOutcome(_ request: some ScenarioRequest, on bed: TestBed) async throws {
        let error = await klingError { try await bed.client.submit(request) }
        guard case .submitOutcomeUnknown? = error else {
            Issue.record("expected submitOutcomeUnknown, got \(String(describing: error))")
            return
        }
        let body = try request.wireJSON()
        #expect(bed.server.submissions(withBody: body) == 1)
        #expect(bed.server.acceptedJobs(withBody: body).count == 1)
    }
}
