import Foundation
import KlingCore
import KlingImport

/// `kling-bindgen import` over the committed snapshots: all 68 models imported in process (read,
/// parse, import, render), next to only reading and parsing the same snapshot files (the two
/// alternated run by run); and the command's `--check` as a whole process for both providers,
/// next to the floor.
enum ImportBench {
    static func run() throws -> [Measurement] {
        let snapshots = Paths.packageRoot.appendingPathComponent("Schemas/_snapshots")
        let files = try snapshotFiles(snapshots)
        var modelCount = 0
        func parseAll() throws {
            for file in files { _ = try JSONParser.parse(Data(contentsOf: file)) }
        }
        func importAll() throws {
            modelCount = 0
            for provider in ProviderCatalogue.providers {
                modelCount += try ProviderCatalogue.importBases(provider: provider, snapshots: snapshots.appendingPathComponent(provider)).count
            }
        }
        // Alternated run by run, so the machine's noise falls on both alike.
        try parseAll()
        try importAll()
        var parseTimes: [Double] = []
        var importTimes: [Double] = []
        for _ in 0..<21 {
            parseTimes.append(try Clock.seconds(parseAll))
            importTimes.append(try Clock.seconds(importAll))
        }
        let parseOnly = Clock.median(parseTimes)
        let importAllTime = Clock.median(importTimes)
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
            Measurement(section: section, name: "read and parse the same snapshot files", value: parseOnly * 1000, unit: "ms"),
            Measurement(section: section, name: "import \(modelCount) models: read, parse, map, render", value: importAllTime * 1000, unit: "ms",
                        baseline: ("read and parse", parseOnly * 1000)),
            Measurement(section: section, name: "floor: start and exit, twice", value: floor * 1000, unit: "ms"),
            Measurement(section: section, name: "kling-bindgen import --check, both", value: check * 1000, unit: "ms",
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
