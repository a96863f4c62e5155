import Dispatch
import Foundation

/// A delegate queue that runs each delegate call at once, on the thread that delivers it.
///
/// URLSession on Linux hands every received chunk (16 KiB) to the delegate queue and carries on
/// reading the socket; with an ordinary queue, chunks pile up in memory when the delegate falls
/// behind, and every chunk costs a thread hand-off. Running the call inline makes libcurl wait for
/// the delegate (so reading pauses, TCP flow control slows the sender, and memory stays at one chunk
/// plus the write buffer whatever the file size) and costs no hand-off. A lock keeps the calls
/// serial, as a delegate queue must.
///
/// The delegate must never wait for URLSession's own queue from inside a callback (for example by
/// calling `cancel()` synchronously), or the two would wait for each other.
final class InlineDelegateQueue: OperationQueue, @unchecked Sendable {
    // `@unchecked Sendable` like its superclass; the only added state is the lock, which is thread-safe.
    private let serial = NSLock()

    override init() {
        super.init()
        maxConcurrentOperationCount = 1
    }

    override func addOperation(_ block: @escaping @Sendable () -> Void) {
        serial.lock()
        defer { serial.unlock() }
        block()
    }
}
