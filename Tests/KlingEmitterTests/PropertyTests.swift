import Foundation
import KlingEmitter
import KlingJSON
import KlingSchema
import Testing

/// Every schema the linter accepts compiles: random schemas (``RandomSchemas``) go through the
/// generator's pipeline and are compiled together, warnings as errors, in a package that depends on
/// KlingCore by path. A schema the generator cannot compile must be a lint error, never broken Swift.
///
/// Each run uses a new seed, printed; `KLING_PROPERTY_SEED=<seed> swift test --filter PropertyTests`
/// replays it. Every schema that ever failed stays below as a fixed regression case.
@Suite("Random lint-clean schemas compile", .serialized)
struct PropertyTests {
    /// Schemas from this run's seed.
    static let schemasPerRun = 40

    /// Schemas that once failed, by seed and index: compiled on every run. A seed means these schemas
    /// only while ``RandomSchemas`` draws the same way, so each failure also gets a snippet test of
    /// its own (`NamingTests`); a change to the generator's draws must keep these cases failing on
    /// the code they were found on, or replace them.
    static let regressionCases: [(seed: UInt64, index: Int)] = [
        (seed: 4, index: 16),  // a choice type named `RawValue` (from a field `rawValue`)
        (seed: 6, index: 39),  // the same, on a request
        (seed: 10392823677861500872, index: 33),  // values "4k" and "4K" with ignoresCase: one switch pattern twice
    ]

    static let seed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["KLING_PROPERTY_SEED"], let seed = UInt64(text) { return seed }
        return UInt64.random(in: 1...UInt64.max)
    }()

    /// One build folder per checkout and source layout, kept between runs so KlingCore is built once
    /// (see ``ConsumerPackageTests/scratch`` for why the layout is part of the name).
    static let package = ConsumerPackageTests.keptBuildFolder(named: "klingkit-property")

    /// Schema `index` of a seed, named `number` in its set: each from its own generator, so one
    /// case replays alone.
    static func schema(seed: UInt64, index: Int, number: Int) -> JSONValue {
        var schemas = RandomSchemas(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        return schemas.schema(number)
    }

    @Test func lintCleanSchemasCompileTogetherWithoutWarnings() async throws {
        print("property test seed: \(Self.seed) (replay: KLING_PROPERTY_SEED=\(Self.seed) swift test --filter PropertyTests)")
        let cases = (0..<Self.schemasPerRun).map { (seed: Self.seed, index: $0) } + Self.regressionCases
        let schemas = FileManager.default.temporaryDirectory.appendingPathComponent("klingkit-property-schemas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: schemas) }
        var owners: [String: String] = [:]
        for (number, testCase) in cases.enumerated() {
            let document = Self.schema(seed: testCase.seed, index: testCase.index, number: number)
            let file = "case\(number).json"
            owners[file] = "seed \(testCase.seed), index \(testCase.index)"
            let lint = SchemaReader.lint(document, file: file)
            try #require(!lint.diagnostics.containsError, """
                the random schema of seed \(testCase.seed), index \(testCase.index) does not lint:
                \(lint.diagnostics.map(\.line).joined(separator: "\n"))
                \(document.jsonText)
                """)
            let url = schemas.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: schemas, withIntermediateDirectories: true)
            try Data(document.jsonText.utf8).write(to: url)
        }
        let files = try Generator.files(schemasIn: schemas).get()
        #expect(try Generator.files(schemasIn: schemas).get() == files, "the same schemas generated different text")

        let sources = Self.package.appendingPathComponent("Sources/Generated")
        try? FileManager.default.removeItem(at: sources)
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try Data(Self.manifest.utf8).write(to: Self.package.appendingPathComponent("Package.swift"))
        for (path, text) in files {
            try Data(text.utf8).write(to: sources.appendingPathComponent(path))
        }
        let result = try await ConsumerPackageTests.run("/usr/bin/env", [
            "swift", "build", "--package-path", Self.package.path, "--scratch-path", Self.package.appendingPathComponent(".build").path,
            // Without an index or debug information: the test needs the compiler's verdict, not a debuggable binary.
            "--disable-index-store",
            "-Xswiftc", "-warnings-as-errors", "-Xswiftc", "-gnone",
        ])
        let problems = result.output.split(separator: "\n").filter { $0.contains("error:") || $0.contains("warning:") }
        let culprits = Set(problems.compactMap { line in owners.keys.first { line.contains($0.replacingOccurrences(of: ".json", with: ".swift")) } })
        #expect(result.status == 0, """
            generated code for lint-clean schemas does not compile (seed \(Self.seed)); failing cases: \
            \(culprits.sorted().map { "\($0) (\(owners[$0]!))" }.joined(separator: ", "))
            \(problems.prefix(30).joined(separator: "\n"))
            """)
    }

    static var manifest: String {
        """
        // swift-tools-version:6.1
        // Generated by KlingKit's property test: the code generated from random schemas, compiled.
        import PackageDescription

        let package = Package(
            name: "PropertyTest",
            platforms: [.macOS(.v13)],
            dependencies: [.package(path: \(SwiftLiteral.quoted(packageRoot.standardizedFileURL.path)))],
            targets: [.target(name: "Generated", dependencies: [.product(name: "KlingCore", package: \(SwiftLiteral.quoted(packageRoot.standardizedFileURL.lastPathComponent)))])]
        )

        """
    }
}

/// A string literal for a manifest.
enum SwiftLiteral {
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
