import Foundation
import KlingCore
import KlingSchema

/// What the catalogue costs to build, each figure next to a baseline taken in the same run:
/// generating every model next to swift-openapi-generator over the AI/ML API's request bodies alone;
/// the generated AI/ML request types compiled alone next to swift-openapi-generator's types for the
/// same bodies; and a consumer's cold debug build with every model next to the same build with only
/// the models KlingKit had before the providers' catalogues were imported.
enum BuildCostBench {
    /// The models KlingKit had before the catalogues were imported, by model id: the consumer
    /// build's baseline keeps only these.
    static let originalModels: Set<String> = [
        "klingai/video-o1-reference-to-video",
        "model_kling-o1-video-reference",
        "model_kling-v1-6-pro",
        "model_kling-v3-i2v-4k",
        "model_kling-v3-omni-video",
    ]

    /// Why the section cannot run.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func run() throws -> [Measurement] {
        let cache = OpenAPIBench.cache.deletingLastPathComponent().path
        let tool: URL
        let runtimeModules: URL
        do {
            tool = try OpenAPIBench.openAPIGenerator()
        } catch {
            throw Unavailable(description: "swift-openapi-generator 1.14.3 (built once into \(cache)) is needed and could not be built: \(error)")
        }
        do {
            runtimeModules = try OpenAPIBench.openAPIRuntimeModules()
        } catch {
            throw Unavailable(description: "swift-openapi-runtime 1.13.4, which swift-openapi-generator's output imports (built once into \(cache)), is needed and could not be built: \(error)")
        }
        let work = try Paths.fresh("buildcost")
        let snapshots = Paths.packageRoot.appendingPathComponent("Schemas/_snapshots/aimlapi")
        let merged = try AIMLOpenAPIDocument.make(snapshots: snapshots)
        let document = work.appendingPathComponent("openapi.json")
        try Data(merged.document.jsonText.utf8).write(to: document)
        let config = work.appendingPathComponent("openapi-generator-config.yaml")
        try Data("generate:\n  - types\naccessModifier: public\n".utf8).write(to: config)
        let openAPIOutput = work.appendingPathComponent("openapi-out")
        let openAPIArguments = ["generate", document.path, "--config", config.path, "--output-directory", openAPIOutput.path]

        var results = try generation(openAPI: (tool, openAPIArguments, openAPIOutput), bodies: merged.bodies, work: work)
        results += try compilation(openAPIOutput: openAPIOutput, bodies: merged.bodies, runtimeModules: runtimeModules, work: work)
        results += try consumerBuilds(work: work)
        return results
    }

    // MARK: - Generation

    /// `kling-bindgen generate` over every schema, next to swift-openapi-generator over the merged
    /// AI/ML document; leaves the latter's output in `openAPI.output`.
    static func generation(openAPI: (tool: URL, arguments: [String], output: URL), bodies: Int, work: URL) throws -> [Measurement] {
        let runs = 7
        let schemas = Paths.packageRoot.appendingPathComponent("Schemas")
        let models = try SchemaSet.schemaFiles(in: schemas).count
        let generator = try Paths.product("kling-bindgen")
        let klingOutput = work.appendingPathComponent("kling-out")
        let klingArguments = ["generate", "--schemas", schemas.path, "--output", klingOutput.path]
        func freshOpenAPIOutput() throws {
            try? FileManager.default.removeItem(at: openAPI.output)
            try FileManager.default.createDirectory(at: openAPI.output, withIntermediateDirectories: true)
        }
        // Once with their output kept, so a failure says why; the timed runs discard it.
        try freshOpenAPIOutput()
        try Command.run(openAPI.tool, openAPI.arguments)
        try Command.run(generator, klingArguments)
        var ourRuns: [ChildProcess.Outcome] = []
        var theirRuns: [ChildProcess.Outcome] = []
        for _ in 0..<runs {
            try freshOpenAPIOutput()
            theirRuns.append(try measured(openAPI.tool, openAPI.arguments))
            try? FileManager.default.removeItem(at: klingOutput)
            ourRuns.append(try measured(generator, klingArguments))
        }
        let theirs = Clock.median(theirRuns.map(\.seconds))
        let ours = Clock.median(ourRuns.map(\.seconds))
        let theirCPU = Clock.median(theirRuns.map(\.cpuSeconds))
        let ourCPU = Clock.median(ourRuns.map(\.cpuSeconds))
        let section = "Build cost: generating all \(models) models next to swift-openapi-generator 1.14.3 over the \(bodies) AI/ML request bodies alone (median of \(runs), alternated)"
        return [
            Measurement(section: section, name: "swift-openapi-generator, \(bodies) AI/ML bodies (types)", value: theirs * 1000, unit: "ms"),
            Measurement(section: section, name: "kling-bindgen generate, all \(models) models", value: ours * 1000, unit: "ms",
                        baseline: ("swift-openapi-generator", theirs * 1000)),
            Measurement(section: section, name: "speed-up", value: theirs / ours, unit: "×", target: "≥ 10×", met: theirs / ours >= 10),
            Measurement(section: section, name: "  CPU time, swift-openapi-generator", value: theirCPU * 1000, unit: "ms"),
            Measurement(section: section, name: "  CPU time, kling-bindgen generate", value: ourCPU * 1000, unit: "ms",
                        baseline: ("swift-openapi-generator", theirCPU * 1000)),
        ]
    }

    // MARK: - Compilation

    /// The checked-in generated AI/ML request types (validators and descriptions included) compiled
    /// alone against KlingCore, next to swift-openapi-generator's types for the same request bodies
    /// compiled against OpenAPIRuntime: the same compiler flags (debug, -Onone, whole module, one
    /// frontend), alternated, median of 3.
    static func compilation(openAPIOutput: URL, bodies: Int, runtimeModules: URL, work: URL) throws -> [Measurement] {
        let runs = 3
        let ours = try swiftFiles(in: Paths.packageRoot.appendingPathComponent("Generated/aimlapi"))
        let theirs = try swiftFiles(in: openAPIOutput)
        guard !ours.isEmpty, !theirs.isEmpty else {
            throw Unavailable(description: "nothing to compile: \(ours.count) generated AI/ML files, \(theirs.count) swift-openapi-generator files")
        }
        let klingModules = Paths.products.appendingPathComponent("Modules")
        func compile(_ files: [URL], module: String, against modules: URL) throws -> ChildProcess.Outcome {
            try measured(["swiftc", "-Onone", "-g", "-wmo", "-parse-as-library", "-swift-version", "6", "-c", "-module-name", module,
                          "-I", modules.path, "-o", work.appendingPathComponent("\(module).o").path] + files.map(\.path))
        }
        var ourRuns: [ChildProcess.Outcome] = []
        var theirRuns: [ChildProcess.Outcome] = []
        for _ in 0..<runs {
            theirRuns.append(try compile(theirs, module: "OpenAPITypes", against: runtimeModules))
            ourRuns.append(try compile(ours, module: "AIMLRequests", against: klingModules))
        }
        let ourTime = Clock.median(ourRuns.map(\.seconds))
        let theirTime = Clock.median(theirRuns.map(\.seconds))
        let ourCPU = Clock.median(ourRuns.map(\.cpuSeconds))
        let theirCPU = Clock.median(theirRuns.map(\.cpuSeconds))
        let ourLines = try lines(in: ours)
        let theirLines = try lines(in: theirs)
        // With fewer models than bodies the ratio is not the comparison the target is about.
        let comparable = ours.count == bodies
        let models = phrase(models: ours.count)
        let section = "Build cost: the generated AI/ML request types (\(models), typed checks included; wire JSON is checked by KlingCore) next to swift-openapi-generator 1.14.3 types only (\(bodies) bodies); debug -Onone, whole module, median of \(runs)"
        return [
            Measurement(section: section, name: "swift-openapi-generator types, \(bodies) bodies: lines", value: Double(theirLines), unit: "lines"),
            Measurement(section: section, name: "Generated/aimlapi, \(models): lines", value: Double(ourLines), unit: "lines",
                        baseline: ("swift-openapi-generator", Double(theirLines))),
            Measurement(section: section, name: "compile swift-openapi-generator types", value: theirTime, unit: "s"),
            Measurement(section: section, name: "compile Generated/aimlapi (\(models))", value: ourTime, unit: "s",
                        baseline: ("swift-openapi-generator", theirTime),
                        target: comparable ? "≤ 0.5×" : "≤ 0.5× (judged with all \(bodies) models)", met: comparable ? ourTime <= 0.5 * theirTime : nil),
            Measurement(section: section, name: "  CPU time, swift-openapi-generator types", value: theirCPU, unit: "s"),
            Measurement(section: section, name: "  CPU time, Generated/aimlapi (\(models))", value: ourCPU, unit: "s",
                        baseline: ("swift-openapi-generator", theirCPU)),
        ]
    }

    /// "1 model", "41 models".
    static func phrase(models count: Int) -> String {
        count == 1 ? "1 model" : "\(count) models"
    }

    static func swiftFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Lines of the files together, as `wc -l` counts them.
    static func lines(in files: [URL]) throws -> Int {
        try files.reduce(0) { total, file in total + (try Data(contentsOf: file)).count { $0 == UInt8(ascii: "\n") } }
    }

    // MARK: - A consumer's build

    /// Cold debug builds of a package whose executable imports KlingKit, alternating between a copy
    /// of this package with every model and one with the original models only; median of 2 each (a
    /// cold build takes 20–60 s on 2 cores).
    static func consumerBuilds(work: URL) throws -> [Measurement] {
        let runs = 2
        let all = try consumer(of: try packageCopy(in: work.appendingPathComponent("all"), keeping: nil))
        let original = try consumer(of: try packageCopy(in: work.appendingPathComponent("original"), keeping: originalModels))
        var allRuns: [ChildProcess.Outcome] = []
        var originalRuns: [ChildProcess.Outcome] = []
        for _ in 0..<runs {
            originalRuns.append(try coldBuild(original))
            allRuns.append(try coldBuild(all))
        }
        let allCount = try modelCount(built: all)
        let originalCount = try modelCount(built: original)
        let allTime = Clock.median(allRuns.map(\.seconds))
        let originalTime = Clock.median(originalRuns.map(\.seconds))
        let allCPU = Clock.median(allRuns.map(\.cpuSeconds))
        let originalCPU = Clock.median(originalRuns.map(\.cpuSeconds))
        let baseline = "the original \(originalCount)"
        let section = "Build cost: cold debug build of a KlingKit consumer, all \(allCount) models next to the original \(originalCount) (median of \(runs), alternated)"
        return [
            Measurement(section: section, name: "cold build, the original \(originalCount) models", value: originalTime, unit: "s"),
            Measurement(section: section, name: "cold build, all \(allCount) models", value: allTime, unit: "s",
                        baseline: (baseline, originalTime), target: "≤ 1.5×", met: allTime <= 1.5 * originalTime),
            Measurement(section: section, name: "  CPU time, the original \(originalCount) models", value: originalCPU, unit: "s"),
            Measurement(section: section, name: "  CPU time, all \(allCount) models", value: allCPU, unit: "s", baseline: (baseline, originalCPU)),
        ]
    }

    /// A copy of what this package's build reads (manifest, sources, plugins, tests, schemas; the
    /// build generates its request types from `Schemas/`, so `Generated/` is left out), keeping only
    /// the schemas of `ids` when given.
    static func packageCopy(in folder: URL, keeping ids: Set<String>?) throws -> URL {
        let root = folder.appendingPathComponent("KlingKit")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Plugins", "Tests", "Schemas"] {
            try FileManager.default.copyItem(at: Paths.packageRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let schemas = root.appendingPathComponent("Schemas")
        if let ids {
            var kept = 0
            for file in try SchemaSet.schemaFiles(in: schemas) {
                let url = schemas.appendingPathComponent(file)
                if case .object(let schema)? = try? JSONParser.parse(Data(contentsOf: url)), case .string(let id)? = schema["id"], ids.contains(id) {
                    kept += 1
                } else {
                    try FileManager.default.removeItem(at: url)
                }
            }
            guard kept > 0 else { throw Unavailable(description: "none of the original models (\(ids.sorted().joined(separator: ", "))) has a schema in Schemas/") }
        }
        return root
    }

    /// A package whose executable imports KlingKit from `kit` and prints how many models it has.
    static func consumer(of kit: URL) throws -> URL {
        let package = kit.deletingLastPathComponent().appendingPathComponent("Consumer")
        let sources = package.appendingPathComponent("Sources/KlingKitConsumer")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try Data("import KlingKit\n\nprint(KlingModels.all.count)\n".utf8).write(to: sources.appendingPathComponent("main.swift"))
        try Data("""
            // swift-tools-version:6.1
            import PackageDescription
            let package = Package(
                name: "KlingKitConsumer",
                dependencies: [.package(path: "\(kit.path)")],
                targets: [.executableTarget(name: "KlingKitConsumer", dependencies: [.product(name: "KlingKit", package: "KlingKit")])]
            )
            """.utf8).write(to: package.appendingPathComponent("Package.swift"))
        // Files stamped the same instant as a build look possibly modified during it; a user's
        // package exists well before its first build.
        let anHourAgo = Date(timeIntervalSinceNow: -3600)
        for root in [kit, package] {
            for file in try FileManager.default.subpathsOfDirectory(atPath: root.path) {
                try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: root.appendingPathComponent(file).path)
            }
        }
        return package
    }

    /// One debug build of `package` from an empty build folder.
    static func coldBuild(_ package: URL) throws -> ChildProcess.Outcome {
        let scratch = package.appendingPathComponent(".build")
        try? FileManager.default.removeItem(at: scratch)
        return try measured(["swift", "build", "--package-path", package.path, "--scratch-path", scratch.path])
    }

    /// Runs a command found on the PATH; see ``measured(_:_:)``.
    static func measured(_ command: [String]) throws -> ChildProcess.Outcome {
        try measured(URL(fileURLWithPath: "/usr/bin/env"), command)
    }

    /// Runs a program, output discarded; its wall and CPU time (the CPU time of the processes it
    /// waited for included, so a build's compilers count). A failure runs it again with its output
    /// kept, to say why.
    static func measured(_ executable: URL, _ arguments: [String]) throws -> ChildProcess.Outcome {
        let outcome = try ChildProcess.measure(executable.path, arguments, environment: ProcessInfo.processInfo.environment)
        if outcome.status != 0 {
            try Command.run(executable, arguments)
            throw Command.Failed(command: ([executable.lastPathComponent] + arguments).joined(separator: " "), status: outcome.status,
                                 output: "(it succeeded when run again)")
        }
        return outcome
    }

    /// The number of models the built consumer's KlingKit holds, as the consumer prints it.
    static func modelCount(built package: URL) throws -> Int {
        let output = try Command.run(package.appendingPathComponent(".build/debug/KlingKitConsumer"), [])
        guard let count = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Unavailable(description: "the consumer printed \(output.debugDescription), not a model count")
        }
        return count
    }
}
