/// Writes every byte of a buffer through a `write`-like call, which may write fewer bytes than asked:
/// calls it again for the rest, and again after an interruption (`EINTR`).
/// - Parameter write: writes up to `count` bytes from `pointer` and returns how many it wrote, or a
///   negative number with `errno` set (`write(2)`, `send(2)`).
/// - Returns: false when a call failed or wrote nothing (the peer went away, the disk is full).
public func writeAll(_ bytes: UnsafeRawBufferPointer, _ write: (_ pointer: UnsafeRawPointer, _ count: Int) -> Int) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
        let count = write(base + offset, bytes.count - offset)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return false }
        offset += count
    }
    return true
}

/// Writes every byte of a buffer to a file descriptor with `write(2)` (see ``writeAll(_:_:)``).
public func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
    writeAll(bytes) { write(descriptor, $0, $1) }
}
