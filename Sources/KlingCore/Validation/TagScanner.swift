/// Finds `prefix<digits>suffix` references in text without allocating.
public enum TagScanner {
    /// The numbers of the references, in order.
    public static func numbers(in text: String, prefix: StaticString, suffix: StaticString) -> [Int] {
        var numbers: [Int] = []
        forEachNumber(in: text, prefix: prefix, suffix: suffix) { numbers.append($0) }
        return numbers
    }

    /// Calls `body` with the number of each reference, in order.
    @inlinable
    public static func forEachNumber(in text: String, prefix: StaticString, suffix: StaticString, _ body: (Int) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            scan(bytes, prefix: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount),
                 suffix: UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount), body)
        }
    }

    @usableFromInline
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, prefix: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let first = prefix.first, bytes.count >= prefix.count else { return }
        var index = 0
        let last = bytes.count - prefix.count
        while index <= last {
            guard bytes[index] == first, matches(bytes, at: index, prefix) else {
                index += 1
                continue
            }
            var cursor = index + prefix.count
            var number = 0
            var digits = 0
            while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, digits < 9 {
                number = number * 10 + Int(bytes[cursor] - 0x30)
                cursor += 1
                digits += 1
            }
            if digits > 0, suffix.isEmpty || matches(bytes, at: cursor, suffix) {
                body(number)
                index = cursor + suffix.count
            } else {
                index += 1
            }
        }
    }

    @usableFromInline
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[start + offset] != pattern[offset] { return false }
        return true
    }
}
