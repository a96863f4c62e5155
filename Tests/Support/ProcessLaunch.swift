import Foundation
import KlingPlatform

/// Starts the tests' child processes one at a time. Every test target runs in one process, and
/// Foundation's `Process.run()` on Linux crashed when tests of several suites launched children at
/// the same moment (a fault inside `Process.run()`); serialized, each launch is whole.
public enum ProcessLaunch {
    private static let lock = Locked(())

    /// Runs `process.run()` while no other test launches a process.
    public static func start(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
