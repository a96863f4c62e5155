// swift-tools-version:6.1
// A package that uses KlingKit as an app would: it applies the build plugin to its own `Schemas/`
// folder and uses the generated types. The test suite builds it and runs `consumer-check`.
import Foundation
import PackageDescription

/// The KlingKit checkout three folders up; its package identity is the folder's name.
let kitRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL
let kit = kitRoot.lastPathComponent

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: kitRoot.path)],
    targets: [
        .target(
            name: "Bindings",
            dependencies: [.product(name: "KlingCore", package: kit)],
            exclude: ["Schemas"],
            plugins: [.plugin(name: "KlingBindgenPlugin", package: kit)]
        ),
        .executableTarget(name: "consumer-check", dependencies: ["Bindings"]),
    ]
)
