import CommandLineKit
import DiagnosticText
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingPlatform
import KlingEmitter
import KlingSchema

// kling-bindgen: reads model schemas and writes Swift request types and validators.

/// The options, declared once: listed in the specs below and read back with the same constants.
enum Options {
    static let schemasFolder = ValueOption("schemas", value: "dir", help: "The schemas folder (every *.json below it except schema.json).")
    static let outputFolder = ValueOption("output", value: "dir", help: "The folder to write into; only files whose content changed are rewritten.")
    static let check = FlagOption("check", help: "Write nothing; exit 1 listing every stale, missing or extra file.")
    static let schemaFile = ValueOption("schema", value: "file", help: "The schema file.")
    static let relativePath = ValueOption("relative-path", value: "path", help: "The schema's path relative to its schemas folder, as generated code cites it.")
    static let outputFile = ValueOption("output", value: "file", help: "The Swift file to write (rewritten only when its content changes).")
    static let catalogSchemas = ValueOption("schemas", value: "dir", help: "Read the models from this schemas folder.")
    static let catalogModel = ValueOption(
        "model", value: "json", help: #"Or name each model: {"file": relative path, "id": model id, "swiftName": name} (repeatable)."#
    )
    static let lintSchemas = ValueOption("schemas", value: "dir", help: "The schemas folder.")
}

let generateSpec = CommandSpec(
    name: "kling-bindgen generate",
    abstract: "Write one Swift file per schema, and the model catalog, into a folder.",
    options: [Options.schemasFolder, Options.outputFolder, Options.check],
    discussion: "A schema with faults exits 1 with every diagnostic (file, JSON path, message) and writes nothing."
)

let emitSpec = CommandSpec(
    name: "kling-bindgen emit",
    abstract: "Write the Swift file of one schema (used by the build plugin, one command per schema).",
    options: [Options.schemaFile, Options.relativePath, Options.outputFile]
)

let catalogSpec = CommandSpec(
    name: "kling-bindgen catalog",
    abstract: "Check the set of models as a whole and write its catalog (KlingModels.swift).",
    options: [Options.catalogSchemas, Options.catalogModel, Options.outputFile]
)

let lintSpec = CommandSpec(
    name: "kling-bindgen lint",
    abstract: "Check every schema in a folder and print every diagnostic.",
    options: [Options.lintSchemas]
)

let overview = CommandSpec(
    name: "kling-bindgen",
    abstract: "Generate typed Swift request bindings and validators from Kling model schemas.",
    arguments: [.init("command", help: "generate, emit, catalog, lint or import")],
    discussion: """
        COMMANDS:
          generate    \(generateSpec.abstract)
          emit        \(emitSpec.abstract)
          catalog     \(catalogSpec.abstract)
          lint        \(lintSpec.abstract)
          import      \(importSpec.abstract)

        Run 'kling-bindgen <command> --help' for a command's options.
        """
)

/// Prints a lint result's findings; nil when there were only warnings (generation goes on), the
/// failure status when there was an error.
func report<Value>(_ result: LintResult<Value>, wroteNothing: Bool = true) -> ExitStatus? {
    if !result.diagnostics.isEmpty {
        // Findings quote schema text (names, values): escaped for the terminal.
        Console.error(result.diagnostics.map { TerminalText.escaped($0.line) }.joined(separator: "\n") + "\n")
    }
    guard result.diagnostics.containsError else { return nil }
    let errors = result.diagnostics.filter { $0.severity == .error }.count
    let count = "\(errors) problem\(errors == 1 ? "" : "s") found"
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
    let schemasDirectory = URL(fileURLWithPath: try arguments.required(Options.schemasFolder))
    let outputDirectory = URL(fileURLWithPath: try arguments.required(Options.outputFolder))
    let planned = Generator.plan(schemasIn: schemasDirectory)
    if let failure = report(planned) { return failure }
    guard let plan = planned.value else { return .failure }
    let files = plan.render()
    if arguments[Options.check] {
        var problems: [String] = []
        var diffs: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = outputDirectory.appendingPathComponent(path)
            guard let existing = try? Data(contentsOf: url) else {
                problems.append("missing: \(path)")
                continue
            }
            if existing != Data(text.utf8) {
                problems.append("stale: \(path)")
                if let diff = TextDiff.describe(old: String(decoding: existing, as: UTF8.self), new: text, path: path) { diffs.append(diff) }
            }
        }
        for path in existingSwiftFiles(in: outputDirectory) where files[path] == nil {
            problems.append("extra: \(path)")
        }
        if problems.isEmpty {
            Console.out("\(files.count) generated files are up to date.\n")
            return .success
        }
        Console.error(problems.joined(separator: "\n") + "\n")
        if !diffs.isEmpty { Console.error("\n" + diffs.joined(separator: "\n\n") + "\n\n") }
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
    let count = plan.requests.count
    Console.out("\(count) schema\(count == 1 ? "" : "s"), \(written) file\(written == 1 ? "" : "s") written.\n")
    return .success
}

/// The `.swift` files below a folder, relative to it.
func existingSwiftFiles(in directory: URL) -> [String] {
    let subpaths = (try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []
    return subpaths.filter { $0.hasSuffix(".swift") }.sorted()
}

func emit(_ arguments: ParsedArguments) throws -> ExitStatus {
    let schemaFile = URL(fileURLWithPath: try arguments.required(Options.schemaFile))
    let relativePath = arguments[Options.relativePath] ?? schemaFile.lastPathComponent
    let output = URL(fileURLWithPath: try arguments.required(Options.outputFile))
    let planned = Generator.plan(schemaAt: schemaFile, relativePath: relativePath)
    if let failure = report(planned) { return failure }
    guard let plan = planned.value else { return .failure }
    try writeIfChanged(plan.render(), to: output)
    return .success
}

func catalog(_ arguments: ParsedArguments) throws -> ExitStatus {
    let output = URL(fileURLWithPath: try arguments.required(Options.outputFile))
    var identities: [SchemaIdentity] = []
    if let directory = arguments[Options.catalogSchemas] {
        let schemas = Generator.lint(schemasIn: URL(fileURLWithPath: directory))
        if let failure = report(schemas) { return failure }
        identities = (schemas.value ?? []).map(\.identity)
    }
    for model in arguments.values(of: Options.catalogModel) {
        guard let identity = SchemaIdentity(json: model), Identifier.isTypeName(identity.swiftName) else {
            throw UsageError(#"--model takes {"file": …, "id": …, "swiftName": …}, not '\#(model)'"#, command: catalogSpec.name)
        }
        identities.append(identity)
    }
    let catalog = Generator.catalog(identities)
    if let failure = report(catalog) { return failure }
    guard let plan = catalog.value else { return .failure }
    try writeIfChanged(plan.render(), to: output)
    return .success
}

func lint(_ arguments: ParsedArguments) throws -> ExitStatus {
    let schemasDirectory = URL(fileURLWithPath: try arguments.required(Options.lintSchemas))
    let schemas = Generator.lint(schemasIn: schemasDirectory)
    if let failure = report(schemas, wroteNothing: false) { return failure }
    let count = schemas.value?.count ?? 0
    Console.out("\(count) schema\(count == 1 ? "" : "s") valid.\n")
    return .success
}

func main() async -> ExitStatus {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let command = arguments.first, command != "-h", command != "--help" else {
        Console.out(overview.help)
        return arguments.isEmpty ? .usage : .success
    }
    let table: [String: (CommandSpec, (ParsedArguments) throws -> ExitStatus)] = [
        "generate": (generateSpec, generate), "emit": (emitSpec, emit), "catalog": (catalogSpec, catalog), "lint": (lintSpec, lint),
        "import": (importSpec, runImport),
    ]
    guard let (spec, run) = table[command] else {
        Console.error(UsageError("unknown command '\(command)'", command: "kling-bindgen").description + "\n")
        return .usage
    }
    return await spec.run(Array(arguments.dropFirst()), run)
}

exit((await main()).rawValue)
