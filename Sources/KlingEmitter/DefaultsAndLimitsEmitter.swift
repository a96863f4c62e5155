import KlingJSON
import KlingSchema

/// A documented limit as a static of a `Limits` enum.
struct LimitConstant {
    let name: String
    let type: String
    let value: String
    let doc: String
}

/// The names of a scope's limits, shared by the `Limits` enum and the checks that read it.
enum LimitNames {
    /// The numeric bounds of a value: `durationRange`, `durationMinimum` or `durationMaximum`.
    static func bounds(_ spec: ValueSpec, base: String) -> LimitConstant? {
        let type = spec.type == .integer ? "Int" : "Double"
        func literal(_ value: Double) -> String { spec.type == .integer ? SwiftSource.integerLiteral(value) : SwiftSource.literal(value) }
        switch (spec.minimum, spec.maximum) {
        case let (min?, max?): return LimitConstant(name: base + "Range", type: "ClosedRange<\(type)>", value: "\(literal(min))...\(literal(max))", doc: "The allowed range.")
        case let (min?, nil): return LimitConstant(name: base + "Minimum", type: type, value: literal(min), doc: "The smallest allowed value.")
        case let (nil, max?): return LimitConstant(name: base + "Maximum", type: type, value: literal(max), doc: "The largest allowed value.")
        default: return nil
        }
    }

    /// The length limits of a string: `promptLengthRange`, `promptMinLength` or `promptMaxLength`.
    static func length(_ spec: ValueSpec, base: String) -> LimitConstant? {
        switch (spec.minLength, spec.maxLength) {
        case let (min?, max?): return LimitConstant(name: base + "LengthRange", type: "ClosedRange<Int>", value: "\(min)...\(max)", doc: "The allowed length in characters (Unicode code points).")
        case let (min?, nil): return LimitConstant(name: base + "MinLength", type: "Int", value: "\(min)", doc: "The shortest allowed length in characters (Unicode code points).")
        case let (nil, max?): return LimitConstant(name: base + "MaxLength", type: "Int", value: "\(max)", doc: "The longest allowed length in characters (Unicode code points).")
        default: return nil
        }
    }

    /// The item count limits of an array: `shotsCountRange`, `imagesMinCount` or `imagesMaxCount`.
    static func count(_ spec: ValueSpec, base: String) -> LimitConstant? {
        switch (spec.minItems, spec.maxItems) {
        case let (min?, max?): return LimitConstant(name: base + "CountRange", type: "ClosedRange<Int>", value: "\(min)...\(max)", doc: "The allowed number of items.")
        case let (min?, nil): return LimitConstant(name: base + "MinCount", type: "Int", value: "\(min)", doc: "The fewest items allowed.")
        case let (nil, max?): return LimitConstant(name: base + "MaxCount", type: "Int", value: "\(max)", doc: "The most items allowed.")
        default: return nil
        }
    }

    /// Every limit of a value, its items' limits named `<base>Item…`.
    static func all(_ spec: ValueSpec, base: String) -> [LimitConstant] {
        var limits = [bounds(spec, base: base), length(spec, base: base), count(spec, base: base)].compactMap { $0 }
        switch spec.type {
        case .array(let items): limits += all(items, base: base + "Item")
        case .jsonString(let content): limits += all(content, base: base)
        default: break
        }
        return limits
    }

    /// The limit of a `maxTotalItems` rule: `elementsAndImagesMaxTotalWithVideo`.
    static func totalItems(parameters: [String], when condition: Condition?, scope: ScopePlan) -> String {
        let names = parameters.map { scope.member(named: $0).property }
        var name = names[0] + names.dropFirst().map { "And" + Identifier.typeName(fromWireName: $0) }.joined() + "MaxTotal"
        if let condition { name += "With" + Identifier.typeName(fromWireName: scope.member(named: condition.parameter).property) }
        return name
    }
}

/// Writes a scope's `Defaults` and `Limits` enums.
struct DefaultsAndLimitsEmitter {
    let scope: ScopePlan

    func emit(_ writer: inout CodeWriter) {
        let defaults = scope.members.filter { $0.parameter.defaultValue != nil }
        var limits = scope.members.flatMap { LimitNames.all($0.spec, base: $0.property) }
        for rule in scope.rules {
            if case .maxTotalItems(let parameters, let max, let condition) = rule.kind {
                let what = parameters.map { "`\($0)`" }.joined(separator: " + ")
                let when = condition.map { " when `\($0.parameter)` is sent" } ?? ""
                limits.append(LimitConstant(name: LimitNames.totalItems(parameters: parameters, when: condition, scope: scope),
                                            type: "Int", value: "\(max)", doc: "The most items \(what) may hold together\(when)."))
            }
        }
        guard !defaults.isEmpty || !limits.isEmpty else { return }
        writer.line()
        writer.line("// MARK: - Defaults and limits of \(scope.qualifiedName)")
        writer.line()
        writer.block("extension \(scope.qualifiedName)") { writer in
            if !defaults.isEmpty {
                writer.doc("The values the provider uses for parameters that are not sent.")
                writer.block("public enum Defaults") { writer in
                    for member in defaults {
                        let value = ValueLiteral.expression(member.parameter.defaultValue!, for: member, in: scope)
                        // A choice's member reads best with a leading dot; the declared type names it.
                        let shortened = value.hasPrefix(member.type + ".") ? String(value.dropFirst(member.type.count)) : value
                        writer.line("public static let \(SwiftSource.identifier(member.property)): \(member.type) = \(shortened)")
                    }
                }
            }
            if !defaults.isEmpty && !limits.isEmpty { writer.line() }
            if !limits.isEmpty {
                writer.doc("The documented limits.")
                writer.block("public enum Limits") { writer in
                    for limit in limits {
                        writer.doc(limit.doc)
                        writer.line("public static let \(limit.name): \(limit.type) = \(limit.value)")
                    }
                }
            }
        }
    }
}

/// Swift expressions for JSON values of a parameter's type (defaults, compared values).
enum ValueLiteral {
    static func expression(_ value: JSONValue, for member: ScopePlan.Member, in scope: ScopePlan) -> String {
        expression(value, spec: member.spec, type: member.type, scope: scope)
    }

    static func expression(_ value: JSONValue, spec: ValueSpec, type: String, scope: ScopePlan) -> String {
        switch value {
        case .string(let string):
            if let choice = scope.choiceType(named: type) {
                if let index = choice.choices.values.firstIndex(where: { $0.value == string }) {
                    return "\(type).\(SwiftSource.identifier(choice.memberNames[index]))"
                }
                return "\(type)(rawValue: \(SwiftSource.literal(string)))"
            }
            if spec.type == .url { return "URL(string: \(SwiftSource.literal(string)))!" }
            return SwiftSource.literal(string)
        case .number(let number):
            return spec.type == .integer ? SwiftSource.integerLiteral(number) : SwiftSource.literal(number)
        case .bool(let bool):
            return bool ? "true" : "false"
        case .array(let elements):
            guard case .array(let items) = spec.type else { return "[]" }
            let itemType = String(type.dropFirst().dropLast())
            return "[" + elements.map { expression($0, spec: items, type: itemType, scope: scope) }.joined(separator: ", ") + "]"
        case .null, .object:
            return "nil"
        }
    }
}
