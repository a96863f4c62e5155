#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DiagnosticText
import KlingJSON

/// Reading value specs: types, limits, choices and constants, and the members that apply to each type.
extension Reader {
    // MARK: Values

    /// Reads the value-spec members of `json`. `allowed` is the member list when `json` is only a
    /// value spec (array items, embedded JSON content); nil when the caller already checked members.
    mutating func readValueSpec(_ json: JSONValue, at path: String, allowed: [String]?) -> SpecSite? {
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
        var element: SpecSite?
        var fields: ScopeSite?
        var rules: [RuleSite] = []
        var choicePathList: [String] = []
        switch typeWord {
        case .string: spec.type = .string
        case .integer: spec.type = .integer
        case .number: spec.type = .number
        case .boolean: spec.type = .boolean
        case .assetId: spec.type = .assetID
        case .url: spec.type = .url
        case .array, .oneOrMany:
            guard let items = reader.raw("items") else {
                reader.report(at: path, typeWord == .array ? "an array names the type of its items in `items`" : "a oneOrMany names the type of its items in `items`")
                return nil
            }
            guard let itemSite = readValueSpec(items, at: reader.memberPath("items"), allowed: Keys.nested) else { return nil }
            element = itemSite
            spec.type = typeWord == .array ? .array(items: itemSite.spec) : .oneOrMany(items: itemSite.spec)
        case .object:
            guard let fieldValues = reader.array("fields", required: true) else { return nil }
            if fieldValues.isEmpty { reader.report(member: "fields", "an object has at least one field") }
            let scope = readParameters(fieldValues, at: reader.memberPath("fields"), isTopLevel: false)
            fields = scope
            rules = readRules(reader.array("rules") ?? [], at: reader.memberPath("rules"))
            spec.type = .object(ObjectSpec(typeName: swiftTypeName, description: reader.string("description"),
                                           fields: scope.parameters.compactMap(\.parameter), rules: rules.compactMap(\.rule)))
        case .jsonString:
            guard let content = reader.raw("content") else {
                reader.report(at: path, "a jsonString names the type of its JSON text in `content`")
                return nil
            }
            guard let contentSite = readValueSpec(content, at: reader.memberPath("content"), allowed: Keys.nested) else { return nil }
            element = contentSite
            spec.type = .jsonString(content: contentSite.spec)
        }
        if spec.type.isNumeric, reader.has("values") {
            spec.numberValues = readNumberValues(&reader, type: spec.type)
        } else {
            let (choices, choicePaths) = readChoices(&reader, at: path, type: spec.type, typeName: swiftTypeName)
            spec.choices = choices
            choicePathList = choicePaths
        }
        spec.alsoAccepts = readAlsoAccepts(&reader)
        if let constant = reader.raw("const") {
            if case .string(let value) = constant, spec.type == .string {
                spec.constant = value
            } else {
                reader.report(member: "const", "a constant is a string of a `string` parameter")
            }
        }
        checkApplicability(of: &reader, spec: spec)
        return SpecSite(path: path, spec: spec, element: element, fields: fields, rules: rules, choicePaths: choicePathList, typeName: swiftTypeName)
    }

    /// The choices of `values`, and the path of each.
    mutating func readChoices(_ reader: inout ObjectReader, at path: String, type: ValueType, typeName: String?) -> (Choices?, [String]) {
        guard let values = reader.raw("values") else {
            for key in ["valueSet", "ignoresCase", "acceptsIntegerForm"] where reader.has(key) {
                reader.report(member: key, "`\(key)` describes `values`, which this parameter does not have")
            }
            return (nil, [])
        }
        let valuesPath = reader.memberPath("values")
        guard type == .string else {
            reader.report(at: valuesPath, "`values` lists the allowed values of a string, integer or number; this parameter is \(type.schemaName)")
            return (nil, [])
        }
        guard case .array(let elements) = values, !elements.isEmpty else {
            reader.report(at: valuesPath, "expected a non-empty array of values")
            return (nil, [])
        }
        var choices: [Choices.Value] = []
        var paths: [String] = []
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
                absorb(choiceReader)
                if let value { choice = Choices.Value(value: value, swiftName: swiftName, description: description) }
            default:
                report(elementPath, "expected a string or an object with `value`, found \(element.kindDescription)")
            }
            guard let choice else { continue }
            choices.append(choice)
            paths.append(elementPath)
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
        let ignoresCase = reader.bool("ignoresCase") ?? false
        return (Choices(values: choices, valueSet: valueSet, typeName: typeName, ignoresCase: ignoresCase, acceptsIntegerForm: acceptsIntegerForm), paths)
    }

    /// The allowed values of an integer or number: JSON numbers (whole for an integer), with `valueSet`.
    mutating func readNumberValues(_ reader: inout ObjectReader, type: ValueType) -> NumberValues? {
        for key in ["ignoresCase", "acceptsIntegerForm"] where reader.has(key) {
            reader.report(member: key, "`\(key)` describes the values of a string; this is \(type.schemaName)")
        }
        let valuesPath = reader.memberPath("values")
        guard case .array(let elements)? = reader.raw("values"), !elements.isEmpty else {
            reader.report(at: valuesPath, "expected a non-empty array of numbers")
            return nil
        }
        var values: [Double] = []
        for (index, element) in elements.enumerated() {
            let elementPath = JSONPath.element(index, of: valuesPath)
            guard case .number(let number) = element else {
                reader.report(at: elementPath, "expected a number (the values of \(type.schemaName) are JSON numbers), found \(element.kindDescription)")
                continue
            }
            values.append(number)
        }
        guard values.count == elements.count else { return nil }
        var valueSet = Choices.ValueSet.documented
        if let name = reader.string("valueSet") {
            if let parsed = Choices.ValueSet(rawValue: name) {
                valueSet = parsed
            } else {
                reader.report(member: "valueSet", "expected \"documented\" or \"inferred\", found \"\(name)\"")
            }
        }
        return NumberValues(values: values, valueSet: valueSet)
    }

    /// The other string forms a `url` takes (`alsoAccepts`), each a known form, listed once.
    mutating func readAlsoAccepts(_ reader: inout ObjectReader) -> [AlsoAccepted] {
        guard let names = reader.strings("alsoAccepts") else { return [] }
        if names.isEmpty { reader.report(member: "alsoAccepts", "name at least one form") }
        var forms: [AlsoAccepted] = []
        for (index, name) in names.enumerated() {
            let path = JSONPath.element(index, of: reader.memberPath("alsoAccepts"))
            guard let form = AlsoAccepted(rawValue: name) else {
                reader.report(at: path, "unknown form \"\(name)\"; expected one of: \(AlsoAccepted.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if forms.contains(form) {
                reader.report(at: path, "\"\(name)\" is listed twice")
                continue
            }
            forms.append(form)
        }
        return forms
    }

    /// Reports members that do not apply to the type: the model has no place for them.
    mutating func checkApplicability(of reader: inout ObjectReader, spec: ValueSpec) {
        let numeric = spec.type.isNumeric
        let stringLike = [ValueType.string, .assetID, .url].contains(spec.type)
        let isArray = spec.type.itemSpec != nil
        let isObject: Bool = if case .object = spec.type { true } else { false }
        let applicable: [(key: String, applies: Bool, what: String)] = [
            ("minimum", numeric, "an integer or number"), ("maximum", numeric, "an integer or number"),
            ("minLength", stringLike, "a string"), ("maxLength", stringLike, "a string"),
            ("minItems", isArray, "an array or oneOrMany"), ("maxItems", isArray, "an array or oneOrMany"),
            ("items", isArray, "an array or oneOrMany"), ("fields", isObject, "an object"), ("rules", isObject, "an object"),
            ("alsoAccepts", spec.type == .url, "a url"),
            ("typeName", isObject || spec.choices != nil, "an object or a string with `values`"),
            ("content", { if case .jsonString = spec.type { true } else { false } }(), "a jsonString"),
        ]
        for entry in applicable where reader.has(entry.key) && !entry.applies {
            reader.report(member: entry.key, "`\(entry.key)` applies to \(entry.what); this is \(spec.type.schemaName)")
        }
    }
}
