import Foundation
import KlingKit
import KlingProviderServer
import Testing

/// Scenario uploads: small images inline, everything else through the multipart flow.
@Suite struct UploadTests {
    static func file(_ directory: URL, _ name: String, bytes: Int) throws -> (URL, Data) {
        let data = GeneratedContent.data(offset: 7, count: bytes)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return (url, data)
    }

    @Test func aSmallImageIsUploadedInline() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let (url, data) = try Self.file(directory, "start.png", bytes: 20_000)
                let assetID = try await bed.client.uploadFile(at: url)
                #expect(bed.server.uploadedContent(ofAsset: assetID) == data)
                let posts = bed.server.requests(on: .upload)
                #expect(posts.map(\.path) == ["/v1/assets"])
                #expect(posts[0].bodyText.contains(#""name":"start.png""#))
                #expect(posts[0].bodyText.contains(data.base64EncodedString()))
            }
        }
    }

    @Test func aVideoGoesThroughTheMultipartFlow() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let (url, data) = try Self.file(directory, "reference.mp4", bytes: 300_000)
                let progress = Collected<TransferProgress>()
                let options = UploadOptions(partSize: 64 * 1024, pollInterval: .milliseconds(20))
                let assetID = try await bed.client.uploadFile(at: url, options: options) { progress.append($0) }
                #expect(bed.server.uploadedContent(ofAsset: assetID) == data)
                let parts = bed.server.requests(on: .uploadPart)
                #expect(parts.count == 5)
                #expect(parts.allSatisfy { $0.header("Authorization") == nil }, "signed part URLs never see the credential")
                let create = try #require(bed.server.requests(on: .upload).first)
                #expect(create.path == "/v1/uploads")
                for fragment in [#""fileName":"reference.mp4""#, #""contentType":"video/mp4""#, #""fileSize":300000"#, #""parts":5"#, #""kind":"video""#] {
                    #expect(create.bodyText.contains(fragment), "\(fragment)")
                }
                #expect(bed.server.requests(on: .upload).contains { $0.path.hasSuffix("/action") && $0.bodyText == #"{"action":"complete"}"# })
                #expect(progress.values.last == TransferProgress(completedBytes: 300_000, totalBytes: 300_000))
            }
        }
    }

    @Test func anImageOver6MBGoesThroughTheMultipartFlow() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let (url, data) = try Self.file(directory, "large.jpg", bytes: 6_500_000)
                let assetID = try await bed.client.uploadFile(at: url, options: UploadOptions(pollInterval: .milliseconds(20)))
                #expect(bed.server.uploadedContent(ofAsset: assetID) == data)
                #expect(bed.server.requests(on: .upload).first?.path == "/v1/uploads")
                #expect(bed.server.requests(on: .uploadPart).count == 1)
            }
        }
    }

    @Test func aFailedPartIsRetried() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let (url, data) = try Self.file(directory, "clip.mov", bytes: 100_000)
                bed.server.inject(.status(503), on: .uploadPart)
                bed.server.inject(.dropBeforeAccepting, on: .uploadPart)
                let assetID = try await bed.client.uploadFile(at: url, options: UploadOptions(partSize: 50_000, pollInterval: .milliseconds(20)))
                #expect(bed.server.uploadedContent(ofAsset: assetID) == data)
                #expect(bed.server.requests(on: .uploadPart).count == 4)
            }
        }
    }

    @Test func unusableFilesAreRefusedBeforeSending() async throws {
        try await TestBed.run { bed in
            try await withTemporaryDirectory { directory in
                let (unknown, _) = try Self.file(directory, "notes.xyz", bytes: 10)
                guard case .uploadFailed? = await klingError({ try await bed.client.uploadFile(at: unknown) }) else {
                    Issue.record("expected uploadFailed for an unknown extension")
                    return
                }
                let missing = directory.appendingPathComponent("missing.png")
                guard case .uploadFailed? = await klingError({ try await bed.client.uploadFile(at: missing) }) else {
                    Issue.record("expected uploadFailed for a missing file")
                    return
                }
                let tooLarge = Data(count: KlingClient.maximumInlineImageBytes)
                guard case .uploadFailed? = await klingError({ try await bed.client.uploadImage(tooLarge, name: "big.png") }) else {
                    Issue.record("expected uploadFailed for an inline image of 6 MB")
                    return
                }
                #expect(bed.server.requests.isEmpty)
            }
        }
    }
}
