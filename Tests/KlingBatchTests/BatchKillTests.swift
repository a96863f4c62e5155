import Foundation
import KlingKit
import KlingProviderServer
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KlingPlatform
import KlingTestSupport

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
        try ProcessLaunch.start(process)
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
        let seed = SeededGenerator.seed(for: "kling batch kill test")
        var random = SeededGenerator(seed: seed)
        let kling = try #require(Products.url("kling"), "kling is built next to the tests")
        let credentials = [
            "SCENARIO_SDK_API_KEY": BatchCredentials.scenarioKey, "SCENARIO_SDK_API_SECRET": BatchCredentials.scenarioSecret,
            "AIMLAPI_KEY": BatchCredentials.aimlapiKey, "PATH": "/usr/bin:/bin",
        ]
        let server = try ServerProcess(["--job-seconds", "0.05-0.3", "--submit-delay", "0.05-0.25", "--asset-bytes", "50000"], environment: credentials)
        defer { server.stop() }
        var serverEnvironment = credentials
        serverEnvironment["KLING_SCENARIO_BASE_URL"] = server.baseURL.absoluteString
        serverEnvironment["KLING_AIMLAPI_BASE_URL"] = server.baseURL.absoluteString
        let environment = serverEnvironment

        try await withTemporaryDirectory { directory in
            let manifestURL = directory.appendingPathComponent("manifest.jsonl")
            try Data(manifestText(count: 80, prefix: "clip").utf8).write(to: manifestURL)
            let batch = try BatchManifest.parse(Data(contentsOf: manifestURL))
            let output = directory.appendingPathComponent("out")
            /// Runs `kling batch`; standard output and error go to files (read afterwards), so a
            /// killed run never leaves a pipe behind and a finished one never blocks on one.
            @Sendable func batchProcess(_ extra: [String] = []) throws -> (process: Process, output: URL, errors: URL) {
                let number = UUID().uuidString.prefix(8)
                let outputFile = directory.appendingPathComponent("run-\(number).out")
                let errorFile = directory.appendingPathComponent("run-\(number).err")
                _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
                _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
                let process = Process()
                process.executableURL = kling
                process.arguments = ["batch", manifestURL.path, "--output", output.path, "--concurrency", "3", "--poll-interval", "0.02"] + extra
                process.environment = environment
                process.standardOutput = try FileHandle(forWritingTo: outputFile)
                process.standardError = try FileHandle(forWritingTo: errorFile)
                try ProcessLaunch.start(process)
                return (process, outputFile, errorFile)
            }
            @Sendable func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

            // The kill loop runs on a thread of its own: its timing must not depend on the test
            // process's shared task pool, which other tests keep busy.
            let journal = FileJournalStore(directory: output).url
            let seedForLoop = random.next()
            let (kills, killsMidSubmit, runs, endings) = await withCheckedContinuation { (done: CheckedContinuation<(Int, Int, Int, [String]), Never>) in
                Thread {
                    var random = SeededGenerator(seed: seedForLoop)
                    var kills = 0, killsMidSubmit = 0, runs = 0, unkilledInARow = 0
                    var endings: [String] = []
                    func journalSize() -> Int64 { (try? FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? NSNumber)?.int64Value ?? 0 }
                    while kills < 12 && runs < 60 && unkilledInARow < 3 {
                        runs += 1
                        let before = Self.states(journal)
                        let sizeBefore = journalSize()
                        guard let (process, _, errors) = try? batchProcess() else { break }
                        // Kill at a random moment once the run is at work (its journal grew), however slow its start.
                        let started = ContinuousClock.now
                        while process.isRunning, journalSize() == sizeBefore, ContinuousClock.now - started < .seconds(10) {
                            usleep(2000)
                        }
                        usleep(useconds_t(Int.random(in: 0...250_000, using: &random)))
                        guard process.isRunning else {
                            process.waitUntilExit()
                            endings.append("run \(runs) ended by itself with status \(process.terminationStatus): \(text(errors).suffix(600))")
                            unkilledInARow += 1
                            continue
                        }
                        unkilledInARow = 0
                        kill(process.processIdentifier, SIGKILL)
                        process.waitUntilExit()
                        kills += 1
                        let after = Self.states(journal)
                        if after.contains(where: { $0.value == "submitting" && before[$0.key] != "submitting" }) { killsMidSubmit += 1 }
                    }
                    done.resume(returning: (kills, killsMidSubmit, runs, endings))
                }.start()
            }
            for ending in endings {
                print("kill test: \(ending)")
                #expect(ending.contains("status 0") || ending.contains("status 1"), "a run that ended by itself got to the end of the batch: \(ending)")
            }
            print("kill test: \(kills) kills (\(killsMidSubmit) with a submit in flight) in \(runs) runs")
            #expect(kills >= 10)
            #expect(killsMidSubmit >= 1, "some kills landed while a submit was in flight")

            // Run to the end without the opt-in: items caught mid-submit are reported, not sent again.
            let (finishing, finishingOutput, _) = try batchProcess()
            finishing.waitUntilExit()
            let report = text(finishingOutput)
            let states = Self.states(FileJournalStore(directory: output).url)
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
            let (optIn, optInOutput, _) = try batchProcess(["--resubmit-unknown"])
            optIn.waitUntilExit()
            let last = text(optInOutput)
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

    /// Each item's last journal state, read directly from the file (a torn last line is ignored,
    /// as the batch ignores it).
    static func states(_ journal: URL) -> [String: String] {
        guard let data = try? Data(contentsOf: journal) else { return [:] }
        var states: [String: String] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = BatchJournalRecord(jsonLine: line), let id = record.itemID else { continue }
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
