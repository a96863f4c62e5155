#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

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

/// Reads one schema file's JSON into the schema model and checks it as it goes, recording every
/// finding with its JSON path: the model, its endpoint, sources and parameters here; value specs in
/// `ValueSpecReader.swift`, rules and conditions in `RuleReader.swift`.
struct Linter {
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

}
