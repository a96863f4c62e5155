import CommandLineKit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingPlatform
import KlingEmitter
import KlingSchema

// kling-bindgen: reads model schemas and writes Swift request types and validators.

let generateSpec = CommandSpec(
    name: "kling-bindgen generate",
    abstract: "Write one Swift file per schema, and the model catalog, into a folder.",
    options: [
        .init("schemas", value: "dir", help: "The schemas folder (every *.json below it except schema.json)."),
        .init("output", value: "dir", help: "The folder to write into; only files whose content changed are rewritten."),
        .init("check", help: "Write nothing; exit 1 listing every stale, missing or extra file."),
    ],
    discussion: "A schema with faults exits 1 with every diagnostic (file, JSON path, message) and writes nothing."
)

let emitSpec = CommandSpec(
    name: "kling-bindgen emit",
    abstract: "Write the Swift file of one schema (used by the build plugin, one command per schema).",
    options: [
        .init("schema", value: "file", help: "The schema file."),
        .init("relative-path", value: "path", help: "The schema's path relative to its schemas folder, as generated code cites it."),
        .init("output", value: "file", help: "The Swift file to write (rewritten only when its content changes)."),
    ]
)

let catalogSpec = CommandSpec(
    name: "kling-bindgen catalog",
    abstract: "Write the catalog of every model (KlingModels.swift).",
    options: [
        .init("schemas", value: "dir", help: "Read the models from this schemas folder."),
        .init("model", value: "file=SwiftName", help: "Or name each model: its schema's relative path and Swift name (repeatable)."),
        .init("output", value: "file", help: "The Swift file to write (rewritten only when its content changes)."),
    ]
)

let lintSpec = CommandSpec(
    name: "kling-bindgen lint",
    abstract: "Check every schema in a folder and print every diagnostic.",
    options: [.init("schemas", value: "dir", help: "The schemas folder.")]
)

let overview = CommandSpec(
    name: "kling-bindgen",
    abstract: "Generate typed Swift request bindings and validators from Kling model schemas.",
    arguments: [.init("command", help: "generate, emit, catalog or lint")],
    discussion: """
        COMMANDS:
          generate    \(generateSpec.abstract)
          emit        \(emitSpec.abstract)
          catalog     \(catalogSpec.abstract)
          lint        \(lintSpec.abstract)

        Run 'kling-bindgen <command> --help' for a command's options.
        """
)

func required(_ arguments: ParsedArguments, _ name: String, _ spec: CommandSpec) throws(UsageError) -> String {
    guard let value = arguments.value(name) else { throw UsageError("missing option --\(name)", command: spec.name) }
    return value
}

func report(_ errors: SchemaErrors, wroteNothing: Bool = true) -> ExitStatus {
    Console.error(errors.diagnostics.map { "error: \($0)" }.joined(separator: "\n") + "\n")
    let count = "\(errors.diagnostics.count) problem\(errors.diagnostics.count == 1 ? "" : "s") found"
    Console.error(count + (wroteNothing ? "; nothing was written.\n" : ".\n"))
    return .failure
}

/// Writes `text` to `url` (creating its folder) unless the file already holds exactly that.
@discardableResult
func writeIfChanged(_ text: String, to url: URL) throws -> Bool {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    return try OutputFile.writeIfChanged(text, to: url)
}

func generate(_ arguments: ParsedArguments) throws -> ExitStatus {
    let schemasDirectory = URL(fileURLWithPath: try required(arguments, "schemas", generateSpec))
    let outputDirectory = URL(fileURLWithPath: try required(arguments, "output", generateSpec))
    let schemas: [ModelSchema]
    do {
        schemas = try SchemaSet.read(directory: schemasDirectory)
    } catch {
        return report(error)
    }
    let files = GeneratedFiles.plan(schemas)
    if arguments.flag("check") {
        var problems: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = outputDirectory.appendingPathComponent(path)
            guard let existing = try? Data(contentsOf: url) else {
                problems.append("missing: \(path)")
                continue
            }
            if existing != Data(text.utf8) { problems.append("stale: \(path)") }
        }
        for path in existingSwiftFiles(in: outputDirectory) where files[path] == nil {
            problems.append("extra: \(path)")
        }
        if problems.isEmpty {
            Console.out("\(files.count) generated files are up to date.\n")
            return .success
        }
        Console.error(problems.joined(separator: "\n") + "\n")
        Console.error("Generated files are out of date: run 'swift package --allow-writing-to-package-directory generate-kling-bindings'.\n")
        return .failure
    }
    let ordered = files.sorted { $0.key < $1.key }
    for folder in Set(ordered.map { outputDirectory.appendingPathComponent($0.key).deletingLastPathComponent() }) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    // One writer: files created in one folder from several threads contend for it (measured slower).
    var written = 0
    for (path, text) in ordered where try OutputFile.writeIfChanged(text, to: outputDirectory.appendingPathComponent(path)) {
        Console.out("wrote \(path)\n")
        written += 1
    }
    for path in existingSwiftFiles(in: outputDirectory) where files[path] == nil {
        try FileManager.default.removeItem(at: outputDirectory.appendingPathComponent(path))
        Console.out("removed \(path)\n")
    }
    Console.out("\(schemas.count) schema\(schemas.count == 1 ? "" : "s"), \(written) file\(written == 1 ? "" : "s") written.\n")
    return .success
}

/// The `.swift` files below a folder, relative to it.
func existingSwiftFiles(in directory: URL) -> [String] {
    let subpaths = (try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []
    return subpaths.filter { $0.hasSuffix(".swift") }.sorted()
}

func emit(_ arguments: ParsedArguments) throws -> ExitStatus {
    let schemaFile = URL(fileURLWithPath: try required(arguments, "schema", emitSpec))
    let relativePath = arguments.value("relative-path") ?? schemaFile.lastPathComponent
    let output = URL(fileURLWithPath: try required(arguments, "output", emitSpec))
    do {
        let schema = try SchemaReader.read(contentsOf: schemaFile, relativePath: relativePath)
        try writeIfChanged(SwiftEmitter.emit(schema), to: output)
        return .success
    } catch let error as SchemaErrors {
        return report(error)
    }
}

func catalog(_ arguments: ParsedArguments) throws -> ExitStatus {
    let output = URL(fileURLWithPath: try required(arguments, "output", catalogSpec))
    var entries: [SwiftEmitter.CatalogEntry] = []
    if let directory = arguments.value("schemas") {
        do {
            entries = try SchemaSet.read(directory: URL(fileURLWithPath: directory)).map(SwiftEmitter.CatalogEntry.init)
        } catch {
            return report(error)
        }
    }
    for model in arguments.values["model"] ?? [] {
        guard let equals = model.lastIndex(of: "="), Identifier.isTypeName(String(model[model.index(after: equals)...])) else {
            throw UsageError("--model takes <schema file>=<SwiftName>, not '\(model)'", command: catalogSpec.name)
        }
        entries.append(.init(file: String(model[..<equals]), swiftName: String(model[model.index(after: equals)...])))
    }
    try writeIfChanged(SwiftEmitter.emitCatalog(entries), to: output)
    return .success
}

func lint(_ arguments: ParsedArguments) throws -> ExitStatus {
    let schemasDirectory = URL(fileURLWithPath: try required(arguments, "schemas", lintSpec))
    do {
        let schemas = try SchemaSet.read(directory: schemasDirectory)
        Console.out("\(schemas.count) schema\(schemas.count == 1 ? "" : "s") valid.\n")
        return .success
    } catch {
        return report(error, wroteNothing: false)
    }
}

func main() async -> ExitStatus {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let command = arguments.first, command != "-h", command != "--help" else {
        Console.out(overview.help)
        return arguments.isEmpty ? .usage : .success
    }
    let table: [String: (CommandSpec, (ParsedArguments) throws -> ExitStatus)] = [
        "generate": (generateSpec, generate), "emit": (emitSpec, emit), "catalog": (catalogSpec, catalog), "lint": (lintSpec, lint),
    ]
    guard let (spec, run) = table[command] else {
        Console.error(UsageError("unknown command '\(command)'", command: "kling-bindgen").description + "\n")
        return .usage
    }
    return await spec.run(Array(arguments.dropFirst()), run)
}

exit((await main()).rawValue)
