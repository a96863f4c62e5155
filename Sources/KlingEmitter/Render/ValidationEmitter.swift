import KlingJSON
import KlingSchema

/// Writes the validator: a `Fields` struct per scope (the parameters as received), read either from
/// a typed value or from wire JSON, and one `check` that both paths share.
struct ValidationEmitter {
    /// `validate()` and `validate(wire:)` on the request type.
    func emitEntryPoints(_ root: ScopePlan, _ writer: inout CodeWriter) {
        writer.line()
        writer.block("extension \(root.qualifiedName)") { writer in
            writer.doc("Every issue in this request; an empty report for a valid one.")
            writer.block("public func validate() -> ValidationReport") { writer in
                writer.line("var issues = IssueList()")
                writer.line("Fields(self).check(into: &issues, at: \"\")")
                writer.line("return issues.report")
            }
            writer.line()
            writer.doc([
                "Every issue in a request body as it would go on the wire: unknown parameters, values of the",
                "wrong JSON type, and everything ``validate()`` checks.",
            ])
            writer.block("public static func validate(wire: JSONValue) -> ValidationReport") { writer in
                writer.line("var issues = IssueList()")
                writer.line("Fields.decode(wire: wire, at: \"\", into: &issues)?.check(into: &issues, at: \"\")")
                writer.line("return issues.report")
            }
        }
    }

    /// The `Fields` struct of a scope, with its readers and its checks.
    func emitFields(_ scope: ScopePlan, _ writer: inout CodeWriter) {
        writer.doc([
            "The parameters as the validator sees them: each absent, malformed or present. Read from a",
            "typed value or from wire JSON, then checked by the same `check(into:at:)`.",
        ])
        writer.block("struct Fields: WireDecodable") { writer in
            for member in scope.members {
                writer.line("var \(SwiftSource.identifier(member.property)): Field<\(member.type.fieldsSpelling)> = .absent")
            }
            writer.line()
            writer.line("init() {}")
            writer.line()
            emitTypedInit(scope, &writer)
            writer.line()
            emitDecode(scope, &writer)
            writer.line()
            emitCheck(scope, &writer)
        }
    }

    // MARK: Reading

    private func emitTypedInit(_ scope: ScopePlan, _ writer: inout CodeWriter) {
        writer.block("init(_ value: \(scope.qualifiedName))") { writer in
            for member in scope.members {
                let name = SwiftSource.identifier(member.property)
                if let constant = member.constant {
                    writer.line("self.\(name) = .present(\(SwiftSource.literal(constant)))")
                    continue
                }
                let type = member.type.unwrapped
                if member.isOptional {
                    writer.line(Self.needsConversion(type)
                        ? "self.\(name) = Field(value.\(name).map { \(Self.fieldsConversion(type, of: "$0")) })"
                        : "self.\(name) = Field(value.\(name))")
                } else {
                    writer.line("self.\(name) = .present(\(Self.fieldsConversion(type, of: "value.\(name)")))")
                }
            }
        }
    }

    /// Whether a typed value differs from the validator's form (it holds objects, which become `Fields`).
    private static func needsConversion(_ type: SwiftType) -> Bool {
        switch type {
        case .nested(let nested): return nested.kind == .object
        case .array(let element): return needsConversion(element)
        case .oneOrMany: return false
        case .embeddedJSON(let content), .optional(let content): return needsConversion(content)
        default: return false
        }
    }

    /// The expression that turns a typed value into the validator's form (objects become `Fields`).
    private static func fieldsConversion(_ type: SwiftType, of expression: String) -> String {
        switch type {
        case .nested(let nested) where nested.kind == .object:
            return "\(nested.name).Fields(\(expression))"
        case .array(let element):
            guard needsConversion(element) else { return expression }
            if case .nested(let nested) = element { return "\(expression).map(\(nested.name).Fields.init(_:))" }
            return "\(expression).map { \(fieldsConversion(element, of: "$0")) }"
        default:
            return expression
        }
    }

    private func emitDecode(_ scope: ScopePlan, _ writer: inout CodeWriter) {
        writer.line("static let wireNames = [\(scope.members.map { SwiftSource.literal($0.parameter.name) }.joined(separator: ", "))]")
        writer.line()
        writer.block("static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> Fields?") { writer in
            writer.line("guard let object = issues.requireObject(value, at: path()) else { return nil }")
            writer.line("var fields = Fields()")
            writer.block("for member in object.members") { writer in
                writer.line("switch member.key {")
                for member in scope.members {
                    let wire = SwiftSource.literal(member.parameter.name)
                    let method = member.type.isEmbeddedJSON ? "decodeEmbeddedJSON" : member.parameter.isNullable ? "decodeNullable" : "decode"
                    writer.line("case \(wire):")
                    writer.line("    issues.\(method)(member.value, into: &fields.\(SwiftSource.identifier(member.property)), at: IssuePath.member(\(wire), of: path()))")
                }
                writer.line("default:")
                writer.line("    issues.unknownMember(member.key, known: wireNames, in: path())")
                writer.line("}")
            }
            for member in scope.members where member.parameter.isRequired {
                let wire = SwiftSource.literal(member.parameter.name)
                writer.line("if !fields.\(SwiftSource.identifier(member.property)).isSent { issues.missing(at: IssuePath.member(\(wire), of: path())) }")
            }
            writer.line("return fields")
        }
    }

    // MARK: Checking

    private func emitCheck(_ scope: ScopePlan, _ writer: inout CodeWriter) {
        writer.block("func check(into issues: inout IssueList, at path: @autoclosure () -> String)") { writer in
            for member in scope.members where Self.needsChecks(member.value) {
                let wire = SwiftSource.literal(member.wireName)
                writer.block("if let value = self.\(SwiftSource.identifier(member.property)).value") { writer in
                    emitValueChecks(member.value, value: "value", path: "IssuePath.member(\(wire), of: path())", depth: 0, scope: scope, &writer)
                }
            }
            for rule in scope.rules {
                emitRule(rule, scope: scope, &writer)
            }
        }
    }

    /// Whether a value has anything to check beyond its type.
    private static func needsChecks(_ value: ScopePlan.ValuePlan) -> Bool {
        switch value.type {
        case .string: return value.spec.constant != nil || value.limits[.length] != nil
        case .nested, .assetID, .url, .mediaSource: return true
        case .int, .double: return value.limits[.bounds] != nil || value.allowedValues != nil
        case .bool: return false
        case .array, .oneOrMany: return value.limits[.count] != nil || value.items.map(needsChecks) == true
        case .embeddedJSON, .optional: return false
        }
    }

    private func emitValueChecks(_ plan: ScopePlan.ValuePlan, value: String, path: String, depth: Int, scope: ScopePlan,
                                 _ writer: inout CodeWriter) {
        if let length = plan.limits[.length] {
            writer.line("issues.checkLength(\(value), \(length.checkArgument), at: \(path))")
        }
        if let bounds = plan.limits[.bounds] {
            writer.line("issues.checkBounds(\(value), \(bounds.checkArgument), at: \(path))")
        }
        if let allowed = plan.allowedValues, let numbers = plan.spec.numberValues {
            writer.line("issues.checkAllowed(\(value), \(allowed.checkArgument), valueSet: .\(numbers.valueSet.rawValue), at: \(path))")
        }
        switch plan.type {
        case .string:
            if let constant = plan.spec.constant {
                writer.line("issues.checkConstant(\(value), \(SwiftSource.literal(constant)), at: \(path))")
            }
        case .nested(let nested):
            switch nested.kind {
            case .choice: writer.line("issues.checkChoice(\(value), at: \(path))")
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
                    emitValueChecks(items, value: element, path: elementPath, depth: depth + 1, scope: scope, &writer)
                }
            }
        case .int, .double, .bool, .embeddedJSON, .optional:
            break
        }
    }

    // MARK: Rules

    private func emitRule(_ plan: ScopePlan.RulePlan, scope: ScopePlan, _ writer: inout CodeWriter) {
        let rule = plan.rule
        writer.line("// " + SwiftSource.docLines(RuleText.describe(rule)).joined(separator: " "))
        func field(_ wireName: String) -> String { "self." + SwiftSource.identifier(scope.member(named: wireName).property) }
        func name(_ wireName: String) -> String { SwiftSource.literal(wireName) }
        switch rule.kind {
        case .requires(let parameter, let dependency):
            writer.line("issues.checkRequires(\(field(parameter)).isSent, \(name(parameter)), requires: \(field(dependency)).isSent, \(name(dependency)), in: path())")
        case .mutuallyExclusive(let conditions):
            writer.line("issues.checkMutuallyExclusive(")
            for condition in conditions { writer.line("    \(conditionExpression(condition, scope: scope)),") }
            writer.line("    in: path()")
            writer.line(")")
        case .exactlyOneOf(let parameters):
            let pairs = parameters.map { "(\(name($0)), \(field($0)).isSent)" }.joined(separator: ", ")
            writer.line("issues.checkExactlyOne(of: \(pairs), in: path())")
        case .atLeastOneOf(let parameters):
            let pairs = parameters.map { "(\(name($0)), \(field($0)).isSent)" }.joined(separator: ", ")
            writer.line("issues.checkAtLeastOne(of: \(pairs), in: path())")
        case .requiredWhen(let parameter, let condition):
            writer.line("issues.checkRequired(\(field(parameter)).isSent, \(name(parameter)), when: \(conditionExpression(condition, scope: scope)), in: path())")
        case .maxTotalItems(let parameters, _, let condition), .minTotalItems(let parameters, _, let condition):
            let counts = parameters.map { "(\(name($0)), \(countExpression($0, scope: scope)))" }.joined(separator: ", ")
            let when = condition.map { ", when: \(conditionExpression($0, scope: scope))" } ?? ""
            let bound = if case .maxTotalItems = rule.kind { "max" } else { "min" }
            writer.line("issues.checkTotalItems(\(counts), \(bound): Limits.\(SwiftSource.identifier(plan.limit!.name))\(when), in: path())")
        case .maxItemsWithField(let items, let fieldName, _):
            let itemsMember = scope.member(named: items)
            let object = scope.objectType(itemsMember.type.arrayElement!.nestedType!)!
            let part = object.member(named: fieldName)
            writer.block("if let value = \(field(items)).value") { writer in
                writer.line("issues.checkItemsSending(")
                writer.line("    \(name(fieldName)), count: value.filter { $0.\(SwiftSource.identifier(part.property)).isSent }.count, max: Limits.\(SwiftSource.identifier(plan.limit!.name)),")
                writer.line("    itemsName: \(name(items)), in: path()")
                writer.line(")")
            }
        case .sumEquals(let items, let fieldName, let total):
            let itemsMember = scope.member(named: items)
            let object = scope.objectType(itemsMember.type.arrayElement!.nestedType!)!
            let part = object.member(named: fieldName)
            let partValue = "$0.\(SwiftSource.identifier(part.property)).value" + (part.value.type == .int ? ".map(Double.init)" : "")
            let totalMember = scope.member(named: total)
            let totalDefault = scope.defaultName(of: totalMember).map { "Defaults." + SwiftSource.identifier($0) } ?? "nil"
            let totalValue = "\(field(total)).effectiveValue(default: \(totalDefault))" + (totalMember.value.type == .int ? ".map(Double.init)" : "")
            writer.block("if let value = \(field(items)).value") { writer in
                writer.line("issues.checkSum(")
                writer.line("    of: value, { \(partValue) }, equals: \(totalValue), totalIsDefault: !\(field(total)).isSent,")
                writer.line("    itemsName: \(name(items)), partName: \(name(fieldName)), totalName: \(name(total)), in: path()")
                writer.line(")")
            }
        case .ignoredWhen(let parameter, let condition):
            writer.line("issues.checkIgnored(\(field(parameter)).isSent, \(name(parameter)), when: \(conditionExpression(condition, scope: scope)), in: path())")
        case .tagReferences(let parameter, let prefix, let suffix, let counts):
            let available = "ItemCount.total(\(counts.map { countExpression($0, scope: scope) }.joined(separator: ", ")))"
            let described = counts.map { "`\($0)`" }.joined(separator: ", ")
            writer.block("if let value = \(field(parameter)).value") { writer in
                writer.line("issues.checkReferences(")
                writer.line("    in: value, prefix: \(SwiftSource.literal(prefix)), suffix: \(SwiftSource.literal(suffix)),")
                writer.line("    available: \(available),")
                writer.line("    itemsDescription: \(SwiftSource.literal(described)), at: IssuePath.member(\(name(parameter)), of: path())")
                writer.line(")")
            }
        }
    }

    /// How many items a parameter holds: an array's count, or 1 for a single value that is sent.
    private func countExpression(_ wireName: String, scope: ScopePlan) -> String {
        let member = scope.member(named: wireName)
        return "self.\(SwiftSource.identifier(member.property))." + (member.type.isCollection ? "itemCount" : "singleItemCount")
    }

    private func conditionExpression(_ condition: Condition, scope: ScopePlan) -> String {
        let member = scope.member(named: condition.parameter)
        let field = "self." + SwiftSource.identifier(member.property)
        let name = SwiftSource.literal(condition.parameter)
        switch condition.test {
        case .sent:
            return ".sent(\(field), \(name))"
        case .notSent:
            return ".notSent(\(field), \(name))"
        case .equals(let value):
            let compared = scope.expression(value, of: member.value).spelling
            let defaultValue = scope.defaultName(of: member).map { "Defaults." + SwiftSource.identifier($0) } ?? "nil"
            return ".equals(\(field), \(name), \(compared), default: \(defaultValue), valueText: \(SwiftSource.literal(value.jsonText)))"
        }
    }
}
