#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// Checks a schema once it is read: names, limits that contradict each other, defaults and
/// compared values against their specs, sources cited, and the rules (`RuleLinter.swift`).
/// Everything it checks is in the model; the paths come from the reader's ``SchemaDraft``.
public enum SchemaLinter {
    /// The findings about what the reader built, errors and warnings, in the order the linter
    /// visits the model (``SchemaReader`` sorts them into document order with the reader's).
    public static func lint(_ draft: SchemaDraft) -> [Diagnostic] {
        var linter = Linter(file: draft.file)
        linter.lintModel(draft.site)
        return linter.diagnostics
    }

    /// The findings about a model built in code; paths are those of each element's index.
    public static func lint(_ schema: ModelSchema) -> [Diagnostic] {
        var linter = Linter(file: schema.file)
        linter.lintModel(ModelSite(schema))
        return linter.diagnostics
    }
}

/// The parameters a rule can name: those of the request, or the fields of one object.
struct Scope {
    var parameters: [Parameter] = []
    /// Parameters whose own definition has a fault (reported there): a rule may name them, but
    /// nothing more is checked about them.
    var unreadableNames: Set<String> = []

    func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}

/// Walks what the reader built and records every finding with its JSON path.
struct Linter {
    let file: String
    var diagnostics: [Diagnostic] = []
    /// The keys of the schema's `sources`; nil when `sources` is missing, empty or malformed (which
    /// is reported once, not again for every element that cites a source).
    var sourceKeys: [String]?
    /// The same keys, for lookups.
    var sourceKeySet: Set<String> = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, path: path, message: message))
    }

    mutating func warn(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(file: file, path: path, message: message, severity: .warning))
    }

    // MARK: Model

    mutating func lintModel(_ site: ModelSite) {
        let root = JSONPath.root
        if let swiftName = site.swiftName, !Identifier.isTypeName(swiftName) {
            report(JSONPath.member("swiftName", of: root), "\"\(swiftName)\" is not a Swift type name (a letter A-Z, then letters and digits)")
        }
        let endpoint = JSONPath.member("endpoint", of: root)
        if let method = site.endpointMethod, !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) {
            report(JSONPath.member("method", of: endpoint), "\"\(method)\" is not an HTTP method (GET, POST, PUT, PATCH, DELETE)")
        }
        if let path = site.endpointPath, !path.hasPrefix("/") {
            report(JSONPath.member("path", of: endpoint), "an endpoint path starts with \"/\"")
        }
        if let keys = site.sourceKeys {
            let sources = JSONPath.member("sources", of: root)
            if keys.isEmpty { report(sources, "name at least one documentation page") }
            for key in keys where key.isEmpty { report(JSONPath.member(key, of: sources), "a source key must not be empty") }
            sourceKeys = keys.isEmpty ? nil : keys
            sourceKeySet = Set(keys)
        }
        let scope = lintParameters(site.parameters)
        lintRules(site.rules, scope: scope)
    }

    /// How many source keys a diagnostic lists.
    static let listedSourceKeys = 10

    /// Reports a `source` that names no page of the schema's `sources`.
    mutating func checkSource(_ source: String, at path: String) {
        guard let sourceKeys, !sourceKeySet.contains(source) else { return }
        let listed = sourceKeys.prefix(Self.listedSourceKeys).joined(separator: ", ")
        let more = sourceKeys.count > Self.listedSourceKeys ? " and \(sourceKeys.count - Self.listedSourceKeys) more" : ""
        report(JSONPath.member("source", of: path), "unknown source \"\(source)\"; the schema's `sources` are: \(listed)\(more)")
    }

    // MARK: Parameters

    /// Checks each parameter of a list and the names between them; the parameters rules can name.
    mutating func lintParameters(_ site: ScopeSite) -> Scope {
        var scope = Scope()
        var namePaths: [String: String] = [:]
        var swiftNames: [String: String] = [:]
        for parameterSite in site.parameters {
            lintParameter(parameterSite)
            guard let name = parameterSite.name else { continue }
            let namePath = JSONPath.member("name", of: parameterSite.path)
            if let first = namePaths[name] {
                report(namePath, "duplicate parameter name \"\(name)\" (first at \(first))")
                continue
            }
            namePaths[name] = parameterSite.path
            guard let parameter = parameterSite.parameter else {
                scope.unreadableNames.insert(name)
                continue
            }
            let swiftName = parameter.swiftName ?? Identifier.propertyName(fromWireName: parameter.name)
            if let first = swiftNames[swiftName] {
                report(namePath, "\"\(parameter.name)\" and the parameter at \(first) both become the Swift property `\(swiftName)`; give one a `swiftName`")
            }
            swiftNames[swiftName] = parameterSite.path
            scope.parameters.append(parameter)
        }
        return scope
    }

    mutating func lintParameter(_ site: ParameterSite) {
        let path = site.path
        if let swiftName = site.swiftName, !Identifier.isMemberName(swiftName) {
            report(JSONPath.member("swiftName", of: path), "\"\(swiftName)\" is not a Swift property name (a letter a-z or _, then letters, digits and _)")
        }
        if let source = site.source { checkSource(source, at: path) }
        let defaultPath = JSONPath.member("default", of: path)
        if site.isRequired, site.defaultValue != nil {
            report(defaultPath, "a required parameter has no default: the request must always send it")
        }
        if site.isRequired, site.isNullable {
            report(JSONPath.member("nullable", of: path), "a required parameter cannot be null: `null` means it is not sent")
        }
        guard let value = site.value else { return }
        lintSpec(value)
        if value.spec.effectiveConstant != nil {
            // A required parameter's default is reported above already.
            if site.defaultValue != nil, !site.isRequired { report(defaultPath, "a constant parameter has no default") }
            if !site.isRequired { report(JSONPath.member("const", of: path), "a constant parameter is always sent: mark it `\"required\": true`") }
        }
        if let defaultValue = site.defaultValue {
            checkValue(defaultValue, against: value.spec, at: defaultPath, what: "the default")
        }
    }

    // MARK: Value specs

    /// Checks a value spec: its names, choices, constant and limits, and what it nests.
    mutating func lintSpec(_ site: SpecSite) {
        let spec = site.spec
        func member(_ key: String) -> String { JSONPath.member(key, of: site.path) }
        if let typeName = site.typeName, !Identifier.isTypeName(typeName) {
            report(member("typeName"), "\"\(typeName)\" is not a Swift type name (a letter A-Z, then letters and digits)")
        }
        if let element = site.element { lintSpec(element) }
        if let fields = site.fields {
            let scope = lintParameters(fields)
            lintRules(site.rules, scope: scope)
        }
        if let choices = spec.choices { lintChoices(choices, paths: site.choicePaths, at: site.path) }
        if let numbers = spec.numberValues { lintNumberValues(numbers, of: spec, at: member("values")) }
        if case .oneOrMany(let items) = spec.type {
            switch items.type {
            case .array, .oneOrMany, .object, .jsonString:
                report(member("items"), "the items of a oneOrMany are single values (string, integer, number, boolean, assetId, url), not \(items.type.schemaName)")
            default: break
            }
        }
        if let constant = spec.constant {
            if spec.choices != nil {
                // The generated type of a choice is not a string: a constant is its own, fixed string.
                report(member("const"), "a constant has no `values`: it is always its one value")
            } else {
                checkValue(.string(constant), against: spec, at: member("const"), what: "the constant")
            }
        }
        if let min = spec.minimum, let max = spec.maximum, min > max {
            report(member("minimum"), "minimum \(JSONValue.format(min)) is above maximum \(JSONValue.format(max))")
        }
        if spec.type == .integer {
            for (key, bound) in [("minimum", spec.minimum), ("maximum", spec.maximum)] {
                if let bound, JSONValue.integerValue(of: bound) == nil {
                    report(member(key), "an integer's \(key) is a whole number, not \(JSONValue.format(bound))")
                }
            }
        }
        if let min = spec.minLength, let max = spec.maxLength, min > max {
            report(member("minLength"), "minLength \(min) is above maxLength \(max)")
        }
        if let min = spec.minItems, let max = spec.maxItems, min > max {
            report(member("minItems"), "minItems \(min) is above maxItems \(max)")
        }
    }

    /// Checks the allowed values of a number: each once, whole for an integer, within the bounds.
    mutating func lintNumberValues(_ numbers: NumberValues, of spec: ValueSpec, at path: String) {
        var seen: Set<Double> = []
        for (index, value) in numbers.values.enumerated() {
            let elementPath = JSONPath.element(index, of: path)
            if !seen.insert(value).inserted { report(elementPath, "duplicate value \(JSONValue.format(value))") }
            if spec.type == .integer, JSONValue.integerValue(of: value) == nil {
                report(elementPath, "an integer's values are whole numbers, not \(JSONValue.format(value))")
            }
            if let min = spec.minimum, value < min { report(elementPath, "the value \(JSONValue.format(value)) is below the minimum \(JSONValue.format(min))") }
            if let max = spec.maximum, value > max { report(elementPath, "the value \(JSONValue.format(value)) is above the maximum \(JSONValue.format(max))") }
        }
    }

    mutating func lintChoices(_ choices: Choices, paths: [String], at path: String) {
        var seen: Set<String> = []
        var seenNames: Set<String> = []
        for (choice, elementPath) in zip(choices.values, paths) {
            if let swiftName = choice.swiftName, !Identifier.isMemberName(swiftName) {
                report(JSONPath.member("swiftName", of: elementPath), "\"\(swiftName)\" is not a Swift member name (a letter a-z or _, then letters, digits and _)")
            }
            if !seen.insert(choice.value).inserted {
                report(elementPath, "duplicate value \"\(choice.value)\"")
                continue
            }
            let memberName = choice.swiftName ?? Identifier.choiceName(fromValue: choice.value)
            if !seenNames.insert(memberName).inserted {
                report(elementPath, "\"\(choice.value)\" becomes the Swift member `\(memberName)` like an earlier value; give it a `swiftName`")
            }
        }
        if choices.acceptsIntegerForm, let nonInteger = choices.values.first(where: { Int($0.value) == nil || String(Int($0.value)!) != $0.value }) {
            report(JSONPath.member("acceptsIntegerForm", of: path),
                   "every value must be an integer written in decimal to accept the integer form; \"\(nonInteger.value)\" is not")
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
                fault("is not one of the values: \(spec.distinctChoiceValues.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            if spec.type == .url, !Self.isWebURL(string) { fault("is not an absolute http or https URL") }
        case (.integer, .number(let number)), (.number, .number(let number)):
            if spec.type == .integer, JSONValue.integerValue(of: number) == nil { fault("is not a whole number") }
            if let min = spec.minimum, number < min { fault("is below the minimum \(JSONValue.format(min))") }
            if let max = spec.maximum, number > max { fault("is above the maximum \(JSONValue.format(max))") }
            if let numbers = spec.numberValues, !numbers.values.contains(number) {
                fault("is not one of the values: \(numbers.values.map(JSONValue.format).joined(separator: ", "))")
            }
        case (.boolean, .bool):
            break
        case (.array(let items), .array(let elements)), (.oneOrMany(let items), .array(let elements)):
            if let min = spec.minItems, elements.count < min { fault("has fewer than minItems \(min) items") }
            if let max = spec.maxItems, elements.count > max { fault("has more than maxItems \(max) items") }
            for (index, element) in elements.enumerated() {
                checkValue(element, against: items, at: JSONPath.element(index, of: path), what: what)
            }
        case (.oneOrMany(let items), _):
            checkValue(value, against: items, at: path, what: what)
        case (.object, _), (.jsonString, _):
            fault("is not supported: \(spec.type.schemaName) parameters have no default or compared value")
        case (_, .null):
            report(path, "\(what) is null, but the type is \(spec.type.schemaName)")
        default:
            fault("is \(value.kindDescription), but the type is \(spec.type.schemaName)")
        }
    }

}

extension ValueSpec {
    /// The constant, unless the spec also has `values` (a fault the linter reports).
    var effectiveConstant: String? { choices == nil ? constant : nil }

    /// The known values, each once, in the file's order.
    var distinctChoiceValues: [String] {
        var seen: Set<String> = []
        return (choices?.values ?? []).map(\.value).filter { seen.insert($0).inserted }
    }
}
