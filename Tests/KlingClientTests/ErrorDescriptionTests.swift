import Foundation
import KlingKit
import Testing

/// Every error says what to do, and no description, dump or print shows a credential.
@Suite struct ErrorDescriptionTests {
    static let job = KlingJob(id: "job_9", provider: .scenario)

    static let everyCase: [KlingError] = [
        .invalidRequest(InvalidRequestError(modelID: "model_kling-v1-6-pro", report: ValidationReport(issues: [
            ValidationIssue(severity: .error, path: "duration", code: .aboveMaximum, message: "must be at most 10"),
        ]))),
        .invalidConfiguration("KLING_SCENARIO_BASE_URL must be an http:// or https:// URL"),
        .missingCredentials(.scenario, variables: ["SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET"]),
        .unauthorized(.scenario, status: 401, message: "Invalid API key or secret"),
        .unauthorized(.aimlapi, status: 401, message: nil),
        .unauthorized(.scenario, status: 403, message: nil),
        .planRestricted(.scenario, status: 403, message: "Your plan does not include this model"),
        .planRestricted(.aimlapi, status: 403, message: "Insufficient credits"),
        .rateLimited(.scenario, retryAfter: nil, message: "Concurrency limit reached"),
        .rateLimited(.aimlapi, retryAfter: .seconds(30), message: nil),
        .providerError(.aimlapi, status: 400, message: "duration: must be 5 or 10", body: "{}"),
        .connectionFailed(.aimlapi, detail: "the connection was refused"),
        .submitOutcomeUnknown(.scenario, detail: "the connection was lost"),
        .invalidResponse(.scenario, detail: "the job status answer has no job.status"),
        .jobFailed(job, status: .failure, message: "Moderation", hint: "Rephrase the prompt"),
        .jobFailed(job, status: .canceled, message: nil, hint: nil),
        .jobNotFinished(job, status: .inProgress),
        .timedOut(job, lastStatus: .inProgress, waited: .seconds(1800)),
        .cancelled(job),
        .cancelled(nil),
        .downloadFailed(DownloadFailure(reason: .truncated(expected: 10, received: 3), assetID: "asset_1", destination: "/tmp/v.mp4")),
        .downloadFailed(DownloadFailure(reason: .urlExpired(status: 410), assetID: "asset_1", destination: "/tmp/v.mp4")),
        .uploadFailed("cannot read /tmp/x.png"),
    ]

    @Test func everyCaseHasAnActionableDescription() {
        for error in Self.everyCase {
            let text = error.description
            #expect(text.count > 20, "\(text)")
            #expect(error.errorDescription == text)
        }
        #expect(Self.everyCase[0].description.contains("duration"))
        #expect(Self.everyCase[2].description.contains("SCENARIO_SDK_API_KEY and SCENARIO_SDK_API_SECRET"))
        #expect(Self.everyCase[8].description.contains("running jobs"))
        #expect(Self.everyCase[9].description.contains("30s"))
        #expect(Self.everyCase[12].description.contains("check your Scenario jobs before submitting again"))
        #expect(Self.everyCase[14].description.contains("Hint: Rephrase the prompt"))
        #expect(Self.everyCase[15].description.contains("was canceled"))
        #expect(Self.everyCase[17].description.contains("job_9") && Self.everyCase[17].description.contains("30m00s"))
    }

    @Test func credentialsAreMaskedWhereverTheyArePrinted() {
        let scenario = ScenarioCredentials(apiKey: TestCredentials.scenarioKey, apiSecret: TestCredentials.scenarioSecret)
        let aiml = AIMLAPICredentials(apiKey: TestCredentials.aimlapiKey)
        let configuration = KlingClientConfiguration(scenario: .init(credentials: scenario), aimlapi: .init(credentials: aiml))
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [
            "\(scenario)", "\(aiml)", String(reflecting: scenario), String(reflecting: aiml),
            String(describing: configuration), String(reflecting: configuration), dumped,
        ] {
            expectNoSecrets(text)
        }
        #expect("\(scenario)".contains("<masked>"))
    }
}
