/// A parameter as a validator sees it: not sent, sent but malformed, or sent with a usable value.
///
/// Validators run over fields rather than over the typed request so that one set of checks serves
/// both the typed API and raw wire JSON: a malformed value has already been reported once, and the
/// rules that depend on it are skipped instead of piling up follow-on errors.
public enum Field<Value> {
    /// The request does not contain the parameter.
    case absent
    /// The request contains the parameter but its value could not be read (already reported).
    case invalid
    /// The request contains the parameter with this value.
    case present(Value)

    /// `.present(value)` for a value, `.absent` for nil.
    @inlinable
    public init(_ value: Value?) {
        if let value { self = .present(value) } else { self = .absent }
    }

    /// The value if it was sent and well-formed.
    @inlinable
    public var value: Value? {
        if case .present(let value) = self { return value }
        return nil
    }

    /// Whether the request contains the parameter at all (well-formed or not).
    @inlinable
    public var isSent: Bool {
        if case .absent = self { return false }
        return true
    }

    /// The value the provider will use: the sent value, or the documented default when absent.
    /// Nil when the sent value is malformed (rules that need it are skipped).
    @inlinable
    public func effectiveValue(default defaultValue: Value?) -> Value? {
        switch self {
        case .absent: return defaultValue
        case .invalid: return nil
        case .present(let value): return value
        }
    }
}

extension Field: Sendable where Value: Sendable {}
extension Field: Equatable where Value: Equatable {}

extension Field {
    /// How many items a single-valued parameter contributes to a count across parameters: one when
    /// sent, zero when absent, nil when malformed.
    @inlinable
    public var singleItemCount: Int? {
        switch self {
        case .absent: return 0
        case .invalid: return nil
        case .present: return 1
        }
    }
}

extension Field where Value: Collection {
    /// How many items an array parameter contributes to a count across parameters: its length,
    /// zero when absent, nil when malformed.
    @inlinable
    public var itemCount: Int? {
        switch self {
        case .absent: return 0
        case .invalid: return nil
        case .present(let value): return value.count
        }
    }
}
