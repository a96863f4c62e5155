import Foundation
import KlingCore
import KlingSchema

/// kling-bindgen next to swift-openapi-generator on the same request bodies (every schema's): an OpenAPI
/// document made from the schemas, generated into types. Runs only where the generator's package
/// is available locally (it is built once into a cache folder).
enum OpenAPIBench {
    static let cache = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/kling-bench/openapi-generator")

    static func run() throws -> [Measurement] {
        let tool = try openAPIGenerator()
        let generator = try Paths.product("kling-bindgen")
        let schemas = Paths.packageRoot.appendingPathComponent("Schemas")
        let folder = try Paths.fresh("openapi")
        let document = folder.appendingPathComponent("openapi.json")
        try Data(try OpenAPIDocument.make(from: schemas).jsonText.utf8).write(to: document)
        let config = folder.appendingPathComponent("openapi-generator-config.yaml")
        try Data("generate:\n  - types\naccessModifier: public\n".utf8).write(to: config)
        let openAPIOutput = folder.appendingPathComponent("openapi-out")
        let openAPI = try Clock.medianSeconds(runs: 7, setup: {
            try? FileManager.default.removeItem(at: openAPIOutput)
            try FileManager.default.createDirectory(at: openAPIOutput, withIntermediateDirectories: true)
        }) {
            try Command.timed(tool, ["generate", document.path, "--config", config.path, "--output-directory", openAPIOutput.path])
        }
        let klingOutput = folder.appendingPathComponent("kling-out")
        let kling = try Clock.medianSeconds(runs: 7, setup: { try? FileManager.default.removeItem(at: klingOutput) }) {
            try Command.timed(generator, ["generate", "--schemas", schemas.path, "--output", klingOutput.path])
        }
        let bodies = try SchemaSet.schemaFiles(in: schemas).count
        let section = "Against swift-openapi-generator 1.14.3 (the same \(bodies) request bodies, median of 7)"
        return [
            Measurement(section: section, name: "swift-openapi-generator (types only)", value: openAPI * 1000, unit: "ms"),
            Measurement(section: section, name: "kling-bindgen (types, typed checks, schemas)", value: kling * 1000, unit: "ms",
                        baseline: ("swift-openapi-generator", openAPI * 1000)),
            Measurement(section: section, name: "speed-up", value: openAPI / kling, unit: "×", target: "≥ 20×", met: openAPI / kling >= 20),
        ]
    }

    /// The generator's executable, built from the machine's local copy of its package if needed.
    static func openAPIGenerator() throws -> URL {
        let executable = cache.appendingPathComponent(".build/release/swift-openapi-generator")
        if FileManager.default.isExecutableFile(atPath: executable.path) { return executable }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("""
            // swift-tools-version:6.1
            // Builds swift-openapi-generator for kling-bench's comparison.
            import PackageDescription
            let package = Package(
                name: "OpenAPIGeneratorBuild",
                dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")],
                targets: []
            )
            """.utf8).write(to: cache.appendingPathComponent("Package.swift"))
        FileHandle.standardError.write(Data("building swift-openapi-generator (once, several minutes)…\n".utf8))
        try Command.swift(["build", "-c", "release", "--product", "swift-openapi-generator"], in: cache)
        return executable
    }

    /// The folder holding the debug-built `OpenAPIRuntime` module (and `HTTPTypes`), which the
    /// generator's output imports; built once from the runtime's package, in a package of its own
    /// next to the generator's so that build is left as it is.
    static func openAPIRuntimeModules() throws -> URL {
        let package = cache.deletingLastPathComponent().appendingPathComponent("openapi-runtime")
        let modules = package.appendingPathComponent(".build/debug/Modules")
        if FileManager.default.fileExists(atPath: modules.appendingPathComponent("OpenAPIRuntime.swiftmodule").path) { return modules }
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try Data("""
            // swift-tools-version:6.1
            // Builds swift-openapi-runtime for kling-bench's comparison.
            import PackageDescription
            let package = Package(
                name: "OpenAPIRuntimeBuild",
                dependencies: [.package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4")],
                targets: []
            )
            """.utf8).write(to: package.appendingPathComponent("Package.swift"))
        FileHandle.standardError.write(Data("building swift-openapi-runtime (once, about a minute)…\n".utf8))
        try Command.swift(["build", "--target", "OpenAPIRuntime"], in: package)
        return modules
    }
}

/// An OpenAPI 3.1 document whose component schemas are the schemas' request bodies.
enum OpenAPIDocument {
    static func make(from directory: URL) throws -> JSONValue {
        let files = try SchemaSet.schemaFiles(in: directory)
        var components: [JSONObject.Member] = []
        for file in files {
            guard case .object(let schema) = try JSONParser.parse(Data(contentsOf: directory.appendingPathComponent(file))),
                  case .string(let name)? = schema["swiftName"], case .array(let parameters)? = schema["parameters"]
            else { continue }
            components.append(.init(key: name + "Request", value: object(fields: parameters)))
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Kling request bodies", "version": "1.0.0"],
            "paths": [:],
            "components": ["schemas": .object(JSONObject(components))],
        ]
    }

    /// A parameter list as a JSON Schema object.
    static func object(fields: [JSONValue]) -> JSONValue {
        var properties: [JSONObject.Member] = []
        var required: [JSONValue] = []
        for case .object(let field) in fields {
            guard case .string(let name)? = field["name"] else { continue }
            properties.append(.init(key: name, value: schema(of: field)))
            if field["required"] == .bool(true) { required.append(.string(name)) }
        }
        var members: [JSONObject.Member] = [.init(key: "type", value: "object"), .init(key: "properties", value: .object(JSONObject(properties)))]
        if !required.isEmpty { members.append(.init(key: "required", value: .array(required))) }
        return .object(JSONObject(members))
    }

    /// One value spec as a JSON Schema.
    static func schema(of spec: JSONObject) -> JSONValue {
        var members: [JSONObject.Member] = []
        func add(_ key: String, _ value: JSONValue?) { if let value { members.append(.init(key: key, value: value)) } }
        switch spec["type"] {
        case .string("array")?:
            add("type", "array")
            if case .object(let items)? = spec["items"] { add("items", schema(of: items)) }
        case .string("object")?:
            if case .array(let fields)? = spec["fields"] { return object(fields: fields) }
        case .string("integer")?: add("type", "integer")
        case .string("number")?: add("type", "number")
        case .string("boolean")?: add("type", "boolean")
        case .string("url")?:
            add("type", "string")
            add("format", "uri")
        default:
            add("type", "string")
        }
        if let constant = spec["const"] { add("enum", [constant]) }
        if case .array(let values)? = spec["values"], spec["valueSet"] != .string("inferred") {
            add("enum", .array(values.map { value in
                if case .object(let choice) = value { return choice["value"] ?? .null }
                return value
            }))
        }
        for key in ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "default", "description"] { add(key, spec[key]) }
        return .object(JSONObject(members))
    }
}
