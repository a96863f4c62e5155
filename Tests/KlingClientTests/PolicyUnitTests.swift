import Foundation
@testable import KlingKit
import Testing

/// The pure pieces: Retry-After parsing, backoff, status phases, job ids, error bodies, URLs.
@Suite struct PolicyUnitTests {
    @Test func retryAfterSeconds() {
        #expect(RetryAfter.parse("5") == .seconds(5))
        #expect(RetryAfter.parse(" 0 ") == .seconds(0))
        #expect(RetryAfter.parse("-1") == nil)
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse(nil) == nil)
    }

    @Test func retryAfterHTTPDates() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2025-03-01T12:00:00Z"))
        // IMF-fixdate, RFC 850 and asctime, all 30 s after `now`.
        for text in ["Sat, 01 Mar 2025 12:00:30 GMT", "Saturday, 01-Mar-25 12:00:30 GMT", "Sat Mar  1 12:00:30 2025"] {
            let delay = try #require(RetryAfter.parse(text, now: now), "\(text)")
            #expect(abs(delay.inSeconds - 30) < 0.001, "\(text)")
        }
        // A date in the past means "now".
        #expect(RetryAfter.parse("Sat, 01 Mar 2025 11:00:00 GMT", now: now) == .zero)
    }

    @Test func backoffGrowsAndIsCapped() {
        let policy = RetryPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(8), multiplier: 2, jitter: 0.2)
        for attempt in 1...10 {
            let expected = min(pow(2, Double(attempt - 1)), 8)
            let delay = policy.delay(afterAttempt: attempt).inSeconds
            #expect(delay >= expected * 0.8 - 1e-9 && delay <= expected * 1.2 + 1e-9, "attempt \(attempt): \(delay)")
        }
        let steady = RetryPolicy(initialDelay: .seconds(1), jitter: 0)
        #expect(steady.delay(afterAttempt: 1) == .seconds(1))
    }

    @Test func waitIntervalsAreCapped() {
        let options = WaitOptions(initialInterval: .seconds(3), maximumInterval: .seconds(15), multiplier: 1.5)
        var interval = options.initialInterval
        var seen: [Duration] = []
        for _ in 0..<8 {
            interval = options.next(after: interval)
            seen.append(interval)
        }
        #expect(seen.first == .milliseconds(4500))
        #expect(seen.last == .seconds(15))
        #expect(WaitOptions.default.timeout >= .seconds(600), "video jobs take minutes; the default must not be Scenario's 120 s")
    }

    @Test func everyDocumentedStatusHasItsPhase() {
        let expected: [String: JobPhase] = [
            "queued": .queued, "warming-up": .queued, "pending": .queued, "in-progress": .running, "finalizing": .running,
            "success": .succeeded, "failure": .failed, "canceled": .canceled,
            "generating": .running, "completed": .succeeded, "error": .failed, "waiting": .queued, "active": .running,
        ]
        for (raw, phase) in expected {
            #expect(JobStatus(rawValue: raw).phase == phase, "\(raw)")
        }
        let unknown = JobStatus(rawValue: "quantum-foaming")
        #expect(unknown.phase == .unknown)
        #expect(!unknown.phase.isTerminal)
        #expect(unknown.rawValue == "quantum-foaming")
    }

    @Test func providerIsInferredOnlyFromAIMLGenerationIDs() {
        let aiml = "a3f1e246-0831-4d6e-893a-990fb5c214ea:klingai/video-o1-reference-to-video"
        #expect(KlingJob(inferringProviderFrom: aiml) == KlingJob(id: aiml, provider: .aimlapi))
        #expect(KlingJob(inferringProviderFrom: "job_abc123") == nil)
        #expect(KlingJob(inferringProviderFrom: "not-a-uuid:klingai/x") == nil)
        #expect(KlingJob(inferringProviderFrom: "a3f1e246-0831-4d6e-893a-990fb5c214ea:") == nil)
    }

    @Test func savedJobsRoundTrip() throws {
        let job = KlingJob(id: "job_42", provider: .scenario)
        let data = try JSONEncoder().encode(job)
        #expect(try JSONDecoder().decode(KlingJob.self, from: data) == job)
    }

    @Test func errorBodiesAreReadInEveryShape() {
        let redactor = SecretRedactor(secrets: ["topsecret-key"])
        func read(_ text: String) -> ProviderErrorBody { ProviderErrorBody(Data(text.utf8), redactor: redactor) }
        #expect(read(#"{"name":"ModelAccessRestrictedError","message":"No access"}"#).name == "ModelAccessRestrictedError")
        #expect(read(#"{"message":"Bad key","statusCode":401}"#).message == "Bad key")
        #expect(read(#"{"error":"boom"}"#).message == "boom")
        #expect(read(#"{"error":{"name":"X","message":"y"}}"#).message == "y")
        #expect(read(#"{"error":{"detail":[{"loc":["body","duration"],"msg":"must be 5 or 10","type":"enum"}]}}"#).message == "duration: must be 5 or 10")
        #expect(read(#"{"detail":"Not found"}"#).message == "Not found")
        #expect(read("plain words topsecret-key").message == "plain words <redacted>")
        #expect(read(#"{"message":"echo topsecret-key"}"#).message == "echo <redacted>")
        // A generic message with its details beside it, in the shapes validation libraries use.
        #expect(read(#"{"message":"Body validation error!","errors":["Expected '5' | '10', received '7'"]}"#).message
            == "Body validation error! Expected '5' | '10', received '7'")
        #expect(read(#"{"message":"Invalid body","meta":[{"path":["elements",0,"frontal_image_url"],"message":"Required"}]}"#).message
            == "Invalid body: elements[0].frontal_image_url: Required")
        #expect(read(#"{"message":"Invalid body","details":{"fieldErrors":{"duration":["Expected number"]},"formErrors":[]}}"#).message
            == "Invalid body: duration: Expected number")
        #expect(read(#"{"message":"Invalid body","issues":[{"field":"mode","msg":"Unknown value topsecret-key"}]}"#).message
            == "Invalid body: mode: Unknown value <redacted>")
        let many = (1...30).map { #"{"path":["p\#($0)"],"message":"bad"}"# }.joined(separator: ",")
        #expect(read(#"{"message":"Invalid","errors":[\#(many)]}"#).message?.hasSuffix("p20: bad; and 10 more") == true)
    }

    @Test func queryValuesAreFullyEncoded() {
        let url = ProviderURL.url(
            base: URL(string: "https://proxy.example/aiml/")!, path: "/v2/video/generations",
            query: [("generation_id", "a3f1:klingai/video-o1")]
        )
        #expect(url.absoluteString == "https://proxy.example/aiml/v2/video/generations?generation_id=a3f1%3Aklingai%2Fvideo-o1")
    }

    @Test func signedURLQueriesStayOutOfMessages() {
        let shown = SecretRedactor.displayURL(URL(string: "https://cdn.example/v.mp4?X-Amz-Signature=abc&token=def")!)
        #expect(shown == "https://cdn.example/v.mp4?…")
    }
}
