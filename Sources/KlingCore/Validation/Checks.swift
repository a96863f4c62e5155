import Foundation

// The checks generated validators call. Each takes a value that was read successfully and the
// path to report at; paths are autoclosures so a valid request builds no strings.

// MARK: - Single values

extension IssueList {
    /// String length limits, counted in Unicode scalars (code points), as JSON Schema counts them.
    @inlinable
    public mutating func checkLength(_ string: String, min: Int? = nil, max: Int? = nil, at path: @autoclosure () -> String) {
        // A string's UTF-8 length bounds its scalar count from above, so short strings need no count.
        let utf8Count = string.utf8.count
        if let max, utf8Count > max {
            let count = string.unicodeScalars.count
            if count > max {
                error(.tooLong, at: path(), "\(IssuePath.quoted(path())) is \(count) characters long; the maximum is \(max)")
            }
        }
        if let min, min > 0, utf8Count < min * 4 {
            let count = string.unicodeScalars.count
            if count < min {
                error(.tooShort, at: path(), "\(IssuePath.quoted(path())) is \(count) characters long; the minimum is \(min)")
            }
        }
    }

    /// Inclusive numeric bounds.
    @inlinable
    public mutating func checkBounds<Number: BinaryInteger>(_ value: Number, min: Number? = nil, max: Number? = nil, at path: @autoclosure () -> String) {
        if let min, value < min {
            error(.belowMinimum, at: path(), "\(IssuePath.quoted(path())) is \(value); the minimum is \(min)")
        }
        if let max, value > max {
            error(.aboveMaximum, at: path(), "\(IssuePath.quoted(path())) is \(value); the maximum is \(max)")
        }
    }

    /// Inclusive numeric bounds.
    @inlinable
    public mutating func checkBounds(_ value: Double, min: Double? = nil, max: Double? = nil, at path: @autoclosure () -> String) {
        if let min, !(value >= min) {
            error(.belowMinimum, at: path(), "\(IssuePath.quoted(path())) is \(JSONValue.format(value)); the minimum is \(JSONValue.format(min))")
        }
        if let max, !(value <= max) {
            error(.aboveMaximum, at: path(), "\(IssuePath.quoted(path())) is \(JSONValue.format(value)); the maximum is \(JSONValue.format(max))")
        }
    }

    /// Inclusive numeric bounds given as a range.
    @inlinable
    public mutating func checkBounds<Number: BinaryInteger>(_ value: Number, in range: ClosedRange<Number>, at path: @autoclosure () -> String) {
        checkBounds(value, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// Inclusive numeric bounds given as a range.
    @inlinable
    public mutating func checkBounds(_ value: Double, in range: ClosedRange<Double>, at path: @autoclosure () -> String) {
        checkBounds(value, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// String length limits given as a range.
    @inlinable
    public mutating func checkLength(_ string: String, in range: ClosedRange<Int>, at path: @autoclosure () -> String) {
        checkLength(string, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// Item count limits given as a range.
    @inlinable
    public mutating func checkCount(_ count: Int, in range: ClosedRange<Int>, at path: @autoclosure () -> String) {
        checkCount(count, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// Item count limits of an array.
    @inlinable
    public mutating func checkCount(_ count: Int, min: Int? = nil, max: Int? = nil, at path: @autoclosure () -> String) {
        if let min, count < min {
            error(.tooFewItems, at: path(), "\(IssuePath.quoted(path())) has \(count) item\(count == 1 ? "" : "s"); at least \(min) \(min == 1 ? "is" : "are") required")
        }
        if let max, count > max {
            error(.tooManyItems, at: path(), "\(IssuePath.quoted(path())) has \(count) items; at most \(max) \(max == 1 ? "is" : "are") allowed")
        }
    }

    /// A choice outside its known values: an error when the provider documents them, a warning when
    /// the schema inferred them.
    @inlinable
    public mutating func checkChoice<Choice: OpenStringChoice>(_ choice: Choice, at path: @autoclosure () -> String) {
        guard !choice.isKnown else { return }
        let known = Choice.knownValues.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        switch Choice.valueSet {
        case .documented:
            error(.notAllowed, at: path(), "\(IssuePath.quoted(path())) is \"\(choice.rawValue)\"; allowed values: \(known)")
        case .inferred:
            warning(.unknownValue, at: path(), "\(IssuePath.quoted(path())) is \"\(choice.rawValue)\", which is not among the values seen for it (\(known)); the provider does not publish the list")
        }
    }

    /// A fixed parameter (the AI/ML API's `model`) must carry its one value.
    public mutating func checkConstant(_ value: String, _ expected: String, at path: @autoclosure () -> String) {
        if value != expected {
            error(.constantMismatch, at: path(), "\(IssuePath.quoted(path())) must be \"\(expected)\" for this model, not \"\(value)\"")
        }
    }

    /// An asset id must not be empty.
    @inlinable
    public mutating func checkAssetID(_ id: String, at path: @autoclosure () -> String) {
        if id.isEmpty {
            error(.emptyAssetID, at: path(), "\(IssuePath.quoted(path())) is an empty asset id; upload the file first and pass the id the provider returned")
        }
    }

    /// A URL the provider fetches must be absolute http(s).
    public mutating func checkWebURL(_ url: URL, at path: @autoclosure () -> String) {
        let scheme = url.scheme?.lowercased()
        if scheme != "http" && scheme != "https" || url.host == nil || url.host?.isEmpty == true {
            error(.invalidURL, at: path(), "\(IssuePath.quoted(path())) must be an absolute http or https URL the provider can fetch, not \"\(url.absoluteString)\"")
        }
    }
}

// MARK: - Rules between parameters

/// One side of a rule: a parameter that is sent, or one whose effective value is a given value.
/// Its words are built only when an issue is reported.
public struct RuleCondition: Sendable {
    /// Whether the condition holds, or nil when a malformed value makes it unknowable.
    public var holds: Bool?
    /// The parameter the condition is about (where an issue is reported).
    public var parameter: String
    /// The compared value as JSON text, or nil for "is sent".
    public var valueText: String?

    @inlinable
    public init(holds: Bool?, parameter: String, valueText: String?) {
        self.holds = holds
        self.parameter = parameter
        self.valueText = valueText
    }

    /// The condition in words: "`referenceVideo` is sent", "`mode` is \"4k\"".
    public var text: String {
        "`\(parameter)` is " + (valueText ?? "sent")
    }

    /// "`name` is sent".
    @inlinable
    public static func sent<Value>(_ field: Field<Value>, _ name: String) -> RuleCondition {
        RuleCondition(holds: field.isSent, parameter: name, valueText: nil)
    }

    /// "`name` is value", comparing the effective value (the default when absent).
    @inlinable
    public static func equals<Value: Equatable>(_ field: Field<Value>, _ name: String, _ value: Value, default defaultValue: Value?, valueText: String) -> RuleCondition {
        RuleCondition(holds: field.effectiveValue(default: defaultValue).map { $0 == value }, parameter: name, valueText: valueText)
    }
}

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
        var total = 0
        for count in counts {
            guard let count else { return nil }
            total += count
        }
        return total
    }
}

extension IssueList {
    /// `dependent` may only be sent together with `dependency`.
    @inlinable
    public mutating func checkRequires(_ dependentSent: Bool, _ dependent: String, requires dependencySent: Bool, _ dependency: String, in parent: @autoclosure () -> String = "") {
        if dependentSent && !dependencySent {
            let path = IssuePath.member(dependent, of: parent())
            error(.missingDependency, at: path, "`\(dependent)` requires `\(dependency)`, which is not sent")
        }
    }

    /// The two conditions must not hold at once.
    @inlinable
    public mutating func checkMutuallyExclusive(_ first: RuleCondition, _ second: RuleCondition, in parent: @autoclosure () -> String = "") {
        guard first.holds == true, second.holds == true else { return }
        error(.mutuallyExclusive, at: IssuePath.member(second.parameter, of: parent()), "these cannot be combined: \(first.text) and \(second.text)")
    }

    /// The conditions must not all hold at once.
    public mutating func checkMutuallyExclusive(_ conditions: RuleCondition..., in parent: @autoclosure () -> String = "") {
        guard conditions.allSatisfy({ $0.holds == true }) else { return }
        let path = IssuePath.member(conditions.last!.parameter, of: parent())
        error(.mutuallyExclusive, at: path, "these cannot be combined: " + conditions.map(\.text).joined(separator: " and "))
    }

    /// Exactly one of the parameters must be sent.
    public mutating func checkExactlyOne(of sent: (name: String, isSent: Bool)..., in parent: @autoclosure () -> String = "") {
        let sentNames = sent.filter(\.isSent).map(\.name)
        guard sentNames.count != 1 else { return }
        let all = sent.map { "`\($0.name)`" }.joined(separator: " or ")
        if sentNames.isEmpty {
            error(.exactlyOneOf, at: parent(), "send exactly one of \(all); neither is sent")
        } else {
            let path = IssuePath.member(sentNames.last!, of: parent())
            error(.exactlyOneOf, at: path, "send exactly one of \(all), not both")
        }
    }

    /// The items of one parameter must not exceed `max` while `condition` holds.
    @inlinable
    public mutating func checkTotalItems(_ counts: (name: String, count: Int?), max: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        guard condition.map({ $0.holds == true }) ?? true, let count = counts.count, count > max else { return }
        reportTotalItems([counts], total: count, max: max, when: condition, in: parent())
    }

    /// The items of two parameters together must not exceed `max` while `condition` holds.
    @inlinable
    public mutating func checkTotalItems(_ first: (name: String, count: Int?), _ second: (name: String, count: Int?), max: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        guard condition.map({ $0.holds == true }) ?? true, let a = first.count, let b = second.count, a + b > max else { return }
        reportTotalItems([first, second], total: a + b, max: max, when: condition, in: parent())
    }

    /// The items of several parameters together must not exceed `max` (while `condition` holds).
    public mutating func checkTotalItems(_ counts: (name: String, count: Int?)..., max: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        if let condition, condition.holds != true { return }
        var total = 0
        for entry in counts {
            guard let count = entry.count else { return }
            total += count
        }
        guard total > max else { return }
        reportTotalItems(counts, total: total, max: max, when: condition, in: parent())
    }

    @usableFromInline
    mutating func reportTotalItems(_ counts: [(name: String, count: Int?)], total: Int, max: Int, when condition: RuleCondition?, in parent: String) {
        let names = counts.map { "`\($0.name)`" }.joined(separator: " + ")
        let path = IssuePath.member(counts.last { ($0.count ?? 0) > 0 }?.name ?? counts[0].name, of: parent)
        var message = counts.count == 1 ? "\(names) has \(total) items; at most \(max)" : "\(names) add up to \(total) items; at most \(max)"
        message += condition.map { " are allowed when \($0.text)" } ?? " are allowed"
        error(.tooManyTotalItems, at: path, message)
    }

    /// The items' values must add up to `total` (the target's effective value, default included).
    public mutating func checkSum<Item>(
        of items: [Item], _ part: (Item) -> Double?, equals total: Double?, totalIsDefault: Bool,
        itemsName: String, partName: String, totalName: String, in parent: @autoclosure () -> String = ""
    ) {
        guard let total else { return }
        var sum = 0.0
        for item in items {
            guard let value = part(item) else { return }
            sum += value
        }
        guard abs(sum - total) > 1e-9 else { return }
        let totalText = JSONValue.format(total) + (totalIsDefault ? " (its default, as it is not sent)" : "")
        error(.sumMismatch, at: IssuePath.member(itemsName, of: parent()), "the `\(partName)` values of `\(itemsName)` add up to \(JSONValue.format(sum)), but `\(totalName)` is \(totalText); they must be equal")
    }

    /// A parameter the provider ignores in this situation: a warning.
    @inlinable
    public mutating func checkIgnored(_ sent: Bool, _ name: String, when condition: RuleCondition, in parent: @autoclosure () -> String = "") {
        if sent && condition.holds == true {
            warning(.ignored, at: IssuePath.member(name, of: parent()), "`\(name)` is ignored when \(condition.text)")
        }
    }

    /// Numbered references in a prompt (`@Element2`, `<<<image_1>>>`) must name supplied items:
    /// each number from 1 up to `available`.
    @inlinable
    public mutating func checkReferences(
        in text: String, prefix: StaticString, suffix: StaticString, available: Int?, itemsDescription: String,
        at path: @autoclosure () -> String
    ) {
        guard let available else { return }
        TagScanner.forEachNumber(in: text, prefix: prefix, suffix: suffix) { number in
            guard number < 1 || number > available else { return }
            let tag = "\(prefix)\(number)\(suffix)"
            let supplied = available == 0 ? "none are supplied" : "only \(available) \(available == 1 ? "is" : "are") supplied"
            error(.unresolvedReference, at: path(), "\(IssuePath.quoted(path())) refers to \(tag), but \(supplied) (\(itemsDescription))")
        }
    }
}

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
