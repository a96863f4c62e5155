/// Adds up item counts for rules across parameters.
public enum ItemCount {
    /// The count, or nil when it is unknown (a malformed parameter).
    @inlinable
    public static func total(_ count: Int?) -> Int? { count }

    /// The sum, or nil when either count is unknown.
    @inlinable
    public static func total(_ first: Int?, _ second: Int?) -> Int? {
        guard let first, let second else { return nil }
        return first + second
    }

    /// The sum, or nil when any count is unknown.
    @inlinable
    public static func total(_ first: Int?, _ second: Int?, _ third: Int?) -> Int? {
        guard let first, let second, let third else { return nil }
        return first + second + third
    }

    /// The sum, or nil when any count is unknown (a malformed parameter).
    @inlinable
    public static func total(_ counts: Int?...) -> Int? {
        total(counts)
    }

    /// The sum of a list of counts, or nil when any is unknown.
    @inlinable
    public static func total(_ counts: [Int?]) -> Int? {
        var total = 0
        for count in counts {
            guard let count else { return nil }
            total += count
        }
        return total
    }
}
