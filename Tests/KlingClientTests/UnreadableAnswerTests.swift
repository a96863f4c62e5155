import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// Answers the client cannot read: a 2xx to a submit without a job id is an unknown outcome (the job
/// may exist and is never submitted twice); a garbled status read is retried, and ends a wait only
/// when it persists; the AI/ML API's validation details reach the user, scrubbed of credentials.
@Suite struct UnreadableAnswerTests {
    /// Answers to a submit that the provider accepted but that name no job.
    static let unreadableSubmitAnswers: [Fault] = [
        .cutBody(toBytes: 12),
        .replaceBody("{}"),
        .replaceBody(#"{"job":{"status":"queued"}}"#),
        .replaceBody("<html><body>Created</body></html>"),
        .replaceBody(""),
    ]

    @Test(arguments: [Provider.scenario, .aimlapi], unreadableSubmitAnswers)
    func aSubmitAnswerWithoutAJobIDIsAnUnknownOutcomeNotAResend(provider: Provider, fault: Fault) async throws {
        try await TestBed.run { bed in
            bed.server.inject(fault, on: .submit)
            let body: Data
            let error: KlingError?
            if provider == .scenario {
                let request = KlingV16ProRequest(prompt: "x")
                body = try request.wireJSON()
                error = await klingError { try await bed.client.submit(request) }
            } else {
                let request = AIMLKlingO1ReferenceToVideoRequest(prompt: "x")
                body = try request.wireJSON()
                error = await klingError { try await bed.client.submit(request) }
            }
            guard case .submitOutcomeUnknown(provider, let detail)? = error else {
                Issue.record("expected submitOutcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(detail.hasPrefix("HTTP 20"), "\(detail)")
            #expect(bed.server.submissions(withBody: body) == 1, "sent exactly once")
            #expect(bed.server.acceptedJobs(withBody: body).count == 1, "the provider did create the job")

            // The same message as a 500 or a dropped connection: a paid job may exist, it was not
            // resent, and where to look for it.
            let serverError = KlingError.submitOutcomeUnknown(provider, detail: "HTTP 500")
            let shared = { (text: String) in text.replacingOccurrences(of: "(\(detail))", with: "").replacingOccurrences(of: "(HTTP 500)", with: "") }
            #expect(shared(error!.description) == shared(serverError.description))
            #expect(error!.description.contains("not sent again"))
        }
    }

    @Test(arguments: [Fault.cutBody(toBytes: 15), .replaceBody(#"{"job":{"jobId":"x"}}"#), .replaceBody("not json")])
    func oneGarbledStatusReadDoesNotEndAWait(fault: Fault) async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(2)) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            bed.server.inject(fault, on: .status)
            let done = try await bed.client.wait(for: job)
            #expect(done.phase == .succeeded)
            // The server counts the garbled read as a read of the running job; the third read shows it finished.
            #expect(bed.server.requests(on: .status).count == 3, "the wait went on after the garbled read")
        }
    }

    @Test func aGarbledStatusReadIsRetriedForTheAIMLAPITooAndInASingleRead() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(0)) }) { bed in
            let job = try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
            bed.server.inject(.cutBody(toBytes: 20), on: .status, times: 2)
            let snapshot = try await bed.client.status(of: job)
            #expect(snapshot.phase == .succeeded)
            #expect(bed.server.requests(on: .status).count == 3)
        }
    }

    @Test func aGarbledStatusReadThatPersistsEndsTheWaitAfterTheReadRetries() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
            bed.server.inject(.cutBody(toBytes: 15), on: .status, times: 1000)
            let error = await klingError { try await bed.client.wait(for: job) }
            guard case .invalidResponse(.scenario, _)? = error else {
                Issue.record("expected invalidResponse, got \(String(describing: error))")
                return
            }
            #expect(bed.server.requests(on: .status).count == FastPolicies.retry.maximumAttempts)
        }
    }

    @Test func theAIMLAPIsValidationDetailsReachTheUserScrubbed() async throws {
        try await TestBed.run { bed in
            let body = #"""
                {"message":"Body validation error!","path":"/v2/video/generations","statusCode":400,
                 "errors":[{"code":"invalid_enum_value","message":"Invalid enum value. Expected '5' | '10', received '7'","path":["duration"]},
                           {"code":"custom","message":"key \#(TestCredentials.aimlapiKey) may not set seed","path":["seed"]}]}
                """#
            bed.server.inject(.status(400, headers: ["Content-Type": "application/json"], body: body), on: .submit)
            let error = await klingError { try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x")) }
            guard case .providerError(.aimlapi, 400, let message?, _)? = error else {
                Issue.record("expected providerError, got \(String(describing: error))")
                return
            }
            #expect(message.hasPrefix("Body validation error! "), "\(message)")
            #expect(message.contains("duration: Invalid enum value. Expected '5' | '10', received '7'"), "\(message)")
            #expect(message.contains("seed: key <redacted> may not set seed"), "\(message)")
            expectNoSecrets(error!.description)
            #expect(bed.server.requests(on: .submit).count == 1)
        }
    }
}
