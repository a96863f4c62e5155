#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DiagnosticText
import KlingJSON

/// Reading and checking value specs: types, limits, choices, constants, and values against a spec.
extension Linter {
    // MARK: Values

    /// Reads the value-spec members of `json`. `allowed` is the member list when `json` is only a
    /// value spec (array items, embedded JSON content); nil when the caller already checked members.
    mutating func readValueSpec(_ json: JSONValue, at path: String, allowed: [String]?) -> ValueSpec? {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > SchemaReader.maximumNesting {
            report(path, "nested more than \(SchemaReader.maximumNesting) levels deep (through `items`, `fields` and `content`); flatten the value")
            return nil
        }
        var reader: ObjectReader
        if let allowed {
            guard let checked = ObjectReader(json, at: path, file: file, allowed: allowed, diagnostics: &diagnostics) else { return nil }
            reader = checked
        } else {
            guard case .object(let object) = json else { return nil }
            reader = ObjectReader(unchecked: object, at: path, file: file)
        }
        defer { diagnostics += reader.diagnostics }

        guard let typeName = reader.string("type", required: true) else { return nil }
        guard let typeWord = Vocabulary.TypeName(rawValue: typeName) else {
            var message = "unknown type \"\(typeName)\"; expected one of: \(Vocabulary.TypeName.all.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: typeName, among: Vocabulary.TypeName.all) { message += " (did you mean \"\(suggestion)\"?)" }
            reader.report(member: "type", message)
            return nil
        }
        var spec = ValueSpec(type: .string)
        spec.minimum = reader.number("minimum")
        spec.maximum = reader.number("maximum")
        spec.minLength = reader.count("minLength")
        spec.maxLength = reader.count("maxLength")
        spec.minItems = reader.count("minItems")
        spec.maxItems = reader.count("maxItems")
        let swiftTypeName = reader.string("typeName")
        if let swiftTypeName, !Identifier.isTypeName(swiftTypeName) {
            reader.report(member: "typeName", "\"\(swiftTypeName)\" is not a Swift type name (a letter A-Z, then letters and digits)")
        }
        switch typeWord {
        case .string: spec.type = .string
        case .integer: spec.type = .integer
        case .number: spec.type = .number
        case .boolean: spec.type = .boolean
        case .assetId: spec.type = .assetID
        case .url: spec.type = .url
        case .array:
            guard let items = reader.raw("items") else {
                reader.report(at: path, "an array names the type of its items in `items`")
                return nil
            }
            guard let itemSpec = readValueSpec(items, at: reader.memberPath("items"), allowed: Keys.nested) else { return nil }
            spec.type = .array(items: itemSpec)
        case .object:
            guard let fieldValues = reader.array("fields", required: true) else { return nil }
            if fieldValues.isEmpty { reader.report(member: "fields", "an object has at least one field") }
            let fields = readParameters(fieldValues, at: reader.memberPath("fields"), isTopLevel: false)
            let rules = readRules(reader.array("rules") ?? [], at: reader.memberPath("rules"), scope: fields)
            spec.type = .object(ObjectSpec(typeName: swiftTypeName, description: reader.string("description"), fields: fields.parameters, rules: rules))
        case .jsonString:
            guard let content = reader.raw("content") else {
                reader.report(at: path, "a jsonString names the type of its JSON text in `content`")
                return nil
            }
            guard let contentSpec = readValueSpec(content, at: reader.memberPath("content"), allowed: Keys.nested) else { return nil }
            spec.type = .jsonString(content: contentSpec)
        }
        spec.choices = readChoices(&reader, at: path, type: spec.type, typeName: swiftTypeName)
        if let constant = reader.raw("const") {
            if spec.choices != nil {
                // The generated type of a choice is not a string: a constant is its own, fixed string.
                reader.report(member: "const", "a constant has no `values`: it is always its one value")
            } else if case .string(let value) = constant, spec.type == .string {
                spec.constant = value
                checkValue(constant, against: spec, at: reader.memberPath("const"), what: "the constant")
            } else {
                reader.report(member: "const", "a constant is a string of a `string` parameter")
            }
        }
        checkApplicability(of: &reader, spec: spec)
        return spec
    }

    mutating func readChoices(_ reader: inout ObjectReader, at path: String, type: ValueType, typeName: String?) -> Choices? {
        guard let values = reader.raw("values") else {
            for key in ["valueSet", "ignoresCase", "acceptsIntegerForm"] where reader.has(key) {
                reader.report(member: key, "`\(key)` describes `values`, which this parameter does not have")
            }
            return nil
        }
        let valuesPath = reader.memberPath("values")
        guard type == .string else {
            reader.report(at: valuesPath, "`values` lists the choices of a string; this parameter is \(type.schemaName)")
            return nil
        }
        guard case .array(let elements) = values, !elements.isEmpty else {
            reader.report(at: valuesPath, "expected a non-empty array of values")
            return nil
        }
        var choices: [Choices.Value] = []
        var seen: Set<String> = []
        var seenNames: Set<String> = []
        for (index, element) in elements.enumerated() {
            let elementPath = JSONPath.element(index, of: valuesPath)
            var choice: Choices.Value?
            switch element {
            case .string(let value):
                choice = Choices.Value(value: value)
            case .object:
                guard var choiceReader = ObjectReader(element, at: elementPath, file: file, allowed: Keys.choice, diagnostics: &diagnostics) else { continue }
                let value = choiceReader.string("value", required: true)
                let swiftName = choiceReader.string("swiftName")
                let description = choiceReader.string("description")
                if let swiftName, !Identifier.isMemberName(swiftName) {
                    choiceReader.report(member: "swiftName", "\"\(swiftName)\" is not a Swift member name (a letter a-z or _, then letters, digits and _)")
                }
                absorb(choiceReader)
                if let value { choice = Choices.Value(value: value, swiftName: swiftName, description: description) }
            default:
                report(elementPath, "expected a string or an object with `value`, found \(element.kindDescription)")
            }
            guard let choice else { continue }
            if !seen.insert(choice.value).inserted {
                report(elementPath, "duplicate value \"\(choice.value)\"")
                continue
            }
            let memberName = choice.swiftName ?? Identifier.choiceName(fromValue: choice.value)
            if !seenNames.insert(memberName).inserted {
                report(elementPath, "\"\(choice.value)\" becomes the Swift member `\(memberName)` like an earlier value; give it a `swiftName`")
            }
            choices.append(choice)
        }
        var valueSet = Choices.ValueSet.documented
        if let name = reader.string("valueSet") {
            if let parsed = Choices.ValueSet(rawValue: name) {
                valueSet = parsed
            } else {
                reader.report(member: "valueSet", "expected \"documented\" or \"inferred\", found \"\(name)\"")
            }
        }
        let acceptsIntegerForm = reader.bool("acceptsIntegerForm") ?? false
        if acceptsIntegerForm, let nonInteger = choices.first(where: { Int($0.value) == nil || String(Int($0.value)!) != $0.value }) {
            reader.report(member: "acceptsIntegerForm", "every value must be an integer written in decimal to accept the integer form; \"\(nonInteger.value)\" is not")
        }
        let ignoresCase = reader.bool("ignoresCase") ?? false
        return Choices(values: choices, valueSet: valueSet, typeName: typeName, ignoresCase: ignoresCase, acceptsIntegerForm: acceptsIntegerForm)
    }

    /// Reports limits that do not apply to the type, and lower limits above upper ones.
    mutating func checkApplicability(of reader: inout ObjectReader, spec: ValueSpec) {
        let numeric = spec.type.isNumeric
        let stringLike = [ValueType.string, .assetID, .url].contains(spec.type)
        let isArray: Bool = if case .array = spec.type { true } else { false }
        let isObject: Bool = if case .object = spec.type { true } else { false }
        let applicable: [(key: String, applies: Bool, what: String)] = [
            ("minimum", numeric, "an integer or number"), ("maximum", numeric, "an integer or number"),
            ("minLength", stringLike, "a string"), ("maxLength", stringLike, "a string"),
            ("minItems", isArray, "an array"), ("maxItems", isArray, "an array"),
            ("items", isArray, "an array"), ("fields", isObject, "an object"), ("rules", isObject, "an object"),
            ("typeName", isObject || spec.choices != nil, "an object or a string with `values`"),
            ("content", { if case .jsonString = spec.type { true } else { false } }(), "a jsonString"),
        ]
        for entry in applicable where reader.has(entry.key) && !entry.applies {
            reader.report(member: entry.key, "`\(entry.key)` applies to \(entry.what); this is \(spec.type.schemaName)")
        }
        if let min = spec.minimum, let max = spec.maximum, min > max {
            reader.report(member: "minimum", "minimum \(JSONValue.format(min)) is above maximum \(JSONValue.format(max))")
        }
        if spec.type == .integer {
            for key in ["minimum", "maximum"] {
                if case .number(let bound)? = reader.raw(key), JSONValue.integerValue(of: bound) == nil {
                    reader.report(member: key, "an integer's \(key) is a whole number, not \(JSONValue.format(bound))")
                }
            }
        }
        if let min = spec.minLength, let max = spec.maxLength, min > max {
            reader.report(member: "minLength", "minLength \(min) is above maxLength \(max)")
        }
        if let min = spec.minItems, let max = spec.maxItems, min > max {
            reader.report(member: "minItems", "minItems \(min) is above maxItems \(max)")
        }
    }

    /// Checks that a default or a condition's value fits the spec: its JSON type, choices and limits.
    mutating func checkValue(_ value: JSONValue, against spec: ValueSpec, at path: String, what: String) {
        func fault(_ message: String) { report(path, "\(what) \(value.preview) \(message)") }
        switch (spec.type, value) {
        case (.string, .string(let string)), (.assetID, .string(let string)), (.url, .string(let string)):
            let length = string.unicodeScalars.count
            if let min = spec.minLength, length < min { fault("is shorter than minLength \(min)") }
            if let max = spec.maxLength, length > max { fault("is longer than maxLength \(max)") }
            if let choices = spec.choices, !choices.values.contains(where: { $0.value == string || choices.ignoresCase && $0.value.lowercased() == string.lowercased() }) {
                fault("is not one of the values: \(choices.values.map { "\"\($0.value)\"" }.joined(separator: ", "))")
            }
            if spec.type == .url, !Self.isWebURL(string) { fault("is not an absolute http or https URL") }
        case (.integer, .number(let number)), (.number, .number(let number)):
            if spec.type == .integer, JSONValue.integerValue(of: number) == nil { fault("is not a whole number") }
            if let min = spec.minimum, number < min { fault("is below the minimum \(JSONValue.format(min))") }
            if let max = spec.maximum, number > max { fault("is above the maximum \(JSONValue.format(max))") }
        case (.boolean, .bool):
            break
        case (.array(let items), .array(let elements)):
            if let min = spec.minItems, elements.count < min { fault("has fewer than minItems \(min) items") }
            if let max = spec.maxItems, elements.count > max { fault("has more than maxItems \(max) items") }
            for (index, element) in elements.enumerated() {
                checkValue(element, against: items, at: JSONPath.element(index, of: path), what: what)
            }
        case (.object, _), (.jsonString, _):
            fault("is not supported: \(spec.type.schemaName) parameters have no default or compared value")
        case (_, .null):
            report(path, "\(what) is null, but the type is \(spec.type.schemaName)")
        default:
            fault("is \(value.kindDescription), but the type is \(spec.type.schemaName)")
        }
    }

}
