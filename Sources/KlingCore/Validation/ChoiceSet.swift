internal import KlingSchema

/// The known values of a string choice, as its checks need them: read like an ``OpenChoice``
/// (a string, or an integer where the wire carries that form) and checked like `checkChoice`.
final class ChoiceSet: Sendable {
    /// The values, in the schema's order.
    let values: [String]
    /// The values compared with: lowercased when the provider ignores case.
    private let comparedValues: [String]
    let valueSet: ChoiceValueSet
    let ignoresCase: Bool
    let acceptsIntegerForm: Bool
    /// The values as a message lists them.
    let knownList: String

    init(_ choices: Choices) {
        values = choices.values.map(\.value)
        ignoresCase = choices.ignoresCase
        comparedValues = ignoresCase ? values.map { $0.lowercased() } : values
        valueSet = choices.valueSet == .inferred ? .inferred : .documented
        acceptsIntegerForm = choices.acceptsIntegerForm
        knownList = IssueList.choiceList(values)
    }

    /// Whether a wire value is a string (or, where accepted, an integer); reports anything else.
    func read(_ value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> Bool {
        if rawValue(of: value) != nil { return true }
        issues.typeMismatch(value, expected: "a string", at: path())
        return false
    }

    /// The choice's text for a wire value: a string's, or an accepted integer's digits.
    func rawValue(of value: JSONValue) -> String? {
        switch value {
        case .string(let string):
            return string
        case .number(let number) where acceptsIntegerForm:
            return JSONValue.integerValue(of: number).map { String($0) }
        default:
            return nil
        }
    }

    /// Whether a value is one of the known values (without regard to case when the provider ignores it).
    func isKnown(_ rawValue: String) -> Bool {
        comparedValues.contains(ignoresCase ? rawValue.lowercased() : rawValue)
    }
}
