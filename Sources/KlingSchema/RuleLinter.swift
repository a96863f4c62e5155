#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DiagnosticText
import KlingJSON

/// Checking rules and conditions against the parameters in scope: the names they mention, what
/// each kind of rule needs of its parameters, and rules that can never fire (warnings).
extension Linter {
    mutating func lintRules(_ sites: [RuleSite], scope: Scope) {
        for site in sites { lintRule(site, scope: scope) }
    }

    mutating func lintRule(_ site: RuleSite, scope: Scope) {
        if let source = site.source { checkSource(source, at: site.path) }
        let resolved = resolve(site.mentions, in: scope)
        var neverHolds: Set<String> = []
        for (condition, conditionPath) in site.conditions where !lintCondition(condition, at: conditionPath, scope: scope, resolved: resolved) {
            neverHolds.insert(conditionPath)
        }
        guard let kind = site.kind else { return }
        let path = site.path
        func member(_ key: String) -> String { JSONPath.member(key, of: path) }
        func isResolved(_ key: String) -> Bool { resolved.contains(member(key)) }
        func areResolved(_ key: String, _ count: Int) -> Bool {
            (0..<count).allSatisfy { resolved.contains(JSONPath.element($0, of: member(key))) }
        }
        switch kind {
        case .requires(let parameter, let dependency):
            guard isResolved("param"), isResolved("requires") else { return }
            if parameter == dependency {
                report(member("requires"), "a parameter cannot require itself")
            } else if scope.parameter(named: dependency)?.isRequired == true {
                warn(member("requires"), "this rule can never fire: \"\(dependency)\" is required, so it is always sent")
            }
        case .mutuallyExclusive(let conditions):
            if neverHolds.isEmpty { checkConditionsCanHoldTogether(conditions, at: member("conditions")) }
        case .exactlyOneOf(let parameters):
            guard areResolved("params", parameters.count) else { return }
            for name in parameters where scope.parameter(named: name)?.isRequired == true {
                report(member("params"), "\"\(name)\" is required, so it is always sent and cannot be one of several alternatives")
            }
        case .atLeastOneOf(let parameters):
            guard areResolved("params", parameters.count) else { return }
            if let name = parameters.first(where: { scope.parameter(named: $0)?.isRequired == true }) {
                warn(member("params"), "this rule can never fire: \"\(name)\" is required, so one of them is always sent")
            }
        case .requiredWhen(let parameter, let condition):
            guard isResolved("param") else { return }
            if condition.parameter == parameter {
                report(member("when"), "the condition tests `\(parameter)` itself; name another parameter")
            } else if scope.parameter(named: parameter)?.isRequired == true {
                warn(member("param"), "this rule can never fire: \"\(parameter)\" is required, so it is always sent")
            }
        case .maxTotalItems(let parameters, let max, _):
            guard areResolved("params", parameters.count) else { return }
            if let capacity = Self.itemCapacity(of: parameters, in: scope), capacity <= max {
                warn(member("max"), "this rule can never fire: \(parameters.map { "`\($0)`" }.joined(separator: " + ")) hold at most \(capacity) item\(capacity == 1 ? "" : "s") together")
            }
        case .minTotalItems(let parameters, let min, _):
            guard areResolved("params", parameters.count) else { return }
            if min == 0 {
                warn(member("min"), "this rule can never fire: a count is never below 0")
            } else if let capacity = Self.itemCapacity(of: parameters, in: scope), capacity < min {
                report(member("min"), "\(parameters.map { "`\($0)`" }.joined(separator: " + ")) hold at most \(capacity) item\(capacity == 1 ? "" : "s") together, never \(min)")
            }
        case .maxItemsWithField(let items, let field, let max):
            guard isResolved("items"), let itemsParameter = scope.parameter(named: items) else { return }
            guard let object = Self.itemObject(of: itemsParameter.value) else {
                report(member("items"), "`\(items)` is not an array of objects (directly or as embedded JSON)")
                return
            }
            guard !field.isEmpty, object.fields.contains(where: { $0.name == field }) else {
                var message = "the items of `\(items)` have no field \"\(field)\""
                if let suggestion = Suggestion.closest(to: field, among: object.fields.map(\.name)) { message += "; did you mean \"\(suggestion)\"?" }
                report(member("field"), message)
                return
            }
            if let capacity = Self.itemCapacity(of: [items], in: scope), capacity <= max {
                warn(member("max"), "this rule can never fire: `\(items)` holds at most \(capacity) item\(capacity == 1 ? "" : "s")")
            }
        case .sumEquals(let items, let field, let total):
            if isResolved("items"), !field.isEmpty, let itemsParameter = scope.parameter(named: items) {
                if let object = Self.itemObject(of: itemsParameter.value) {
                    if let fieldSpec = object.fields.first(where: { $0.name == field }) {
                        if !fieldSpec.value.type.isNumeric { report(member("field"), "`\(field)` is \(fieldSpec.value.type.schemaName); a sum needs an integer or number field") }
                    } else {
                        var message = "the items of `\(items)` have no field \"\(field)\""
                        if let suggestion = Suggestion.closest(to: field, among: object.fields.map(\.name)) { message += "; did you mean \"\(suggestion)\"?" }
                        report(member("field"), message)
                    }
                    if Self.itemCapacity(of: [items], in: scope) == 0 {
                        warn(member("items"), "this rule checks no items: `\(items)` can hold none (`maxItems` 0), so their `\(field)` values always add up to 0")
                    }
                } else {
                    report(member("items"), "`\(items)` is not an array of objects (directly or as embedded JSON)")
                }
            }
            if isResolved("total"), let totalParameter = scope.parameter(named: total), !totalParameter.value.type.isNumeric {
                report(member("total"), "`\(total)` is \(totalParameter.value.type.schemaName); a sum is compared with an integer or number")
            }
        case .ignoredWhen(let parameter, _):
            if isResolved("param"), scope.parameter(named: parameter)?.isRequired == true {
                warn(member("param"), "\"\(parameter)\" is required, so every request sends it: this warns on every request the condition holds for")
            }
        case .tagReferences(let parameter, let prefix, _, _):
            if isResolved("param"), let spec = scope.parameter(named: parameter)?.value {
                if spec.type != .string {
                    report(member("param"), "`\(parameter)` is \(spec.type.schemaName); tags are found in a string")
                } else if spec.choices != nil {
                    report(member("param"), "`\(parameter)` is a choice of `values`; tags are found in free text")
                }
            }
            if prefix.last.map({ ("0"..."9").contains($0) }) == true {
                report(member("prefix"), "a prefix cannot end with a digit: the tag's number follows it")
            }
        }
    }

    /// Checks a condition's compared value against its parameter; false when the condition can never
    /// hold (warned here), true otherwise.
    mutating func lintCondition(_ condition: Condition, at path: String, scope: Scope, resolved: Set<String>) -> Bool {
        guard resolved.contains(JSONPath.member("param", of: path)), case .equals(let value) = condition.test,
              let spec = scope.parameter(named: condition.parameter)?.value else { return true }
        let equalsPath = JSONPath.member(Vocabulary.ConditionTestName.equals.rawValue, of: path)
        let before = diagnostics.count
        checkValue(value, against: spec, at: equalsPath, what: "the compared value")
        if diagnostics.count == before, let constant = spec.effectiveConstant, value != .string(constant) {
            warn(equalsPath, "this rule can never fire: `\(condition.parameter)` is always \(JSONValue.string(constant).preview), so it never equals \(value.preview)")
            return false
        }
        return true
    }

    /// Warns when the conditions of a `mutuallyExclusive` rule test one parameter for two different
    /// values: they never hold at once, so the rule never fires.
    mutating func checkConditionsCanHoldTogether(_ conditions: [Condition], at path: String) {
        var compared: [String: JSONValue] = [:]
        let sent = Set(conditions.filter { $0.test == .sent }.map(\.parameter))
        if let both = conditions.first(where: { $0.test == .notSent && sent.contains($0.parameter) }) {
            warn(path, "this rule can never fire: `\(both.parameter)` cannot be sent and not sent at once")
            return
        }
        for condition in conditions {
            guard case .equals(let value) = condition.test else { continue }
            if let earlier = compared[condition.parameter], earlier != value {
                warn(path, "this rule can never fire: `\(condition.parameter)` cannot equal \(earlier.preview) and \(value.preview) at once")
                return
            }
            compared[condition.parameter] = value
        }
    }

    /// Resolves the names a rule mentions against the parameters in scope, reporting each name that
    /// is not a parameter here or is named twice in one list; the paths of the mentions that resolved.
    mutating func resolve(_ mentions: [RuleSite.Mention], in scope: Scope) -> Set<String> {
        var resolved: Set<String> = []
        var resolvedByList: [String: Set<String>] = [:]
        for mention in mentions {
            if let list = mention.list {
                if resolvedByList[list, default: []].contains(mention.name) {
                    report(mention.path, "\"\(mention.name)\" is named twice")
                    continue
                }
            }
            if scope.unreadableNames.contains(mention.name) { continue }
            guard scope.parameter(named: mention.name) != nil else {
                var message = "the rule names \"\(mention.name)\", which is not a parameter here"
                let known = scope.parameters.map(\.name) + scope.unreadableNames.sorted()
                if let suggestion = Suggestion.closest(to: mention.name, among: known) { message += "; did you mean \"\(suggestion)\"?" }
                report(mention.path, message)
                continue
            }
            resolved.insert(mention.path)
            if let list = mention.list { resolvedByList[list, default: []].insert(mention.name) }
        }
        return resolved
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
            if counted.type.itemSpec != nil {
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
