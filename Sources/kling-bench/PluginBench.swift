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
        func build() throws -> (seconds: Double, generatorRuns: Int) {
            var log = ""
            let seconds = try Clock.seconds {
                log = try Command.swift(["build", "-v", "--package-path", package.path, "--scratch-path", scratch.path])
            }
            let runs = log.split(separator: "\n").filter { $0.contains(" emit --schema ") || $0.contains(" catalog --output ") }.count
            return (seconds, runs)
        }
        let cold = try build()
        // SwiftPM relinks the generator (a plugin tool) on the second build of a fresh build folder,
        // and a new generator regenerates everything; the no-op figures are taken after that.
        let second = try build()
        var noOps: [(Double, Int)] = []
        for _ in 0..<3 { noOps.append(try build()) }
        let touched = sources.appendingPathComponent("Schemas/scenario/model_kling-v1-6-pro.json")
        var touches: [(Double, Int)] = []
        for _ in 0..<3 {
            try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: touched.path)
            touches.append(try build())
        }
        let noOp = Clock.median(noOps.map(\.0))
        let touch = Clock.median(touches.map(\.0))
        let section = "Plugin in a consumer's build (debug, 5 schemas)"
        return [
            Measurement(section: section, name: "cold build (KlingCore, generator, bindings)", value: cold.seconds, unit: "s"),
            Measurement(section: section, name: "generator runs in the cold build", value: Double(cold.generatorRuns), unit: "runs"),
            Measurement(section: section, name: "generator runs in the 2nd build (tool relinked)", value: Double(second.generatorRuns), unit: "runs"),
            Measurement(section: section, name: "no-op rebuild", value: noOp, unit: "s"),
            Measurement(section: section, name: "generator runs in a no-op rebuild (most of 3)", value: Double(noOps.map(\.1).max() ?? 0), unit: "runs",
                        target: "0", met: noOps.allSatisfy { $0.1 == 0 }),
            Measurement(section: section, name: "rebuild after touching one schema", value: touch, unit: "s", baseline: ("no-op rebuild", noOp)),
            Measurement(section: section, name: "generator runs after touching one schema", value: Double(touches.map(\.1).max() ?? 0), unit: "runs",
                        target: "1 (that schema's file)", met: touches.allSatisfy { $0.1 == 1 }),
        ]
    }
}
