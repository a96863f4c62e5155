import KlingJSON
import KlingSchema

/// Writes a typed request's `validate()`: one `check(into:at:)` per scope that checks the stored
/// properties directly (a typed value cannot be malformed, so only limits and rules are left).
/// Wire JSON is checked by KlingCore's interpreter of the same schema; the catalogue tests hold the
/// two to the same reports.
struct ValidationEmitter {
    /// `validate()` on the request type.
    func emitEntryPoint(_ root: ScopePlan, _ writer: inout CodeWriter) {
        writer.doc("Every issue in this request; an empty report for a valid one.")
        writer.block("public func validate() -> ValidationReport") { writer in
            writer.line("var issues = IssueList()")
            writer.line("check(into: &issues, at: \"\")")
            writer.line("return issues.report")
        }
    }

    /// The `check(into:at:)` of a scope.
    func emitCheck(_ scope: ScopePlan, _ writer: inout CodeWriter) {
        writer.doc("Adds the issues of this value's limits and rules, at wire paths below `path`.")
        writer.block("func check(into issues: inout IssueList, at path: @autoclosure () -> String)") { writer in
            for member in scope.members where member.constant == nil && Self.needsChecks(member.value) {
                let path = "IssuePath.member(\(SwiftSource.literal(member.wireName)), of: path())"
                emitIfSent(member.wireName, scope: scope, &writer) { value, writer in
                    emitValueChecks(member.value, value: value, path: path, depth: 0, &writer)
                }
            }
            for rule in scope.rules {
                emitRule(rule, scope: scope, &writer)
            }
        }
    }

    /// Whether a value has anything to check beyond its type.
    static func needsChecks(_ value: ScopePlan.ValuePlan) -> Bool {
        switch value.type {
        case .string: return value.limits[.length] != nil
        case .nested, .assetID, .url, .mediaSource: return true
        case .int, .double: return value.limits[.bounds] != nil || value.allowedValues != nil
        case .bool: return false
        case .array, .oneOrMany: return value.limits[.count] != nil || value.items.map(needsChecks) == true
        case .embeddedJSON, .optional: return false
        }
    }

    private func emitValueChecks(_ plan: ScopePlan.ValuePlan, value: String, path: String, depth: Int, _ writer: inout CodeWriter) {
        if let length = plan.limits[.length] {
            writer.line("issues.checkLength(\(value), \(length.checkArgument), at: \(path))")
        }
        if let bounds = plan.limits[.bounds] {
            writer.line("issues.checkBounds(\(value), \(bounds.checkArgument), at: \(path))")
        }
        if plan.allowedValues != nil, let numbers = plan.spec.numberValues {
            let integers = plan.type == .int
            let cases = numbers.values.map { integers ? SwiftSource.integerLiteral($0) : SwiftSource.literal($0) }
            let listed = numbers.values.map { SwiftSource.literal(JSONValue.format($0)) }
            let text = integers ? "String(\(value))" : "JSONValue.format(\(value))"
            writer.line("switch \(value) {")
            writer.line("case \(cases.joined(separator: ", ")): break")
            writer.line("default: issues.reportNotAllowed(\(text), allowed: [\(listed.joined(separator: ", "))], valueSet: .\(numbers.valueSet.rawValue), at: \(path))")
            writer.line("}")
        }
        switch plan.type {
        case .nested(let nested):
            switch nested.kind {
            case .choice: emitChoiceCheck(plan.spec.choices!, value: value, path: path, &writer)
            case .object: writer.line("\(value).check(into: &issues, at: \(path))")
            }
        case .assetID:
            writer.line("issues.checkAssetID(\(value), at: \(path))")
        case .url:
            writer.line("issues.checkWebURL(\(value), at: \(path))")
        case .mediaSource:
            let forms = plan.spec.alsoAccepts.map { "." + $0.rawValue }.joined(separator: ", ")
            writer.line("issues.checkMediaSource(\(value), accepting: [\(forms)], at: \(path))")
        case .array, .oneOrMany:
            if let count = plan.limits[.count] {
                writer.line("issues.checkCount(\(value).count, \(count.checkArgument), at: \(path))")
            }
            if let items = plan.items, Self.needsChecks(items) {
                let suffix = depth == 0 ? "" : String(depth + 1)
                let index = "index" + suffix
                let element = "element" + suffix
                let elementPath = if case .oneOrMany = plan.type { "\(value).itemPath(\(index), of: \(path))" } else { "IssuePath.element(\(index), of: \(path))" }
                writer.block("for (\(index), \(element)) in \(value).enumerated()") { writer in
                    emitValueChecks(items, value: element, path: elementPath, depth: depth + 1, &writer)
                }
            }
        case .string, .int, .double, .bool, .embeddedJSON, .optional:
            break
        }
    }

    /// A choice's value against its known values, which it finds in their compact JSON array.
    private func emitChoiceCheck(_ choices: Choices, value: String, path: String, _ writer: inout CodeWriter) {
        let known = JSONValue.array(choices.values.map { .string($0.value) }).jsonText
        let ignoringCase = choices.ignoresCase ? ", ignoringCase: true" : ""
        writer.line("issues.checkChoice(\(value).rawValue, among: \(SwiftSource.rawLiteral(known)), valueSet: .\(choices.valueSet.rawValue)\(ignoringCase), at: \(path))")
    }

    // MARK: Rules

    private func emitRule(_ plan: ScopePlan.RulePlan, scope: ScopePlan, _ writer: inout CodeWriter) {
        let rule = plan.rule
        writer.line("// " + SwiftSource.docLines(RuleText.describe(rule)).joined(separator: " "))
        func property(_ wireName: String) -> ScopePlan.Member { scope.member(named: wireName) }
        func value(_ wireName: String) -> String { "self." + SwiftSource.identifier(property(wireName).property) }
        func isSent(_ wireName: String) -> String { property(wireName).isOptional ? "\(value(wireName)) != nil" : "true" }
        func name(_ wireName: String) -> String { SwiftSource.literal(wireName) }
        switch rule.kind {
        case .requires(let parameter, let dependency):
            writer.line("issues.checkRequires(\(isSent(parameter)), \(name(parameter)), requires: \(isSent(dependency)), \(name(dependency)), in: path())")
        case .mutuallyExclusive(let conditions):
            writer.line("issues.checkMutuallyExclusive(")
            for condition in conditions { writer.line("    \(conditionExpression(condition, scope: scope)),") }
            writer.line("    in: path()")
            writer.line(")")
        case .exactlyOneOf(let parameters):
            let pairs = parameters.map { "(\(name($0)), \(isSent($0)))" }.joined(separator: ", ")
            writer.line("issues.checkExactlyOne(of: \(pairs), in: path())")
        case .atLeastOneOf(let parameters):
            let pairs = parameters.map { "(\(name($0)), \(isSent($0)))" }.joined(separator: ", ")
            writer.line("issues.checkAtLeastOne(of: \(pairs), in: path())")
        case .requiredWhen(let parameter, let condition):
            writer.line("issues.checkRequired(\(isSent(parameter)), \(name(parameter)), when: \(conditionExpression(condition, scope: scope)), in: path())")
        case .maxTotalItems(let parameters, _, let condition), .minTotalItems(let parameters, _, let condition):
            let counts = parameters.map { "(\(name($0)), \(countExpression($0, scope: scope)))" }.joined(separator: ", ")
            let when = condition.map { ", when: \(conditionExpression($0, scope: scope))" } ?? ""
            let bound = if case .maxTotalItems = rule.kind { "max" } else { "min" }
            writer.line("issues.checkTotalItems(\(counts), \(bound): Limits.\(SwiftSource.identifier(plan.limit!.name))\(when), in: path())")
        case .maxItemsWithField(let items, let fieldName, _):
            let object = scope.objectType(property(items).type.arrayElement!.nestedType!)!
            let part = object.member(named: fieldName)
            // A required field is sent by every item.
            let sending = part.isOptional ? ".filter { $0.\(SwiftSource.identifier(part.property)) != nil }" : ""
            emitIfSent(items, scope: scope, &writer) { itemsValue, writer in
                writer.line("issues.checkItemsSending(")
                writer.line("    \(name(fieldName)), count: \(itemsValue)\(sending).count, max: Limits.\(SwiftSource.identifier(plan.limit!.name)),")
                writer.line("    itemsName: \(name(items)), in: path()")
                writer.line(")")
            }
        case .sumEquals(let items, let fieldName, let total):
            let object = scope.objectType(property(items).type.arrayElement!.nestedType!)!
            let part = object.member(named: fieldName)
            let partProperty = "$0.\(SwiftSource.identifier(part.property))"
            let partValue = switch (part.value.type == .int, part.isOptional) {
            case (true, true): partProperty + ".map(Double.init)"
            case (true, false): "Double(\(partProperty))"
            case (false, _): partProperty
            }
            let totalMember = property(total)
            let totalDefault = scope.defaultName(of: totalMember).map { "Defaults." + SwiftSource.identifier($0) }
            var effectiveTotal = value(total)
            var totalIsOptional = false
            if totalMember.isOptional {
                if let totalDefault { effectiveTotal = "(\(value(total)) ?? \(totalDefault))" } else { totalIsOptional = true }
            }
            let totalValue = totalMember.value.type != .int ? effectiveTotal
                : totalIsOptional ? "\(effectiveTotal).map(Double.init)" : "Double(\(effectiveTotal))"
            let totalIsDefault = totalMember.isOptional ? "\(value(total)) == nil" : "false"
            emitIfSent(items, scope: scope, &writer) { itemsValue, writer in
                writer.line("issues.checkSum(")
                writer.line("    of: \(itemsValue), { \(partValue) }, equals: \(totalValue), totalIsDefault: \(totalIsDefault),")
                writer.line("    itemsName: \(name(items)), partName: \(name(fieldName)), totalName: \(name(total)), in: path()")
                writer.line(")")
            }
        case .ignoredWhen(let parameter, let condition):
            writer.line("issues.checkIgnored(\(isSent(parameter)), \(name(parameter)), when: \(conditionExpression(condition, scope: scope)), in: path())")
        case .tagReferences(let parameter, let prefix, let suffix, let counts):
            let available = "ItemCount.total(\(counts.map { countExpression($0, scope: scope) }.joined(separator: ", ")))"
            let described = counts.map { "`\($0)`" }.joined(separator: ", ")
            emitIfSent(parameter, scope: scope, &writer) { text, writer in
                writer.line("issues.checkReferences(")
                writer.line("    in: \(text), prefix: \(SwiftSource.literal(prefix)), suffix: \(SwiftSource.literal(suffix)),")
                writer.line("    available: \(available),")
                writer.line("    itemsDescription: \(SwiftSource.literal(described)), at: IssuePath.member(\(name(parameter)), of: path())")
                writer.line(")")
            }
        }
    }

    /// Writes `body` for a parameter's value: inside `if let value = …` when it is optional.
    private func emitIfSent(_ wireName: String, scope: ScopePlan, _ writer: inout CodeWriter, _ body: (String, inout CodeWriter) -> Void) {
        let member = scope.member(named: wireName)
        let property = "self." + SwiftSource.identifier(member.property)
        if member.isOptional {
            writer.block("if let value = \(property)") { writer in body("value", &writer) }
        } else {
            body(property, &writer)
        }
    }

    /// How many items a parameter holds: an array's count, or 1 for a single value that is sent.
    private func countExpression(_ wireName: String, scope: ScopePlan) -> String {
        let member = scope.member(named: wireName)
        let property = "self." + SwiftSource.identifier(member.property)
        switch (member.type.isCollection, member.isOptional) {
        case (true, true): return "\(property)?.count ?? 0"
        case (true, false): return "\(property).count"
        case (false, true): return "\(property) == nil ? 0 : 1"
        case (false, false): return "1"
        }
    }

    private func conditionExpression(_ condition: Condition, scope: ScopePlan) -> String {
        let member = scope.member(named: condition.parameter)
        let property = "self." + SwiftSource.identifier(member.property)
        let value = property
        let name = SwiftSource.literal(condition.parameter)
        switch condition.test {
        case .sent:
            return ".sent(\(value), \(name))"
        case .notSent:
            return ".notSent(\(value), \(name))"
        case .equals(let expected):
            let compared = scope.expression(expected, of: member.value).spelling
            let defaultValue = scope.defaultName(of: member).map { "Defaults." + SwiftSource.identifier($0) } ?? "nil"
            return ".equals(\(value), \(name), \(compared), default: \(defaultValue), valueText: \(SwiftSource.literal(expected.jsonText)))"
        }
    }
}
