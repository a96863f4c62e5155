#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every schema in a folder: `*.json` files at any depth except the format's own `schema.json` at
/// the top and anything below a folder whose name starts with `_` (provider snapshots, imported
/// bases), read and linted together.
public enum SchemaSet {
    /// The name of the JSON Schema that describes the format; never read as a model.
    public static let formatSchemaFileName = "schema.json"

    /// The name of the generated catalog of every model (`KlingModels.swift`); no schema may take it.
    public static let catalogName = "KlingModels"

    /// The model schema files below `directory`, as paths relative to it, sorted.
    public static func schemaFiles(in directory: URL) throws -> [String] {
        let subpaths: [String]
        do {
            subpaths = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
        } catch {
            throw SchemaErrors([Diagnostic(file: directory.path, path: "$", message: "cannot read the schemas folder: no such folder")])
        }
        return subpaths.filter { path in
            path.hasSuffix(".json") && path != formatSchemaFileName
                && !path.split(separator: "/").dropLast().contains { $0.hasPrefix("_") }
        }.sorted()
    }

    /// Reads and lints every schema below `directory`, each file and the set as a whole (two schemas
    /// with one model id, Swift name or output file name).
    public static func lint(directory: URL) -> LintResult<[ModelSchema]> {
        let files: [String]
        do {
            files = try schemaFiles(in: directory)
        } catch let error as SchemaErrors {
            return LintResult(value: nil, diagnostics: error.diagnostics)
        } catch {
            return LintResult(value: nil, diagnostics: [Diagnostic(file: directory.path, path: "$", message: "cannot read the schemas folder: \(error)")])
        }
        let results = files.concurrentMap { file in SchemaReader.lint(contentsOf: directory.appendingPathComponent(file), relativePath: file) }
        let schemas = results.compactMap(\.value)
        let diagnostics = results.flatMap(\.diagnostics) + crossFileDiagnostics(schemas.map(\.identity))
        return LintResult(value: schemas, diagnostics: diagnostics)
    }

    /// Reads and lints every schema below `directory`; warnings are dropped.
    /// - Throws: ``SchemaErrors`` with every finding of every file, including faults between files,
    ///   when one is an error.
    public static func read(directory: URL) throws(SchemaErrors) -> [ModelSchema] {
        try lint(directory: directory).get()
    }

    /// Faults between files: one model id, Swift name or output file name used twice. Needs only
    /// what identifies each schema, so a build can check the set without reading every file again.
    public static func crossFileDiagnostics(_ schemas: [SchemaIdentity]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var ids: [String: String] = [:]
        var names: [String: String] = [:]
        var stems: [String: String] = [:]
        for schema in schemas {
            if let first = ids[schema.id] {
                diagnostics.append(Diagnostic(file: schema.file, path: "$.id", message: "model id \"\(schema.id)\" is also the id of \(first)"))
            }
            ids[schema.id] = ids[schema.id] ?? schema.file
            if let first = names[schema.swiftName] {
                diagnostics.append(Diagnostic(file: schema.file, path: "$.swiftName", message: "Swift name \"\(schema.swiftName)\" is also used by \(first)"))
            }
            names[schema.swiftName] = names[schema.swiftName] ?? schema.file
            // Swift compiles a module's files by base name: two `x.json` in different folders collide.
            let stem = (schema.file.split(separator: "/").last.map(String.init) ?? schema.file).lowercased()
            if let first = stems[stem] {
                diagnostics.append(Diagnostic(file: schema.file, path: "$", message: "its file name is also the name of \(first); generated Swift files must have distinct names"))
            } else if stem == catalogName.lowercased() + ".json" {
                diagnostics.append(Diagnostic(file: schema.file, path: "$", message: "\(catalogName) is the name of the generated catalog of models; rename the file"))
            }
            stems[stem] = stems[stem] ?? schema.file
        }
        return diagnostics
    }
}
