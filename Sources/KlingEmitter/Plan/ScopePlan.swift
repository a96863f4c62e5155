import KlingJSON
import KlingSchema

/// One struct the emitter writes (a request, or an object parameter's type), planned: its
/// properties with their Swift types, the choice and object types nested in it, its `Defaults` and
/// `Limits`, and its rules, every name handed out by the scope's allocators.
struct ScopePlan: Sendable {
    /// The type's own name (`KlingV3OmniVideoRequest`, `Shot`).
    let typeName: String
    /// The name as written from outside (`KlingV3OmniVideoRequest.Shot`).
    let qualifiedName: String
    let description: String?
    /// The key of the documentation page of the top-level parameter this scope belongs to.
    let sourceKey: String?
    /// The parameters or fields, in the schema's order.
    private(set) var members: [Member] = []
    private var memberIndex: [String: Int] = [:]
    private(set) var choiceTypes: [ChoiceType] = []
    private(set) var objectTypes: [ScopePlan] = []
    /// The `Defaults` enum: one static per member with a default, in member order.
    private(set) var defaults: [Default] = []
    /// The `Limits` enum: the members' limits in member order, then the rules' limits.
    private(set) var limits: [Limit] = []
    private(set) var rules: [RulePlan] = []

    /// One parameter or field, with its Swift name and type.
    struct Member: Sendable {
        let parameter: Parameter
        /// The property name (also its coding key and its `Fields` member), without backticks.
        let property: String
        /// The property's type: optional unless required, embedded JSON when sent as a JSON string.
        let type: SwiftType
        /// The value's checks and limits (for embedded JSON, those of the JSON's content).
        let value: ValuePlan

        var spec: ValueSpec { parameter.value }
        var wireName: String { parameter.name }
        /// A constant parameter: always sent with its one value, not stored.
        var constant: String? { spec.constant }
        var isOptional: Bool { type.isOptional }
    }

    /// A value's checks: its Swift type, the schema's facts, the limits declared for it, and its items'.
    struct ValuePlan: Sendable {
        /// The Swift type of the value itself (no optional, no embedded JSON).
        let type: SwiftType
        let spec: ValueSpec
        /// The limits on the value, by kind.
        let limits: [LimitKind: Limit]
        /// The allowed values of an integer or number.
        let allowedValues: Limit?
        private let itemPlans: [ValuePlan]

        init(type: SwiftType, spec: ValueSpec, limits: [LimitKind: Limit], allowedValues: Limit? = nil, items: ValuePlan?) {
            self.type = type
            self.spec = spec
            self.limits = limits
            self.allowedValues = allowedValues
            itemPlans = items.map { [$0] } ?? []
        }

        /// The plan of an array's or one-or-many value's items.
        var items: ValuePlan? { itemPlans.first }
    }

    /// A string choice's nested type.
    struct ChoiceType: Sendable {
        let name: String
        /// The empty enum that makes `name` an `OpenChoice` of its own.
        let valuesName: String
        let choices: Choices
        let description: String
        /// The static member for each value, in order.
        let memberNames: [String]

        /// The static member of a known value, if it is one.
        func member(for value: String) -> String? {
            choices.values.firstIndex { $0.value == value }.map { memberNames[$0] }
        }
    }

    /// A documented default, as a static of `Defaults`.
    struct Default: Sendable {
        let name: String
        let member: Member
        let value: ValueExpression
    }

    /// A rule with what the emitter declares for it.
    struct RulePlan: Sendable {
        let rule: Rule
        /// The `Limits` member of a `maxTotalItems`, `minTotalItems` or `maxItemsWithField` rule.
        let limit: Limit?
    }

    /// The description of a parameter, or words about it where the provider gives none.
    static func description(of parameter: Parameter) -> String {
        parameter.description ?? "`\(parameter.name)`; the provider does not describe it."
    }

    init(typeName: String, qualifiedName: String, fields: [Parameter], rules: [Rule], description: String?,
         sourceKey: String?, outerTypeNames: Set<String>) {
        self.typeName = typeName
        self.qualifiedName = qualifiedName
        self.description = description
        self.sourceKey = sourceKey
        var typeNames = NameAllocator(.type, taken: outerTypeNames.union([typeName]))
        var properties = NameAllocator(.member)
        var limitNames = NameAllocator(.member)
        var defaultNames = NameAllocator(.member)
        // Types are named after their property, so properties are named first.
        let propertyNames = fields.map { properties.claim($0.swiftName ?? Identifier.propertyName(fromWireName: $0.name)) }
        for (parameter, property) in zip(fields, propertyNames) {
            let base = Identifier.typeName(fromWireName: property)
            let sourceKey = parameter.source ?? sourceKey
            var valueSpec = parameter.value
            var isEmbedded = false
            if case .jsonString(let content) = valueSpec.type {
                valueSpec = content
                isEmbedded = true
            }
            let value = plan(valueSpec, typeBase: base, limitBase: property, subject: "`\(property)`", description: Self.description(of: parameter), sourceKey: sourceKey,
                             typeNames: &typeNames, limitNames: &limitNames)
            var type = isEmbedded ? SwiftType.embeddedJSON(value.type) : value.type
            if !parameter.isRequired { type = .optional(type) }
            memberIndex[parameter.name] = members.count
            members.append(Member(parameter: parameter, property: property, type: type, value: value))
        }
        for member in members {
            guard let defaultValue = member.parameter.defaultValue else { continue }
            defaults.append(Default(name: defaultNames.claim(member.property), member: member,
                                    value: expression(defaultValue, of: member.value)))
        }
        for rule in rules {
            var limit: Limit?
            switch rule.kind {
            case .maxTotalItems(let parameters, let max, let condition):
                limit = totalItemsLimit(parameters, "MaxTotal", .atMost(.int(Int64(max))), "The most", when: condition, names: &limitNames)
            case .minTotalItems(let parameters, let min, let condition):
                limit = totalItemsLimit(parameters, "MinTotal", .atLeast(.int(Int64(min))), "The fewest", when: condition, names: &limitNames)
            case .maxItemsWithField(let items, let field, let max):
                let name = member(named: items).property + "MaxWith" + Identifier.typeName(fromWireName: Identifier.propertyName(fromWireName: field))
                limit = Limit(name: limitNames.claim(name), bound: .atMost(.int(Int64(max))),
                              doc: "The most items of `\(items)` that may send `\(field)`.")
            default:
                break
            }
            if let limit { limits.append(limit) }
            self.rules.append(RulePlan(rule: rule, limit: limit))
        }
    }

    /// The member of a wire name the schema's rules name (the linter guarantees it exists).
    func member(named wireName: String) -> Member {
        members[memberIndex[wireName]!]
    }

    /// The `Defaults` static of a member, if it has a default.
    func defaultName(of member: Member) -> String? {
        defaults.first { $0.member.wireName == member.wireName }?.name
    }

    /// The choice type with this name, if one is declared here.
    func choiceType(_ nested: NestedType) -> ChoiceType? {
        choiceTypes.first { $0.name == nested.name }
    }

    /// The object type with this name, if one is declared here.
    func objectType(_ nested: NestedType) -> ScopePlan? {
        objectTypes.first { $0.typeName == nested.name }
    }

    // MARK: Planning

    /// Plans a value: its Swift type (declaring nested types), and its limits, named `<limitBase>Range`,
    /// `<limitBase>MaxLength`, …, its items' `<limitBase>Item…`, their doc comments about `subject`.
    private mutating func plan(_ spec: ValueSpec, typeBase: String, limitBase: String, subject: String, description: String, sourceKey: String?,
                      typeNames: inout NameAllocator, limitNames: inout NameAllocator) -> ValuePlan {
        var limits: [LimitKind: Limit] = [:]
        for kind in LimitKind.allCases {
            if let limit = kind.limit(of: spec, base: limitBase, subject: subject, names: &limitNames) {
                limits[kind] = limit
                self.limits.append(limit)
            }
        }
        let allowedValues = LimitKind.allowedValues(of: spec, base: limitBase, subject: subject, names: &limitNames)
        if let allowedValues { self.limits.append(allowedValues) }
        switch spec.type {
        case .string:
            guard let choices = spec.choices else { return ValuePlan(type: .string, spec: spec, limits: limits, items: nil) }
            let name = typeNames.claim(choices.typeName ?? typeBase)
            let valuesName = typeNames.claim(name + "Values")
            var memberNames = NameAllocator(.member, unusable: SwiftSource.choiceAPI)
            let members = choices.values.map { memberNames.claim($0.swiftName ?? Identifier.choiceName(fromValue: $0.value)) }
            choiceTypes.append(ChoiceType(name: name, valuesName: valuesName, choices: choices, description: description, memberNames: members))
            return ValuePlan(type: .nested(NestedType(name: name, kind: .choice)), spec: spec, limits: limits, items: nil)
        case .integer: return ValuePlan(type: .int, spec: spec, limits: limits, allowedValues: allowedValues, items: nil)
        case .number: return ValuePlan(type: .double, spec: spec, limits: limits, allowedValues: allowedValues, items: nil)
        case .boolean: return ValuePlan(type: .bool, spec: spec, limits: limits, items: nil)
        case .assetID: return ValuePlan(type: .assetID, spec: spec, limits: limits, items: nil)
        case .url: return ValuePlan(type: spec.alsoAccepts.isEmpty ? .url : .mediaSource, spec: spec, limits: limits, items: nil)
        case .array(let itemSpec), .oneOrMany(let itemSpec):
            let items = plan(itemSpec, typeBase: typeBase + "Item", limitBase: limitBase + "Item", subject: "each item of " + subject, description: description,
                             sourceKey: sourceKey, typeNames: &typeNames, limitNames: &limitNames)
            let type: SwiftType = if case .array = spec.type { .array(items.type) } else { .oneOrMany(items.type) }
            return ValuePlan(type: type, spec: spec, limits: limits, items: items)
        case .object(let object):
            let name = typeNames.claim(object.typeName ?? typeBase)
            let nested = ScopePlan(typeName: name, qualifiedName: qualifiedName + "." + name, fields: object.fields, rules: object.rules,
                                   description: object.description ?? description, sourceKey: sourceKey, outerTypeNames: typeNames.taken)
            objectTypes.append(nested)
            return ValuePlan(type: .nested(NestedType(name: name, kind: .object)), spec: spec, limits: limits, items: nil)
        case .jsonString(let content):
            // JSON in JSON: the outer string's content is planned as the value (the linter allows one level).
            return plan(content, typeBase: typeBase, limitBase: limitBase, subject: subject, description: description, sourceKey: sourceKey,
                        typeNames: &typeNames, limitNames: &limitNames)
        }
    }

    /// The `Limits` member of a `maxTotalItems` (`kind` `MaxTotal`) or `minTotalItems` (`MinTotal`) rule.
    private func totalItemsLimit(_ parameters: [String], _ kind: String, _ bound: Limit.Bound, _ docStart: String, when condition: Condition?,
                                 names: inout NameAllocator) -> Limit {
        let what = parameters.map { "`\($0)`" }.joined(separator: " + ")
        let when = condition.map { " when " + RuleText.describe($0) } ?? ""
        return Limit(name: names.claim(totalItemsName(parameters, kind, when: condition)), bound: bound,
                     doc: "\(docStart) items \(what) may hold together\(when).")
    }

    /// The `Limits` name of a `maxTotalItems` or `minTotalItems` rule (`kind` is `MaxTotal` or
    /// `MinTotal`): `elementsAndImagesMaxTotalWithVideo` while `video` is sent,
    /// `imagesMaxTotalWithoutVideo` while it is not, `imagesMaxTotalWhenModeIs4k` while `mode` equals `"4k"`.
    private func totalItemsName(_ parameters: [String], _ kind: String, when condition: Condition?) -> String {
        let names = parameters.map { member(named: $0).property }
        var name = names[0] + names.dropFirst().map { "And" + Identifier.typeName(fromWireName: $0) }.joined() + kind
        if let condition {
            let parameter = Identifier.typeName(fromWireName: member(named: condition.parameter).property)
            switch condition.test {
            case .sent: name += "With" + parameter
            case .notSent: name += "Without" + parameter
            case .equals(let value):
                let text: String = if case .string(let string) = value { string } else { value.jsonText }
                name += "When" + parameter + "Is" + Identifier.upperCamelWords(text)
            }
        }
        return name
    }

    /// A JSON value of a member's type as a Swift expression (a default, a compared value).
    func expression(_ value: JSONValue, of plan: ValuePlan) -> ValueExpression {
        switch value {
        case .string(let string):
            if case .nested(let nested) = plan.type, let choice = choiceType(nested) {
                return .choice(type: nested.name, member: choice.member(for: string), rawValue: string)
            }
            switch plan.type {
            case .url: return .url(string)
            case .mediaSource: return .mediaSource(string)
            case .oneOrMany: return plan.items.map { .one(expression(value, of: $0)) } ?? .string(string)
            default: return .string(string)
            }
        case .number(let number):
            if case .oneOrMany = plan.type, let items = plan.items { return .one(expression(value, of: items)) }
            return plan.type == .int ? .integer(Int64(number)) : .number(number)
        case .bool(let bool):
            if case .oneOrMany = plan.type, let items = plan.items { return .one(expression(value, of: items)) }
            return .bool(bool)
        case .array(let elements):
            guard let items = plan.items else { return .array([]) }
            let array = elements.map { expression($0, of: items) }
            if case .oneOrMany = plan.type { return .many(array) }
            return .array(array)
        case .null, .object:
            // The linter allows no default or compared value of these kinds.
            return .array([])
        }
    }
}

/// A Swift expression for a JSON value of a parameter's type.
indirect enum ValueExpression: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    /// An absolute URL (`URL(string: "…")!`).
    case url(String)
    /// A media source's text (`MediaSource(rawValue: "…")`).
    case mediaSource(String)
    /// A one-or-many value holding one value (`.one(…)`).
    case one(ValueExpression)
    /// A one-or-many value holding an array (`.many([…])`).
    case many([ValueExpression])
    /// A value of a choice type: its static member when the value is known, else the raw value.
    case choice(type: String, member: String?, rawValue: String)
    case array([ValueExpression])
}
