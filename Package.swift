// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "KlingKit",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        /// What an app imports: the request types for every model in `Schemas/` and the job client.
        .library(name: "KlingKit", targets: ["KlingKit"]),
        /// The validation core that generated request types build on (for packages that apply the plugin).
        .library(name: "KlingCore", targets: ["KlingCore"]),
        /// The schema reader, linter and Swift emitter behind `kling-bindgen`, for tools (the fuzz package
        /// in `Fuzz/`). Not a stable API: apps use `KlingKit`.
        .library(name: "KlingSchemaTools", targets: ["KlingSchema", "KlingEmitter"]),
        .executable(name: "kling", targets: ["kling"]),
        .executable(name: "kling-bindgen", targets: ["kling-bindgen"]),
        /// Generates request types from the `Schemas/` folder of the target it is applied to.
        .plugin(name: "KlingBindgenPlugin", targets: ["KlingBindgenPlugin"]),
        /// `swift package generate-kling-bindings`: refreshes the checked-in `Generated/` folder.
        .plugin(name: "GenerateKlingBindings", targets: ["GenerateKlingBindings"]),
    ],
    targets: [
        // Did-you-mean suggestions and terminal-safe text, shared by the runtime, the generator and both CLIs.
        .target(name: "DiagnosticText"),
        // The platform's C library, a lock and the write loop, shared by every module that makes
        // system calls (no Foundation, so the generator can use it too).
        .target(name: "KlingPlatform"),

        // Runtime: validation core, generated request types, job client.
        .target(name: "KlingJSON", dependencies: ["DiagnosticText"]),
        .target(name: "KlingCore", dependencies: ["KlingJSON", "DiagnosticText", "KlingSchema"]),
        .target(
            name: "KlingKit",
            dependencies: ["KlingCore", "DiagnosticText", "KlingPlatform"],
            plugins: ["KlingBindgenPlugin"]
        ),

        // Generator: schema model and linter, Swift emitter, and the CLI over them.
        .target(name: "KlingSchema", dependencies: ["KlingJSON", "DiagnosticText"]),
        .target(name: "KlingEmitter", dependencies: ["KlingSchema"]),
        // Importers: provider snapshots → base schemas (`kling-bindgen import`).
        .target(name: "KlingImport", dependencies: ["KlingJSON"]),
        .target(name: "CommandLineKit", dependencies: ["DiagnosticText", "KlingPlatform"]),
        .executableTarget(
            name: "kling-bindgen",
            dependencies: ["KlingSchema", "KlingEmitter", "KlingImport", "CommandLineKit", "DiagnosticText", "KlingPlatform"]
        ),

        // A local server that speaks both providers' protocols, with injectable faults (tests, benchmarks).
        .target(name: "KlingProviderServer", dependencies: ["KlingPlatform"]),
        .executableTarget(name: "kling-provider-server", dependencies: ["KlingProviderServer"]),

        // The user's command-line tool.
        .executableTarget(name: "kling", dependencies: ["KlingKit", "KlingPlatform", "CommandLineKit", "DiagnosticText"]),

        // Benchmarks: `swift run -c release kling-bench`.
        .executableTarget(name: "kling-bench", dependencies: ["KlingKit", "KlingProviderServer", "KlingImport", "KlingSchema", "KlingPlatform"]),
        .executableTarget(name: "kling-bench-floor"),

        // Plugins.
        .plugin(
            name: "KlingBindgenPlugin",
            capability: .buildTool(),
            dependencies: ["kling-bindgen"]
        ),
        .plugin(
            name: "GenerateKlingBindings",
            capability: .command(
                intent: .custom(
                    verb: "generate-kling-bindings",
                    description: "Regenerate Generated/ from Schemas/"
                ),
                permissions: [
                    .writeToPackageDirectory(reason: "Writes the generated request types into Generated/")
                ]
            ),
            dependencies: ["kling-bindgen"]
        ),

        // Tests.
        // What several test targets share (not a product).
        .target(name: "KlingTestSupport", dependencies: ["KlingPlatform"], path: "Tests/Support"),
        .testTarget(name: "KlingCoreTests", dependencies: ["KlingCore", "DiagnosticText", "KlingTestSupport"]),
        .testTarget(name: "KlingSchemaTests", dependencies: ["KlingSchema", "KlingTestSupport"], exclude: ["Corpus"]),
        .testTarget(name: "KlingImportTests", dependencies: ["KlingImport", "KlingJSON", "KlingSchema", "KlingTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "KlingEmitterTests", dependencies: ["KlingJSON", "KlingSchema", "KlingEmitter", "KlingTestSupport"]),
        .testTarget(name: "KlingKitTests", dependencies: ["KlingKit"]),
        // Every model of the catalogue, its schema read independently of the generated code.
        .testTarget(name: "KlingCatalogueTests", dependencies: ["KlingKit", "KlingSchema", "KlingJSON", "KlingProviderServer"]),
        .testTarget(name: "CommandLineTests", dependencies: ["KlingJSON", "CommandLineKit", "KlingTestSupport"]),
        .testTarget(name: "KlingClientTests", dependencies: ["KlingKit", "KlingProviderServer", "KlingPlatform", "KlingTestSupport"]),
        .testTarget(name: "KlingBatchTests", dependencies: ["KlingKit", "KlingProviderServer", "KlingPlatform", "KlingTestSupport"]),
    ]
)
