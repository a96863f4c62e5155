#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// Reads a schema file into a ``ModelSchema`` and lints it, reporting every fault it finds (not the
/// first) with the file and the JSON path of the fault.
public enum SchemaReader {
    /// How deep value specs may nest through `items`, `fields` and `content` (a parameter's own spec
    /// is level 1). Bounds the reader's, the linter's and the emitter's recursion, whatever the input.
    public static let maximumNesting = 16

    /// Reads and lints one schema.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's path relative to the schemas folder, used in diagnostics and provenance.
    /// - Returns: The schema unless a finding is an error, and every finding in document order.
    public static func lint(_ data: Data, file: String) -> LintResult<ModelSchema> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(data)
        } catch {
            return LintResult(value: nil, diagnostics: [
                Diagnostic(file: file, path: JSONPath.root, message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)"),
            ])
        }
        return lint(json, file: file)
    }

    /// Reads and lints one schema already parsed as JSON.
    public static func lint(_ json: JSONValue, file: String) -> LintResult<ModelSchema> {
        var linter = Linter(file: file)
        let schema = linter.readModel(json)
        let diagnostics = linter.diagnostics.isEmpty ? [] : JSONPath.inDocumentOrder(linter.diagnostics, of: json)
        guard let schema else {
            return LintResult(value: nil, diagnostics: diagnostics.containsError ? diagnostics : diagnostics + [
                Diagnostic(file: file, path: JSONPath.root, message: "the schema cannot be read"),
            ])
        }
        return LintResult(value: schema, diagnostics: diagnostics)
    }

    /// Reads and lints one schema file from disk.
    public static func lint(contentsOf url: URL, relativePath: String) -> LintResult<ModelSchema> {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return LintResult(value: nil, diagnostics: [Diagnostic(file: relativePath, path: JSONPath.root, message: "cannot read the file: \(error)")])
        }
        return lint(data, file: relativePath)
    }

    /// Reads and lints one schema; warnings are dropped.
    /// - Throws: ``SchemaErrors`` with every finding when one is an error.
    public static func read(_ data: Data, file: String) throws(SchemaErrors) -> ModelSchema {
        try lint(data, file: file).get()
    }

    /// Reads and lints one schema file from disk; warnings are dropped.
    public static func read(contentsOf url: URL, relativePath: String) throws(SchemaErrors) -> ModelSchema {
        try lint(contentsOf: url, relativePath: relativePath).get()
    }
}

/// The keys each object of the format allows.
private enum Keys {
    static let model = ["$schema", "id", "provider", "title", "swiftName", "summary", "endpoint", "sources", "notes", "parameters", "rules"]
    static let endpoint = ["method", "path"]
    static let source = ["title", "url"]
    static let valueSpec = ["type", "values", "valueSet", "typeName", "ignoresCase", "acceptsIntegerForm", "const",
                            "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "items", "fields", "rules", "content"]
    static let parameter = ["name", "swiftName", "description", "source", "required", "default", "note"] + valueSpec
    static let nested = ["description"] + valueSpec
    static let choice = ["value", "swiftName", "description"]
    /// Every member any rule may have.
    static let rule: [String] = {
        var members = ruleCommon
        for kind in Vocabulary.RuleKindName.allCases {
            for member in kind.members where !members.contains(member) { members.append(member) }
        }
        return members
    }()
    static let condition = ["param"] + Vocabulary.ConditionTestName.all
    /// The members every rule may have.
    static let ruleCommon = ["kind", "source", "description"]
}

/// The parameters a rule can name: those of the request, or the fields of one object.
private struct Scope {
    var parameters: [Parameter] = []
    /// Parameters whose own definition has a fault (reported there): a rule may name them, but
    /// nothing more is checked about them.
    var unreadableNames: Set<String> = []

    func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}

private struct Linter {
    let file: String
    var diagnostics: [Diagnostic] = []
    /// The keys of the schema's `sources`; nil when `sources` is missing, empty or malformed (which
    /// is reported once, not again for every parameter that cites a source).
    var sourceKeys: [String]?
    /// The same keys, for lookups.
    var sourceKeySet: Set<String> = []
    /// How deep the value spec being read is nested (a parameter's own spec is level 1).
    var nesting = 0

    init(file: String) {
        self.file = file
    }

    mutating func report(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, path: path, message: message))
    }

    mutating func absorb(_ reader: ObjectReader) {
        diagnostics += reader.diagnostics
    }

    // MARK: Model

    mutating func readModel(_ json: JSONValue) -> ModelSchema? {
        guard var reader = ObjectReader(json, at: JSONPath.root, file: file, allowed: Keys.model, diagnostics: &diagnostics) else { return nil }
        let id = reader.string("id", required: true)
        let providerName = reader.string("provider", required: true)
        let title = reader.string("title", required: true)
        let swiftName = reader.string("swiftName", required: true)
        let summary = reader.string("summary")
        _ = reader.string("$schema")
        let notes = reader.strings("notes") ?? []
        var provider: ModelSchema.Provider?
        if let providerName {
            provider = ModelSchema.Provider(rawValue: providerName)
            if provider == nil {
                reader.report(member: "provider", "unknown provider \"\(providerName)\"; expected one of: \(ModelSchema.Provider.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let swiftName, !Identifier.isTypeName(swiftName) {
            reader.report(member: "swiftName", "\"\(swiftName)\" is not a Swift type name (a letter A-Z, then letters and digits)")
        }
        if !reader.has("endpoint") { reader.report(at: reader.path, "missing required member `endpoint`") }
        if !reader.has("sources") { reader.report(at: reader.path, "missing required member `sources`") }
        let parameterValues = reader.array("parameters", required: true)
        let ruleValues = reader.array("rules") ?? []
        absorb(reader)

        let endpoint = reader.raw("endpoint").flatMap { readEndpoint($0, at: reader.memberPath("endpoint")) }
        let sources = reader.raw("sources").map { readSources($0, at: reader.memberPath("sources")) } ?? []

        let scope = readParameters(parameterValues ?? [], at: reader.memberPath("parameters"), isTopLevel: true)
        let parameters = scope.parameters
        let rules = readRules(ruleValues, at: reader.memberPath("rules"), scope: scope)

        guard let id, let provider, let title, let swiftName, let endpoint else { return nil }
        return ModelSchema(file: file, id: id, provider: provider, title: title, swiftName: swiftName, summary: summary,
                           endpoint: endpoint, sources: sources, notes: notes, parameters: parameters, rules: rules)
    }

    mutating func readEndpoint(_ json: JSONValue, at path: String) -> ModelSchema.Endpoint? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.endpoint, diagnostics: &diagnostics) else { return nil }
        let method = reader.string("method", required: true)
        let endpointPath = reader.string("path", required: true)
        if let method, !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) {
            reader.report(member: "method", "\"\(method)\" is not an HTTP method (GET, POST, PUT, PATCH, DELETE)")
        }
        if let endpointPath, !endpointPath.hasPrefix("/") {
            reader.report(member: "path", "an endpoint path starts with \"/\"")
        }
        absorb(reader)
        guard let method, let endpointPath else { return nil }
        return ModelSchema.Endpoint(method: method, path: endpointPath)
    }

    mutating func readSources(_ json: JSONValue, at path: String) -> [ModelSchema.Source] {
        guard case .object(let object) = json else {
            report(path, "expected an object of documentation pages by key, found \(json.kindDescription)")
            return []
        }
        if object.members.isEmpty { report(path, "name at least one documentation page") }
        var sources: [ModelSchema.Source] = []
        var keys: [String] = []
        var seenKeys: Set<String> = []
        for member in object.members {
            let memberPath = JSONPath.member(member.key, of: path)
            guard seenKeys.insert(member.key).inserted else {
                report(memberPath, "source `\(member.key)` appears more than once")
                continue
            }
            // A key whose page is malformed is still a key: citing it is not a second fault.
            keys.append(member.key)
            if member.key.isEmpty { report(memberPath, "a source key must not be empty") }
            guard var reader = ObjectReader(member.value, at: memberPath, file: file, allowed: Keys.source, diagnostics: &diagnostics) else { continue }
            let title = reader.string("title", required: true)
            let url = reader.string("url", required: true)
            absorb(reader)
            if let title, let url { sources.append(ModelSchema.Source(key: member.key, title: title, url: url)) }
        }
        sourceKeys = keys.isEmpty ? nil : keys
        sourceKeySet = seenKeys
        return sources
    }

    /// How many source keys a diagnostic lists.
    static let listedSourceKeys = 10

    /// Reports a `source` that names no page of the schema's `sources`.
    func checkSource(_ source: String, in reader: inout ObjectReader) {
        guard let sourceKeys, !sourceKeySet.contains(source) else { return }
        let listed = sourceKeys.prefix(Self.listedSourceKeys).joined(separator: ", ")
        let more = sourceKeys.count > Self.listedSourceKeys ? " and \(sourceKeys.count - Self.listedSourceKeys) more" : ""
        reader.report(member: "source", "unknown source \"\(source)\"; the schema's `sources` are: \(listed)\(more)")
    }

    // MARK: Parameters

    mutating func readParameters(_ values: [JSONValue], at path: String, isTopLevel: Bool) -> Scope {
        var scope = Scope()
        var parameters: [Parameter] = []
        var namePaths: [String: String] = [:]
        var swiftNames: [String: String] = [:]
        for (index, value) in values.enumerated() {
            let elementPath = JSONPath.element(index, of: path)
            let (name, read) = readParameter(value, at: elementPath, isTopLevel: isTopLevel)
            guard let name else { continue }
            if let first = namePaths[name] {
                report(JSONPath.member("name", of: elementPath), "duplicate parameter name \"\(name)\" (first at \(first))")
                continue
            }
            namePaths[name] = elementPath
            guard let parameter = read else {
                scope.unreadableNames.insert(name)
                continue
            }
            let swiftName = parameter.swiftName ?? Identifier.propertyName(fromWireName: parameter.name)
            if let first = swiftNames[swiftName] {
                report(JSONPath.member("name", of: elementPath), "\"\(parameter.name)\" and the parameter at \(first) both become the Swift property `\(swiftName)`; give one a `swiftName`")
            }
            swiftNames[swiftName] = elementPath
            parameters.append(parameter)
        }
        scope.parameters = parameters
        return scope
    }

    /// Reads one parameter: its name when it has one, and the parameter when its name, description
    /// and value spec could be read (other faults are reported but do not drop it).
    mutating func readParameter(_ json: JSONValue, at path: String, isTopLevel: Bool) -> (name: String?, parameter: Parameter?) {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.parameter, diagnostics: &diagnostics) else { return (nil, nil) }
        let name = reader.string("name", required: true)
        let swiftName = reader.string("swiftName")
        let description = reader.string("description", required: true)
        let source = reader.string("source", required: isTopLevel)
        let isRequired = reader.bool("required") ?? false
        let note = reader.string("note")
        let defaultValue = reader.raw("default")
        if let swiftName, !Identifier.isMemberName(swiftName) {
            reader.report(member: "swiftName", "\"\(swiftName)\" is not a Swift property name (a letter a-z or _, then letters, digits and _)")
        }
        if let source { checkSource(source, in: &reader) }
        if isRequired, defaultValue != nil {
            reader.report(member: "default", "a required parameter has no default: the request must always send it")
        }
        absorb(reader)
        let named = name.flatMap { $0.isEmpty ? nil : $0 }
        guard let value = readValueSpec(json, at: path, allowed: nil) else { return (named, nil) }
        if value.constant != nil {
            // A required parameter's default is reported above already.
            if defaultValue != nil, !isRequired { report(JSONPath.member("default", of: path), "a constant parameter has no default") }
            if !isRequired { report(JSONPath.member("const", of: path), "a constant parameter is always sent: mark it `\"required\": true`") }
        }
        if let defaultValue {
            checkValue(defaultValue, against: value, at: JSONPath.member("default", of: path), what: "the default")
        }
        guard let name = named, let description else { return (named, nil) }
        return (name, Parameter(name: name, swiftName: swiftName, description: description, source: source, isRequired: isRequired,
                                defaultValue: defaultValue, note: note, value: value))
    }

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

    // MARK: Rules

    mutating func readRules(_ values: [JSONValue], at path: String, scope: Scope) -> [Rule] {
        values.enumerated().compactMap { index, value in readRule(value, at: JSONPath.element(index, of: path), scope: scope) }
    }

    mutating func readRule(_ json: JSONValue, at path: String, scope: Scope) -> Rule? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.rule, diagnostics: &diagnostics) else { return nil }
        let kindName = reader.string("kind", required: true)
        let source = reader.string("source")
        let description = reader.string("description")
        if let source { checkSource(source, in: &reader) }
        guard let kindName else {
            absorb(reader)
            return nil
        }
        guard let kindWord = Vocabulary.RuleKindName(rawValue: kindName) else {
            var message = "unknown rule kind \"\(kindName)\"; expected one of: \(Vocabulary.RuleKindName.all.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: kindName, among: Vocabulary.RuleKindName.all) { message += " (did you mean \"\(suggestion)\"?)" }
            reader.report(member: "kind", message)
            absorb(reader)
            return nil
        }
        // A member of another kind of rule would be ignored silently (a `when` on a `requires`).
        let kindMembers = kindWord.members
        var seen: Set<String> = []
        for member in reader.object.members where seen.insert(member.key).inserted {
            guard Keys.rule.contains(member.key), !Keys.ruleCommon.contains(member.key), !kindMembers.contains(member.key) else { continue }
            reader.report(member: member.key, "`\(member.key)` does not apply to `\(kindName)` rules, which take: \(kindMembers.joined(separator: ", "))")
        }
        var resolver = Resolver(scope: scope)
        let kind: Rule.Kind?
        switch kindWord {
        case .requires:
            let parameter = resolver.parameter(&reader, "param")
            let dependency = resolver.parameter(&reader, "requires")
            if let parameter, parameter == dependency { reader.report(member: "requires", "a parameter cannot require itself") }
            if let parameter, let dependency, parameter != dependency, scope.parameter(named: dependency)?.isRequired == true {
                reader.warn(member: "requires", "this rule can never fire: \"\(dependency)\" is required, so it is always sent")
            }
            kind = parameter.flatMap { parameter in dependency.map { .requires(parameter: parameter, dependency: $0) } }
        case .mutuallyExclusive:
            let elements = reader.array("conditions", required: true)
            let conditions = (elements ?? []).enumerated().compactMap { index, value in
                readCondition(value, at: JSONPath.element(index, of: reader.memberPath("conditions")), scope: scope)
            }
            if let elements, elements.count < 2 { reader.report(member: "conditions", "name at least two conditions") }
            kind = elements?.count == conditions.count && conditions.count >= 2 ? .mutuallyExclusive(conditions) : nil
        case .exactlyOneOf:
            let parameters = resolver.parameters(&reader, "params", atLeast: 2)
            for name in parameters ?? [] where scope.parameter(named: name)?.isRequired == true {
                reader.report(member: "params", "\"\(name)\" is required, so it is always sent and cannot be one of several alternatives")
            }
            kind = parameters.map { .exactlyOneOf($0) }
        case .maxTotalItems:
            let parameters = resolver.parameters(&reader, "params", atLeast: 1)
            let max = reader.count("max")
            if !reader.has("max") { reader.report(at: path, "missing required member `max`") }
            let condition = reader.raw("when").flatMap { readCondition($0, at: reader.memberPath("when"), scope: scope) }
            let conditionIsValid = condition != nil || !reader.has("when")
            if let parameters, let max, let capacity = Self.itemCapacity(of: parameters, in: scope), capacity <= max {
                reader.warn(member: "max", "this rule can never fire: \(parameters.map { "`\($0)`" }.joined(separator: " + ")) hold at most \(capacity) item\(capacity == 1 ? "" : "s") together")
            }
            kind = conditionIsValid ? parameters.flatMap { parameters in max.map { .maxTotalItems(parameters: parameters, max: $0, when: condition) } } : nil
        case .sumEquals:
            let items = resolver.parameter(&reader, "items")
            let field = reader.string("field", required: true)
            let total = resolver.parameter(&reader, "total")
            if let items, let field, !field.isEmpty, let itemsParameter = scope.parameter(named: items) {
                if let object = Self.itemObject(of: itemsParameter.value) {
                    if let fieldSpec = object.fields.first(where: { $0.name == field }) {
                        if !fieldSpec.value.type.isNumeric { reader.report(member: "field", "`\(field)` is \(fieldSpec.value.type.schemaName); a sum needs an integer or number field") }
                    } else {
                        var message = "the items of `\(items)` have no field \"\(field)\""
                        if let suggestion = Suggestion.closest(to: field, among: object.fields.map(\.name)) { message += "; did you mean \"\(suggestion)\"?" }
                        reader.report(member: "field", message)
                    }
                } else {
                    reader.report(member: "items", "`\(items)` is not an array of objects (directly or as embedded JSON)")
                }
            }
            if let total, let totalParameter = scope.parameter(named: total), !totalParameter.value.type.isNumeric {
                reader.report(member: "total", "`\(total)` is \(totalParameter.value.type.schemaName); a sum is compared with an integer or number")
            }
            kind = items.flatMap { items in field.flatMap { field in total.map { .sumEquals(items: items, field: field, total: $0) } } }
        case .ignoredWhen:
            let parameter = resolver.parameter(&reader, "param")
            if !reader.has("when") { reader.report(at: path, "missing required member `when`") }
            if let parameter, scope.parameter(named: parameter)?.isRequired == true {
                reader.warn(member: "param", "\"\(parameter)\" is required, so every request sends it: this warns on every request the condition holds for")
            }
            let condition = reader.raw("when").flatMap { readCondition($0, at: reader.memberPath("when"), scope: scope) }
            kind = parameter.flatMap { parameter in condition.map { .ignoredWhen(parameter: parameter, when: $0) } }
        case .tagReferences:
            let parameter = resolver.parameter(&reader, "param")
            let prefix = reader.string("prefix", required: true)
            let suffix = reader.string("suffix") ?? ""
            let counts = resolver.parameters(&reader, "counts", atLeast: 1)
            if let parameter, let spec = scope.parameter(named: parameter)?.value {
                if spec.type != .string {
                    reader.report(member: "param", "`\(parameter)` is \(spec.type.schemaName); tags are found in a string")
                } else if spec.choices != nil {
                    reader.report(member: "param", "`\(parameter)` is a choice of `values`; tags are found in free text")
                }
            }
            if let prefix, prefix.last.map({ ("0"..."9").contains($0) }) == true {
                reader.report(member: "prefix", "a prefix cannot end with a digit: the tag's number follows it")
            }
            kind = parameter.flatMap { parameter in prefix.flatMap { prefix in counts.map { .tagReferences(parameter: parameter, prefix: prefix, suffix: suffix, counts: $0) } } }
        }
        absorb(reader)
        return kind.map { Rule(kind: $0, source: source, description: description) }
    }

    mutating func readCondition(_ json: JSONValue, at path: String, scope: Scope) -> Condition? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.condition, diagnostics: &diagnostics) else { return nil }
        var resolver = Resolver(scope: scope)
        let parameter = resolver.parameter(&reader, "param")
        var test: Condition.Test?
        switch (reader.raw("sent"), reader.raw("equals")) {
        case (.bool(true)?, nil): test = .sent
        case (nil, let value?): test = .equals(value)
        case (.some, .some): reader.report(at: path, "a condition has either `sent` or `equals`, not both")
        case (.bool(false)?, nil): reader.report(member: "sent", "`sent` can only be `true`: a condition cannot test that a parameter is absent")
        case (let other?, nil): reader.report(member: "sent", "expected `true`, found \(other.kindDescription)")
        case (nil, nil): reader.report(at: path, "a condition has `\"sent\": true` or `equals`")
        }
        absorb(reader)
        guard let parameter, let test else { return nil }
        if case .equals(let value) = test, let spec = scope.parameter(named: parameter)?.value {
            checkValue(value, against: spec, at: JSONPath.member("equals", of: path), what: "the compared value")
        }
        return Condition(parameter: parameter, test: test)
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
            if case .array = counted.type {
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

/// Resolves the parameter names a rule mentions against the parameters in scope.
private struct Resolver {
    let scope: Scope

    mutating func parameter(_ reader: inout ObjectReader, _ key: String) -> String? {
        guard let name = reader.string(key, required: true) else { return nil }
        return check(name, at: reader.memberPath(key), reader: &reader)
    }

    /// The names listed in `key`, nil unless every one names a readable parameter once.
    mutating func parameters(_ reader: inout ObjectReader, _ key: String, atLeast minimum: Int) -> [String]? {
        guard let names = reader.strings(key, required: true) else { return nil }
        let listed = reader.raw(key).flatMap { if case .array(let elements) = $0 { elements.count } else { nil } } ?? names.count
        if listed < minimum { reader.report(member: key, minimum == 1 ? "name at least one parameter" : "name at least two parameters") }
        var resolved: [String] = []
        for (index, name) in names.enumerated() {
            let path = JSONPath.element(index, of: reader.memberPath(key))
            if resolved.contains(name) {
                reader.report(at: path, "\"\(name)\" is named twice")
                continue
            }
            if let name = check(name, at: path, reader: &reader) { resolved.append(name) }
        }
        return resolved.count == listed && listed >= minimum ? resolved : nil
    }

    private func check(_ name: String, at path: String, reader: inout ObjectReader) -> String? {
        if scope.unreadableNames.contains(name) { return nil }
        guard scope.parameter(named: name) != nil else {
            var message = "the rule names \"\(name)\", which is not a parameter here"
            let known = scope.parameters.map(\.name) + scope.unreadableNames.sorted()
            if let suggestion = Suggestion.closest(to: name, among: known) { message += "; did you mean \"\(suggestion)\"?" }
            reader.report(at: path, message)
            return nil
        }
        return name
    }
}
