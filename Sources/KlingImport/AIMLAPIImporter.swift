import KlingJSON

/// Turns one AI/ML API OpenAPI request spec into a base schema, mechanically.
///
/// The spec's operation with a JSON request body is the endpoint; further operations taking the
/// very same body (older specs list `/v1/…` and `/…` aliases) are recorded as `endpointAliases`.
///
/// What the spec says is what the base says, contradictions included (an integer `duration` with
/// the string default `"5"` stays exactly that): the base is evidence, and decisions belong to the
/// hand-written overlay. Mapping (`Docs/Catalogue.md` lists it in full):
/// `string` → `string`, `string` + `format: uri` → `url` (plus `alsoAccepts` where the description
/// admits Base64 or data URIs), `integer`, `number`, `boolean`, `array` (`items`), `object`
/// (`fields`, each with its own `required`); `enum` → `values` (any JSON type), the one-value
/// `model` enum → `const`; `default`, `minimum`, `maximum`, `minLength`, `maxLength`, `minItems`,
/// `maxItems`, `nullable`, `example` and `description` as they are; `anyOf` of a spec and an array of
/// that spec → `oneOrMany`. Any other member is an error, so a new construct is never dropped.
public enum AIMLAPIImporter {
    /// One model of the provider's list: the model id and where its spec and page are.
    public struct Model: Hashable, Sendable {
        /// The model id, as the spec's one-value `model` enum must spell it.
        public var id: String
        /// The spec file, relative to the provider's snapshot folder (`specs/avatar-pro.json`).
        public var spec: String
        /// The documentation page's file name without `.md` (`avatar-pro`).
        public var page: String
        /// The page's first heading (`Kling Avatar Professional`): the base's title.
        public var pageTitle: String
        /// Other model ids the page names (its hint list or code sample), when they differ.
        public var pageModelIDs: [String]

        /// A row of the list, as `models.json` holds it.
        public init(id: String, spec: String, page: String, pageTitle: String, pageModelIDs: [String] = []) {
            self.id = id
            self.spec = spec
            self.page = page
            self.pageTitle = pageTitle
            self.pageModelIDs = pageModelIDs
        }
    }

    /// Where the snapshot came from, as the base's `sources` cite it.
    public struct Provenance: Hashable, Sendable {
        /// The repository's commit the specs were copied at.
        public var commit: String
        /// The commit's date (`2026-08-21`).
        public var commitDate: String
        /// The raw spec URL with `{file}` for the spec's file name.
        public var specURL: String
        /// The page URL with `{page}` for the page's file name.
        public var pageURL: String

        /// Provenance as `PROVENANCE.json` holds it.
        public init(commit: String, commitDate: String, specURL: String, pageURL: String) {
            self.commit = commit
            self.commitDate = commitDate
            self.specURL = specURL
            self.pageURL = pageURL
        }
    }

    /// The base of `model` from its parsed spec.
    /// - Throws: ``ImportErrors`` with every construct the importer does not understand, a spec
    ///   without a JSON request body or with two different ones, or a `model` enum that is not the
    ///   model's id.
    public static func base(spec: JSONValue, model: Model, provenance: Provenance) throws(ImportErrors) -> JSONValue {
        var log = DiagnosticLog(file: model.spec)
        guard let (operation, aliases, body) = requestBody(of: spec, log: &log) else { throw ImportErrors(log.diagnostics) }

        var base = ObjectBuilder()
        base["id"] = .string(model.id)
        base["provider"] = "aimlapi"
        base["title"] = .string(model.pageTitle)
        base["swiftName"] = .string(BaseNaming.swiftName(provider: "aimlapi", modelID: model.id))
        base["endpoint"] = operation.endpoint
        if !aliases.isEmpty { base["endpointAliases"] = .array(aliases.map(\.endpoint)) }
        let specFile = String(model.spec.split(separator: "/").last ?? Substring(model.spec))
        base["sources"] = [
            "openapi": [
                "title": .string("AI/ML API OpenAPI spec \(specFile) (aimlapi/api-docs)"),
                "url": .string(provenance.specURL.replacing("{file}", with: specFile)),
                "commit": .string(provenance.commit),
                "date": .string(provenance.commitDate),
            ],
            "page": [
                "title": .string("\(model.pageTitle) (AI/ML API documentation)"),
                "url": .string(provenance.pageURL.replacing("{page}", with: model.page)),
            ],
        ]
        if !model.pageModelIDs.isEmpty { base["pageModelIds"] = .array(model.pageModelIDs.map(JSONValue.string)) }
        base["parameters"] = .array(parameters(of: body, at: operation.schemaPath, model: model, log: &log))
        guard log.diagnostics.isEmpty else { throw ImportErrors(log.diagnostics) }
        return base.value
    }

    /// An operation with a JSON request body.
    private struct Operation {
        var method: String
        var path: String
        var schema: JSONValue
        var schemaPath: String

        var endpoint: JSONValue { ["method": .string(method), "path": .string(path)] }
    }

    /// The operation with a JSON request body (the first in document order, when several paths
    /// take the very same body), its aliases, and the body schema.
    private static func requestBody(of spec: JSONValue, log: inout DiagnosticLog)
        -> (operation: Operation, aliases: [Operation], body: JSONObject)? {
        guard let paths = spec.objectValue?["paths"]?.objectValue else {
            log.report("$", "the spec has no `paths` object")
            return nil
        }
        var found: [Operation] = []
        for pathMember in paths.members {
            for operation in pathMember.value.objectValue?.members ?? [] {
                let operationPath = "$.paths" + JSONPath.member(pathMember.key) + JSONPath.member(operation.key)
                if let schema = operation.value.objectValue?["requestBody"]?.objectValue?["content"]?.objectValue?["application/json"]?.objectValue?["schema"] {
                    found.append(Operation(method: operation.key.uppercased(), path: pathMember.key, schema: schema,
                                           schemaPath: operationPath + ".requestBody.content[\"application/json\"].schema"))
                }
            }
        }
        guard let first = found.first else {
            log.report("$.paths", "the spec has no operation with a JSON request body")
            return nil
        }
        let aliases = Array(found.dropFirst())
        for alias in aliases where alias.schema != first.schema {
            log.report(alias.schemaPath, "a second operation with a different request body (\(alias.method) \(alias.path)); a model spec has one")
        }
        guard let body = first.schema.objectValue, body["type"] == "object", body["properties"]?.objectValue != nil else {
            log.report(first.schemaPath, "the request body is not an object schema with `properties`")
            return nil
        }
        for member in body.members where !["type", "properties", "required", "title"].contains(member.key) {
            log.report(first.schemaPath + JSONPath.member(member.key), "unsupported member `\(member.key)` on the request body")
        }
        return (first, aliases, body)
    }

    private static func parameters(of body: JSONObject, at path: String, model: Model, log: inout DiagnosticLog) -> [JSONValue] {
        let required = requiredNames(of: body, at: path, log: &log)
        var parameters: [JSONValue] = []
        var sawModel = false
        reportDuplicates(in: body["properties"]?.objectValue, at: path + ".properties", log: &log)
        for member in body["properties"]?.objectValue?.members ?? [] {
            let propertyPath = path + ".properties" + JSONPath.member(member.key)
            var parameter = ObjectBuilder()
            parameter["name"] = .string(member.key)
            if member.key == "model" {
                sawModel = true
                guard let schema = member.value.objectValue, let values = schema["enum"]?.arrayValue, values.count == 1,
                      let id = values[0].stringValue, schema["type"] == "string" else {
                    log.report(propertyPath, "`model` is not a string with a one-value `enum`")
                    continue
                }
                if id != model.id {
                    log.report(propertyPath + ".enum[0]", "the spec's model id \"\(id)\" is not the list's \"\(model.id)\"")
                }
                parameter["type"] = "string"
                if required.contains("model") { parameter["required"] = true }
                parameter["const"] = .string(id)
                for extra in schema.members where !["type", "enum", "description"].contains(extra.key) {
                    log.report(propertyPath + JSONPath.member(extra.key), "unsupported member `\(extra.key)` on `model`")
                }
                parameter["source"] = "openapi"
                parameter["description"] = schema["description"]
            } else {
                if required.contains(member.key) { parameter["required"] = true }
                spec(member.value, at: propertyPath, into: &parameter, log: &log)
                parameter["source"] = "openapi"
            }
            parameters.append(parameter.specValue)
        }
        if !sawModel { log.report(path + ".properties", "the request body has no `model` property") }
        return parameters
    }

    /// The names in an object schema's `required`, reporting names that are not among its properties.
    private static func requiredNames(of schema: JSONObject, at path: String, log: inout DiagnosticLog) -> Set<String> {
        guard let list = schema["required"] else { return [] }
        guard let names = list.arrayValue?.compactMap(\.stringValue), names.count == list.arrayValue?.count else {
            log.report(path + ".required", "`required` is not an array of strings")
            return []
        }
        let properties = Set(schema["properties"]?.objectValue?.members.map(\.key) ?? [])
        for (offset, name) in names.enumerated() where !properties.contains(name) {
            log.report(path + ".required[\(offset)]", "`required` names \"\(name)\", which is not a property")
        }
        return Set(names)
    }

    /// A property written twice in one `properties` object (JSON allows it; its meaning is unclear).
    private static func reportDuplicates(in properties: JSONObject?, at path: String, log: inout DiagnosticLog) {
        var seen: Set<String> = []
        for member in properties?.members ?? [] where !seen.insert(member.key).inserted {
            log.report(path + JSONPath.member(member.key), "the property `\(member.key)` is written twice")
        }
    }

    private static let knownMembers: Set<String> = [
        "type", "format", "enum", "default", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
        "items", "properties", "required", "description", "nullable", "anyOf", "example",
    ]

    /// Writes the value spec of `schema` (type and its members) into `target`.
    private static func spec(_ schema: JSONValue, at path: String, into target: inout ObjectBuilder, log: inout DiagnosticLog) {
        guard let schema = schema.objectValue else {
            log.report(path, "a property schema is \(schema.kindDescription), not an object")
            return
        }
        for member in schema.members where !knownMembers.contains(member.key) {
            log.report(path + JSONPath.member(member.key), "unsupported member `\(member.key)`")
        }
        if let anyOf = schema["anyOf"] {
            oneOrMany(anyOf, at: path + ".anyOf", into: &target, log: &log)
            if schema["type"] != nil { log.report(path + ".type", "`type` next to `anyOf`") }
        } else {
            switch schema["type"]?.stringValue {
            case "string":
                switch schema["format"]?.stringValue {
                case nil: target["type"] = "string"
                case "uri": target["type"] = "url"
                case let other?: log.report(path + ".format", "unsupported string format \"\(other)\"")
                }
            case "integer": target["type"] = "integer"
            case "number": target["type"] = "number"
            case "boolean": target["type"] = "boolean"
            case "array": target["type"] = "array"
            case "object": target["type"] = "object"
            case let other?: log.report(path + ".type", "unsupported type \"\(other)\"")
            case nil: log.report(path, "a property schema without `type` or `anyOf`")
            }
            if schema["format"] != nil, schema["type"] != "string" {
                log.report(path + ".format", "`format` on a schema that is not a string")
            }
        }
        if schema["nullable"] == .bool(true) { target["nullable"] = true }
        target["default"] = schema["default"]
        target["values"] = schema["enum"]
        for limit in ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"] {
            target[limit] = schema[limit]
        }
        if target["type"] == "url", let description = schema["description"]?.stringValue {
            target["alsoAccepts"] = alsoAccepts(describedBy: description)
        }
        if target["type"] == "array" {
            if let items = schema["items"] {
                var itemSpec = ObjectBuilder()
                spec(items, at: path + ".items", into: &itemSpec, log: &log)
                target["items"] = itemSpec.specValue
            } else {
                log.report(path, "an array without `items`")
            }
        } else if schema["items"] != nil {
            log.report(path + ".items", "`items` on a schema that is not an array")
        }
        if target["type"] == "object", let properties = schema["properties"]?.objectValue {
            let required = requiredNames(of: schema, at: path, log: &log)
            reportDuplicates(in: properties, at: path + ".properties", log: &log)
            var fields: [JSONValue] = []
            for member in properties.members {
                var field = ObjectBuilder()
                field["name"] = .string(member.key)
                if required.contains(member.key) { field["required"] = true }
                spec(member.value, at: path + ".properties" + JSONPath.member(member.key), into: &field, log: &log)
                fields.append(field.specValue)
            }
            target["fields"] = .array(fields)
        } else if schema["properties"] != nil || schema["required"] != nil, target["type"] != "object" {
            log.report(path, "`properties` or `required` on a schema that is not an object")
        }
        target["example"] = schema["example"]
        target["description"] = schema["description"]
    }

    /// `anyOf: [S, {type: array, items: S}]` (in either order) → `oneOrMany` with `items` S.
    private static func oneOrMany(_ anyOf: JSONValue, at path: String, into target: inout ObjectBuilder, log: inout DiagnosticLog) {
        guard let branches = anyOf.arrayValue, branches.count == 2,
              let arrayIndex = branches.firstIndex(where: { $0.objectValue?["type"] == "array" }),
              let arrayBranch = branches[arrayIndex].objectValue,
              arrayBranch.members.allSatisfy({ $0.key == "type" || $0.key == "items" }),
              let single = branches[1 - arrayIndex].objectValue, single["type"] != "array",
              arrayBranch["items"] == .object(single)
        else {
            log.report(path, "unsupported `anyOf`: only a spec together with an array of that same spec is imported")
            return
        }
        target["type"] = "oneOrMany"
        var itemSpec = ObjectBuilder()
        spec(.object(single), at: path + "[\(1 - arrayIndex)]", into: &itemSpec, log: &log)
        target["items"] = itemSpec.specValue
    }

    /// The wider string forms a URL parameter's description admits: `base64` where it mentions
    /// Base64, `dataURI` where it mentions a data URI.
    static func alsoAccepts(describedBy description: String) -> JSONValue? {
        let text = description.lowercased()
        var forms: [JSONValue] = []
        if text.contains("base64") { forms.append("base64") }
        if text.contains("data uri") { forms.append("dataURI") }
        return forms.isEmpty ? nil : .array(forms)
    }
}

/// JSON paths as diagnostics print them.
enum JSONPath {
    /// `.name` for a plain name, `["/v2/x"]` for any other key.
    static func member(_ key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        return plain ? "." + key : "[" + JSONValue.string(key).jsonText + "]"
    }
}
