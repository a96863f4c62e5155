import DiagnosticText
import KlingJSON

/// Reading rules and conditions: their kinds, members and the shape of each member. Whether the
/// parameters they name exist, and whether they can fire, is the linter's (`RuleLinter.swift`).
extension Reader {
    // MARK: Rules

    mutating func readRules(_ values: [JSONValue], at path: String) -> [RuleSite] {
        values.enumerated().compactMap { index, value in readRule(value, at: JSONPath.element(index, of: path)) }
    }

    mutating func readRule(_ json: JSONValue, at path: String) -> RuleSite? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.rule, diagnostics: &diagnostics) else { return nil }
        let kindName = reader.string("kind", required: true)
        let source = reader.string("source")
        let description = reader.string("description")
        var site = RuleSite(path: path, source: source, description: description, kind: nil)
        guard let kindName else {
            absorb(reader)
            return site
        }
        guard let kindWord = Vocabulary.RuleKindName(rawValue: kindName) else {
            var message = "unknown rule kind \"\(kindName)\"; expected one of: \(Vocabulary.RuleKindName.all.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: kindName, among: Vocabulary.RuleKindName.all) { message += " (did you mean \"\(suggestion)\"?)" }
            reader.report(member: "kind", message)
            absorb(reader)
            return site
        }
        // A member of another kind of rule would be ignored silently (a `when` on a `requires`).
        let kindMembers = kindWord.members
        var seen: Set<String> = []
        for member in reader.object.members where seen.insert(member.key).inserted {
            guard Keys.rule.contains(member.key), !Keys.ruleCommon.contains(member.key), !kindMembers.contains(member.key) else { continue }
            reader.report(member: member.key, "`\(member.key)` does not apply to `\(kindName)` rules, which take: \(kindMembers.joined(separator: ", "))")
        }
        switch kindWord {
        case .requires:
            let parameter = mention(&reader, "param", in: &site.mentions)
            let dependency = mention(&reader, "requires", in: &site.mentions)
            site.kind = parameter.flatMap { parameter in dependency.map { .requires(parameter: parameter, dependency: $0) } }
        case .mutuallyExclusive:
            let elements = reader.array("conditions", required: true)
            let conditions = (elements ?? []).enumerated().compactMap { index, value in
                readCondition(value, at: JSONPath.element(index, of: reader.memberPath("conditions")), into: &site)
            }
            if let elements, elements.count < 2 { reader.report(member: "conditions", "name at least two conditions") }
            site.kind = elements?.count == conditions.count && conditions.count >= 2 ? .mutuallyExclusive(conditions) : nil
        case .exactlyOneOf:
            site.kind = names(&reader, "params", atLeast: 2, in: &site.mentions).map { .exactlyOneOf($0) }
        case .atLeastOneOf:
            site.kind = names(&reader, "params", atLeast: 2, in: &site.mentions).map { .atLeastOneOf($0) }
        case .requiredWhen:
            let parameter = mention(&reader, "param", in: &site.mentions)
            if !reader.has("when") { reader.report(at: path, "missing required member `when`") }
            let condition = reader.raw("when").flatMap { readCondition($0, at: reader.memberPath("when"), into: &site) }
            site.kind = parameter.flatMap { parameter in condition.map { .requiredWhen(parameter: parameter, when: $0) } }
        case .maxTotalItems, .minTotalItems:
            let parameters = names(&reader, "params", atLeast: 1, in: &site.mentions)
            let boundKey = kindWord == .maxTotalItems ? "max" : "min"
            let bound = reader.count(boundKey)
            if !reader.has(boundKey) { reader.report(at: path, "missing required member `\(boundKey)`") }
            let condition = reader.raw("when").flatMap { readCondition($0, at: reader.memberPath("when"), into: &site) }
            let conditionIsValid = condition != nil || !reader.has("when")
            if conditionIsValid, let parameters, let bound {
                site.kind = kindWord == .maxTotalItems
                    ? .maxTotalItems(parameters: parameters, max: bound, when: condition)
                    : .minTotalItems(parameters: parameters, min: bound, when: condition)
            }
        case .maxItemsWithField:
            let items = mention(&reader, "items", in: &site.mentions)
            let field = reader.string("field", required: true)
            let max = reader.count("max")
            if !reader.has("max") { reader.report(at: path, "missing required member `max`") }
            site.kind = items.flatMap { items in field.flatMap { field in max.map { .maxItemsWithField(items: items, field: field, max: $0) } } }
        case .sumEquals:
            let items = mention(&reader, "items", in: &site.mentions)
            let field = reader.string("field", required: true)
            let total = mention(&reader, "total", in: &site.mentions)
            site.kind = items.flatMap { items in field.flatMap { field in total.map { .sumEquals(items: items, field: field, total: $0) } } }
        case .ignoredWhen:
            let parameter = mention(&reader, "param", in: &site.mentions)
            if !reader.has("when") { reader.report(at: path, "missing required member `when`") }
            let condition = reader.raw("when").flatMap { readCondition($0, at: reader.memberPath("when"), into: &site) }
            site.kind = parameter.flatMap { parameter in condition.map { .ignoredWhen(parameter: parameter, when: $0) } }
        case .tagReferences:
            let parameter = mention(&reader, "param", in: &site.mentions)
            let prefix = reader.string("prefix", required: true)
            let suffix = reader.string("suffix") ?? ""
            let counts = names(&reader, "counts", atLeast: 1, in: &site.mentions)
            site.kind = parameter.flatMap { parameter in prefix.flatMap { prefix in counts.map { .tagReferences(parameter: parameter, prefix: prefix, suffix: suffix, counts: $0) } } }
        }
        absorb(reader)
        return site
    }

    /// The parameter named by `key`, recorded as a mention.
    func mention(_ reader: inout ObjectReader, _ key: String, in mentions: inout [RuleSite.Mention]) -> String? {
        guard let name = reader.string(key, required: true) else { return nil }
        mentions.append(RuleSite.Mention(name: name, path: reader.memberPath(key)))
        return name
    }

    /// The parameter names listed in `key` (each recorded as a mention), nil unless the list has at
    /// least `minimum` names and every element is a string.
    func names(_ reader: inout ObjectReader, _ key: String, atLeast minimum: Int, in mentions: inout [RuleSite.Mention]) -> [String]? {
        guard let elements = reader.array(key, required: true) else { return nil }
        if elements.count < minimum { reader.report(member: key, minimum == 1 ? "name at least one parameter" : "name at least two parameters") }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            let path = JSONPath.element(index, of: reader.memberPath(key))
            guard case .string(let name) = element else {
                reader.report(at: path, "expected a string, found \(element.kindDescription)")
                continue
            }
            names.append(name)
            mentions.append(RuleSite.Mention(name: name, path: path, list: reader.memberPath(key)))
        }
        return names.count == elements.count && elements.count >= minimum ? names : nil
    }

    /// Reads a condition of the rule `site`, recording it and the parameter it mentions there.
    mutating func readCondition(_ json: JSONValue, at path: String, into site: inout RuleSite) -> Condition? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.condition, diagnostics: &diagnostics) else { return nil }
        let parameter = mention(&reader, "param", in: &site.mentions)
        var test: Condition.Test?
        let sent = Vocabulary.ConditionTestName.sent.rawValue, equals = Vocabulary.ConditionTestName.equals.rawValue
        switch (reader.raw(sent), reader.raw(equals)) {
        case (.bool(true)?, nil): test = .sent
        case (.bool(false)?, nil): test = .notSent
        case (nil, let value?): test = .equals(value)
        case (.some, .some): reader.report(at: path, "a condition has either `sent` or `equals`, not both")
        case (let other?, nil): reader.report(member: sent, "expected `true` or `false`, found \(other.kindDescription)")
        case (nil, nil): reader.report(at: path, "a condition has `sent` (true or false) or `equals`")
        }
        absorb(reader)
        guard let parameter, let test else { return nil }
        let condition = Condition(parameter: parameter, test: test)
        site.conditions.append((condition, path))
        return condition
    }
}
