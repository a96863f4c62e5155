/// One side of a rule: a parameter that is sent, or one whose effective value is a given value.
/// Its words are built only when an issue is reported.
public struct RuleCondition: Sendable {
    /// Whether the condition holds, or nil when a malformed value makes it unknowable.
    public var holds: Bool?
    /// The parameter the condition is about (where an issue is reported).
    public var parameter: String
    /// The compared value as JSON text, or nil for "is sent" and "is not sent".
    public var valueText: String?
    /// Whether the condition is "is not sent" (when `valueText` is nil).
    public var isNotSent: Bool

    /// Creates a condition from whether it holds, the parameter it is about and the compared value.
    @inlinable
    public init(holds: Bool?, parameter: String, valueText: String?, isNotSent: Bool = false) {
        self.holds = holds
        self.parameter = parameter
        self.valueText = valueText
        self.isNotSent = isNotSent
    }

    /// The condition in words: "`referenceVideo` is sent", "`startImage` is not sent", "`mode` is \"4k\"".
    public var text: String {
        "`\(parameter)` is " + (valueText ?? (isNotSent ? "not sent" : "sent"))
    }

    /// The condition "`name` is sent", on a typed request: it holds when the value is not nil.
    @inlinable
    public static func sent<Value>(_ value: Value?, _ name: String) -> RuleCondition {
        RuleCondition(holds: value != nil, parameter: name, valueText: nil)
    }

    /// The condition "`name` is not sent", on a typed request: it holds when the value is nil.
    @inlinable
    public static func notSent<Value>(_ value: Value?, _ name: String) -> RuleCondition {
        RuleCondition(holds: value == nil, parameter: name, valueText: nil, isNotSent: true)
    }

    /// "`name` is value", on a typed request, comparing the effective value (the default when nil).
    @inlinable
    public static func equals<Value: Equatable>(_ value: Value?, _ name: String, _ expected: Value, default defaultValue: Value?, valueText: String) -> RuleCondition {
        RuleCondition(holds: (value ?? defaultValue).map { $0 == expected }, parameter: name, valueText: valueText)
    }
}
