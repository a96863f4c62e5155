import Foundation
import KlingKit
import KlingProviderServer
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package's executables, next to the test bundle in the build products folder.
enum Products {
    static func url(_ name: String) -> URL? {
        var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in folders {
            var candidate = folder
            for _ in 0..<4 {
                let executable = candidate.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: executable.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: executable.path) {
                    return executable
                }
                candidate = candidate.deletingLastPathComponent()
            }
        }
        return nil
    }
}

/// `kling-provider-server` in a process of its own, so killing a client never takes it down.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let baseURL: URL

    init(_ arguments: [String], environment: [String: String]) throws {
        let executable: URL = try #require(Products.url("kling-provider-server"), "kling-provider-server is built next to the tests")
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        baseURL = try #require(URL(string: text), "the server printed its URL: \(text)")
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// What the server received, by body: (submits received, jobs created).
    func submissions() async throws -> [String: (received: Int, accepted: Int)] {
        let (data, _) = try await URLSession.shared.data(from: baseURL.appendingPathComponent("_inspect/submissions"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var result: [String: (Int, Int)] = [:]
        for entry in json["submissions"] as? [[String: Any]] ?? [] {
            if let body = entry["body"] as? String {
                result[body] = ((entry["received"] as? Int) ?? 0, (entry["accepted"] as? Int) ?? 0)
            }
        }
        return result
    }
}

/// The real `kling batch`, killed with SIGKILL at random moments — many while submits are in
/// flight (the server holds every submit's answer) — and run again until done: no item is ever
/// submitted twice unless the user opted in, every result is on disk exactly once with the right
/// bytes, and every item whose submit outcome is unknown is reported.
@Suite struct BatchKillTests {
    @Test func killedAtRandomPointsAndRunAgainUntilDone() async throws {
        let seed = SeededRandom.seed(for: "kling batch kill test")
        var random = SeededRandom(seed: seed)
        let kling = try #require(Products.url("kling"), "kling is built next to the tests")
        let credentials = [
            "SCENARIO_SDK_API_KEY": BatchCredentials.scenarioKey, "SCENARIO_SDK_API_SECRET": BatchCredentials.scenarioSecret,
            "AIMLAPI_KEY": BatchCredentials.aimlapiKey, "PATH": "/usr/bin:/bin",
        ]
        let server = try ServerProcess(["--job-seconds", "0.05-0.3", "--submit-delay", "0.05-0.25", "--asset-bytes", "50000"], environment: credentials)
        defer { server.stop() }
        var environment = credentials
        environment["KLING_SCENARIO_BASE_URL"] = server.baseURL.absoluteString
        environment["KLING_AIMLAPI_BASE_URL"] = server.baseURL.absoluteString

        try await withTemporaryDirectory { directory in
            let manifestURL = directory.appendingPathComponent("manifest.jsonl")
            try Data(manifestText(count: 80, prefix: "clip").utf8).write(to: manifestURL)
            let batch = try BatchManifest.parse(Data(contentsOf: manifestURL))
            let output = directory.appendingPathComponent("out")
            func batchProcess(_ extra: [String] = []) throws -> (Process, Pipe) {
                let process = Process()
                process.executableURL = kling
                process.arguments = ["batch", manifestURL.path, "--output", output.path, "--concurrency", "3", "--poll-interval", "0.02"] + extra
                process.environment = environment
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                try process.run()
                return (process, pipe)
            }

            var kills = 0
            var killsMidSubmit = 0
            var runs = 0
            let journal = FileJournalStore(directory: output).url
            func journalSize() -> Int64 { (try? FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? NSNumber)?.int64Value ?? 0 }
            var unkilledInARow = 0
            while kills < 12 && runs < 60 && unkilledInARow < 3 {
                runs += 1
                let before = try await Self.states(output)
                let sizeBefore = journalSize()
                let (process, _) = try batchProcess()
                // Kill at a random moment once the run is at work (its journal grew), however slow its start.
                let started = ContinuousClock.now
                while process.isRunning, journalSize() == sizeBefore, ContinuousClock.now - started < .seconds(10) {
                    try await Task.sleep(for: .milliseconds(5))
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...250, using: &random)))
                guard process.isRunning else {
                    process.waitUntilExit()
                    #expect([0, 1].contains(process.terminationStatus), "a run that ended by itself got to the end of the batch")
                    unkilledInARow += 1
                    continue
                }
                unkilledInARow = 0
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                kills += 1
                let after = try await Self.states(output)
                if after.contains(where: { $0.value == "submitting" && before[$0.key] != "submitting" }) { killsMidSubmit += 1 }
            }
            print("kill test: \(kills) kills (\(killsMidSubmit) with a submit in flight) in \(runs) runs")
            #expect(kills >= 10)
            #expect(killsMidSubmit >= 1, "some kills landed while a submit was in flight")

            // Run to the end without the opt-in: items caught mid-submit are reported, not sent again.
            let (finishing, pipe) = try batchProcess()
            let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            finishing.waitUntilExit()
            let states = try await Self.states(output)
            let unknown = Set(states.filter { $0.value == "submitting" || $0.value == "unknown" }.keys)
            #expect(finishing.terminationStatus == (unknown.isEmpty ? 0 : 1), "\(report)")
            for id in unknown {
                #expect(report.contains("(id \"\(id)\")"), "outcome-unknown item \(id) is reported")
            }
            #expect(report.contains("\(unknown.count) outcome unknown"))
            var submissions = try await server.submissions()
            for item in batch.items {
                let counts = submissions[String(decoding: item.body, as: UTF8.self)] ?? (0, 0)
                if unknown.contains(item.id) {
                    #expect(counts.received <= 1, "\(item.id) was never sent again without the opt-in")
                } else {
                    #expect(counts.received == 1 && counts.accepted == 1, "\(item.id): \(counts)")
                }
            }

            // The opt-in finishes them; only they may have been sent twice.
            let (optIn, optInPipe) = try batchProcess(["--resubmit-unknown"])
            let last = String(decoding: optInPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            optIn.waitUntilExit()
            #expect(optIn.terminationStatus == 0, "\(last)")
            submissions = try await server.submissions()
            for item in batch.items {
                let counts = submissions[String(decoding: item.body, as: UTF8.self)] ?? (0, 0)
                #expect(counts.received <= (unknown.contains(item.id) ? 2 : 1), "\(item.id): \(counts)")
            }
            #expect(filesOnDisk(output) == batch.items.map(\.output).sorted(), "one file per item, no partial downloads left")
            for item in batch.items {
                #expect(GeneratedContent.matches(fileAt: output.appendingPathComponent(item.output), length: 50000), "\(item.output)")
            }
        }
    }

    /// Each item's last journal state (a torn last line is ignored, as the batch ignores it).
    static func states(_ directory: URL) async throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: FileJournalStore(directory: directory).url.path) else { return [:] }
        var states: [String: String] = [:]
        let store = FileJournalStore(directory: directory)
        let records = try await store.load().records
        await store.close()
        for record in records {
            guard let id = record.itemID else { continue }
            switch record {
            case .submitting: states[id] = "submitting"
            case .outcomeUnknown: states[id] = "unknown"
            case .refused: states[id] = "refused"
            case .submitted: states[id] = "submitted"
            case .finished: states[id] = "finished"
            case .failed: states[id] = "failed"
            case .downloaded: states[id] = "downloaded"
            case .validated: break
            }
        }
        return states
    }
}
