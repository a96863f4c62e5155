import Foundation
import KlingCore

// kling-bench: measures the generator, the plugin, the generated code, validation, downloads and
// waiting, each figure next to a baseline measured in the same run. `--json` prints JSON too.

let sections: [(name: String, run: () async throws -> [Measurement])] = [
    ("generator", GeneratorBench.run),
    ("import", ImportBench.run),
    ("lint", LintBench.run),
    ("openapi", OpenAPIBench.run),
    ("buildcost", BuildCostBench.run),
    ("plugin", PluginBench.run),
    ("validation", ValidationBench.run),
    ("hostile", HostileInputBench.run),
    ("download", DownloadBench.run),
    ("wait", WaitBench.run),
    ("batch", BatchBench.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "serve" {
    try await Serve.run(size: arguments.dropFirst().first.flatMap(Int64.init) ?? DownloadBench.size)
}
if arguments.contains("--help") || arguments.contains("-h") {
    print("""
        USAGE: kling-bench [--json] [--only <section,...>]
               kling-bench serve [<bytes>]   (the provider server with one finished job, for profiling)

        Sections: \(sections.map(\.name).joined(separator: ", ")). Run it release-built:
          swift run -c release kling-bench
        """)
    exit(0)
}
let only = arguments.firstIndex(of: "--only").flatMap { index in
    arguments.indices.contains(index + 1) ? Set(arguments[index + 1].split(separator: ",").map(String.init)) : nil
}

var results: [Measurement] = []
var failed = false
for section in sections where only?.contains(section.name) ?? true {
    FileHandle.standardError.write(Data("measuring \(section.name)…\n".utf8))
    do {
        results += try await section.run()
    } catch {
        FileHandle.standardError.write(Data("\(section.name) failed: \(error)\n".utf8))
        failed = true
    }
}
try? FileManager.default.removeItem(at: Paths.work)
print(Report.table(results))
if arguments.contains("--json") { print(Report.json(results)) }
exit(failed ? 1 : 0)
