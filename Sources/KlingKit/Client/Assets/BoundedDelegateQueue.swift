import Dispatch
import Foundation

/// A serial delegate queue that makes URLSession wait when the delegate falls behind.
///
/// URLSession on Linux hands every received chunk (16 KiB) to the delegate queue with
/// `addOperation(_:)` and carries on reading the socket; if the delegate is slower (a busy disk, a
/// loaded machine), chunks pile up in memory without bound. Here `addOperation(_:)` blocks the
/// caller (libcurl's thread) while `limit` operations are pending, so reading pauses, TCP flow
/// control slows the sender, and memory stays at about `limit` chunks whatever the file size.
///
/// The delegate must never wait for URLSession's own queue from inside a callback (for example by
/// calling `cancel()` synchronously), or the two would wait for each other.
final class BoundedDelegateQueue: OperationQueue, @unchecked Sendable {
    // `@unchecked Sendable` like its superclass; the only added state is the semaphore, which is thread-safe.
    private let slots: DispatchSemaphore

    init(limit: Int) {
        slots = DispatchSemaphore(value: max(1, limit))
        super.init()
        maxConcurrentOperationCount = 1
    }

    override func addOperation(_ block: @escaping @Sendable () -> Void) {
        slots.wait()
        super.addOperation { [slots] in
            block()
            slots.signal()
        }
    }
}
