import CommandLineKit
import DiagnosticText
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingImport

// `kling-bindgen merge`: imported bases + overlays → the schemas the generator reads, in `<provider>/`.

/// The options of `merge`, declared once: listed in its spec and read back with the same constants.
enum MergeOptions {
    static let schemas = ValueOption("schemas", value: "dir", help: "The schemas folder: reads <dir>/_imported and <dir>/_overlays, writes <dir>/<provider>/<model>.json.")
    static let check = FlagOption("check", help: "Write nothing; exit 1 listing every merged schema that is stale, missing or extra.")
}

let mergeSpec = CommandSpec(
    name: "kling-bindgen merge",
    abstract: "Merge each overlay with its models' bases into schemas of the generator's format.",
    options: [MergeOptions.schemas, MergeOptions.check],
    discussion: "An overlay change that does not fit its base, or an extension member no overlay settles, exits 1 with every diagnostic and writes nothing."
)

func runMerge(_ arguments: ParsedArguments) throws -> ExitStatus {
    let folders = CatalogueFolders(schemas: URL(fileURLWithPath: try arguments.required(MergeOptions.schemas)))
    var merged: [(provider: String, files: [(file: String, text: String)])] = []
    var diagnostics: [ImportDiagnostic] = []
    for provider in ProviderCatalogue.providers {
        do {
            merged.append((provider, try folders.mergedSchemas(provider)))
        } catch {
            diagnostics += error.diagnostics
        }
    }
    guard diagnostics.isEmpty else {
        // Diagnostics quote overlay and base text: escaped for the terminal.
        Console.error(diagnostics.map { "error: " + TerminalText.escaped("\($0)") }.joined(separator: "\n") + "\n")
        Console.error("\(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") found; nothing was written.\n")
        return .failure
    }
    let count = merged.map(\.files.count).reduce(0, +)
    if arguments[MergeOptions.check] {
        let findings = merged.flatMap { folders.checkMerged($0.provider, against: $0.files) }
        guard !findings.isEmpty else {
            Console.out("\(count) merged schemas are up to date.\n")
            return .success
        }
        Console.error(findings.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n")
        Console.error("Merged schemas are out of date: run 'kling-bindgen merge --schemas <dir>'.\n")
        return .failure
    }
    var changed = 0
    for (provider, files) in merged {
        for action in try folders.writeMerged(provider, files) {
            Console.out(action + "\n")
            changed += 1
        }
    }
    Console.out("\(count) merged schema\(count == 1 ? "" : "s"), \(changed) file\(changed == 1 ? "" : "s") changed.\n")
    return .success
}
