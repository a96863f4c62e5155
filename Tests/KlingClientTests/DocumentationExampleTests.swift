import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// The "use it from your app" example of Docs/Client.md, compiled and run against the local server.
@Suite struct DocumentationExampleTests {
    // Begin: Docs/Client.md example (keep the two in step).
    static func makeVideo(client: KlingClient, saveJob: (KlingJob) throws -> Void, to destination: URL) async throws -> URL {
        // 1. Build a typed request; it is validated before anything is sent.
        let request = KlingV3OmniVideoRequest(
            prompt: "A lighthouse at dawn, waves rolling in",
            aspectRatio: .widescreen,
            duration: 5
        )

        // 2. Submit: the job comes back as soon as Scenario accepts it. Save it to resume later.
        let job = try await client.submit(request)
        try saveJob(job)

        // 3. Wait, with progress (polls with capped backoff; 30 minutes at most by default).
        let finished = try await client.wait(for: job) { snapshot in
            let percent = snapshot.progress.map { " \(Int($0 * 100))%" } ?? ""
            print("\(snapshot.status)\(percent)")
        }

        // 4. Download: streamed to a temporary file beside `destination`, moved into place when complete.
        let file = try await client.download(finished, to: destination) { progress in
            if let fraction = progress.fractionCompleted { print("downloaded \(Int(fraction * 100))%") }
        }
        return file.url
    }
    // End: Docs/Client.md example.

    @Test func theDocumentedExampleWorks() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(2)) }) { bed in
            try await withTemporaryDirectory { directory in
                let saved = Collected<KlingJob>()
                let url = try await Self.makeVideo(client: bed.client, saveJob: { saved.append($0) }, to: directory.appendingPathComponent("lighthouse.mp4"))
                #expect(GeneratedContent.matches(fileAt: url, length: 4096))
                #expect(saved.values.count == 1)
            }
        }
    }
}
