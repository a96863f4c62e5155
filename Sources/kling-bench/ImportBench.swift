import Foundation
import KlingCore
import KlingImport

/// `kling-bindgen import` over the committed snapshots: all 68 models imported in process (read,
/// parse, import, render), next to only reading and parsing the same snapshot files; and the
/// command's `--check` as a whole process for both providers, next to the floor.
enum ImportBench {
    static func run() throws -> [Measurement] {
        let snapshots = Paths.packageRoot.appendingPathComponent("Schemas/_snapshots")
        let files = try snapshotFiles(snapshots)
        var modelCount = 0
        let parseOnly = try Clock.medianSeconds(runs: 21) {
            for file in files { _ = try JSONParser.parse(Data(contentsOf: file)) }
        }
        let importAll = try Clock.medianSeconds(runs: 21) {
            modelCount = 0
            for provider in ProviderCatalogue.providers {
                let bases = try ProviderCatalogue.importBases(provider: provider, snapshots: snapshots.appendingPathComponent(provider))
                modelCount += bases.count
            }
        }
        let floorTool = try Paths.product("kling-bench-floor")
        let generator = try Paths.product("kling-bindgen")
        let imported = Paths.packageRoot.appendingPathComponent("Schemas/_imported")
        let floor = try Clock.medianSeconds(runs: 21) {
            for _ in ProviderCatalogue.providers { try Command.timed(floorTool, []) }
        }
        let check = try Clock.medianSeconds(runs: 11) {
            for provider in ProviderCatalogue.providers {
                try Command.timed(generator, ["import", "--provider", provider, "--snapshots", snapshots.path, "--output", imported.path, "--check"])
            }
        }
        let section = "Import (\(modelCount) models from \(files.count) snapshot files, median)"
        return [
            Measurement(section: section, name: "read and parse the snapshot files", value: parseOnly * 1000, unit: "ms"),
            Measurement(section: section, name: "import all \(modelCount) models (read, parse, import, render)", value: importAll * 1000, unit: "ms",
                        baseline: ("read and parse", parseOnly * 1000)),
            Measurement(section: section, name: "floor: start and exit, once per provider", value: floor * 1000, unit: "ms"),
            Measurement(section: section, name: "kling-bindgen import --check, both providers", value: check * 1000, unit: "ms",
                        baseline: ("floor", floor * 1000)),
        ]
    }

    /// The JSON files the importer reads: every `*.json` of the snapshots folder.
    static func snapshotFiles(_ snapshots: URL) throws -> [URL] {
        try FileManager.default.subpathsOfDirectory(atPath: snapshots.path)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { snapshots.appendingPathComponent($0) }
    }
}
