// swift-tools-version:6.1
import PackageDescription

// Coverage-guided fuzz targets (libFuzzer, AddressSanitizer). Build and run them with `Scripts/fuzz`:
// it builds with `--toolset toolset.json`, which adds `-sanitize=fuzzer,address -parse-as-library` to
// this package's code and the library's, but not to the build tools (the bindgen plugin's generator).
// Each target defines `LLVMFuzzerTestOneInput` and a `<target>_main` that hands it to libFuzzer.
let package = Package(
    name: "KlingFuzz",
    dependencies: [.package(name: "KlingKit", path: "..")],
    targets: [
        .target(name: "FuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["FuzzerDriver"]),
        .executableTarget(name: "FuzzJSONParser", dependencies: ["FuzzSupport", .product(name: "KlingCore", package: "KlingKit")]),
        .executableTarget(name: "FuzzWireValidation", dependencies: ["FuzzSupport", .product(name: "KlingKit", package: "KlingKit")]),
        .executableTarget(name: "FuzzSchemaPipeline", dependencies: ["FuzzSupport", .product(name: "KlingSchemaTools", package: "KlingKit")]),
    ]
)
