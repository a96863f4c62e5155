import CommandLineKit
import DiagnosticText
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingImport

// `kling-bindgen import`: provider snapshots → one base schema per model, offline.

/// The options of `import`, declared once: listed in its spec and read back with the same constants.
enum ImportOptions {
    static let provider = ValueOption("provider", value: "name", help: "aimlapi or scenario.")
    static let snapshots = ValueOption("snapshots", value: "dir", help: "The snapshots folder; the provider's snapshots are in <dir>/<provider>/.")
    static let output = ValueOption("output", value: "dir", help: "The bases folder; the provider's bases go to <dir>/<provider>/<model>.base.json, rewritten only when changed.")
    static let check = FlagOption("check", help: "Write nothing; exit 1 listing every base that differs from what its snapshot makes (and how), every model without a base and every base without a model.")
}

let importSpec = CommandSpec(
    name: "kling-bindgen import",
    abstract: "Import a provider's snapshots into one base schema per model.",
    options: [ImportOptions.provider, ImportOptions.snapshots, ImportOptions.output, ImportOptions.check],
    discussion: "A snapshot the importer cannot read exits 1 with every diagnostic (file, JSON path, message) and writes nothing."
)

func runImport(_ arguments: ParsedArguments) throws -> ExitStatus {
    let provider = try arguments.required(ImportOptions.provider)
    guard ProviderCatalogue.providers.contains(provider) else {
        throw UsageError("--provider takes \(ProviderCatalogue.providers.joined(separator: " or ")), not '\(provider)'", command: importSpec.name)
    }
    let snapshots = URL(fileURLWithPath: try arguments.required(ImportOptions.snapshots)).appendingPathComponent(provider)
    let folder = BaseFolder(url: URL(fileURLWithPath: try arguments.required(ImportOptions.output)).appendingPathComponent(provider))
    let bases: [ImportedBase]
    do {
        bases = try ProviderCatalogue.importBases(provider: provider, snapshots: snapshots)
    } catch {
        // Diagnostics quote snapshot text (the providers' names and descriptions): escaped for the terminal.
        Console.error(error.diagnostics.map { "error: " + TerminalText.escaped("\($0)") }.joined(separator: "\n") + "\n")
        Console.error("\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s") found; nothing was written.\n")
        return .failure
    }
    if arguments[ImportOptions.check] {
        let findings = folder.check(against: bases)
        guard !findings.isEmpty else {
            Console.out("\(bases.count) \(provider) bases are up to date.\n")
            return .success
        }
        Console.error(findings.map { TerminalText.escaped($0.description, keepingLineBreaks: true) }.joined(separator: "\n") + "\n")
        Console.error("\(findings.count) \(provider) base\(findings.count == 1 ? "" : "s") out of date: run 'kling-bindgen import --provider \(provider)' and review the differences.\n")
        return .failure
    }
    let actions = try folder.write(bases)
    for action in actions { Console.out(action + "\n") }
    Console.out("\(bases.count) \(provider) model\(bases.count == 1 ? "" : "s"), \(actions.count) file\(actions.count == 1 ? "" : "s") changed.\n")
    return .success
}
