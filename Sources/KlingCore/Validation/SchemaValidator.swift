import Foundation
internal import KlingSchema

/// Validates request bodies against one model's schema: the checks and messages of `validate(wire:)`.
///
/// The schema is turned once into a ``ScopeChecker`` per scope (the request, and the fields of each
/// object parameter) with everything looked up ahead: member indices, limits, rule operands. A
/// validation then reads the body member by member into ``WireField``s and runs the checks, with
/// the check functions of this module, so it reports exactly what a request type's own validator
/// reports, in the same order: reading issues in member order, missing required members in
/// parameter order, value checks in parameter order, then the rules in schema order.
final class SchemaValidator: Sendable {
    private let root: ScopeChecker

    /// Prepares the checks of one model's schema.
    init(schema: ModelSchema) {
        root = ScopeChecker(fields: schema.parameters, rules: schema.rules)
    }

    /// Every issue in a request body as it would go on the wire; an empty report for a valid one.
    func validate(wire: JSONValue) -> ValidationReport {
        var issues = IssueList()
        if let object = issues.requireObject(wire, at: "") {
            let fields = root.read(object, at: "", into: &issues)
            root.check(fields, into: &issues, at: "")
        }
        return issues.report
    }
}

/// A parameter as the validator read it from the wire: not sent, sent but malformed (already
/// reported), or sent with a usable value.
enum WireField: Sendable {
    case absent
    case invalid
    case present(ReadValue)

    /// Whether the body contains the parameter at all (well-formed or not).
    var isSent: Bool {
        if case .absent = self { return false }
        return true
    }

    /// How many items a parameter contributes to a count across parameters: a collection's items
    /// (`isCollection`) or one for a single value; zero when absent, nil when malformed.
    func itemCount(isCollection: Bool) -> Int? {
        switch self {
        case .absent: return 0
        case .invalid: return nil
        case .present(let value): return isCollection ? value.itemCount : 1
        }
    }
}

/// A usable value read from the wire, in the form its checks need.
enum ReadValue: Sendable {
    /// The value as it arrived (for embedded JSON, as its text parses): a scalar, or an array or
    /// one-or-many value of scalars.
    case json(JSONValue)
    /// A URL, read once.
    case url(URL)
    /// An object's fields, in its schema's order.
    case object([WireField])
    /// The items of an array or one-or-many value whose items are objects or URLs; `isOne` for a
    /// one-or-many value sent as a single value.
    case items([ReadValue], isOne: Bool)

    /// How many items an array or one-or-many value holds: one for a single value.
    var itemCount: Int {
        switch self {
        case .json(.array(let elements)): return elements.count
        case .items(let items, let isOne): return isOne ? 1 : items.count
        case .json, .url, .object: return 1
        }
    }
}
