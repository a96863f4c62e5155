import Foundation
import KlingPlatform

/// One benchmark figure, with the baseline it is compared to and the target it is held against.
struct Measurement {
    var section: String
    var name: String
    var value: Double
    var unit: String
    /// What the value is compared with, measured in the same run.
    var baseline: (name: String, value: Double)?
    var target: String?
    var met: Bool?

    var ratio: Double? { baseline.map { value / $0.value } }
}

/// Timing helpers. Wall times are medians of several runs; the machine is shared and noisy, so
/// figures are reported as ratios to a baseline measured in the same run.
enum Clock {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The median wall time of `runs` runs of `body`, after one warm-up run; `setup` runs before
    /// each, untimed.
    static func medianSeconds(runs: Int, setup: () throws -> Void = {}, _ body: () throws -> Void) rethrows -> Double {
        try setup()
        try body()
        var times: [Double] = []
        for _ in 0..<runs {
            try setup()
            times.append(try seconds(body))
        }
        return median(times)
    }

    /// Calls `body` repeatedly for about `duration` seconds; returns calls per second.
    static func rate(for duration: Double = 1.0, batch: Int = 1000, _ body: () -> Void) -> Double {
        var calls = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            for _ in 0..<batch { body() }
            calls += batch
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < duration
        return Double(calls) / elapsed
    }
}

/// Runs a command and waits for it.
enum Command {
    struct Failed: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String { "\(command) exited with \(status):\n\(output.suffix(2000))" }
    }

    @discardableResult
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failed(command: ([executable.lastPathComponent] + arguments).joined(separator: " "), status: process.terminationStatus, output: output)
        }
        return output
    }

    @discardableResult
    static func swift(_ arguments: [String], in directory: URL? = nil) throws -> String {
        try run(URL(fileURLWithPath: "/usr/bin/env"), ["swift"] + arguments, in: directory)
    }

    /// Runs a command for timing: spawned directly (`posix_spawn`, output to /dev/null, `wait4`), so
    /// the figure is the program's and not Foundation's process plumbing (about 50 ms per run here).
    static func timed(_ executable: URL, _ arguments: [String]) throws {
        let outcome = try ChildProcess.measure(executable.path, arguments, environment: ProcessInfo.processInfo.environment)
        guard outcome.status == 0 else {
            throw Failed(command: ([executable.lastPathComponent] + arguments).joined(separator: " "), status: outcome.status, output: "")
        }
    }
}

/// Where things are: the package, and the products built next to this executable.
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    static let work = FileManager.default.temporaryDirectory.appendingPathComponent("kling-bench-\(ProcessInfo.processInfo.processIdentifier)")

    /// A product built in the same configuration as this executable, built first if missing.
    /// The products built (brought up to date) by this run.
    private static let builtProducts = Locked(Set<String>())

    /// A product of this package in the configuration kling-bench runs in, built once per run so a
    /// binary from an older checkout is never measured.
    static func product(_ name: String) throws -> URL {
        let url = products.appendingPathComponent(name)
        if builtProducts.withLock({ !$0.contains(name) }) {
            let configuration = products.lastPathComponent.contains("release") ? "release" : "debug"
            try Command.swift(["build", "-c", configuration, "--product", name], in: packageRoot)
            builtProducts.withLock { _ = $0.insert(name) }
        }
        return url
    }

    static func fresh(_ name: String) throws -> URL {
        let url = work.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
