import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-kling-bindings [--check]`:
/// regenerates the checked-in `Generated/` folder from `Schemas/`, so every schema change shows up as
/// a reviewable Swift diff. With `--check` it writes nothing and fails when `Generated/` is stale.
@main
struct GenerateKlingBindings: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "kling-bindgen")
        let package = context.package.directoryURL
        var toolArguments = [
            "generate",
            "--schemas", package.appending(path: "Schemas").path(),
            "--output", package.appending(path: "Generated").path(),
        ]
        if arguments.contains("--check") { toolArguments.append("--check") }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = toolArguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GenerationFailed(status: process.terminationStatus)
        }
    }
}

struct GenerationFailed: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "kling-bindgen exited with status \(status)" }
}
