import Foundation

/// A value shared between the server's threads, reached only through a lock.
///
/// `@unchecked Sendable` is sound here: `value` is private and every read or write happens inside
/// `withLock`, under `lock`. (`Mutex` from Synchronization would say this to the compiler, but it
/// needs macOS 15 and the package supports macOS 13.)
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
