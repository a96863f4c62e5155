import Foundation
internal import KlingSchema

/// A rule's condition on one member, ready to evaluate: "is sent", "is not sent", or "equals a
/// value", comparing the member's effective value (its default when it is not sent).
struct ConditionChecker: Sendable {
    /// The condition over a scope's fields: unknowable (nil `holds`) when the value is malformed.
    let evaluate: @Sendable (_ fields: [WireField]) -> RuleCondition

    init(_ condition: Condition, member: MemberReference, value: ValueChecker, defaultValue: JSONValue?) {
        let index = member.index, name = member.name
        switch condition.test {
        case .sent:
            evaluate = { fields in RuleCondition(holds: fields[index].isSent, parameter: name, valueText: nil) }
        case .notSent:
            evaluate = { fields in RuleCondition(holds: !fields[index].isSent, parameter: name, valueText: nil, isNotSent: true) }
        case .equals(let compared):
            let expected = value.comparable(compared)
            let defaultMatches = defaultValue.map { value.comparable($0) == expected }
            let valueText = compared.jsonText
            evaluate = { fields in
                let holds: Bool?
                switch fields[index] {
                case .absent: holds = defaultMatches
                case .invalid: holds = nil
                case .present(let read): holds = value.matches(read, expected)
                }
                return RuleCondition(holds: holds, parameter: name, valueText: valueText)
            }
        }
    }
}

extension ValueChecker {
    /// A schema value (a default, a compared value) as the request type holds it: an integer's
    /// fraction dropped, an array's items likewise.
    func comparable(_ value: JSONValue) -> JSONValue {
        switch (kind, value) {
        case (.integer, .number(let number)):
            return .number(Double(Int64(exactly: number.rounded(.towardZero)) ?? 0))
        case (.array(let items), .array(let elements)), (.oneOrMany(let items), .array(let elements)):
            return .array(elements.map(items.comparable))
        case (.oneOrMany(let items), _):
            return items.comparable(value)
        default:
            return value
        }
    }

    /// Whether a value read from the wire equals a schema value in ``comparable(_:)`` form, as the
    /// request type compares them: a choice by its text, a one-or-many value only with the same form.
    func matches(_ value: ReadValue, _ expected: JSONValue) -> Bool {
        switch value {
        case .json(let json):
            return matches(json, expected)
        case .url(let url):
            guard case .string(let text) = expected, let expectedURL = URL(string: text) else { return false }
            return url == expectedURL
        case .object:
            return false
        case .items(let items, let isOne):
            guard let itemChecker = itemChecker else { return false }
            if isOne {
                if case .array = expected { return false }
                return items.first.map { itemChecker.matches($0, expected) } ?? false
            }
            guard case .array(let elements) = expected, elements.count == items.count else { return false }
            return zip(items, elements).allSatisfy { itemChecker.matches($0, $1) }
        }
    }

    private func matches(_ json: JSONValue, _ expected: JSONValue) -> Bool {
        switch kind {
        case .choice(let choice):
            guard case .string(let text) = expected else { return false }
            return choice.rawValue(of: json) == text
        case .array(let items):
            guard case .array(let values) = json, case .array(let elements) = expected, values.count == elements.count else { return false }
            return zip(values, elements).allSatisfy { items.matches(.json($0), $1) }
        case .oneOrMany(let items):
            switch (json, expected) {
            case (.array(let values), .array(let elements)):
                return values.count == elements.count && zip(values, elements).allSatisfy { items.matches(.json($0), $1) }
            case (.array, _), (_, .array):
                return false
            default:
                return items.matches(.json(json), expected)
            }
        case .string, .integer, .number, .boolean, .assetID, .url, .mediaSource, .object:
            return json == expected
        }
    }

    /// The checks of an array's or one-or-many value's items.
    private var itemChecker: ValueChecker? {
        switch kind {
        case .array(let items), .oneOrMany(let items): return items
        default: return nil
        }
    }
}
