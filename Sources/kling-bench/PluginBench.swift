import Foundation

/// The plugin in a consumer's build: a fresh package applying it to the five real schemas, built
/// cold, rebuilt with nothing changed, and rebuilt after one schema is touched.
enum PluginBench {
    static func run() throws -> [Measurement] {
        let package = try Paths.fresh("consumer")
        let sources = package.appendingPathComponent("Sources/Bindings")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Paths.packageRoot.appendingPathComponent("Schemas"), to: sources.appendingPathComponent("Schemas"))
        try Data("@_exported import KlingCore\n".utf8).write(to: sources.appendingPathComponent("Exports.swift"))
        let kit = Paths.packageRoot.standardizedFileURL
        try Data("""
            // swift-tools-version:6.1
            import PackageDescription
            let package = Package(
                name: "BenchConsumer",
                dependencies: [.package(path: "\(kit.path)")],
                targets: [.target(
                    name: "Bindings",
                    dependencies: [.product(name: "KlingCore", package: "\(kit.lastPathComponent)")],
                    exclude: ["Schemas"],
                    plugins: [.plugin(name: "KlingBindgenPlugin", package: "\(kit.lastPathComponent)")]
                )]
            )
            """.utf8).write(to: package.appendingPathComponent("Package.swift"))
        // A user's schemas exist well before their first build; files stamped the same instant as a
        // build look possibly modified during it, and the next build would rerun them.
        let anHourAgo = Date(timeIntervalSinceNow: -3600)
        for file in try FileManager.default.subpathsOfDirectory(atPath: package.path) {
            try FileManager.default.setAttributes([.modificationDate: anHourAgo], ofItemAtPath: package.appendingPathComponent(file).path)
        }
        let scratch = package.appendingPathComponent(".build")
        /// One build's wall time, generator runs, and generated files compiled (as primary files).
        func build() throws -> (seconds: Double, generatorRuns: Int, filesCompiled: Int) {
            var log = ""
            let seconds = try Clock.seconds {
                log = try Command.swift(["build", "-v", "--package-path", package.path, "--scratch-path", scratch.path])
            }
            let lines = log.split(separator: "\n")
            let runs = lines.filter { $0.contains(" emit --schema ") || $0.contains(" catalog --output ") }.count
            var compiled: Set<Substring> = []
            for line in lines where line.contains("swift-frontend") && line.contains(" -c ") {
                let words = line.split(separator: " ")
                for (index, word) in words.enumerated() where word == "-primary-file" && index + 1 < words.count && words[index + 1].contains("GeneratedSources/") {
                    compiled.insert(words[index + 1])
                }
            }
            return (seconds, runs, compiled.count)
        }
        let cold = try build()
        // SwiftPM relinks the generator (a plugin tool) on the second build of a fresh build folder,
        // and a new generator regenerates everything; the no-op figures are taken after that.
        let second = try build()
        var noOps: [(seconds: Double, generatorRuns: Int, filesCompiled: Int)] = []
        for _ in 0..<3 { noOps.append(try build()) }
        let touched = sources.appendingPathComponent("Schemas/scenario/model_kling-v1-6-pro.json")
        var touches: [(seconds: Double, generatorRuns: Int, filesCompiled: Int)] = []
        for _ in 0..<3 {
            try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: touched.path)
            touches.append(try build())
        }
        // An edit that changes the generated code: one description.
        let original = try String(contentsOf: touched, encoding: .utf8)
        try original.replacingOccurrences(of: "\"Describe your video\"", with: "\"Describe your video.\"")
            .write(to: touched, atomically: true, encoding: .utf8)
        let edited = try build()
        try original.write(to: touched, atomically: true, encoding: .utf8)
        let noOp = Clock.median(noOps.map(\.seconds))
        let touch = Clock.median(touches.map(\.seconds))
        let section = "Plugin in a consumer's build (debug, 5 schemas)"
        return [
            Measurement(section: section, name: "cold build (KlingCore, generator, bindings)", value: cold.seconds, unit: "s"),
            Measurement(section: section, name: "generator runs in the cold build", value: Double(cold.generatorRuns), unit: "runs"),
            Measurement(section: section, name: "generator runs in the 2nd build (tool relinked)", value: Double(second.generatorRuns), unit: "runs"),
            Measurement(section: section, name: "no-op rebuild", value: noOp, unit: "s"),
            Measurement(section: section, name: "generator runs in a no-op rebuild (most of 3)", value: Double(noOps.map(\.generatorRuns).max() ?? 0), unit: "runs",
                        target: "0", met: noOps.allSatisfy { $0.generatorRuns == 0 }),
            Measurement(section: section, name: "rebuild after touching one schema", value: touch, unit: "s", baseline: ("no-op rebuild", noOp)),
            Measurement(section: section, name: "generator runs after touching one schema", value: Double(touches.map(\.generatorRuns).max() ?? 0), unit: "runs",
                        target: "1 (that schema's file)", met: touches.allSatisfy { $0.generatorRuns == 1 }),
            Measurement(section: section, name: "generated files compiled after a touch", value: Double(touches.map(\.filesCompiled).max() ?? 0), unit: "files",
                        target: "0 (the output is unchanged)", met: touches.allSatisfy { $0.filesCompiled == 0 }),
            Measurement(section: section, name: "generator runs after editing one schema", value: Double(edited.generatorRuns), unit: "runs",
                        target: "1", met: edited.generatorRuns == 1),
            Measurement(section: section, name: "generated files compiled after the edit", value: Double(edited.filesCompiled), unit: "files",
                        target: "1 (that schema's file)", met: edited.filesCompiled == 1),
        ]
    }
}
