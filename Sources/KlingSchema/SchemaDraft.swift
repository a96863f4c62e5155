import KlingJSON

/// What the reader built of one schema file: the model when no structural fault stops it, the
/// structural faults, and where each element of the model sits in the file (so the linter can cite
/// JSON paths). ``SchemaLinter`` checks a draft; `SchemaReader.lint(_:file:)` does both.
public struct SchemaDraft: Sendable {
    /// The file the schema was read from, relative to the schemas folder.
    public var file: String
    /// The schema model, when every member it needs could be read; it may still have lint faults.
    public var model: ModelSchema?
    /// What stopped the reader from building parts of the model (malformed members, unknown
    /// members, types, rule kinds and condition tests), unsorted.
    public var diagnostics: [Diagnostic]
    /// Every element the reader could read, with its JSON path, including the parts of elements it
    /// could not complete: the linter checks those parts too.
    var site: ModelSite
}

/// The parts of a model the reader could read, with their paths in the file.
struct ModelSite: Sendable {
    var swiftName: String?
    var endpointMethod: String?
    var endpointPath: String?
    /// The keys of `sources` in the file's order (each once); nil when `sources` is missing or not
    /// an object (reported by the reader, and not again for every element that cites a source).
    var sourceKeys: [String]?
    var parameters: ScopeSite
    var rules: [RuleSite]
}

/// A list of parameters (a request's, or an object's fields) as read.
struct ScopeSite: Sendable {
    /// The path of the list (`$.parameters`, `$.parameters[2].items.fields`).
    var path: String
    var parameters: [ParameterSite]
}

/// One element of a parameter list, with whatever members could be read.
struct ParameterSite: Sendable {
    var path: String
    /// The name, when present and not empty.
    var name: String?
    var swiftName: String?
    var description: String?
    var source: String?
    var isRequired: Bool
    var isNullable: Bool
    var defaultValue: JSONValue?
    var note: String?
    /// The value spec, when it could be read.
    var value: SpecSite?

    /// The parameter, when its name and value spec were read.
    var parameter: Parameter? {
        guard let name, let value else { return nil }
        return Parameter(name: name, swiftName: swiftName, description: description, source: source, isRequired: isRequired,
                         isNullable: isNullable, defaultValue: defaultValue, note: note, value: value.spec)
    }
}

/// A value spec as read, with the paths of its parts.
final class SpecSite: Sendable {
    let path: String
    let spec: ValueSpec
    /// The site of `items` or `content`.
    let element: SpecSite?
    /// The fields of an object.
    let fields: ScopeSite?
    /// The rules of an object.
    let rules: [RuleSite]
    /// The path of each of `spec.choices`' values.
    let choicePaths: [String]
    /// The `typeName` as written, also where it does not apply (the reader reports that).
    let typeName: String?

    init(path: String, spec: ValueSpec, element: SpecSite?, fields: ScopeSite?, rules: [RuleSite], choicePaths: [String], typeName: String?) {
        self.path = path
        self.spec = spec
        self.element = element
        self.fields = fields
        self.rules = rules
        self.choicePaths = choicePaths
        self.typeName = typeName
    }
}

/// One rule as read: its kind when every member it needs could be read.
struct RuleSite: Sendable {
    var path: String
    var source: String?
    var description: String?
    var kind: Rule.Kind?
    /// Every parameter name the rule mentions, with its path, in the file's order (also those of a
    /// rule whose kind could not be completed).
    var mentions: [Mention] = []
    /// Every condition that could be read, with its path (also those of a rule whose kind could not
    /// be completed).
    var conditions: [(condition: Condition, path: String)] = []

    /// A parameter name in a rule.
    struct Mention: Sendable {
        var name: String
        var path: String
        /// The path of the list the name is an element of (`params`, `counts`), if any.
        var list: String?
    }

    var rule: Rule? { kind.map { Rule(kind: $0, source: source, description: description) } }
}

extension ModelSite {
    /// The site of a model built in code: each element at the path of its index.
    init(_ schema: ModelSchema) {
        swiftName = schema.swiftName
        endpointMethod = schema.endpoint.method
        endpointPath = schema.endpoint.path
        sourceKeys = schema.sources.map(\.key)
        parameters = ScopeSite(schema.parameters, at: JSONPath.member("parameters", of: JSONPath.root))
        rules = RuleSite.sites(schema.rules, at: JSONPath.member("rules", of: JSONPath.root))
    }
}

extension ScopeSite {
    init(_ parameters: [Parameter], at path: String) {
        self.path = path
        self.parameters = parameters.enumerated().map { index, parameter in
            let elementPath = JSONPath.element(index, of: path)
            return ParameterSite(path: elementPath, name: parameter.name.isEmpty ? nil : parameter.name, swiftName: parameter.swiftName,
                                 description: parameter.description, source: parameter.source, isRequired: parameter.isRequired,
                                 isNullable: parameter.isNullable, defaultValue: parameter.defaultValue, note: parameter.note, value: SpecSite(parameter.value, at: elementPath))
        }
    }
}

extension SpecSite {
    convenience init(_ spec: ValueSpec, at path: String) {
        var element: SpecSite?
        var fields: ScopeSite?
        var rules: [RuleSite] = []
        switch spec.type {
        case .array(let items), .oneOrMany(let items): element = SpecSite(items, at: JSONPath.member("items", of: path))
        case .jsonString(let content): element = SpecSite(content, at: JSONPath.member("content", of: path))
        case .object(let object):
            fields = ScopeSite(object.fields, at: JSONPath.member("fields", of: path))
            rules = RuleSite.sites(object.rules, at: JSONPath.member("rules", of: path))
        default: break
        }
        let valuesPath = JSONPath.member("values", of: path)
        let typeName: String? = if case .object(let object) = spec.type { object.typeName } else { spec.choices?.typeName }
        self.init(path: path, spec: spec, element: element, fields: fields, rules: rules,
                  choicePaths: (spec.choices?.values.indices).map { $0.map { JSONPath.element($0, of: valuesPath) } } ?? [], typeName: typeName)
    }
}

extension RuleSite {
    static func sites(_ rules: [Rule], at path: String) -> [RuleSite] {
        rules.enumerated().map { index, rule in
            let rulePath = JSONPath.element(index, of: path)
            return RuleSite(path: rulePath, source: rule.source, description: rule.description, kind: rule.kind,
                            mentions: mentions(of: rule.kind, at: rulePath), conditions: conditions(of: rule.kind, at: rulePath))
        }
    }
}

extension RuleSite {
    /// The conditions of a rule's kind, at the paths the format gives them.
    static func conditions(of kind: Rule.Kind, at path: String) -> [(condition: Condition, path: String)] {
        switch kind {
        case .mutuallyExclusive(let conditions):
            let conditionsPath = JSONPath.member("conditions", of: path)
            return conditions.enumerated().map { ($1, JSONPath.element($0, of: conditionsPath)) }
        case .maxTotalItems(_, _, let when?), .minTotalItems(_, _, let when?), .ignoredWhen(_, let when), .requiredWhen(_, let when):
            return [(when, JSONPath.member("when", of: path))]
        default:
            return []
        }
    }

    /// The names a rule's kind mentions, at the paths the format gives them.
    static func mentions(of kind: Rule.Kind, at path: String) -> [Mention] {
        func member(_ key: String, _ name: String) -> Mention { Mention(name: name, path: JSONPath.member(key, of: path)) }
        func list(_ key: String, _ names: [String]) -> [Mention] {
            let listPath = JSONPath.member(key, of: path)
            return names.enumerated().map { Mention(name: $1, path: JSONPath.element($0, of: listPath), list: listPath) }
        }
        func tested(_ condition: Condition, at conditionPath: String) -> Mention {
            Mention(name: condition.parameter, path: JSONPath.member("param", of: conditionPath))
        }
        let whenPath = JSONPath.member("when", of: path)
        switch kind {
        case .requires(let parameter, let dependency): return [member("param", parameter), member("requires", dependency)]
        case .mutuallyExclusive(let conditions):
            let conditionsPath = JSONPath.member("conditions", of: path)
            return conditions.enumerated().map { tested($1, at: JSONPath.element($0, of: conditionsPath)) }
        case .exactlyOneOf(let parameters), .atLeastOneOf(let parameters): return list("params", parameters)
        case .requiredWhen(let parameter, let when): return [member("param", parameter), tested(when, at: whenPath)]
        case .maxTotalItems(let parameters, _, let when), .minTotalItems(let parameters, _, let when):
            return list("params", parameters) + (when.map { [tested($0, at: whenPath)] } ?? [])
        case .maxItemsWithField(let items, _, _): return [member("items", items)]
        case .sumEquals(let items, _, let total): return [member("items", items), member("total", total)]
        case .ignoredWhen(let parameter, let when): return [member("param", parameter), tested(when, at: whenPath)]
        case .tagReferences(let parameter, _, _, let counts): return [member("param", parameter)] + list("counts", counts)
        }
    }
}
