import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// The resident memory of this process, from /proc (nil where there is none).
func residentBytes() -> Int64? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return line.split(separator: " ").compactMap { Int64($0) }.first.map { $0 * 1024 }
    }
    return nil
}

/// Downloads: streamed to a temporary file beside the destination, checked, moved into place,
/// expired URLs resolved once, nothing left behind on failure.
@Suite struct DownloadTests {
    static func finishedJob(_ bed: TestBed, aiml: Bool = false) async throws -> JobSnapshot {
        let job = aiml
            ? try await bed.client.submit(AIMLKlingO1ReferenceToVideoRequest(prompt: "x"))
            : try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
        return try await bed.client.wait(for: job)
    }

    static let plan = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: 300_000))

    @Test(arguments: [false, true])
    func aResultIsDownloadedCompleteWithProgress(aiml: Bool) async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed, aiml: aiml)
                let progress = Collected<TransferProgress>()
                let destination = directory.appendingPathComponent("video.mp4")
                let file = try await bed.client.download(done, to: destination) { progress.append($0) }
                #expect(file.byteCount == 300_000)
                #expect(file.url == destination)
                #expect(GeneratedContent.matches(fileAt: destination, length: 300_000))
                #expect(contents(of: directory) == ["video.mp4"], "no temporary file left")
                let reported = progress.values.map(\.completedBytes)
                #expect(reported == reported.sorted())
                #expect(progress.values.last == TransferProgress(completedBytes: 300_000, totalBytes: 300_000))
                // The CDN never sees a provider credential.
                let downloads = bed.server.requests(on: .download)
                #expect(downloads.count == 1)
                #expect(downloads.allSatisfy { $0.header("Authorization") == nil })
            }
        }
    }

    @Test("A result is named after the media type the server sends, when asked to", arguments: [
        ("result.mp4", "audio/mpeg", DownloadNaming.matchingMediaType, "result.mp3"),
        ("result.mp4", "audio/mpeg", DownloadNaming.exactly, "result.mp4"),
        ("result", "audio/mpeg", DownloadNaming.matchingMediaType, "result.mp3"),
        ("result", "audio/wav; codecs=1", DownloadNaming.matchingMediaType, "result.wav"),
        ("clip.mp4", "video/mp4", DownloadNaming.matchingMediaType, "clip.mp4"),
        ("clip.MOV", "video/mp4", DownloadNaming.matchingMediaType, "clip.MOV"),
        ("sound.wav", "audio/mpeg", DownloadNaming.matchingMediaType, "sound.wav"),
        ("data.bin", "audio/mpeg", DownloadNaming.matchingMediaType, "data.bin"),
        ("result.mp4", "application/octet-stream", DownloadNaming.matchingMediaType, "result.mp4"),
    ])
    func aResultIsNamedAfterItsMediaType(requested: String, mediaType: String, naming: DownloadNaming, written: String) async throws {
        let plan = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: 50_000, mediaType: mediaType))
        try await TestBed.run(server: { $0.defaultPlan = plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                let file = try await bed.client.download(done.job, to: directory.appendingPathComponent(requested), naming: naming)
                #expect(file.url.lastPathComponent == written)
                #expect(file.mediaType == String(mediaType.prefix { $0 != ";" }), "the media type, without its parameters")
                #expect(contents(of: directory) == [written], "the file, and nothing beside it")
                #expect(GeneratedContent.matches(fileAt: file.url, length: 50_000))
            }
        }
    }

    @Test func anExpiredScenarioURLIsResolvedAgainOnce() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                bed.server.inject(.expireURL, on: .download)
                let destination = directory.appendingPathComponent("video.mp4")
                _ = try await bed.client.download(done, to: destination)
                #expect(GeneratedContent.matches(fileAt: destination, length: 300_000))
                #expect(bed.server.requests(on: .asset).count == 2, "resolved, then resolved again")
                let tokens = bed.server.requests(on: .download).map { $0.query["token"] }
                #expect(tokens.count == 2 && tokens[0] != tokens[1], "the second try used a fresh URL")
            }
        }
    }

    @Test func anExpiredAIMLURLIsResolvedAgainOnce() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed, aiml: true)
                let readsBefore = bed.server.requests(on: .status).count
                bed.server.inject(.expireURL, on: .download)
                let destination = directory.appendingPathComponent("video.mp4")
                _ = try await bed.client.download(done, to: destination)
                #expect(GeneratedContent.matches(fileAt: destination, length: 300_000))
                #expect(bed.server.requests(on: .status).count == readsBefore + 1, "the generation was read again for a fresh URL")
            }
        }
    }

    @Test func aURLThatStaysExpiredFailsWithoutAFile() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                bed.server.inject(.expireURL, on: .download, times: 2)
                let error = await klingError { try await bed.client.download(done, to: directory.appendingPathComponent("video.mp4")) }
                guard case .downloadFailed(let failure)? = error, case .urlExpired(403) = failure.reason else {
                    Issue.record("expected urlExpired, got \(String(describing: error))")
                    return
                }
                #expect(contents(of: directory).isEmpty)
                #expect(bed.server.requests(on: .asset).count == 2, "re-resolved once, not more")
            }
        }
    }

    @Test func aTruncatedDownloadNeverLeavesAFileAtTheDestination() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                bed.server.inject(.truncate(afterBytes: 100_000), on: .download, times: 100)
                let destination = directory.appendingPathComponent("video.mp4")
                let error = await klingError { try await bed.client.download(done, to: destination) }
                guard case .downloadFailed(let failure)? = error, case .truncated(300_000, let received) = failure.reason else {
                    Issue.record("expected truncated, got \(String(describing: error))")
                    return
                }
                #expect(received <= 100_000)
                #expect(!FileManager.default.fileExists(atPath: destination.path))
                #expect(contents(of: directory).isEmpty, "the temporary file is removed too")
                #expect(bed.server.requests(on: .download).count == FastPolicies.retry.maximumAttempts)
            }
        }
    }

    @Test func aFailedDownloadLeavesAnExistingFileUntouched() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                let destination = directory.appendingPathComponent("video.mp4")
                try Data("previous video".utf8).write(to: destination)
                bed.server.inject(.truncate(afterBytes: 10), on: .download, times: 100)
                _ = await klingError { try await bed.client.download(done, to: destination) }
                #expect(try Data(contentsOf: destination) == Data("previous video".utf8))
                #expect(contents(of: directory) == ["video.mp4"])
                // A complete download replaces it.
                bed.server.clearFaults()
                _ = try await bed.client.download(done, to: destination)
                #expect(GeneratedContent.matches(fileAt: destination, length: 300_000))
            }
        }
    }

    @Test func aTruncatedAttemptIsRetried() async throws {
        try await TestBed.run(server: { $0.defaultPlan = Self.plan }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                bed.server.inject(.truncate(afterBytes: 150_000), on: .download)
                bed.server.inject(.status(503), on: .download)
                let destination = directory.appendingPathComponent("nested/folder/video.mp4")
                let file = try await bed.client.download(done, to: destination)
                #expect(file.byteCount == 300_000)
                #expect(GeneratedContent.matches(fileAt: destination, length: 300_000))
                #expect(bed.server.requests(on: .download).count == 3)
            }
        }
    }

    @Test func aDownloadInProgressWritesBesideTheDestinationAndCancellingLeavesNothing() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: 20_000_000)) }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                bed.server.inject(.throttle(bytesPerSecond: 200_000), on: .download)
                let progress = Collected<TransferProgress>()
                let destination = directory.appendingPathComponent("video.mp4")
                let download = Task { try await bed.client.download(done, to: destination) { progress.append($0) } }
                while progress.values.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
                // While it runs, the body goes to a hidden temporary file beside the destination, not to it.
                let during = contents(of: directory)
                #expect(during.count == 1)
                #expect(during.first?.hasPrefix(".video.mp4.") == true && during.first?.hasSuffix(".download") == true, "\(during)")
                download.cancel()
                guard case .cancelled? = await klingError({ try await download.value }) else {
                    Issue.record("expected cancelled")
                    return
                }
                #expect(contents(of: directory).isEmpty)
            }
        }
    }

    @Test func downloadsNeedAFinishedJobAndAFileDestination() async throws {
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .never) }) { bed in
            try await withTemporaryDirectory { directory in
                let job = try await bed.client.submit(KlingV16ProRequest(prompt: "x"))
                let running = await klingError { try await bed.client.download(job, to: directory.appendingPathComponent("v.mp4")) }
                guard case .jobNotFinished(job, _)? = running else {
                    Issue.record("expected jobNotFinished, got \(String(describing: running))")
                    return
                }
                let asset = ResultAsset(id: "asset_x", url: bed.server.baseURL.appendingPathComponent("cdn/asset_x"), job: job)
                let intoFolder = await klingError { try await bed.client.download(asset, to: directory) }
                guard case .downloadFailed(let failure)? = intoFolder, case .fileSystem = failure.reason else {
                    Issue.record("expected a file-system failure, got \(String(describing: intoFolder))")
                    return
                }
                #expect(contents(of: directory).isEmpty)
            }
        }
    }

    @Test func aLargeDownloadKeepsMemoryFlat() async throws {
        let size: Int64 = 256 * 1024 * 1024
        try await TestBed.run(server: { $0.defaultPlan = JobPlan(completion: .afterPolls(0), outcome: .success(assetBytes: size)) }) { bed in
            try await withTemporaryDirectory { directory in
                let done = try await Self.finishedJob(bed)
                guard let before = residentBytes() else { return }
                let samples = Collected<Int64>()
                let sampler = Task {
                    while !Task.isCancelled {
                        if let now = residentBytes() { samples.append(now) }
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                }
                let destination = directory.appendingPathComponent("large.mp4")
                let file = try await bed.client.download(done, to: destination)
                sampler.cancel()
                #expect(file.byteCount == size)
                #expect(GeneratedContent.matches(fileAt: destination, length: size))
                let growth = (samples.values.max() ?? before) - before
                // Holding the body would add 256 MiB; streaming adds a few MiB of buffers.
                #expect(growth < 96 * 1024 * 1024, "resident memory grew by \(growth / 1_048_576) MiB")
            }
        }
    }
}
