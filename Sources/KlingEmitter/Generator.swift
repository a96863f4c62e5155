#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingSchema

/// The generator's one pipeline: read → lint (each file, then the set) → plan → render. Every
/// command of `kling-bindgen`, the plugins (through it) and the golden tests go through here, so they
/// accept and reject the same schemas with the same findings.
public enum Generator {
    /// Reads and lints every schema of a folder, each file and the set as a whole.
    public static func lint(schemasIn directory: URL) -> LintResult<[ModelSchema]> {
        SchemaSet.lint(directory: directory)
    }

    /// Reads, lints and plans every schema of a folder.
    public static func plan(schemasIn directory: URL) -> LintResult<GenerationPlan> {
        lint(schemasIn: directory).map(GenerationPlan.init)
    }

    /// Every generated file of a folder's schemas, by path relative to the output folder.
    public static func files(schemasIn directory: URL) -> LintResult<[String: String]> {
        plan(schemasIn: directory).map { $0.render() }
    }

    /// One schema of a set, read, linted and planned on its own (the build plugin's command per
    /// schema; the set is checked by ``catalog(_:)``).
    /// - Parameter relativePath: The file's path relative to its schemas folder, as findings and
    ///   generated code cite it.
    public static func plan(schemaAt url: URL, relativePath: String) -> LintResult<RequestPlan> {
        SchemaReader.lint(contentsOf: url, relativePath: relativePath).map(RequestPlan.init)
    }

    /// The catalog of a set known by its schemas' identities, after linting the set as a whole (two
    /// schemas with one id, Swift name or file name are errors here, as in ``lint(schemasIn:)``).
    public static func catalog(_ identities: [SchemaIdentity]) -> LintResult<CatalogPlan> {
        LintResult(value: CatalogPlan(identities.map { CatalogPlan.Entry(file: $0.file, swiftName: $0.swiftName) }),
                   diagnostics: SchemaSet.crossFileDiagnostics(identities))
    }
}
