import KlingJSON
import KlingSchema

/// Request bodies built from a model's schema, independently of the generated code: the smallest
/// body the schema accepts, and for every limit and every rule a body that breaks exactly that,
/// with the issue the validator must report.
struct SampleBodies {
    let schema: ModelSchema

    /// A body that breaks one limit or rule, and what the validator must say about it.
    struct Violation: CustomStringConvertible {
        /// What is broken, in words (the test's label).
        let what: String
        let body: JSONValue
        /// The issue code and wire path the report must contain.
        let code: String
        let path: String
        /// Whether the issue is a warning (an inferred value, an ignored parameter) rather than an error.
        let isWarning: Bool
        /// Whether a typed request can hold the body (a constant mismatch or a malformed URL cannot).
        let typedCanHoldIt: Bool

        var description: String { what }
    }

    // MARK: Sample values

    /// A valid value of a spec, or nil for a type no sample is made of.
    static func sample(_ spec: ValueSpec) -> JSONValue {
        switch spec.type {
        case .string:
            if let constant = spec.constant { return .string(constant) }
            if let first = spec.choices?.values.first { return .string(first.value) }
            return .string(String(repeating: "a", count: max(spec.minLength ?? 1, 1)))
        case .integer, .number:
            if let first = spec.numberValues?.values.first { return .number(first) }
            var value = spec.minimum ?? 1
            if let maximum = spec.maximum, value > maximum { value = maximum }
            return .number(value)
        case .boolean:
            return .bool(false)
        case .assetID:
            return .string("asset_sample")
        case .url:
            return .string("https://example.com/sample.png")
        case .array(let items):
            return .array(Array(repeating: sample(items), count: max(spec.minItems ?? 1, 1)))
        case .oneOrMany(let items):
            let count = spec.minItems ?? 1
            return count <= 1 ? sample(items) : .array(Array(repeating: sample(items), count: count))
        case .object(let object):
            return sampleObject(object)
        case .jsonString(let content):
            return .string(sample(content).jsonText)
        }
    }

    /// An object with its required fields, and a field its item rules need.
    static func sampleObject(_ object: ObjectSpec) -> JSONValue {
        var members = object.fields.filter(\.isRequired).map { JSONObject.Member(key: $0.name, value: sample($0.value)) }
        for rule in object.rules {
            if case .exactlyOneOf(let names) = rule.kind, !names.contains(where: { name in members.contains { $0.key == name } }),
               let field = object.fields.first(where: { $0.name == names[0] }) {
                members.append(.init(key: field.name, value: sample(field.value)))
            }
            if case .atLeastOneOf(let names) = rule.kind, !names.contains(where: { name in members.contains { $0.key == name } }),
               let field = object.fields.first(where: { $0.name == names[0] }) {
                members.append(.init(key: field.name, value: sample(field.value)))
            }
        }
        return .object(JSONObject(members))
    }

    // MARK: The minimal valid body

    /// Every required parameter, then whatever the rules ask for, until nothing changes.
    var minimalBody: JSONValue {
        var body = Body(schema.parameters.filter(\.isRequired).map { ($0.name, Self.sample($0.value)) })
        for _ in 0..<8 {
            let before = body
            satisfyRules(&body)
            if body == before { break }
        }
        return body.json
    }

    private func satisfyRules(_ body: inout Body) {
        for rule in schema.rules {
            switch rule.kind {
            case .exactlyOneOf(let names), .atLeastOneOf(let names):
                if !names.contains(where: body.has) { body.set(names[0], sample(names[0])) }
            case .requires(let parameter, let dependency):
                if body.has(parameter), !body.has(dependency) { body.set(dependency, sample(dependency)) }
            case .requiredWhen(let parameter, let condition):
                if holds(condition, in: body), !body.has(parameter) { body.set(parameter, sample(parameter)) }
            case .minTotalItems(let names, let min, let condition):
                if condition.map({ holds($0, in: body) }) ?? true, total(names, in: body) < min {
                    fill(names, count: min, in: &body)
                }
            case .sumEquals(let items, let field, let total):
                guard var elements = body[items].flatMap(arrayOfItems), !elements.isEmpty else { continue }
                let target = effectiveValue(of: total, in: body)?.numberValue ?? 0
                elements = elements.enumerated().map { index, element in
                    setting(field, to: .number(index == 0 ? target : 0), in: element)
                }
                body.set(items, rewrap(elements, like: parameter(items)))
            default:
                break
            }
        }
    }

    // MARK: Violations

    /// One body per documented limit of a top-level parameter (and of the fields of its objects),
    /// and one per rule.
    var violations: [Violation] {
        limitViolations + ruleViolations
    }

    private var limitViolations: [Violation] {
        let base = Body(minimalBody)
        var result: [Violation] = []
        for parameter in schema.parameters {
            for (what, value, code, isWarning, typed) in Self.breaking(parameter.value) {
                var body = base
                body.set(parameter.name, value)
                result.append(Violation(what: "`\(parameter.name)` \(what)", body: body.json, code: code, path: parameter.name,
                                        isWarning: isWarning, typedCanHoldIt: typed))
            }
            // The fields of an object, or of an array's objects: one item holding the broken field.
            guard let object = Self.object(of: parameter.value) else { continue }
            for field in object.fields {
                for (what, value, code, isWarning, typed) in Self.breaking(field.value) {
                    var item = Self.sampleObject(object)
                    item = setting(field.name, to: value, in: item)
                    var body = base
                    let isArray = parameter.value.type.itemSpec != nil || Self.isJSONArray(parameter.value)
                    let path = isArray ? "\(parameter.name)[0].\(field.name)" : "\(parameter.name).\(field.name)"
                    body.set(parameter.name, rewrap([item], like: parameter, single: !isArray))
                    result.append(Violation(what: "`\(path)` \(what)", body: body.json, code: code, path: path,
                                            isWarning: isWarning, typedCanHoldIt: typed))
                }
            }
        }
        return result
    }

    /// Values that break each limit of a spec: (what, value, code, is a warning, typed can hold it).
    static func breaking(_ spec: ValueSpec) -> [(String, JSONValue, String, Bool, Bool)] {
        var result: [(String, JSONValue, String, Bool, Bool)] = []
        switch spec.type {
        case .string:
            if let constant = spec.constant {
                result.append(("is not its constant", .string(constant + "-other"), "constant_mismatch", false, false))
            }
            if let choices = spec.choices {
                let documented = choices.valueSet == .documented
                let other = choices.acceptsIntegerForm ? "987654" : "zz-not-a-value"
                result.append(("is outside its values", .string(other), documented ? "value_not_allowed" : "unknown_value", !documented, true))
            }
            if let max = spec.maxLength { result.append(("is longer than \(max)", .string(String(repeating: "a", count: max + 1)), "too_long", false, true)) }
            if let min = spec.minLength, min > 0 { result.append(("is shorter than \(min)", .string(String(repeating: "a", count: min - 1)), "too_short", false, true)) }
        case .integer, .number:
            if let min = spec.minimum { result.append(("is below \(JSONValue.format(min))", .number(min - 1), "below_minimum", false, true)) }
            if let max = spec.maximum { result.append(("is above \(JSONValue.format(max))", .number(max + 1), "above_maximum", false, true)) }
            if let numbers = spec.numberValues {
                // A value between the bounds that is not listed, else one just past the largest.
                let low = spec.minimum ?? (numbers.values.min()! - 1), high = spec.maximum ?? (numbers.values.max()! + 1)
                if let other = stride(from: low, through: high, by: 1).first(where: { !numbers.values.contains($0) }) {
                    let documented = numbers.valueSet == .documented
                    result.append(("is not one of its values", .number(other), documented ? "value_not_allowed" : "unknown_value", !documented, true))
                }
            }
        case .assetID:
            result.append(("is an empty asset id", "", "empty_asset_id", false, true))
        case .url:
            result.append(("is not a URL it accepts", "ftp://example.com/a.png", "invalid_url", false, true))
        case .array(let items), .oneOrMany(let items):
            if let max = spec.maxItems { result.append(("holds more than \(max) items", .array(Array(repeating: sample(items), count: max + 1)), "too_many_items", false, true)) }
            if let min = spec.minItems, min > 0 {
                let fewer: JSONValue = .array(Array(repeating: sample(items), count: min - 1))
                result.append(("holds fewer than \(min) items", fewer, "too_few_items", false, true))
            }
        case .jsonString(let content):
            if case .array(let items) = content.type {
                if let max = content.maxItems {
                    result.append(("holds more than \(max) items", .string(JSONValue.array(Array(repeating: sample(items), count: max + 1)).jsonText), "too_many_items", false, true))
                }
            }
        case .boolean, .object:
            break
        }
        return result
    }

    private var ruleViolations: [Violation] {
        let base = Body(minimalBody)
        var result: [Violation] = []
        for (index, rule) in schema.rules.enumerated() {
            var body = base
            let label = "rule \(index) (\(rule.kind.schemaName))"
            switch rule.kind {
            case .requires(let parameter, let dependency):
                guard parameterSpec(dependency)?.isRequired != true else { continue }
                body.set(parameter, sample(parameter))
                body.remove(dependency)
                result.append(Violation(what: label, body: body.json, code: "missing_dependency", path: parameter, isWarning: false, typedCanHoldIt: true))
            case .mutuallyExclusive(let conditions):
                for condition in conditions { makeHold(condition, in: &body) }
                result.append(Violation(what: label, body: body.json, code: "mutually_exclusive", path: conditions.last!.parameter, isWarning: false, typedCanHoldIt: true))
            case .exactlyOneOf(let names):
                for name in names { body.set(name, sample(name)) }
                result.append(Violation(what: label + ", all sent", body: body.json, code: "exactly_one_of", path: names.last!, isWarning: false, typedCanHoldIt: true))
                var none = base
                for name in names { none.remove(name) }
                result.append(Violation(what: label + ", none sent", body: none.json, code: "exactly_one_of", path: "", isWarning: false, typedCanHoldIt: true))
            case .atLeastOneOf(let names):
                for name in names { body.remove(name) }
                result.append(Violation(what: label, body: body.json, code: "at_least_one_of", path: "", isWarning: false, typedCanHoldIt: true))
            case .requiredWhen(let parameter, let condition):
                makeHold(condition, in: &body)
                body.remove(parameter)
                result.append(Violation(what: label, body: body.json, code: "required", path: parameter, isWarning: false, typedCanHoldIt: true))
            case .maxTotalItems(let names, let max, let condition):
                if let condition { makeHold(condition, in: &body) }
                fill(names, count: max + 1, in: &body)
                guard total(names, in: body) > max else { continue }
                let path = names.last { (count(of: $0, in: body) ?? 0) > 0 } ?? names[0]
                result.append(Violation(what: label, body: body.json, code: "too_many_total_items", path: path, isWarning: false, typedCanHoldIt: true))
            case .minTotalItems(let names, let min, let condition):
                if let condition { makeHold(condition, in: &body) }
                fill(names, count: min - 1, in: &body)
                result.append(Violation(what: label, body: body.json, code: "too_few_total_items", path: names[0], isWarning: false, typedCanHoldIt: true))
            case .maxItemsWithField(let items, let field, let max):
                guard let object = parameterSpec(items).flatMap({ Self.object(of: $0.value) }),
                      let fieldSpec = object.fields.first(where: { $0.name == field }) else { continue }
                let item = setting(field, to: Self.sample(fieldSpec.value), in: Self.sampleObject(object))
                body.set(items, rewrap(Array(repeating: item, count: max + 1), like: parameterSpec(items)!))
                result.append(Violation(what: label, body: body.json, code: "too_many_items_with_field", path: items, isWarning: false, typedCanHoldIt: true))
            case .sumEquals(let items, let field, let total):
                guard let object = parameterSpec(items).flatMap({ Self.object(of: $0.value) }) else { continue }
                let target = effectiveValue(of: total, in: body)?.numberValue ?? 0
                let item = Self.sampleObject(object)
                let elements = [setting(field, to: .number(target), in: item), setting(field, to: .number(1), in: item)]
                body.set(items, rewrap(elements, like: parameterSpec(items)!))
                result.append(Violation(what: label, body: body.json, code: "sum_mismatch", path: items, isWarning: false, typedCanHoldIt: true))
            case .ignoredWhen(let parameter, let condition):
                makeHold(condition, in: &body)
                body.set(parameter, sample(parameter))
                result.append(Violation(what: label, body: body.json, code: "ignored", path: parameter, isWarning: true, typedCanHoldIt: true))
            case .tagReferences(let parameter, let prefix, let suffix, _):
                body.set(parameter, .string("see \(prefix)99\(suffix)"))
                result.append(Violation(what: label, body: body.json, code: "unresolved_reference", path: parameter, isWarning: false, typedCanHoldIt: true))
            }
        }
        return result
    }

    // MARK: Helpers

    private func parameterSpec(_ name: String) -> Parameter? {
        schema.parameters.first { $0.name == name }
    }

    private func parameter(_ name: String) -> Parameter {
        parameterSpec(name)!
    }

    private func sample(_ name: String) -> JSONValue {
        Self.sample(parameter(name).value)
    }

    /// The object of an object parameter, or of its array's (or embedded array's) items.
    static func object(of spec: ValueSpec) -> ObjectSpec? {
        switch spec.type {
        case .object(let object): return object
        case .array(let items): if case .object(let object) = items.type { return object }
        case .jsonString(let content): return object(of: content)
        default: break
        }
        return nil
    }

    static func isJSONArray(_ spec: ValueSpec) -> Bool {
        if case .jsonString(let content) = spec.type, case .array = content.type { return true }
        return false
    }

    /// The items of an array value, or of the array a jsonString holds.
    private func arrayOfItems(_ value: JSONValue) -> [JSONValue]? {
        if let array = value.arrayValue { return array }
        if let text = value.stringValue, let parsed = try? JSONParser.parse(text) { return parsed.arrayValue }
        return nil
    }

    /// Items written back in the parameter's wire form: an array, or a string holding one; a single
    /// object when `single`.
    private func rewrap(_ items: [JSONValue], like parameter: Parameter, single: Bool = false) -> JSONValue {
        if single { return items[0] }
        if Self.isJSONArray(parameter.value) { return .string(JSONValue.array(items).jsonText) }
        return .array(items)
    }

    private func setting(_ key: String, to value: JSONValue, in object: JSONValue) -> JSONValue {
        var members = object.objectValue?.members ?? []
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(.init(key: key, value: value))
        }
        return .object(JSONObject(members))
    }

    private func effectiveValue(of name: String, in body: Body) -> JSONValue? {
        body[name] ?? parameterSpec(name)?.defaultValue
    }

    private func holds(_ condition: Condition, in body: Body) -> Bool {
        switch condition.test {
        case .sent: return body.has(condition.parameter)
        case .notSent: return !body.has(condition.parameter)
        case .equals(let value): return effectiveValue(of: condition.parameter, in: body) == value
        }
    }

    private func makeHold(_ condition: Condition, in body: inout Body) {
        switch condition.test {
        case .sent: if !body.has(condition.parameter) { body.set(condition.parameter, sample(condition.parameter)) }
        case .notSent: body.remove(condition.parameter)
        case .equals(let value): body.set(condition.parameter, value)
        }
    }

    /// How many items a parameter holds in the body: an array (or embedded array) its items, a
    /// oneOrMany its items or 1, anything else 1 when sent.
    private func count(of name: String, in body: Body) -> Int? {
        guard let value = body[name] else { return 0 }
        switch parameter(name).value.type {
        case .array, .jsonString: return arrayOfItems(value)?.count
        case .oneOrMany: return value.arrayValue?.count ?? 1
        default: return 1
        }
    }

    private func total(_ names: [String], in body: Body) -> Int {
        names.reduce(0) { $0 + (count(of: $1, in: body) ?? 0) }
    }

    /// Sets the parameters so they hold `count` items together: arrays first up to their
    /// `maxItems`, single values one each; the rest removed.
    private func fill(_ names: [String], count: Int, in body: inout Body) {
        var left = max(count, 0)
        for name in names {
            let spec = parameter(name).value
            var counted = spec
            if case .jsonString(let content) = spec.type { counted = content }
            switch counted.type {
            case .array(let items), .oneOrMany(let items):
                let take = min(left, counted.maxItems ?? left)
                if take == 0 { body.remove(name); continue }
                let elements = Array(repeating: Self.sample(items), count: take)
                if case .jsonString = spec.type {
                    body.set(name, .string(JSONValue.array(elements).jsonText))
                } else {
                    body.set(name, .array(elements))
                }
                left -= take
            default:
                if left > 0 { body.set(name, Self.sample(spec)); left -= 1 } else { body.remove(name) }
            }
        }
    }
}

/// A request body as an ordered list of members.
struct Body: Equatable {
    private(set) var members: [(key: String, value: JSONValue)]

    init(_ members: [(String, JSONValue)]) {
        self.members = members.map { (key: $0.0, value: $0.1) }
    }

    init(_ json: JSONValue) {
        members = (json.objectValue?.members ?? []).map { (key: $0.key, value: $0.value) }
    }

    subscript(name: String) -> JSONValue? {
        members.first { $0.key == name }?.value
    }

    func has(_ name: String) -> Bool {
        members.contains { $0.key == name }
    }

    mutating func set(_ name: String, _ value: JSONValue) {
        if let index = members.firstIndex(where: { $0.key == name }) {
            members[index].value = value
        } else {
            members.append((key: name, value: value))
        }
    }

    mutating func remove(_ name: String) {
        members.removeAll { $0.key == name }
    }

    var json: JSONValue {
        .object(JSONObject(members.map { .init(key: $0.key, value: $0.value) }))
    }

    static func == (lhs: Body, rhs: Body) -> Bool {
        lhs.json == rhs.json
    }
}
