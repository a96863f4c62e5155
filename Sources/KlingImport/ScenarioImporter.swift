import KlingJSON

/// Turns Scenario's model-input definitions into base schemas, mechanically: a model record
/// (`GET /v1/models/{id}`) or, where no record is stored, the model's table on Scenario's docs page.
///
/// Types: `string` → `string`, `number` → `number`, `boolean`, `file` → `assetId`, `file_array` →
/// array of `assetId`, `string_array` → array of `string`, `number_array` → array of `number`,
/// `model` → `string`, `model_array` → array of `string`, `inputs_array` → array of objects whose
/// `fields` are the sub-inputs (absent where the source does not list them). `allowedValues` →
/// `values`; `min`/`max` → `minimum`/`maximum` on numbers, `minItems`/`maxItems` on arrays;
/// `required` → `required: true` and rules (`requires`, `atLeastOneOf`, `requiredWhen`).
/// `Docs/Catalogue.md` lists the mapping in full.
public enum ScenarioImporter {
    /// Where Scenario's snapshots came from, as the base's `sources` cite them.
    public struct Provenance: Hashable, Sendable {
        /// The docs page's title (`Kuaishou Technology | Scenario Docs`).
        public var docsTitle: String
        /// The docs page's URL.
        public var docsURL: String
        /// The page's "Last updated" date.
        public var docsLastUpdated: String
        /// The model record's URL with `{id}` for the model id.
        public var recordURL: String
        /// The generation endpoint's path with `{id}` for the model id.
        public var endpointPath: String

        /// Provenance as `PROVENANCE.json` holds it.
        public init(docsTitle: String, docsURL: String, docsLastUpdated: String, recordURL: String, endpointPath: String) {
            self.docsTitle = docsTitle
            self.docsURL = docsURL
            self.docsLastUpdated = docsLastUpdated
            self.recordURL = recordURL
            self.endpointPath = endpointPath
        }
    }

    // MARK: The docs page's table

    /// The base of one model of the docs page's table (an element of `models` in
    /// `kling-models-from-docs.json`).
    ///
    /// The page prints every default, minimum, maximum and allowed value as text; a number's or
    /// boolean's text is read as that type when it parses (`"0.5"` → `0.5`, `"true"` → `true`) and
    /// kept as text otherwise. What the page does not show (lengths, steps, conditional
    /// requirements, sub-inputs, media limits) is absent.
    /// - Parameter path: the entry's JSON path in `file`, for diagnostics.
    public static func base(docsEntry entry: JSONValue, file: String, path: String, provenance: Provenance) throws(ImportErrors) -> JSONValue {
        var log = DiagnosticLog(file: file)
        guard let entry = entry.objectValue, let id = entry["modelId"]?.stringValue, let title = entry["title"]?.stringValue else {
            throw ImportErrors([ImportDiagnostic(file: file, path: path, message: "a model without a string `modelId` and `title`")])
        }
        for member in entry.members where !["title", "modelId", "capabilities", "llmMarkdown", "summary", "parameters"].contains(member.key) {
            log.report(path + JSONPath.member(member.key), "unsupported member `\(member.key)` on a model")
        }
        var base = header(id: id, title: title, summary: entry["summary"], capabilities: entry["capabilities"], provenance: provenance)
        var sources = ObjectBuilder()
        sources["docs"] = [
            "title": .string("\(provenance.docsTitle) (auto-generated from model configurations)"),
            "url": .string(provenance.docsURL),
            "date": .string(provenance.docsLastUpdated),
        ]
        if let page = entry["llmMarkdown"]?.stringValue {
            sources["modelPage"] = ["title": .string("\(title) — model page (Scenario)"), "url": .string(page)]
        }
        base["sources"] = sources.value
        var parameters: [JSONValue] = []
        let names = (entry["parameters"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
        for (offset, name) in names.enumerated() where names[..<offset].contains(name) {
            log.report(path + ".parameters", "the input `\(name)` is listed twice")
        }
        for (offset, input) in (entry["parameters"]?.arrayValue ?? []).enumerated() {
            if let parameter = docsParameter(input, at: path + ".parameters[\(offset)]", log: &log) { parameters.append(parameter) }
        }
        if entry["parameters"]?.arrayValue == nil { log.report(path, "a model without a `parameters` array") }
        base["parameters"] = .array(parameters)
        guard log.diagnostics.isEmpty else { throw ImportErrors(log.diagnostics) }
        return base.value
    }

    private static func docsParameter(_ input: JSONValue, at path: String, log: inout DiagnosticLog) -> JSONValue? {
        guard let input = input.objectValue, let name = input["name"]?.stringValue, let type = input["type"]?.stringValue else {
            log.report(path, "an input without a string `name` and `type`")
            return nil
        }
        for member in input.members where !["name", "type", "required", "default", "min", "max", "allowedValues", "description"].contains(member.key) {
            log.report(path + JSONPath.member(member.key), "unsupported member `\(member.key)` on an input")
        }
        var parameter = ObjectBuilder()
        parameter["name"] = .string(name)
        guard let shape = InputShape(scenarioType: type) else {
            log.report(path + ".type", "unsupported input type \"\(type)\"")
            return nil
        }
        shape.write(into: &parameter)
        if input["required"] == .bool(true) { parameter["required"] = true }
        parameter["default"] = input["default"]?.nonNull.map(shape.readText)
        if let values = input["allowedValues"]?.nonNull?.arrayValue {
            shape.writeValues(.array(values.map(shape.readText)), into: &parameter)
        }
        shape.writeBounds(min: input["min"]?.nonNull, max: input["max"]?.nonNull,
                          into: &parameter, at: path, log: &log)
        parameter["source"] = "docs"
        if let description = input["description"]?.stringValue, !description.isEmpty { parameter["description"] = .string(description) }
        return parameter.specValue
    }

    // MARK: Model records

    /// The base of a model record: the `model` object of `GET /v1/models/{id}`'s answer (a file
    /// may wrap it as `{"model": {...}}`, as the SDK returns it).
    public static func base(record: JSONValue, file: String, provenance: Provenance) throws(ImportErrors) -> JSONValue {
        var log = DiagnosticLog(file: file)
        var path = "$"
        var model = record.objectValue
        if let wrapped = model?["model"]?.objectValue {
            model = wrapped
            path = "$.model"
        }
        guard let model, let id = model["id"]?.stringValue else {
            throw ImportErrors([ImportDiagnostic(file: file, path: path, message: "a record without a string `id`")])
        }
        let title = model["name"]?.stringValue ?? id
        var base = header(id: id, title: title, summary: model["description"], capabilities: model["capabilities"], provenance: provenance)
        var record = ObjectBuilder()
        record["title"] = .string("GET /v1/models/\(id) (Scenario)")
        record["url"] = .string(provenance.recordURL.replacing("{id}", with: id))
        record["date"] = model["updatedAt"]
        base["sources"] = ["record": record.value]
        guard let inputs = model["inputs"]?.arrayValue else {
            throw ImportErrors([ImportDiagnostic(file: file, path: path, message: "a record without an `inputs` array")])
        }
        var notes: [JSONValue] = []
        let (parameters, rules) = recordInputs(inputs, at: path + ".inputs", source: "record", notes: &notes, log: &log)
        if !notes.isEmpty { base["notes"] = .array(notes) }
        base["parameters"] = .array(parameters)
        if !rules.isEmpty { base["rules"] = .array(rules) }
        guard log.diagnostics.isEmpty else { throw ImportErrors(log.diagnostics) }
        return base.value
    }

    private static let recordInputMembers: Set<String> = [
        "name", "type", "description", "label", "allowedValues", "default", "min", "max", "step", "minLength", "maxLength",
        "maxSize", "maxDuration", "kind", "required", "inputs",
        // Interface and billing hints, not part of the request:
        "group", "hint", "placeholder", "costImpact", "parent", "prompt", "promptSpark", "color", "backgroundBehavior",
        "maskFrom", "modelTypes",
    ]

    /// The parameters (or an item's fields) of a list of inputs, and the rules their `required` states.
    private static func recordInputs(
        _ inputs: [JSONValue], at path: String, source: String?, notes: inout [JSONValue], log: inout DiagnosticLog
    ) -> (parameters: [JSONValue], rules: [JSONValue]) {
        let names = inputs.compactMap { $0.objectValue?["name"]?.stringValue }
        for (offset, name) in names.enumerated() where names[..<offset].contains(name) {
            log.report(path, "the input `\(name)` is declared twice")
        }
        var parameters: [JSONValue] = []
        var rules: [JSONValue] = []
        var atLeastOneGroups: [Set<String>] = []
        for (offset, input) in inputs.enumerated() {
            let inputPath = path + "[\(offset)]"
            guard let input = input.objectValue, let name = input["name"]?.stringValue, let type = input["type"]?.stringValue else {
                log.report(inputPath, "an input without a string `name` and `type`")
                continue
            }
            for member in input.members where !recordInputMembers.contains(member.key) {
                log.report(inputPath + JSONPath.member(member.key), "unsupported member `\(member.key)` on an input")
            }
            guard let shape = InputShape(scenarioType: type) else {
                log.report(inputPath + ".type", "unsupported input type \"\(type)\"")
                continue
            }
            var parameter = ObjectBuilder()
            parameter["name"] = .string(name)
            shape.write(into: &parameter)
            parameter["default"] = input["default"]
            if let values = input["allowedValues"] { shape.writeValues(values, into: &parameter) }
            shape.writeBounds(min: input["min"], max: input["max"], into: &parameter, at: inputPath, log: &log)
            parameter["step"] = input["step"]
            shape.writeLengths(minLength: input["minLength"], maxLength: input["maxLength"], into: &parameter, at: inputPath, log: &log)
            parameter["assetKind"] = input["kind"]
            parameter["maxSize"] = input["maxSize"]
            parameter["maxDuration"] = input["maxDuration"]
            if type == "inputs_array" {
                if let subInputs = input["inputs"]?.arrayValue {
                    let (fields, itemRules) = recordInputs(subInputs, at: inputPath + ".inputs", source: nil, notes: &notes, log: &log)
                    var items = ObjectBuilder()
                    items["type"] = "object"
                    items["fields"] = .array(fields)
                    if !itemRules.isEmpty { items["rules"] = .array(itemRules) }
                    parameter["items"] = items.value
                }
            } else if input["inputs"] != nil {
                log.report(inputPath + ".inputs", "`inputs` on an input that is not an inputs_array")
            }
            if let required = input["required"] {
                let requirement = requirements(required, of: name, at: inputPath + ".required", declared: names, log: &log)
                if requirement.always { parameter["required"] = true }
                rules += requirement.rules
                notes += requirement.notes
                for group in requirement.atLeastOneOf where !atLeastOneGroups.contains(Set(group)) {
                    atLeastOneGroups.append(Set(group))
                    rules.append(["kind": "atLeastOneOf", "params": .array(group.map(JSONValue.string))])
                }
            }
            parameter["source"] = source.map(JSONValue.string)
            if let description = input["description"]?.stringValue ?? input["label"]?.stringValue, !description.isEmpty {
                parameter["description"] = .string(description)
            }
            parameters.append(parameter.specValue)
        }
        return (parameters, rules)
    }

    private struct Requirement {
        var always = false
        var rules: [JSONValue] = []
        var atLeastOneOf: [[String]] = []
        var notes: [JSONValue] = []
    }

    /// Reads an input's `required`: `always`, `ifDefined`, `ifNotDefined`, `conditionalValues`.
    ///
    /// A rule naming an input the model does not declare is applied as Scenario's own client does:
    /// `ifDefined` never applies (no rule), `ifNotDefined` always does (the input is required); a
    /// note records either.
    private static func requirements(
        _ required: JSONValue, of name: String, at path: String, declared: [String], log: inout DiagnosticLog
    ) -> Requirement {
        var result = Requirement()
        if required == .bool(true) {  // a plain boolean, as other renderings spell it
            result.always = true
            return result
        }
        guard let required = required.objectValue else {
            if required != .bool(false) { log.report(path, "`required` is \(required.kindDescription), not an object") }
            return result
        }
        for member in required.members {
            let memberPath = path + JSONPath.member(member.key)
            switch member.key {
            case "always":
                guard let always = member.value.boolValue else {
                    log.report(memberPath, "`always` is not a boolean")
                    continue
                }
                result.always = result.always || always
            case "ifDefined", "ifNotDefined":
                guard let others = member.value.objectValue else {
                    log.report(memberPath, "`\(member.key)` is not an object of input names")
                    continue
                }
                for other in others.members {
                    let message = other.value.objectValue?["message"]?.stringValue ?? other.value.stringValue
                    let undeclared = !declared.contains(other.key)
                    switch (member.key, undeclared) {
                    case ("ifDefined", false):
                        var rule = ObjectBuilder()
                        rule["kind"] = "requires"
                        rule["param"] = .string(other.key)
                        rule["requires"] = .string(name)
                        rule["description"] = message.map(JSONValue.string)
                        result.rules.append(rule.value)
                    case ("ifDefined", true):
                        result.notes.append(.string("`\(name)` is required if `\(other.key)` is defined, an input this model does not declare; the rule never applies."))
                    case (_, false):
                        result.atLeastOneOf.append(declared.filter { $0 == name || $0 == other.key })
                    default:
                        result.always = true
                        result.notes.append(.string("`\(name)` is required if `\(other.key)` is not defined, an input this model does not declare; so it is always required."))
                    }
                }
            case "conditionalValues":
                guard let conditions = member.value.objectValue else {
                    log.report(memberPath, "`conditionalValues` is not an object of input names")
                    continue
                }
                for condition in conditions.members {
                    guard declared.contains(condition.key) else {
                        result.notes.append(.string("`\(name)` is required for some values of `\(condition.key)`, an input this model does not declare; the rule never applies."))
                        continue
                    }
                    guard let values = triggeringValues(condition.value) else {
                        log.report(memberPath + JSONPath.member(condition.key),
                                   "unsupported `conditionalValues` entry \(condition.value.preview): expected a value, an array of values, or {\"values\": [...]} with an optional operation \"in\" or \"equals\"")
                        continue
                    }
                    for value in values {
                        result.rules.append([
                            "kind": "requiredWhen", "param": .string(name),
                            "when": ["param": .string(condition.key), "equals": value],
                        ])
                    }
                }
            default:
                log.report(memberPath, "unsupported member `\(member.key)` in `required`")
            }
        }
        return result
    }

    /// The values of a `conditionalValues` entry that make the input required. No real record
    /// shows the shape; the reference says "operation and allowed values", so these are accepted:
    /// a scalar, an array of scalars, or an object with `values` (or `value`) and an optional
    /// `operation`/`op` of `in`, `equals`, `eq` or `==`. Anything else is reported, not guessed.
    private static func triggeringValues(_ value: JSONValue) -> [JSONValue]? {
        switch value {
        case .string, .number, .bool: return [value]
        case .array(let values): return values.allSatisfy({ !$0.isContainer && $0 != .null }) && !values.isEmpty ? values : nil
        case .object(let object):
            let operation = object["operation"] ?? object["op"]
            guard operation == nil || ["in", "equals", "eq", "=="].contains(operation?.stringValue ?? "") else { return nil }
            guard object.members.allSatisfy({ ["operation", "op", "values", "value"].contains($0.key) }) else { return nil }
            if let values = object["values"] { return triggeringValues(values) }
            if let single = object["value"] { return triggeringValues(single) }
            return nil
        case .null: return nil
        }
    }

    // MARK: Shared

    private static func header(id: String, title: String, summary: JSONValue?, capabilities: JSONValue?, provenance: Provenance) -> ObjectBuilder {
        var base = ObjectBuilder()
        base["id"] = .string(id)
        base["provider"] = "scenario"
        base["title"] = .string(title)
        base["swiftName"] = .string(BaseNaming.swiftName(provider: "scenario", modelID: id))
        if let summary = summary?.stringValue, !summary.isEmpty { base["summary"] = .string(summary) }
        if let capabilities, capabilities.arrayValue?.isEmpty == false { base["capabilities"] = capabilities }
        base["endpoint"] = ["method": "POST", "path": .string(provenance.endpointPath.replacing("{id}", with: id))]
        return base
    }
}

/// How a Scenario input type is spelled in a base.
enum InputShape {
    case string, number, boolean, assetId
    case array(item: String)
    case objects

    init?(scenarioType: String) {
        switch scenarioType {
        case "string", "model": self = .string
        case "number": self = .number
        case "boolean": self = .boolean
        case "file": self = .assetId
        case "file_array": self = .array(item: "assetId")
        case "string_array", "model_array": self = .array(item: "string")
        case "number_array": self = .array(item: "number")
        case "inputs_array": self = .objects
        default: return nil
        }
    }

    func write(into parameter: inout ObjectBuilder) {
        switch self {
        case .string: parameter["type"] = "string"
        case .number: parameter["type"] = "number"
        case .boolean: parameter["type"] = "boolean"
        case .assetId: parameter["type"] = "assetId"
        case .array(let item):
            parameter["type"] = "array"
            parameter["items"] = ["type": .string(item)]
        case .objects:
            parameter["type"] = "array"
            parameter["items"] = ["type": "object"]
        }
    }

    /// Allowed values: on the parameter, or on its items for an array (a multi-select).
    func writeValues(_ values: JSONValue, into parameter: inout ObjectBuilder) {
        if case .array = self, var items = parameter["items"]?.objectValue {
            items.members.append(.init(key: "values", value: values))
            parameter["items"] = .object(items)
        } else {
            parameter["values"] = values
        }
    }

    /// `min`/`max`: bounds of a number, item counts of an array.
    func writeBounds(min: JSONValue?, max: JSONValue?, into parameter: inout ObjectBuilder, at path: String, log: inout DiagnosticLog) {
        guard min != nil || max != nil else { return }
        switch self {
        case .number:
            parameter["minimum"] = min
            parameter["maximum"] = max
        case .array, .objects:
            parameter["minItems"] = min
            parameter["maxItems"] = max
        default:
            log.report(path + (min != nil ? ".min" : ".max"), "`min`/`max` on an input that is neither a number nor an array")
        }
    }

    /// `minLength`/`maxLength`: lengths of a string, item counts of a file or string array (as
    /// records use them: "up to 9" reference images is `maxLength: 9`).
    func writeLengths(minLength: JSONValue?, maxLength: JSONValue?, into parameter: inout ObjectBuilder, at path: String, log: inout DiagnosticLog) {
        guard minLength != nil || maxLength != nil else { return }
        switch self {
        case .string:
            parameter["minLength"] = minLength
            parameter["maxLength"] = maxLength
        case .array, .objects:
            parameter["minItems"] = minLength
            parameter["maxItems"] = maxLength
        default:
            log.report(path + (minLength != nil ? ".minLength" : ".maxLength"), "`minLength`/`maxLength` on an input that is neither a string nor an array")
        }
    }

    /// A value the docs page printed as text, read as this input's type when it parses.
    func readText(_ value: JSONValue) -> JSONValue {
        guard let text = value.stringValue else { return value }
        switch self {
        case .number, .array(item: "number"):
            if let number = Double(text), number.isFinite { return .number(number) }
        case .boolean:
            if text == "true" { return true }
            if text == "false" { return false }
        default: break
        }
        return value
    }
}
