internal import KlingSchema

/// One rule of a scope, ready to run: its operands (member indices, limits, defaults, the words its
/// messages use) looked up once and held by a check that calls the function of `RuleChecks.swift` a
/// request type's own validator calls for that rule.
struct RuleChecker: Sendable {
    /// Runs the rule over a scope's fields (its path given as the last argument).
    typealias Check = @Sendable (_ fields: [WireField], _ issues: inout IssueList, _ path: () -> String) -> Void

    private let run: Check

    /// Runs the rule over a scope's fields.
    func check(_ fields: [WireField], into issues: inout IssueList, at path: @autoclosure () -> String) {
        run(fields, &issues, path)
    }

    /// Looks up a rule's operands among a scope's members (the linter guarantees they exist).
    init(_ rule: Rule, members: [ScopeChecker.Member], parameters: [Parameter], indexByName: [String: Int]) {
        func member(_ name: String) -> MemberReference {
            let index = indexByName[name]!
            return MemberReference(index: index, name: name, isCollection: members[index].isCollection)
        }
        func condition(_ condition: Condition) -> ConditionChecker {
            let index = indexByName[condition.parameter]!
            return ConditionChecker(condition, member: member(condition.parameter), value: members[index].value,
                                    defaultValue: parameters[index].defaultValue)
        }
        /// The field `name` of the objects an array member holds.
        func itemField(_ items: String, _ name: String) -> MemberReference {
            guard case .array(let itemChecker) = members[indexByName[items]!].value.kind, case .object(let scope) = itemChecker.kind,
                  let index = scope.index(of: name)
            else { preconditionFailure("`\(items)` holds no objects with a field `\(name)`") }
            return MemberReference(index: index, name: name, isCollection: scope.members[index].isCollection)
        }
        switch rule.kind {
        case .requires(let parameter, let dependency):
            run = Self.requires(member(parameter), dependency: member(dependency))
        case .mutuallyExclusive(let conditions):
            run = Self.mutuallyExclusive(conditions.map(condition))
        case .exactlyOneOf(let names):
            let members = names.map(member)
            run = { fields, issues, path in
                issues.checkExactlyOne(among: members.map { (name: $0.name, isSent: fields[$0.index].isSent) }, in: path())
            }
        case .atLeastOneOf(let names):
            let members = names.map(member)
            run = { fields, issues, path in
                issues.checkAtLeastOne(among: members.map { (name: $0.name, isSent: fields[$0.index].isSent) }, in: path())
            }
        case .requiredWhen(let parameter, let when):
            let parameter = member(parameter), condition = condition(when)
            run = { fields, issues, path in
                issues.checkRequired(fields[parameter.index].isSent, parameter.name, when: condition.evaluate(fields), in: path())
            }
        case .maxTotalItems(let names, let max, let when):
            run = Self.maxTotalItems(names.map(member), max: max, when: when.map(condition))
        case .minTotalItems(let names, let min, let when):
            let members = names.map(member), condition = when.map(condition)
            run = { fields, issues, path in
                issues.checkTotalItems(counts: members.map { $0.counted(in: fields) }, min: min, when: condition?.evaluate(fields), in: path())
            }
        case .maxItemsWithField(let items, let field, let max):
            run = Self.maxItemsWithField(items: member(items), field: itemField(items, field), max: max)
        case .sumEquals(let items, let field, let total):
            let totalIndex = indexByName[total]!
            var totalDefault: Double?
            if case .number(let number)? = parameters[totalIndex].defaultValue {
                // An integer total's default is a whole number, as the request type declares it.
                if case .integer = members[totalIndex].value.kind { totalDefault = Double(Int64(number)) } else { totalDefault = number }
            }
            run = Self.sumEquals(items: member(items), part: itemField(items, field), total: member(total), totalDefault: totalDefault)
        case .ignoredWhen(let parameter, let when):
            let parameter = member(parameter), condition = condition(when)
            run = { fields, issues, path in
                issues.checkIgnored(fields[parameter.index].isSent, parameter.name, when: condition.evaluate(fields), in: path())
            }
        case .tagReferences(let parameter, let prefix, let suffix, let counts):
            run = Self.tagReferences(member(parameter), prefix: prefix, suffix: suffix, counts: counts.map(member),
                                     itemsDescription: counts.map { "`\($0)`" }.joined(separator: ", "))
        }
    }

    private static func requires(_ parameter: MemberReference, dependency: MemberReference) -> Check {
        { fields, issues, path in
            issues.checkRequires(fields[parameter.index].isSent, parameter.name, requires: fields[dependency.index].isSent, dependency.name, in: path())
        }
    }

    private static func mutuallyExclusive(_ conditions: [ConditionChecker]) -> Check {
        if conditions.count == 2 {
            let first = conditions[0], second = conditions[1]
            return { fields, issues, path in
                issues.checkMutuallyExclusive(first.evaluate(fields), second.evaluate(fields), in: path())
            }
        }
        return { fields, issues, path in
            issues.checkMutuallyExclusive(conditions: conditions.map { $0.evaluate(fields) }, in: path())
        }
    }

    private static func maxTotalItems(_ members: [MemberReference], max: Int, when condition: ConditionChecker?) -> Check {
        switch members.count {
        case 1:
            let only = members[0]
            return { fields, issues, path in
                issues.checkTotalItems(only.counted(in: fields), max: max, when: condition?.evaluate(fields), in: path())
            }
        case 2:
            let first = members[0], second = members[1]
            return { fields, issues, path in
                issues.checkTotalItems(first.counted(in: fields), second.counted(in: fields), max: max, when: condition?.evaluate(fields), in: path())
            }
        default:
            return { fields, issues, path in
                issues.checkTotalItems(counts: members.map { $0.counted(in: fields) }, max: max, when: condition?.evaluate(fields), in: path())
            }
        }
    }

    /// `field` is the index of the field in the scope of the items of `items`.
    private static func maxItemsWithField(items: MemberReference, field: MemberReference, max: Int) -> Check {
        { fields, issues, path in
            guard case .present(.items(let objects, _)) = fields[items.index] else { return }
            var count = 0
            for case .object(let itemFields) in objects where itemFields[field.index].isSent { count += 1 }
            issues.checkItemsSending(field.name, count: count, max: max, itemsName: items.name, in: path())
        }
    }

    /// `part` is the index of the field in the scope of the items of `items`; `totalDefault` the
    /// total's default, used when it is not sent.
    private static func sumEquals(items: MemberReference, part: MemberReference, total: MemberReference, totalDefault: Double?) -> Check {
        { fields, issues, path in
            guard case .present(.items(let objects, _)) = fields[items.index] else { return }
            let totalValue: Double?
            switch fields[total.index] {
            case .absent: totalValue = totalDefault
            case .invalid: totalValue = nil
            case .present(let value): totalValue = if case .json(.number(let number)) = value { number } else { nil }
            }
            issues.checkSum(
                of: objects, { item in
                    guard case .object(let itemFields) = item, case .present(.json(.number(let number))) = itemFields[part.index] else { return nil }
                    return number
                }, equals: totalValue, totalIsDefault: !fields[total.index].isSent,
                itemsName: items.name, partName: part.name, totalName: total.name, in: path()
            )
        }
    }

    /// `itemsDescription` names the counted parameters as the message does.
    private static func tagReferences(_ parameter: MemberReference, prefix: String, suffix: String, counts: [MemberReference],
                                      itemsDescription: String) -> Check {
        { fields, issues, path in
            guard case .present(.json(.string(let text))) = fields[parameter.index] else { return }
            var available: Int? = 0
            for member in counts {
                guard let total = available, let count = fields[member.index].itemCount(isCollection: member.isCollection) else {
                    available = nil
                    break
                }
                available = total + count
            }
            issues.checkReferences(in: text, prefix: prefix, suffix: suffix, available: available, itemsDescription: itemsDescription,
                                   at: IssuePath.member(parameter.name, of: path()))
        }
    }
}

/// A member a rule names: its index in the scope and its wire name.
struct MemberReference: Sendable {
    let index: Int
    let name: String
    /// Whether it holds items (an array or one-or-many value) rather than one value, for counts.
    let isCollection: Bool

    /// The member's name and how many items it contributes to a count: nil when malformed.
    func counted(in fields: [WireField]) -> (name: String, count: Int?) {
        (name, fields[index].itemCount(isCollection: isCollection))
    }
}
