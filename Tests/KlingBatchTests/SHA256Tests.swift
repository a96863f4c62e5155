import Foundation
import KlingKit
import Testing

/// SHA-256 against the FIPS 180-4 / NIST example vectors, and pieces fed in any split.
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ("The quick brown fox jumps over the lazy dog", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(of: input) == digest)
    }

    @Test func oneMillionAs() {
        var hash = SHA256()
        let block = Data(repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(block) }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func lengthsAroundTheBlockBoundary() {
        // 55, 56 and 64 bytes cross the padding cases; each split must give the same digest.
        let expected = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ]
        for (count, digest) in expected {
            let data = Data(repeating: UInt8(ascii: "a"), count: count)
            #expect(SHA256.hex(of: data) == digest, "\(count) bytes")
            for split in [1, 7, 31, count - 1] {
                var hash = SHA256()
                hash.update(data.prefix(split))
                hash.update(data.dropFirst(split))
                #expect(hash.hexDigest() == digest, "\(count) bytes split at \(split)")
            }
        }
    }

    @Test func fileDigestMatchesTheDataDigest() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let data = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try data.write(to: url)
        let digest = try #require(SHA256.file(at: url))
        #expect(digest.bytes == 3_000_000)
        #expect(digest.hex == SHA256.hex(of: data))
        #expect(SHA256.file(at: url.appendingPathExtension("missing")) == nil)
    }
}
