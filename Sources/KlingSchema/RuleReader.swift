#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DiagnosticText
import KlingJSON

/// Reading and checking rules and conditions against the parameters in scope.
extension Linter {
    // MARK: Rules

    mutating func readRules(_ values: [JSONValue], at path: String, scope: Scope) -> [Rule] {
        values.enumerated().compactMap { index, value in readRule(value, at: JSONPath.element(index, of: path), scope: scope) }
    }

    mutating func readRule(_ json: JSONValue, at path: String, scope: Scope) -> Rule? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.rule, diagnostics: &diagnostics) else { return nil }
        let kindName = reader.string("kind", required: true)
        let source = reader.string("source")
        let description = reader.string("description")
        if let source { checkSource(source, in: &reader) }
        guard let kindName else {
            absorb(reader)
            return nil
        }
        guard let kindWord = Vocabulary.RuleKindName(rawValue: kindName) else {
            var message = "unknown rule kind \"\(kindName)\"; expected one of: \(Vocabulary.RuleKindName.all.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: kindName, among: Vocabulary.RuleKindName.all) { message += " (did you mean \"\(suggestion)\"?)" }
            reader.report(member: "kind", message)
            absorb(reader)
            return nil
        }
        // A member of another kind of rule would be ignored silently (a `when` on a `requires`).
        let kindMembers = kindWord.members
        var seen: Set<String> = []
        for member in reader.object.members where seen.insert(member.key).inserted {
            guard Keys.rule.contains(member.key), !Keys.ruleCommon.contains(member.key), !kindMembers.contains(member.key) else { continue }
            reader.report(member: member.key, "`\(member.key)` does not apply to `\(kindName)` rules, which take: \(kindMembers.joined(separator: ", "))")
        }
        var resolver = Resolver(scope: scope)
        let kind: Rule.Kind?
        switch kindWord {
        case .requires:
            let parameter = resolver.parameter(&reader, "param")
            let dependency = resolver.parameter(&reader, "requires")
            if let parameter, parameter == dependency { reader.report(member: "requires", "a parameter cannot require itself") }
            if let parameter, let dependency, parameter != dependency, scope.parameter(named: dependency)?.isRequired == true {
                reader.warn(member: "requires", "this rule can never fire: \"\(dependency)\" is required, so it is always sent")
            }
            kind = parameter.flatMap { parameter in dependency.map { .requires(parameter: parameter, dependency: $0) } }
        case .mutuallyExclusive:
            let elements = reader.array("conditions", required: true)
            let conditions = (elements ?? []).enumerated().compactMap { index, value in
                readCondition(value, at: JSONPath.element(index, of: reader.memberPath("conditions")), scope: scope)
            }
            if let elements, elements.count < 2 { reader.report(member: "conditions", "name at least two conditions") }
            kind = elements?.count == conditions.count && conditions.count >= 2 ? .mutuallyExclusive(conditions) : nil
        case .exactlyOneOf:
            let parameters = resolver.parameters(&reader, "params", atLeast: 2)
            for name in parameters ?? [] where scope.parameter(named: name)?.isRequired == true {
                reader.report(member: "params", "\"\(name)\" is required, so it is always sent and cannot be one of several alternatives")
            }
            kind = parameters.map { .exactlyOneOf($0) }
        case .maxTotalItems:
            let parameters = resolver.parameters(&reader, "params", atLeast: 1)
            let max = reader.count("max")
            if !reader.has("max") { reader.report(at: path, "missing required member `max`") }
            let condition = reader.raw("when").flatMap { readCondition($0, at: reader.memberPath("when"), scope: scope) }
            let conditionIsValid = condition != nil || !reader.has("when")
            if let parameters, let max, let capacity = Self.itemCapacity(of: parameters, in: scope), capacity <= max {
                reader.warn(member: "max", "this rule can never fire: \(parameters.map { "`\($0)`" }.joined(separator: " + ")) hold at most \(capacity) item\(capacity == 1 ? "" : "s") together")
            }
            kind = conditionIsValid ? parameters.flatMap { parameters in max.map { .maxTotalItems(parameters: parameters, max: $0, when: condition) } } : nil
        case .sumEquals:
            let items = resolver.parameter(&reader, "items")
            let field = reader.string("field", required: true)
            let total = resolver.parameter(&reader, "total")
            if let items, let field, !field.isEmpty, let itemsParameter = scope.parameter(named: items) {
                if let object = Self.itemObject(of: itemsParameter.value) {
                    if let fieldSpec = object.fields.first(where: { $0.name == field }) {
                        if !fieldSpec.value.type.isNumeric { reader.report(member: "field", "`\(field)` is \(fieldSpec.value.type.schemaName); a sum needs an integer or number field") }
                    } else {
                        var message = "the items of `\(items)` have no field \"\(field)\""
                        if let suggestion = Suggestion.closest(to: field, among: object.fields.map(\.name)) { message += "; did you mean \"\(suggestion)\"?" }
                        reader.report(member: "field", message)
                    }
                } else {
                    reader.report(member: "items", "`\(items)` is not an array of objects (directly or as embedded JSON)")
                }
            }
            if let total, let totalParameter = scope.parameter(named: total), !totalParameter.value.type.isNumeric {
                reader.report(member: "total", "`\(total)` is \(totalParameter.value.type.schemaName); a sum is compared with an integer or number")
            }
            kind = items.flatMap { items in field.flatMap { field in total.map { .sumEquals(items: items, field: field, total: $0) } } }
        case .ignoredWhen:
            let parameter = resolver.parameter(&reader, "param")
            if !reader.has("when") { reader.report(at: path, "missing required member `when`") }
            if let parameter, scope.parameter(named: parameter)?.isRequired == true {
                reader.warn(member: "param", "\"\(parameter)\" is required, so every request sends it: this warns on every request the condition holds for")
            }
            let condition = reader.raw("when").flatMap { readCondition($0, at: reader.memberPath("when"), scope: scope) }
            kind = parameter.flatMap { parameter in condition.map { .ignoredWhen(parameter: parameter, when: $0) } }
        case .tagReferences:
            let parameter = resolver.parameter(&reader, "param")
            let prefix = reader.string("prefix", required: true)
            let suffix = reader.string("suffix") ?? ""
            let counts = resolver.parameters(&reader, "counts", atLeast: 1)
            if let parameter, let spec = scope.parameter(named: parameter)?.value {
                if spec.type != .string {
                    reader.report(member: "param", "`\(parameter)` is \(spec.type.schemaName); tags are found in a string")
                } else if spec.choices != nil {
                    reader.report(member: "param", "`\(parameter)` is a choice of `values`; tags are found in free text")
                }
            }
            if let prefix, prefix.last.map({ ("0"..."9").contains($0) }) == true {
                reader.report(member: "prefix", "a prefix cannot end with a digit: the tag's number follows it")
            }
            kind = parameter.flatMap { parameter in prefix.flatMap { prefix in counts.map { .tagReferences(parameter: parameter, prefix: prefix, suffix: suffix, counts: $0) } } }
        }
        absorb(reader)
        return kind.map { Rule(kind: $0, source: source, description: description) }
    }

    mutating func readCondition(_ json: JSONValue, at path: String, scope: Scope) -> Condition? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.condition, diagnostics: &diagnostics) else { return nil }
        var resolver = Resolver(scope: scope)
        let parameter = resolver.parameter(&reader, "param")
        var test: Condition.Test?
        let sent = Vocabulary.ConditionTestName.sent.rawValue, equals = Vocabulary.ConditionTestName.equals.rawValue
        switch (reader.raw(sent), reader.raw(equals)) {
        case (.bool(true)?, nil): test = .sent
        case (nil, let value?): test = .equals(value)
        case (.some, .some): reader.report(at: path, "a condition has either `sent` or `equals`, not both")
        case (.bool(false)?, nil): reader.report(member: sent, "`sent` can only be `true`: a condition cannot test that a parameter is absent")
        case (let other?, nil): reader.report(member: sent, "expected `true`, found \(other.kindDescription)")
        case (nil, nil): reader.report(at: path, "a condition has `\"sent\": true` or `equals`")
        }
        absorb(reader)
        guard let parameter, let test else { return nil }
        if case .equals(let value) = test, let spec = scope.parameter(named: parameter)?.value {
            checkValue(value, against: spec, at: JSONPath.member(equals, of: path), what: "the compared value")
        }
        return Condition(parameter: parameter, test: test)
    }

    /// An absolute http(s) URL with a host, as the runtime requires of a `url` value.
    static func isWebURL(_ string: String) -> Bool {
        guard let url = URL(string: string), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        return (scheme == "http" || scheme == "https") && !host.isEmpty
    }

    /// The most items the parameters can hold together (an array its `maxItems`, a single value 1),
    /// or nil when one has no upper limit.
    static func itemCapacity(of parameters: [String], in scope: Scope) -> Int? {
        var total = 0
        for name in parameters {
            guard let spec = scope.parameter(named: name)?.value else { return nil }
            var counted = spec
            if case .jsonString(let content) = spec.type { counted = content }
            if case .array = counted.type {
                guard let max = counted.maxItems else { return nil }
                total += max
            } else {
                total += 1
            }
        }
        return total
    }

    static func itemObject(of spec: ValueSpec) -> ObjectSpec? {
        switch spec.type {
        case .array(let items): if case .object(let object) = items.type { return object }
        case .jsonString(let content): return itemObject(of: content)
        default: break
        }
        return nil
    }
}


/// Resolves the parameter names a rule mentions against the parameters in scope.
struct Resolver {
    let scope: Scope

    mutating func parameter(_ reader: inout ObjectReader, _ key: String) -> String? {
        guard let name = reader.string(key, required: true) else { return nil }
        return check(name, at: reader.memberPath(key), reader: &reader)
    }

    /// The names listed in `key`, nil unless every one names a readable parameter once.
    mutating func parameters(_ reader: inout ObjectReader, _ key: String, atLeast minimum: Int) -> [String]? {
        guard let names = reader.strings(key, required: true) else { return nil }
        let listed = reader.raw(key).flatMap { if case .array(let elements) = $0 { elements.count } else { nil } } ?? names.count
        if listed < minimum { reader.report(member: key, minimum == 1 ? "name at least one parameter" : "name at least two parameters") }
        var resolved: [String] = []
        for (index, name) in names.enumerated() {
            let path = JSONPath.element(index, of: reader.memberPath(key))
            if resolved.contains(name) {
                reader.report(at: path, "\"\(name)\" is named twice")
                continue
            }
            if let name = check(name, at: path, reader: &reader) { resolved.append(name) }
        }
        return resolved.count == listed && listed >= minimum ? resolved : nil
    }

    private func check(_ name: String, at path: String, reader: inout ObjectReader) -> String? {
        if scope.unreadableNames.contains(name) { return nil }
        guard scope.parameter(named: name) != nil else {
            var message = "the rule names \"\(name)\", which is not a parameter here"
            let known = scope.parameters.map(\.name) + scope.unreadableNames.sorted()
            if let suggestion = Suggestion.closest(to: name, among: known) { message += "; did you mean \"\(suggestion)\"?" }
            reader.report(at: path, message)
            return nil
        }
        return name
    }
}
