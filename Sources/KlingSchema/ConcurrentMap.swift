import Dispatch

extension Array where Element: Sendable {
    /// `map` over every core: the results keep the order of the elements, so output built from them
    /// is as deterministic as a plain `map`. For independent, pure work on each element.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = SendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (results.buffer.baseAddress! + index).initialize(to: transform(self[index]))
            }
            initialized = count
        }
    }
}

/// A buffer whose distinct elements are written from several threads, each index by one thread.
private struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }
}
