/// A value shared between threads, reached only through a lock.
///
/// `@unchecked Sendable` is sound here: `value` is internal to this module and every read or write happens inside
/// ``withLock(_:)``, under the mutex. (`Mutex` from Synchronization would say this to the compiler,
/// but it needs macOS 15 and the package supports macOS 13.) Built on `pthread_mutex_t`, so it needs
/// no Foundation and the generator, which links FoundationEssentials only, can use it too.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline var value: Value

    /// A lock guarding `value`.
    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value, under the lock; `body` may change it. Inlinable, so callers in
    /// other modules get it specialized (the download path takes the lock once per received chunk).
    @inlinable
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
