import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// The "use it from your app" example of README.md and Docs/Client.md, compiled and run against the
/// local server; a test fails when either document's copy differs from the code here.
@Suite struct DocumentationExampleTests {
    // Begin: documented example.
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
    // End: documented example.

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

    @Test(arguments: ["README.md", "Docs/Client.md"])
    func theDocumentsShowExactlyThisCode(document: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        func lines(_ text: Substring) -> [String] {
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let begin = try #require(source.range(of: "// Begin: documented example.\n"))
        let end = try #require(source.range(of: "    // End: documented example."))
        let code = lines(source[begin.upperBound..<end.lowerBound]).map { $0.replacingOccurrences(of: "static func", with: "func") }
        #expect(lines(text[...]).joined(separator: "\n").contains(code.joined(separator: "\n")),
                "\(document) must show the example exactly as this test runs it")
    }
}
