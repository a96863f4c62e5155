import KlingJSON
import KlingSchema

/// Writes the validator: a `Fields` struct per scope (the parameters as received), read either from
/// a typed value or from wire JSON, and one `check` that both paths share.
struct ValidationEmitter {
    let schema: ModelSchema

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
                writer.line("var \(SwiftSource.identifier(member.property)): Field<\(member.fieldsType)> = .absent")
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
                if let constant = member.spec.constant {
                    writer.line("self.\(name) = .present(\(SwiftSource.literal(constant)))")
                    continue
                }
                let conversion = fieldsConversion(member.spec, type: member.type, of: "$0", scope: scope)
                if member.isOptional {
                    writer.line(conversion == "$0" ? "self.\(name) = Field(value.\(name))" : "self.\(name) = Field(value.\(name).map { \(conversion) })")
                } else {
                    let expression = fieldsConversion(member.spec, type: member.type, of: "value.\(name)", scope: scope)
                    writer.line("self.\(name) = .present(\(expression))")
                }
            }
        }
    }

    /// The expression that turns a typed value into the validator's form (objects become `Fields`).
    private func fieldsConversion(_ spec: ValueSpec, type: String, of expression: String, scope: ScopePlan) -> String {
        switch spec.type {
        case .object:
            return "\(type).Fields(\(expression))"
        case .array(let items):
            let itemType = String(type.dropFirst().dropLast())
            let inner = fieldsConversion(items, type: itemType, of: "$0", scope: scope)
            if inner == "$0" { return expression }
            if case .object = items.type { return "\(expression).map(\(itemType).Fields.init(_:))" }
            return "\(expression).map { \(inner) }"
        case .jsonString(let content):
            return fieldsConversion(content, type: type, of: expression, scope: scope)
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
                    let method: String = if case .jsonString = member.spec.type { "decodeEmbeddedJSON" } else { "decode" }
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
            for member in scope.members where needsChecks(member.spec) {
                let wire = SwiftSource.literal(member.parameter.name)
                writer.block("if let value = self.\(SwiftSource.identifier(member.property)).value") { writer in
                    emitValueChecks(member.spec, type: member.fieldsType, value: "value", path: "IssuePath.member(\(wire), of: path())",
                                    limitBase: member.property, depth: 0, scope: scope, &writer)
                }
            }
            for rule in scope.rules {
                emitRule(rule, scope: scope, &writer)
            }
        }
    }

    private func needsChecks(_ spec: ValueSpec) -> Bool {
        switch spec.type {
        case .string: return spec.choices != nil || spec.constant != nil || spec.minLength != nil || spec.maxLength != nil
        case .assetID, .url, .object: return true
        case .integer, .number: return spec.minimum != nil || spec.maximum != nil
        case .boolean: return false
        case .array(let items): return spec.minItems != nil || spec.maxItems != nil || needsChecks(items)
        case .jsonString(let content): return needsChecks(content)
        }
    }

    private func emitValueChecks(_ spec: ValueSpec, type: String, value: String, path: String, limitBase: String, depth: Int,
                                 scope: ScopePlan, _ writer: inout CodeWriter) {
        if let length = LimitNames.length(spec, base: limitBase) {
            writer.line("issues.checkLength(\(value), \(rangeArguments(length, lower: "min", upper: "max")), at: \(path))")
        }
        if let bounds = LimitNames.bounds(spec, base: limitBase) {
            writer.line("issues.checkBounds(\(value), \(rangeArguments(bounds, lower: "min", upper: "max")), at: \(path))")
        }
        switch spec.type {
        case .string:
            if let constant = spec.constant {
                writer.line("issues.checkConstant(\(value), \(SwiftSource.literal(constant)), at: \(path))")
            }
            if spec.choices != nil { writer.line("issues.checkChoice(\(value), at: \(path))") }
        case .assetID:
            writer.line("issues.checkAssetID(\(value), at: \(path))")
        case .url:
            writer.line("issues.checkWebURL(\(value), at: \(path))")
        case .object:
            writer.line("\(value).check(into: &issues, at: \(path))")
        case .array(let items):
            if let count = LimitNames.count(spec, base: limitBase) {
                writer.line("issues.checkCount(\(value).count, \(rangeArguments(count, lower: "min", upper: "max")), at: \(path))")
            }
            if needsChecks(items) {
                let suffix = depth == 0 ? "" : String(depth + 1)
                let index = "index" + suffix
                let element = "element" + suffix
                writer.block("for (\(index), \(element)) in \(value).enumerated()") { writer in
                    emitValueChecks(items, type: String(type.dropFirst().dropLast()), value: element, path: "IssuePath.element(\(index), of: \(path))",
                                    limitBase: limitBase + "Item", depth: depth + 1, scope: scope, &writer)
                }
            }
        case .jsonString(let content):
            emitValueChecks(content, type: type, value: value, path: path, limitBase: limitBase, depth: depth, scope: scope, &writer)
        case .integer, .number, .boolean:
            break
        }
    }

    /// `in: Limits.xRange`, `min: Limits.xMinimum` or `max: Limits.xMaxLength`.
    private func rangeArguments(_ limit: LimitConstant, lower: String, upper: String) -> String {
        if limit.type.hasPrefix("ClosedRange") { return "in: Limits.\(limit.name)" }
        let isLower = limit.name.hasSuffix("Minimum") || limit.name.hasSuffix("MinLength") || limit.name.hasSuffix("MinCount")
        return "\(isLower ? lower : upper): Limits.\(limit.name)"
    }

    // MARK: Rules

    private func emitRule(_ rule: Rule, scope: ScopePlan, _ writer: inout CodeWriter) {
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
        case .maxTotalItems(let parameters, _, let condition):
            let counts = parameters.map { "(\(name($0)), \(countExpression($0, scope: scope)))" }.joined(separator: ", ")
            let limit = LimitNames.totalItems(parameters: parameters, when: condition, scope: scope)
            let when = condition.map { ", when: \(conditionExpression($0, scope: scope))" } ?? ""
            writer.line("issues.checkTotalItems(\(counts), max: Limits.\(limit)\(when), in: path())")
        case .sumEquals(let items, let fieldName, let total):
            let itemsMember = scope.member(named: items)
            let objectName = String(itemsMember.type.dropFirst().dropLast())
            let object = scope.objectType(named: objectName)!
            let part = object.member(named: fieldName)
            let partValue = "$0.\(SwiftSource.identifier(part.property)).value" + (part.spec.type == .integer ? ".map(Double.init)" : "")
            let totalMember = scope.member(named: total)
            let totalDefault = totalMember.parameter.defaultValue == nil ? "nil" : "Defaults.\(SwiftSource.identifier(totalMember.property))"
            let totalValue = "\(field(total)).effectiveValue(default: \(totalDefault))" + (totalMember.spec.type == .integer ? ".map(Double.init)" : "")
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

    private func countExpression(_ wireName: String, scope: ScopePlan) -> String {
        let member = scope.member(named: wireName)
        return "self.\(SwiftSource.identifier(member.property))." + (member.fieldsType.hasPrefix("[") ? "itemCount" : "singleItemCount")
    }

    private func conditionExpression(_ condition: Condition, scope: ScopePlan) -> String {
        let member = scope.member(named: condition.parameter)
        let field = "self." + SwiftSource.identifier(member.property)
        let name = SwiftSource.literal(condition.parameter)
        switch condition.test {
        case .sent:
            return ".sent(\(field), \(name))"
        case .equals(let value):
            let compared = ValueLiteral.expression(value, for: member, in: scope)
            let defaultValue = member.parameter.defaultValue == nil ? "nil" : "Defaults.\(SwiftSource.identifier(member.property))"
            return ".equals(\(field), \(name), \(compared), default: \(defaultValue), valueText: \(SwiftSource.literal(value.jsonText)))"
        }
    }
}
