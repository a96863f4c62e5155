import Foundation
import KlingCore
import KlingSchema

/// `kling-bindgen generate` as a whole process over the real schemas and over 100 and 1000 synthetic
/// ones, next to the floor: a release-built executable that only starts and exits.
enum GeneratorBench {
    static func run() throws -> [Measurement] {
        let floorTool = try Paths.product("kling-bench-floor")
        let generator = try Paths.product("kling-bindgen")
        let floor = try Clock.medianSeconds(runs: 21) { try Command.timed(floorTool, []) }
        let real = Paths.packageRoot.appendingPathComponent("Schemas")
        let synthetic100 = try SyntheticSchemas.write(count: 100, from: real)
        let synthetic1000 = try SyntheticSchemas.write(count: 1000, from: real)

        /// The output goes to a RAM-backed folder where there is one, so the figures are the
        /// generator's; writing to disk is measured separately, next to `cp` of the same files.
        let memory = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm/kling-bench-\(getpid())") : Paths.work
        defer { try? FileManager.default.removeItem(at: memory) }
        func generate(_ schemas: URL, runs: Int, into folder: URL) throws -> Double {
            let output = folder.appendingPathComponent("generated")
            return try Clock.medianSeconds(runs: runs, setup: { try? FileManager.default.removeItem(at: output) }) {
                try Command.timed(generator, ["generate", "--schemas", schemas.path, "--output", output.path])
            }
        }
        let realCount = try SchemaSet.schemaFiles(in: real).count
        let allReal = try generate(real, runs: 11, into: memory)
        let hundred = try generate(synthetic100, runs: 7, into: memory)
        let thousand = try generate(synthetic1000, runs: 5, into: memory)
        let thousandOnDisk = try generate(synthetic1000, runs: 5, into: Paths.work)
        let copied = Paths.work.appendingPathComponent("copied")
        let copy = try Clock.medianSeconds(runs: 5, setup: { try? FileManager.default.removeItem(at: copied) }) {
            try Command.timed(URL(fileURLWithPath: "/bin/cp"), ["-r", Paths.work.appendingPathComponent("generated").path, copied.path])
        }
        let growth = (thousand - floor) / (hundred - floor)
        let section = "Generator (whole process, median; output in \(memory.path.hasPrefix("/dev/shm") ? "RAM (/dev/shm)" : "the work folder"))"
        return [
            Measurement(section: section, name: "floor: start and exit", value: floor * 1000, unit: "ms"),
            Measurement(section: section, name: "generate the \(realCount) real schemas", value: allReal * 1000, unit: "ms",
                        baseline: ("floor", floor * 1000), target: "≤ 1.5× floor", met: allReal <= floor * 1.5),
            Measurement(section: section, name: "generate 100 synthetic schemas", value: hundred * 1000, unit: "ms",
                        baseline: ("floor", floor * 1000)),
            Measurement(section: section, name: "generate 1000 synthetic schemas", value: thousand * 1000, unit: "ms",
                        baseline: ("floor", floor * 1000), target: "< 1000 ms", met: thousand < 1),
            Measurement(section: section, name: "growth 100 → 1000 (above the floor)", value: growth, unit: "×",
                        target: "≈ 10× (linear)", met: growth < 12),
            Measurement(section: section, name: "cp -r of the 1000 generated files, on disk", value: copy * 1000, unit: "ms"),
            Measurement(section: section, name: "generate 1000 synthetic schemas, on disk", value: thousandOnDisk * 1000, unit: "ms",
                        baseline: ("cp -r of its output", copy * 1000)),
        ]
    }
}

/// Renamed copies of the real schemas with varied parameters.
enum SyntheticSchemas {
    static func write(count: Int, from directory: URL) throws -> URL {
        let output = try Paths.fresh("synthetic-\(count)")
        let files = try SchemaSet.schemaFiles(in: directory)
        let originals = try files.map { file -> (String, JSONObject) in
            guard case .object(let object) = try JSONParser.parse(Data(contentsOf: directory.appendingPathComponent(file))) else {
                throw CocoaError(.fileReadCorruptFile)
            }
            return (file, object)
        }
        for index in 0..<count {
            let (file, original) = originals[index % originals.count]
            var schema = original
            set(&schema, "id", .string("model_synthetic-\(index)"))
            set(&schema, "swiftName", .string("Synthetic\(index)"))
            if case .array(var parameters)? = schema["parameters"], case .object(let sources)? = schema["sources"] {
                // Vary the parameters: an extra bounded integer, and longer descriptions.
                parameters.append([
                    "name": .string("variant\(index % 7)"), "type": "integer", "minimum": 0, "maximum": .number(Double(index)),
                    "source": .string(sources.members[0].key), "description": .string("Synthetic variant \(index)."),
                ])
                set(&schema, "parameters", .array(parameters))
            }
            let stem = (file as NSString).deletingPathExtension
            let url = output.appendingPathComponent("\(stem)-\(index).json")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(JSONValue.object(schema).jsonText.utf8).write(to: url)
        }
        return output
    }

    private static func set(_ object: inout JSONObject, _ key: String, _ value: JSONValue) {
        if let index = object.members.firstIndex(where: { $0.key == key }) {
            object.members[index].value = value
        } else {
            object.members.append(.init(key: key, value: value))
        }
    }
}
