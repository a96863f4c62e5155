import KlingSchema

/// Rules in words, for descriptions and comments.
enum RuleText {
    static func describe(_ rule: Rule) -> String {
        switch rule.kind {
        case .requires(let parameter, let dependency):
            return "`\(parameter)` requires `\(dependency)`."
        case .mutuallyExclusive(let conditions):
            return "Not together: " + conditions.map(describe).joined(separator: " and ") + "."
        case .exactlyOneOf(let parameters):
            return "Exactly one of " + parameters.map { "`\($0)`" }.joined(separator: ", ") + "."
        case .maxTotalItems(let parameters, let max, let condition):
            let what = parameters.map { "`\($0)`" }.joined(separator: " + ")
            return "\(what) hold at most \(max) items" + (condition.map { " when " + describe($0) } ?? "") + "."
        case .sumEquals(let items, let field, let total):
            return "The `\(field)` values of `\(items)` add up to `\(total)` (its default when not sent)."
        case .ignoredWhen(let parameter, let condition):
            return "`\(parameter)` is ignored when \(describe(condition)) (a warning)."
        case .tagReferences(let parameter, let prefix, let suffix, let counts):
            return "`\(prefix)N\(suffix)` in `\(parameter)` must number one of the items of " + counts.map { "`\($0)`" }.joined(separator: ", ") + "."
        }
    }

    static func describe(_ condition: Condition) -> String {
        switch condition.test {
        case .sent: return "`\(condition.parameter)` is sent"
        case .equals(let value): return "`\(condition.parameter)` is \(value.jsonText)"
        }
    }
}
