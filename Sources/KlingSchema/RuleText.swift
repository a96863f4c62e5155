
/// Rules in words, for descriptions and comments.
public enum RuleText {
    public static func describe(_ rule: Rule) -> String {
        switch rule.kind {
        case .requires(let parameter, let dependency):
            return "`\(parameter)` requires `\(dependency)`."
        case .mutuallyExclusive(let conditions):
            return "Not together: " + conditions.map(describe).joined(separator: " and ") + "."
        case .exactlyOneOf(let parameters):
            return "Exactly one of " + parameters.map { "`\($0)`" }.joined(separator: ", ") + "."
        case .atLeastOneOf(let parameters):
            return "At least one of " + parameters.map { "`\($0)`" }.joined(separator: ", ") + "."
        case .requiredWhen(let parameter, let condition):
            return "`\(parameter)` is required when \(describe(condition))."
        case .maxTotalItems(let parameters, let max, let condition):
            return totalItems(parameters, "at most", max, when: condition)
        case .minTotalItems(let parameters, let min, let condition):
            return totalItems(parameters, "at least", min, when: condition)
        case .maxItemsWithField(let items, let field, let max):
            return "At most \(max) item\(max == 1 ? "" : "s") of `\(items)` may send `\(field)`."
        case .sumEquals(let items, let field, let total):
            return "The `\(field)` values of `\(items)` add up to `\(total)` (its default when not sent)."
        case .ignoredWhen(let parameter, let condition):
            return "`\(parameter)` is ignored when \(describe(condition)) (a warning)."
        case .tagReferences(let parameter, let prefix, let suffix, let counts):
            return "`\(prefix)N\(suffix)` in `\(parameter)` must number one of the items of " + counts.map { "`\($0)`" }.joined(separator: ", ") + "."
        }
    }

    /// "`images` holds at most 4 items when `video` is sent.", "`a` + `b` hold at least 2 items."
    private static func totalItems(_ parameters: [String], _ bound: String, _ count: Int, when condition: Condition?) -> String {
        let what = parameters.map { "`\($0)`" }.joined(separator: " + ")
        let verb = parameters.count == 1 ? "holds" : "hold"
        return "\(what) \(verb) \(bound) \(count) item\(count == 1 ? "" : "s")" + (condition.map { " when " + describe($0) } ?? "") + "."
    }

    public static func describe(_ condition: Condition) -> String {
        switch condition.test {
        case .sent: return "`\(condition.parameter)` is sent"
        case .notSent: return "`\(condition.parameter)` is not sent"
        case .equals(let value): return "`\(condition.parameter)` is \(value.jsonText)"
        }
    }
}
