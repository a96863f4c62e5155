import Foundation
import PackagePlugin

/// Generates request types for the `*.json` model schemas in the target's `Schemas/` folder (or,
/// when the target has none, the package's top-level `Schemas/` folder).
///
/// One build command per schema, each declaring its output up front and listing the generator among
/// its inputs: a no-op build runs nothing, a changed schema regenerates only its own file, and a new
/// generator regenerates everything. Each command lints its schema. The catalog (`KlingModels.swift`)
/// is one more command whose arguments name every model (file, id and Swift name): it lints the set
/// as a whole, so two schemas with one id or Swift name fail the build with the linter's message,
/// and it reruns only when a model is added, removed or renamed.
@main
struct KlingBindgenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let targetSchemas = target.directoryURL.appending(path: "Schemas")
        let schemas = FileManager.default.fileExists(atPath: targetSchemas.path())
            ? targetSchemas
            : context.package.directoryURL.appending(path: "Schemas")
        let tool = try context.tool(named: "kling-bindgen")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let files = SchemaFiles.list(in: schemas)
        guard !files.isEmpty else { return [] }

        var commands: [Command] = files.map { relativePath in
            let input = schemas.appending(path: relativePath)
            let swiftFile = output.appending(path: SchemaFiles.outputPath(for: relativePath))
            return .buildCommand(
                displayName: "Generating \(SchemaFiles.outputPath(for: relativePath)) from \(relativePath)",
                executable: tool.url,
                arguments: ["emit", "--schema", input.path(), "--relative-path", relativePath, "--output", swiftFile.path()],
                inputFiles: [input, tool.url],
                outputFiles: [swiftFile]
            )
        }
        let catalog = output.appending(path: "KlingModels.swift")
        var arguments = ["catalog", "--output", catalog.path()]
        // A schema this cannot read fails its own `emit` command; once fixed, its entry appears here,
        // the arguments change, and the catalog is regenerated.
        for relativePath in files {
            if let identity = SchemaFiles.identity(of: schemas.appending(path: relativePath), relativePath: relativePath) {
                arguments += ["--model", identity]
            }
        }
        commands.append(.buildCommand(
            displayName: "Generating KlingModels.swift",
            executable: tool.url,
            arguments: arguments,
            inputFiles: [tool.url],
            outputFiles: [catalog]
        ))
        return commands
    }
}

/// The schema files of a folder, as the generator finds them.
enum SchemaFiles {
    /// `*.json` at any depth, except the format's own `schema.json` at the top and anything below a
    /// folder whose name starts with `_` (provider snapshots, imported bases); relative and sorted.
    static func list(in directory: URL) -> [String] {
        let root = directory.standardizedFileURL.path()
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { path in
                path.hasSuffix(".json") && path != "schema.json"
                    && !path.split(separator: "/").dropLast().contains { $0.hasPrefix("_") }
            }
            .sorted()
    }

    /// `scenario/model_x.json` → `scenario/model_x.swift`.
    static func outputPath(for relativePath: String) -> String {
        String(relativePath.dropLast(".json".count)) + ".swift"
    }

    /// `{"file": …, "id": …, "swiftName": …}` of a schema, as `kling-bindgen catalog --model`
    /// takes it; nil when the file cannot be read as JSON or lacks an id or Swift name.
    static func identity(of file: URL, relativePath: String) -> String? {
        guard let data = try? Data(contentsOf: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = object["id"] as? String, let swiftName = object["swiftName"] as? String,
              let json = try? JSONSerialization.data(withJSONObject: ["file": relativePath, "id": id, "swiftName": swiftName],
                                                     options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: json, as: UTF8.self)
    }
}
