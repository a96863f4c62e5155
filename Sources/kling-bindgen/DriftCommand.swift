import CommandLineKit
import DiagnosticText
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingImport

// `kling-bindgen drift`: offline check that bases still match their snapshots and overlays still fit their bases.

/// The options of `drift`, declared once: listed in its spec and read back with the same constants.
enum DriftOptions {
    static let schemas = ValueOption("schemas", value: "dir", help: "The schemas folder holding _snapshots, _imported and _overlays.")
    static let provider = ValueOption("provider", value: "name", help: "Check only this provider (aimlapi or scenario); both without it.")
}

let driftSpec = CommandSpec(
    name: "kling-bindgen drift",
    abstract: "Report every base that differs from its snapshot and every overlay change that no longer fits its base.",
    options: [DriftOptions.schemas, DriftOptions.provider],
    discussion: "Exits 0 when nothing drifted, 1 listing every finding."
)

func runDrift(_ arguments: ParsedArguments) throws -> ExitStatus {
    let folders = CatalogueFolders(schemas: URL(fileURLWithPath: try arguments.required(DriftOptions.schemas)))
    var providers = ProviderCatalogue.providers
    if let provider = arguments[DriftOptions.provider] {
        guard providers.contains(provider) else {
            throw UsageError("--provider takes \(providers.joined(separator: " or ")), not '\(provider)'", command: driftSpec.name)
        }
        providers = [provider]
    }
    let findings = providers.flatMap { folders.drift($0) }
    guard !findings.isEmpty else {
        Console.out("No drift: \(providers.joined(separator: " and ")) bases match their snapshots and every overlay fits its base.\n")
        return .success
    }
    // Findings quote snapshot and overlay text: escaped for the terminal, line breaks kept.
    Console.error(findings.map { TerminalText.escaped($0, keepingLineBreaks: true) }.joined(separator: "\n") + "\n")
    Console.error("\(findings.count) drift finding\(findings.count == 1 ? "" : "s"): refresh the bases with 'kling-bindgen import', then update the overlays (Docs/Catalogue.md).\n")
    return .failure
}
