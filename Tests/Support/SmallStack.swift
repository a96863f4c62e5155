import KlingPlatform

/// Runs code on a thread with a small stack, as secondary threads have on Apple platforms (512 KB),
/// to show that deeply nested input cannot exhaust it.
public enum SmallStack {
    /// The stack size of secondary threads on Apple platforms.
    public static let appleSecondaryThreadSize = 512 * 1024

    /// Runs `body` on a new thread with a stack of `size` bytes, waits for it to end and returns what
    /// it returned; nil when the thread could not be started. What `body` captures is released on the
    /// calling thread, after the small one has ended.
    public static func run<Value: Sendable>(size: Int = appleSecondaryThreadSize, _ body: @escaping @Sendable () -> Value) -> Value? {
        let result = Result<Value>()
        let work = Work { result.value = body() }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<Work>.fromOpaque(context!).takeUnretainedValue().run()
            return nil
        }, Unmanaged.passUnretained(work).toOpaque())
        guard started == 0 else { return nil }
        #if canImport(Darwin)
        pthread_join(thread!, nil)
        #else
        pthread_join(thread, nil)
        #endif
        return result.value
    }

    /// What the small thread runs.
    private final class Work: @unchecked Sendable {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    /// The value the small thread returned, read by the caller after joining it.
    private final class Result<Value>: @unchecked Sendable {
        var value: Value?
    }
}
