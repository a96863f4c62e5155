import Foundation

/// The compile cost of the generated code: lines per model, and the debug build time of the
/// generated files alone, with and without their validators.
enum CompileBench {
    static func run() throws -> [Measurement] {
        let generated = Paths.packageRoot.appendingPathComponent("Generated")
        let files = try FileManager.default.subpathsOfDirectory(atPath: generated.path).filter { $0.hasSuffix(".swift") }.sorted()
        let section = "Compile cost of generated code (debug, -Onone)"
        var results: [Measurement] = []
        var full: [URL] = []
        var typesOnly: [URL] = []
        let work = try Paths.fresh("compile")
        for file in files {
            let text = try String(contentsOf: generated.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            results.append(Measurement(section: section, name: "lines: \(file)", value: Double(lines), unit: "lines"))
            let name = file.replacingOccurrences(of: "/", with: "_")
            let fullURL = work.appendingPathComponent("full/\(name)")
            let typesURL = work.appendingPathComponent("types/\(name)")
            try FileManager.default.createDirectory(at: fullURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: typesURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: fullURL)
            try Data(stripValidation(text).utf8).write(to: typesURL)
            full.append(fullURL)
            if !file.hasSuffix("KlingModels.swift") { typesOnly.append(typesURL) }
        }
        full.removeAll { $0.lastPathComponent.hasSuffix("KlingModels.swift") }
        let modules = Paths.products.appendingPathComponent("Modules")
        func compile(_ sources: [URL], into folder: String) throws -> Double {
            let output = try Paths.fresh("compile-out-\(folder)")
            return try Clock.medianSeconds(runs: 3) {
                try Command.run(URL(fileURLWithPath: "/usr/bin/env"),
                                ["swiftc", "-Onone", "-parse-as-library", "-c", "-module-name", "GeneratedOnly", "-I", modules.path,
                                 "-swift-version", "6"] + sources.map(\.path), in: output)
            }
        }
        let fullTime = try compile(full, into: "full")
        let typesTime = try compile(typesOnly, into: "types")
        results.append(Measurement(section: section, name: "types only (no validators, no descriptors)", value: typesTime * 1000, unit: "ms"))
        results.append(Measurement(section: section, name: "full generated files", value: fullTime * 1000, unit: "ms",
                                   baseline: ("types only", typesTime * 1000), target: "< 2× types only", met: fullTime < 2 * typesTime))
        return results
    }

    /// The generated file without its validators and description: the request types alone.
    static func stripValidation(_ text: String) -> String {
        var output: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("// MARK: - ") {
                skipping = line.hasPrefix("// MARK: - Validation") || line.hasPrefix("// MARK: - Description")
            }
            if !skipping { output.append(line) }
        }
        // What is left must not claim the request protocols, whose requirements were removed.
        return output.joined(separator: "\n")
            .replacingOccurrences(of: ": ScenarioRequest {", with: ": Codable, Hashable, Sendable {")
            .replacingOccurrences(of: ": AIMLAPIRequest {", with: ": Codable, Hashable, Sendable {")
    }
}
