import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// Text the provider sends (failure messages, hints) reaches the terminal escaped, through the real
/// `kling` executable.
@Suite("Provider text printed by kling is escaped for the terminal")
struct HostileProviderTextTests {
    @Test func aFailureMessageWithTerminalControlsIsPrintedEscaped() async throws {
        let outcome = JobPlan.Outcome.failure(message: "\u{1B}[2J\u{1B}[31mfake\u{202E}", hint: "\u{9B}31mred")
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(1), outcome: outcome) }) { bed in
            try await withTemporaryDirectory { directory in
                let result = try await KlingExecutable.run(
                    ["run", "--model", "model_kling-v1-6-pro", try CLITests.requestFile(directory, #"{"prompt": "x"}"#).path,
                     "--output", directory.appendingPathComponent("v.mp4").path] + CLITests.fastWait,
                    environment: KlingExecutable.environment(server: bed.server)
                )
                #expect(result.status == 1)
                #expect(result.errorOutput.contains(#"\u{1B}[2J\u{1B}[31mfake\u{202E}"#))
                #expect(result.errorOutput.contains(#"\u{9B}31mred"#))
                #expect(!result.combined.unicodeScalars.contains { [0x1B, 0x9B, 0x202E].contains($0.value) })
            }
        }
    }
}
