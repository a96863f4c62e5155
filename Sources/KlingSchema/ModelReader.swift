#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// Reads one schema file's JSON into the schema model, recording every structural fault (a member
/// missing, of the wrong JSON type or unknown; an unknown type, rule kind or condition test) with
/// its JSON path, and keeping where each element sits for the linter. Checks of what was read
/// belong to ``Linter``. The model, its endpoint, sources and parameters here; value specs in
/// `ValueSpecReader.swift`, rules and conditions in `RuleReader.swift`.
struct Reader {
    let file: String
    var diagnostics: [Diagnostic] = []
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

    mutating func readModel(_ json: JSONValue) -> SchemaDraft {
        let emptySite = ModelSite(parameters: ScopeSite(path: JSONPath.member("parameters", of: JSONPath.root), parameters: []), rules: [])
        guard var reader = ObjectReader(json, at: JSONPath.root, file: file, allowed: Keys.model, diagnostics: &diagnostics) else {
            return SchemaDraft(file: file, model: nil, diagnostics: diagnostics, site: emptySite)
        }
        let id = reader.string("id", required: true)
        let providerName = reader.string("provider", required: true)
        let title = reader.string("title", required: true)
        let swiftName = reader.string("swiftName", required: true)
        let summary = reader.string("summary")
        _ = reader.string("$schema")
        let notes = reader.strings("notes") ?? []
        let capabilities = readCapabilities(&reader)
        var provider: ModelSchema.Provider?
        if let providerName {
            provider = ModelSchema.Provider(rawValue: providerName)
            if provider == nil {
                reader.report(member: "provider", "unknown provider \"\(providerName)\"; expected one of: \(ModelSchema.Provider.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if !reader.has("endpoint") { reader.report(at: reader.path, "missing required member `endpoint`") }
        if !reader.has("sources") { reader.report(at: reader.path, "missing required member `sources`") }
        let parameterValues = reader.array("parameters", required: true)
        let ruleValues = reader.array("rules") ?? []
        absorb(reader)

        var site = emptySite
        site.swiftName = swiftName
        if let endpoint = reader.raw("endpoint") { (site.endpointMethod, site.endpointPath) = readEndpoint(endpoint, at: reader.memberPath("endpoint")) }
        var sources: [ModelSchema.Source] = []
        if let json = reader.raw("sources") { (sources, site.sourceKeys) = readSources(json, at: reader.memberPath("sources")) }
        site.parameters = readParameters(parameterValues ?? [], at: reader.memberPath("parameters"), isTopLevel: true)
        site.rules = readRules(ruleValues, at: reader.memberPath("rules"))

        var model: ModelSchema?
        if let id, let provider, let title, let swiftName, let method = site.endpointMethod, let path = site.endpointPath {
            model = ModelSchema(file: file, id: id, provider: provider, title: title, swiftName: swiftName, summary: summary,
                                capabilities: capabilities, endpoint: ModelSchema.Endpoint(method: method, path: path), sources: sources, notes: notes,
                                parameters: site.parameters.parameters.compactMap(\.parameter), rules: site.rules.compactMap(\.rule), document: json)
        }
        return SchemaDraft(file: file, model: model, diagnostics: diagnostics, site: site)
    }

    /// The model's `capabilities`: each a known capability, listed once.
    func readCapabilities(_ reader: inout ObjectReader) -> [ModelSchema.Capability] {
        readWords("capabilities", of: ModelSchema.Capability.self, what: "capability", from: &reader)
    }

    /// The list of words in `key`: each one of `Word`'s cases, each once; empty when absent.
    func readWords<Word: RawRepresentable & CaseIterable & Equatable>(
        _ key: String, of _: Word.Type, what: String, from reader: inout ObjectReader
    ) -> [Word] where Word.RawValue == String {
        guard let names = reader.strings(key) else { return [] }
        var words: [Word] = []
        for (index, name) in names.enumerated() {
            let path = JSONPath.element(index, of: reader.memberPath(key))
            guard let word = Word(rawValue: name) else {
                reader.report(at: path, "unknown \(what) \"\(name)\"; expected one of: \(Word.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if words.contains(word) {
                reader.report(at: path, "\(what) \"\(name)\" is listed twice")
                continue
            }
            words.append(word)
        }
        return words
    }

    mutating func readEndpoint(_ json: JSONValue, at path: String) -> (method: String?, path: String?) {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.endpoint, diagnostics: &diagnostics) else { return (nil, nil) }
        let method = reader.string("method", required: true)
        let endpointPath = reader.string("path", required: true)
        absorb(reader)
        return (method, endpointPath)
    }

    /// The documentation pages that could be read, and every key of `sources` once (a key whose page
    /// is malformed is still a key: citing it is not a second fault).
    mutating func readSources(_ json: JSONValue, at path: String) -> (sources: [ModelSchema.Source], keys: [String]?) {
        guard case .object(let object) = json else {
            report(path, "expected an object of documentation pages by key, found \(json.kindDescription)")
            return ([], nil)
        }
        var sources: [ModelSchema.Source] = []
        var keys: [String] = []
        var seenKeys: Set<String> = []
        for member in object.members {
            let memberPath = JSONPath.member(member.key, of: path)
            guard seenKeys.insert(member.key).inserted else {
                report(memberPath, "source `\(member.key)` appears more than once")
                continue
            }
            keys.append(member.key)
            guard var reader = ObjectReader(member.value, at: memberPath, file: file, allowed: Keys.source, diagnostics: &diagnostics) else { continue }
            let title = reader.string("title", required: true)
            let url = reader.string("url", required: true)
            absorb(reader)
            if let title, let url { sources.append(ModelSchema.Source(key: member.key, title: title, url: url)) }
        }
        return (sources, keys)
    }

    // MARK: Parameters

    mutating func readParameters(_ values: [JSONValue], at path: String, isTopLevel: Bool) -> ScopeSite {
        ScopeSite(path: path, parameters: values.enumerated().compactMap { index, value in
            readParameter(value, at: JSONPath.element(index, of: path), isTopLevel: isTopLevel)
        })
    }

    /// Reads one parameter: whatever members could be read, nil when it is not an object.
    mutating func readParameter(_ json: JSONValue, at path: String, isTopLevel: Bool) -> ParameterSite? {
        guard var reader = ObjectReader(json, at: path, file: file, allowed: Keys.parameter, diagnostics: &diagnostics) else { return nil }
        let name = reader.string("name", required: true)
        let swiftName = reader.string("swiftName")
        let description = reader.string("description")
        let source = reader.string("source", required: isTopLevel)
        let isRequired = reader.bool("required") ?? false
        let isNullable = reader.bool("nullable") ?? false
        let note = reader.string("note")
        let defaultValue = reader.raw("default")
        absorb(reader)
        let value = readValueSpec(json, at: path, allowed: nil)
        return ParameterSite(path: path, name: name.flatMap { $0.isEmpty ? nil : $0 }, swiftName: swiftName, description: description,
                             source: source, isRequired: isRequired, isNullable: isNullable, defaultValue: defaultValue, note: note, value: value)
    }
}
