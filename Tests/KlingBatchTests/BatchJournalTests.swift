import Foundation
import KlingKit
import Testing

/// The file journal: records round-trip, a torn last line is tolerated and reported, anything
/// else unreadable is refused, and a journal from another manifest or for changed lines is refused
/// before anything is sent or changed.
@Suite struct BatchJournalTests {
    static let records: [BatchJournalRecord] = [
        .validated(manifest: "f00d", items: [.init(id: "a", contentHash: "1"), .init(id: "b \"quoted\"", contentHash: "2")]),
        .submitting(id: "a"),
        .submitted(id: "a", job: KlingJob(id: "job_1", provider: .scenario)),
        .outcomeUnknown(id: "b \"quoted\"", detail: "HTTP 502"),
        .refused(id: "a", message: "429\nwith a newline"),
        .finished(id: "a"),
        .failed(id: "a", status: "failure", message: "flagged", hint: "rephrase"),
        .failed(id: "a", status: "error", message: nil, hint: nil),
        .downloaded(id: "a", files: [BatchFile(path: "a.mp4", bytes: 4096, sha256: String(repeating: "ab", count: 32))]),
    ]

    @Test func recordsRoundTripThroughTheFile() async throws {
        try await withTemporaryDirectory { directory in
            let store = FileJournalStore(directory: directory)
            #expect(try await store.load().records.isEmpty)
            await #expect(throws: BatchError.self, "the folder is taken while the store is open") { try await FileJournalStore(directory: directory).load() }
            try await store.append(Array(Self.records.prefix(3)))
            try await store.append(Array(Self.records.dropFirst(3)))
            await store.close()
            let reread = try await FileJournalStore(directory: directory).load()
            #expect(reread.records == Self.records)
            #expect(reread.tornTail == nil)
            let text = try String(contentsOf: store.url, encoding: .utf8)
            #expect(text.split(separator: "\n").count == Self.records.count, "one record per line")
        }
    }

    @Test func concurrentAppendsAllArriveWholeAndInOneLineEach() async throws {
        try await withTemporaryDirectory { directory in
            let store = FileJournalStore(directory: directory)
            try await store.append([Self.records[0]])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<300 {
                    group.addTask { try await store.append([.submitting(id: "item-\(index)")]) }
                }
                try await group.waitForAll()
            }
            await store.close()
            let records = try await FileJournalStore(directory: directory).load().records
            #expect(records.count == 301)
            #expect(Set(records.compactMap(\.itemID)) == Set((0..<300).map { "item-\($0)" }))
        }
    }

    @Test func aTornLastLineIsReportedNotReadAndCutBeforeTheNextAppend() async throws {
        try await withTemporaryDirectory { directory in
            let store = FileJournalStore(directory: directory)
            try await store.append(Array(Self.records.prefix(3)))
            await store.close()
            // The process died while writing the next record.
            let torn = #"{"id":"a","state":"fini"#
            let handle = try FileHandle(forWritingTo: store.url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(torn.utf8))
            try handle.close()

            let resumed = FileJournalStore(directory: directory)
            let contents = try await resumed.load()
            #expect(contents.records == Array(Self.records.prefix(3)))
            #expect(contents.tornTail == Data(torn.utf8))
            try await resumed.append([.finished(id: "a")])
            await resumed.close()
            let after = try await FileJournalStore(directory: directory).load()
            #expect(after.tornTail == nil)
            #expect(after.records == Array(Self.records.prefix(3)) + [.finished(id: "a")])
        }
    }

    @Test func aRunKilledWhileWritingItsFirstLineStartsAfresh() async throws {
        try await BatchBed.run { bed in
            try await withTemporaryDirectory { directory in
                let batch = try manifest(count: 2)
                let store = FileJournalStore(directory: directory)
                try Data(#"{"state":"validated","manifest":"\#(batch.fingerprint)","items":[["item-0","#.utf8).write(to: store.url)
                let (events, summary) = try await runToEnd(bed.client.run(batch: batch, to: directory, options: fastBatch))
                guard case .started(let start)? = events.first else { return }
                #expect(!start.resumed)
                #expect(start.tornJournalLine?.hasPrefix(#"{"state":"validated""#) == true)
                #expect(summary.allSucceeded)
                let records = try await journalRecords(directory)
                guard case .validated? = records.first else {
                    Issue.record("the journal starts with its manifest: \(records)")
                    return
                }
            }
        }
    }

    @Test func anUnreadableLineBeforeTheLastIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let store = FileJournalStore(directory: directory)
            try await store.append([Self.records[0]])
            await store.close()
            let handle = try FileHandle(forWritingTo: store.url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(("garbage\n" + Self.records[1].jsonLine + "\n").utf8))
            try handle.close()
            await #expect(throws: BatchError.self) { try await FileJournalStore(directory: directory).load() }
        }
    }

    @Test func aJournalFromAnotherManifestIsRefusedAndLeftUntouched() async throws {
        try await BatchBed.run { bed in
            try await withTemporaryDirectory { directory in
                let first = try manifest(count: 3, prefix: "first")
                _ = try await runToEnd(bed.client.run(batch: first, to: directory, options: fastBatch))
                let journal = FileJournalStore(directory: directory).url
                let before = try Data(contentsOf: journal)
                let files = filesOnDisk(directory)
                let submits = bed.server.requests(on: .submit).count

                let other = try manifest(count: 3, prefix: "other")
                let error = await #expect(throws: BatchError.self) { try await runToEnd(bed.client.run(batch: other, to: directory, options: fastBatch)) }
                guard case .journalFromAnotherManifest? = error else {
                    Issue.record("expected journalFromAnotherManifest, got \(String(describing: error))")
                    return
                }
                #expect(error?.description.contains("another manifest") == true)
                #expect(try Data(contentsOf: journal) == before)
                #expect(filesOnDisk(directory) == files)
                #expect(bed.server.requests(on: .submit).count == submits)
            }
        }
    }

    @Test func aChangedLineIsRefusedNamingIt() async throws {
        try await BatchBed.run { bed in
            try await withTemporaryDirectory { directory in
                var text = manifestText(count: 4)
                _ = try await runToEnd(bed.client.run(batch: try BatchManifest.parse(Data(text.utf8)), to: directory, options: fastBatch))
                let before = try Data(contentsOf: FileJournalStore(directory: directory).url)
                text = text.replacingOccurrences(of: "shot 2", with: "shot two")
                let changed = try BatchManifest.parse(Data(text.utf8))
                let error = await #expect(throws: BatchError.self) { try await runToEnd(bed.client.run(batch: changed, to: directory, options: fastBatch)) }
                guard case .manifestChanged(_, let changes)? = error else {
                    Issue.record("expected manifestChanged, got \(String(describing: error))")
                    return
                }
                #expect(changes == ["line 3 (id \"item-2\") changed"])
                #expect(try Data(contentsOf: FileJournalStore(directory: directory).url) == before)
                #expect(bed.server.requests(on: .submit).count == 4)
            }
        }
    }

    @Test func existingOutputsAreNeverOverwrittenByANewBatch() async throws {
        try await BatchBed.run { bed in
            try await withTemporaryDirectory { directory in
                try Data("mine".utf8).write(to: directory.appendingPathComponent("item-1.mp4"))
                let error = await #expect(throws: BatchError.self) { try await runToEnd(bed.client.run(batch: try manifest(count: 3), to: directory, options: fastBatch)) }
                guard case .outputsExist(let paths)? = error else {
                    Issue.record("expected outputsExist, got \(String(describing: error))")
                    return
                }
                #expect(paths == ["item-1.mp4"])
                #expect(try Data(contentsOf: directory.appendingPathComponent("item-1.mp4")) == Data("mine".utf8))
                #expect(!FileManager.default.fileExists(atPath: FileJournalStore(directory: directory).url.path))
                #expect(bed.server.requests(on: .submit).isEmpty)
            }
        }
    }
}
