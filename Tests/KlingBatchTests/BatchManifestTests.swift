import Foundation
import KlingKit
import Testing

/// The manifest is validated whole: every issue of every line, with its line number and path.
@Suite struct BatchManifestTests {
    @Test func aValidManifestKeepsItsItemsInOrder() throws {
        let parsed = try manifest(count: 4)
        #expect(parsed.items.map(\.id) == ["item-0", "item-1", "item-2", "item-3"])
        #expect(parsed.items.map(\.line) == [1, 2, 3, 4])
        #expect(parsed.items[0].output == "item-0.mp4")
        #expect(String(decoding: parsed.items[0].body, as: UTF8.self) == #"{"prompt":"shot 0","duration":5}"#)
        #expect(parsed.items[1].model.model.id == "klingai/video-o1-reference-to-video")
    }

    @Test func everyIssueOfEveryLineIsReportedWithLineAndPath() throws {
        let text = """
            {"id": "a", "model": "model_kling-v3-omni-video", "body": {"prompt": "ok", "duration": 16}}
            {"id": "a", "model": "model_kling-v1-6-pro", "body": {"prompt": "dup"}}
            not json

            {"model": "model_kling-v3-omni-vide", "body": {"prompt": "x"}, "outptu": "x.mp4"}
            {"id": "b", "model": "model_kling-v1-6-pro", "body": "prompt", "output": "../escape.mp4"}
            [1, 2]
            {"id": "c", "model": "model_kling-v3-omni-video", "body": {"prompt": "x", "duration": "5"}, "output": "shared.mp4"}
            {"id": "d", "model": "model_kling-v1-6-pro", "body": {"prompt": "y"}, "output": "shared.mp4"}
            """
        let error = try #require(throws: BatchManifestError.self) { try BatchManifest.parse(Data(text.utf8)) }
        let found = error.issues.map { "\($0.line) \($0.path)" }
        #expect(found.contains("1 body.duration"))
        #expect(found.contains("2 id"))
        #expect(found.contains("3 "))
        #expect(found.contains("5 id"))
        #expect(found.contains("5 model"))
        #expect(found.contains("5 outptu"))
        #expect(found.contains("6 body"))
        #expect(found.contains("6 output"))
        #expect(found.contains("7 "))
        #expect(found.contains("8 body.duration"))
        #expect(found.contains("9 output"))
        #expect(error.issues.map(\.line) == error.issues.map(\.line).sorted(), "issues come in line order")
        let model = try #require(error.issues.first { $0.line == 5 && $0.path == "model" })
        #expect(model.message.contains("did you mean \"model_kling-v3-omni-video\""))
        let unknown = try #require(error.issues.first { $0.path == "outptu" })
        #expect(unknown.message.contains("did you mean \"output\""))
        let duplicate = try #require(error.issues.first { $0.line == 2 })
        #expect(duplicate.message.contains("line 1"))
        #expect(error.description.contains("line 1 (id \"a\"): body.duration:"))
    }

    @Test func anEmptyManifestIsAnError() {
        #expect(throws: BatchManifestError.self) { try BatchManifest.parse(Data("\n\n".utf8)) }
    }

    @Test(arguments: ["/abs.mp4", "a/../../b.mp4", "./x.mp4", "dir/", ".hidden.mp4", "a//b.mp4", ""])
    func outputsMustStayInsideTheFolder(output: String) {
        let line = #"{"id": "x", "model": "model_kling-v1-6-pro", "body": {"prompt": "p"}, "output": "\#(output)"}"#
        #expect(throws: BatchManifestError.self) { try BatchManifest.parse(Data(line.utf8)) }
    }

    @Test func anIdThatCannotNameAFileNeedsAnOutput() throws {
        let bad = #"{"id": "a/../b", "model": "model_kling-v1-6-pro", "body": {"prompt": "p"}}"#
        #expect(throws: BatchManifestError.self) { try BatchManifest.parse(Data(bad.utf8)) }
        let good = #"{"id": "a/../b", "model": "model_kling-v1-6-pro", "body": {"prompt": "p"}, "output": "clips/b.mp4"}"#
        #expect(try BatchManifest.parse(Data(good.utf8)).items[0].output == "clips/b.mp4")
    }

    @Test func theContentHashFollowsTheContentNotTheFormatting() throws {
        let compact = try BatchManifest.parse(Data(#"{"id":"a","model":"model_kling-v1-6-pro","body":{"prompt":"p","duration":5}}"#.utf8))
        let spaced = try BatchManifest.parse(Data("\n  {\"body\": {\"prompt\": \"p\", \"duration\": 5.0}, \"model\": \"model_kling-v1-6-pro\", \"id\": \"a\"}  \n".utf8))
        let changed = try BatchManifest.parse(Data(#"{"id":"a","model":"model_kling-v1-6-pro","body":{"prompt":"q","duration":5}}"#.utf8))
        let moved = try BatchManifest.parse(Data(#"{"id":"a","model":"model_kling-v1-6-pro","body":{"prompt":"p","duration":5},"output":"a2.mp4"}"#.utf8))
        #expect(compact.items[0].contentHash == spaced.items[0].contentHash)
        #expect(compact.fingerprint == spaced.fingerprint)
        #expect(compact.items[0].contentHash != changed.items[0].contentHash)
        #expect(compact.items[0].contentHash != moved.items[0].contentHash)
    }
}
