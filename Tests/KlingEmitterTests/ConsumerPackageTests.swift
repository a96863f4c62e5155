import Foundation
import KlingTestSupport
import KlingJSON
import Testing

/// Builds `Tests/Fixtures/Consumer`, a package that applies the build plugin to its own `Schemas/`
/// (a tiny schema and a hostile one), runs what it built, and checks what rebuilds rerun.
@Suite("A consumer package applying the plugin", .serialized)
struct ConsumerPackageTests {
    static let fixture = packageRoot.appendingPathComponent("Tests/Fixtures/Consumer")
    /// One build folder per checkout and source layout, kept between runs so a rerun builds
    /// incrementally. SwiftPM does not notice a file or module added to a path dependency in a kept
    /// build folder, so a change of the layout (not of file contents) starts a new folder.
    static let scratch = keptBuildFolder(named: "klingkit-consumer")

    /// `<temporary folder>/<name><checkout path>-<layout fingerprint>`; the folders of this checkout's
    /// earlier layouts are removed, so they do not pile up.
    static func keptBuildFolder(named name: String) -> URL {
        let prefix = name + String(packageRoot.path.map { $0.isLetter || $0.isNumber ? $0 : "-" }) + "-"
        let temporary = FileManager.default.temporaryDirectory
        let current = prefix + sourceLayoutFingerprint()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where entry.hasPrefix(prefix) && entry != current && !entry.dropFirst(prefix.count).contains("-") {
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(entry))
        }
        return temporary.appendingPathComponent(current)
    }

    /// A hash of `Package.swift` and the paths (not contents) of every file under `Sources/` and `Plugins/`.
    static func sourceLayoutFingerprint() -> String {
        var paths: [String] = []
        for folder in ["Sources", "Plugins"] {
            let root = packageRoot.appendingPathComponent(folder).path
            paths += (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).map { folder + "/" + $0 }
        }
        var bytes = Array(paths.sorted().joined(separator: "\n").utf8)
        bytes += (try? Data(contentsOf: packageRoot.appendingPathComponent("Package.swift"))) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// Runs `swift build -v` on the fixture; returns the output. Fails the test on a failed build.
    static func build() async throws -> String {
        let result = try await run("/usr/bin/env", ["swift", "build", "-v", "--package-path", fixture.path, "--scratch-path", scratch.path,
                                              "-Xswiftc", "-warnings-as-errors"])
        #expect(result.status == 0, "the consumer package does not build:\n\(result.output.suffix(4000))")
        return result.output
    }

    /// Runs a process to its end on a thread of its own and returns its status and output. Builds
    /// take tens of seconds: blocking one of the test run's few shared threads that long would stall
    /// every other test waiting on time (the client's waits and polls).
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(executable, arguments) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try ProcessLaunch.start(process)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The generator invocations in a verbose build log.
    static func generatorRuns(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains(" emit --schema ") || $0.contains(" catalog --output ") }.map(String.init)
    }

    @Test func buildsRunsAndMeansWhatTheSchemasSay() async throws {
        _ = try await Self.build()
        let result = try await Self.run(Self.scratch.appendingPathComponent("debug/consumer-check").path, [])
        #expect(result.status == 0)
        let output = try JSONParser.parse(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        let schemaText = try String(contentsOf: Self.fixture.appendingPathComponent("Sources/Bindings/Schemas/hostile/hostile-model.json"), encoding: .utf8)
        guard case .object(let schema) = try JSONParser.parse(schemaText), case .object(let printed) = output,
              case .array(let parameters)? = schema["parameters"], case .object(let first)? = parameters.first
        else {
            Issue.record("unexpected output: \(result.output)")
            return
        }
        #expect(printed["id"] == schema["id"])
        #expect(printed["title"] == schema["title"])
        #expect(printed["notes"] == schema["notes"])
        #expect(printed["default"] == first["default"])
        #expect(printed["descriptionOfDefault"] == first["description"])
        guard case .object(let endpoint)? = schema["endpoint"] else { return }
        #expect(printed["path"] == endpoint["path"])
        #expect(printed["knownTypes"] == ["a\"\"\"b", "\\(x)", "#", "self", "Type"])
        #expect(printed["issues"] == ["below_minimum@fields.class", "unresolved_reference@prompt", "mutually_exclusive@self"])
        #expect(printed["catalog"] == .array([schema["id"]!, "model_tiny"]))
        #expect(printed["tinyTooLong"] == true)
        guard case .string(let wireText)? = printed["wire"], case .object(let wire) = try JSONParser.parse(wireText) else {
            Issue.record("no wire JSON")
            return
        }
        #expect(wire["default"] == first["default"])
        #expect(wire["self"] == false)
        #expect(wire["Type"] == "\\(x)")
        #expect(wire["fields"] == ["class": 0])
    }

    @Test func aNoOpBuildRunsTheGeneratorZeroTimesAndAnEditRerunsOnlyItsSchema() async throws {
        _ = try await Self.build()
        let noOp = try await Self.build()
        #expect(Self.generatorRuns(noOp).isEmpty, "a no-op build ran the generator: \(Self.generatorRuns(noOp))")

        let tiny = Self.fixture.appendingPathComponent("Sources/Bindings/Schemas/tiny/tiny-model.json")
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: tiny.path)
        let afterEdit = Self.generatorRuns(try await Self.build())
        #expect(afterEdit.count == 1, "expected one generator run, got \(afterEdit)")
        #expect(afterEdit.first?.contains("tiny-model.json") == true)
    }

    @Test func aSchemaCollidingWithASiblingFailsTheBuildWithTheLintersMessage() async throws {
        let twin = Self.fixture.appendingPathComponent("Sources/Bindings/Schemas/tiny/tiny-twin.json")
        let tiny = try String(contentsOf: Self.fixture.appendingPathComponent("Sources/Bindings/Schemas/tiny/tiny-model.json"), encoding: .utf8)
        try Data(tiny.utf8).write(to: twin)
        defer { try? FileManager.default.removeItem(at: twin) }
        let result = try await Self.run("/usr/bin/env", ["swift", "build", "--package-path", Self.fixture.path, "--scratch-path", Self.scratch.path,
                                                   "-Xswiftc", "-warnings-as-errors"])
        #expect(result.status != 0, "a schema with a sibling's id and Swift name built")
        #expect(result.output.contains(#"error: tiny/tiny-twin.json: $.id: model id "model_tiny" is also the id of tiny/tiny-model.json"#),
                "\(result.output.suffix(3000))")
        #expect(result.output.contains(#"error: tiny/tiny-twin.json: $.swiftName: Swift name "Tiny" is also used by tiny/tiny-model.json"#))
        #expect(!result.output.contains("invalid redeclaration"), "the compiler ran on the colliding files")
    }
}
