import Foundation
import KlingKit

/// Requests validated and encoded per second on one core, typed and from raw wire JSON.
enum ValidationBench {
    /// A rich V3 Omni request: 6 shots, references, every option.
    static let richRequest = KlingV3OmniVideoRequest(
        prompt: "A fox in the style of <<<image_1>>> crosses the clearing from <<<image_2>>>, following <<<video_1>>>",
        startImage: "asset_start", endImage: "asset_end",
        referenceImages: ["asset_ref_1", "asset_ref_2"],
        referenceVideo: "asset_video", videoReferenceType: .feature, keepOriginalSound: true, generateAudio: false,
        mode: .pro, aspectRatio: .widescreen, duration: 12,
        shots: (1...6).map { .init(prompt: "Shot \($0): the fox moves on", duration: 2) }
    )

    static func run() throws -> [Measurement] {
        let request = richRequest
        precondition(request.validate().issues.isEmpty, "the benchmark request must be valid")
        let wire = try request.wireJSON()
        var sink = 0
        // The best of three one-second runs: on a shared machine interference only ever slows a run.
        func best(batch: Int, _ body: () -> Void) -> Double {
            (0..<3).map { _ in Clock.rate(for: 1, batch: batch, body) }.max()!
        }
        let typed = best(batch: 1000) { sink &+= request.validate().issues.count }
        let raw = best(batch: 100) { sink &+= (try? KlingV3OmniVideoRequest.validate(json: wire))?.issues.count ?? 1 }
        let encode = best(batch: 100) { sink &+= (try? request.wireJSON())?.count ?? 0 }
        precondition(sink >= 0)
        let section = "Validation and encoding (rich V3 Omni request, one core, best of 3 s)"
        return [
            Measurement(section: section, name: "typed validate()", value: typed, unit: "/s", target: "≥ 1,000,000/s", met: typed >= 1_000_000),
            Measurement(section: section, name: "raw wire JSON validate(json:) (parse + check)", value: raw, unit: "/s",
                        target: "≥ 100,000/s", met: raw >= 100_000),
            Measurement(section: section, name: "wire JSON encode (JSONEncoder)", value: encode, unit: "/s"),
        ]
    }
}
