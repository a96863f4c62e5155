import Foundation

/// Lets at most `limit` holders in at a time, first come first served; the limit can be lowered
/// while holders are in (they finish, and no one new enters until the count is below it).
/// A waiter whose task is cancelled leaves the queue at once.
actor ConcurrencyGate {
    private(set) var limit: Int
    private var held = 0
    private var waiters: [(ticket: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextTicket = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Waits for a slot; false when the task was cancelled first (no slot is held then).
    func acquire() async -> Bool {
        if Task.isCancelled { return false }
        if held < limit && waiters.isEmpty {
            held += 1
            return true
        }
        nextTicket += 1
        let ticket = nextTicket
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: false)
                } else {
                    waiters.append((ticket, continuation))
                }
            }
        } onCancel: {
            Task { await self.leave(ticket) }
        }
    }

    /// Gives a slot back.
    func release() {
        held -= 1
        admit()
    }

    /// Lowers the limit (never raises it); true when it changed.
    func lower(to newLimit: Int) -> Bool {
        let bounded = max(1, newLimit)
        guard bounded < limit else { return false }
        limit = bounded
        return true
    }

    private func leave(_ ticket: Int) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }

    private func admit() {
        while held < limit, !waiters.isEmpty {
            held += 1
            waiters.removeFirst().continuation.resume(returning: true)
        }
    }
}
