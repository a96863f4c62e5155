import Foundation
import KlingJSON
import KlingSchema
import Testing

/// `Schemas/schema.json` against the reader: both must accept and reject the same things wherever a
/// JSON Schema can say it, so the two cannot drift apart silently.
@Suite("Schemas/schema.json")
struct FormatSchemaTests {
    static func validator() throws -> JSONSchemaValidator {
        JSONSchemaValidator(schema: try Fixtures.formatSchema())
    }

    static func readerAccepts(_ document: JSONValue) -> Bool {
        Lint.diagnostics(document).isEmpty
    }

    /// Whether the reader and schema.json agree about `document`; records the disagreement.
    static func expectAgreement(_ document: JSONValue, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reader = Lint.diagnostics(document)
        let schema = try validator().validate(document)
        #expect(
            reader.isEmpty == schema.isEmpty,
            "\(what): the reader \(reader.isEmpty ? "accepts" : "rejects"), schema.json \(schema.isEmpty ? "accepts" : "rejects")\n\(Lint.rendered(reader))\n\(schema.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation
        )
    }

    /// The names a reader message lists after `expected one of: `.
    static func listedNames(in message: String) -> [String] {
        guard let range = message.range(of: "expected one of: ") else { return [] }
        let list = message[range.upperBound...].prefix { $0 != "(" }
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func strings(_ value: JSONValue?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    // MARK: The file itself

    @Test("Parses as JSON and declares draft 2020-12")
    func parses() throws {
        let schema = try Fixtures.formatSchema()
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] == false)
        #expect(Self.strings(schema["required"]) == ["id", "provider", "title", "swiftName", "endpoint", "sources", "parameters"])
    }

    @Test("Uses only keywords the test validator implements, and every $ref resolves")
    func knownKeywords() throws {
        let schema = try Fixtures.formatSchema()
        var unknown: [String] = []
        var unresolved: [String] = []
        func walk(_ value: JSONValue, at path: String) {
            guard case .object(let object) = value else { return }
            for member in object.members {
                let memberPath = path + "/" + member.key
                if !JSONSchemaValidator.annotations.contains(member.key) && !JSONSchemaValidator.assertions.contains(member.key) {
                    unknown.append(memberPath)
                }
                switch member.key {
                case "properties", "$defs", "dependentSchemas":
                    for property in member.value.objectMembers { walk(property.value, at: memberPath + "/" + property.key) }
                case "allOf", "oneOf":
                    for (index, subschema) in (member.value.arrayValue ?? []).enumerated() { walk(subschema, at: "\(memberPath)/\(index)") }
                case "items", "additionalProperties", "propertyNames", "not", "if", "then", "else":
                    walk(member.value, at: memberPath)
                case "$ref":
                    let reference = member.value.stringValue ?? ""
                    let name = reference.hasPrefix("#/$defs/") ? String(reference.dropFirst("#/$defs/".count)) : ""
                    if schema["$defs"]?[name] == nil { unresolved.append("\(memberPath): \(reference)") }
                default:
                    break
                }
            }
        }
        walk(schema, at: "#")
        #expect(unknown.isEmpty, "keywords the validator does not implement: \(unknown)")
        #expect(unresolved.isEmpty, "unresolved references: \(unresolved)")
    }

    @Test("The test validator rejects a keyword it does not implement")
    func validatorRefusesUnknownKeywords() throws {
        let validator = JSONSchemaValidator(schema: ["type": "object", "patternProperties": ["^x": false]])
        #expect(validator.validate(["a": 1]).map(\.message) == ["the validator does not implement the keyword `patternProperties`"])
    }

    // MARK: Real and broken schemas

    @Test("Accepts every real schema", arguments: Fixtures.realSchemaFiles)
    func acceptsRealSchemas(_ file: String) throws {
        let failures = try Self.validator().validate(Fixtures.realSchema(file))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("Accepts or rejects each corpus file as its expectations say", arguments: CorpusCase.all)
    func corpusVerdicts(_ corpus: CorpusCase) throws {
        let expectations = try corpus.expectations()
        guard let verdict = expectations.formatSchemaAccepts else {
            Issue.record("\(corpus.name).expected has no `schema.json:` line")
            return
        }
        guard let document = try? Fixtures.json(corpus.url) else {
            #expect(!verdict, "malformed JSON cannot be accepted")
            return
        }
        let failures = try Self.validator().validate(document)
        #expect(failures.isEmpty == verdict, "\(failures)")
    }

    @Test("Rejects broken variants of a real schema")
    func rejectsVariants() throws {
        let omni = try Fixtures.realSchema("scenario/model_kling-v3-omni-video.json")
        let variants: [(String, JSONValue)] = [
            ("an unknown top-level member", omni.setting("summery", to: "x")),
            ("an unknown type", omni.setting("type", to: "strng", at: ["parameters", 0])),
            ("a bound on a string", omni.setting("minimum", to: 1, at: ["parameters", 0])),
            ("a required parameter's default", omni.setting("default", to: "x", at: ["parameters", 0])),
            ("a parameter without a source", omni.removing("source", at: ["parameters", 0])),
            ("a default of the wrong JSON type", omni.setting("default", to: "5", at: ["parameters", 10])),
            ("an unknown valueSet", omni.setting("valueSet", to: "guessed", at: ["parameters", 8])),
            ("a `when` on a requires rule", omni.setting("when", to: ["param": "startImage", "sent": true], at: ["rules", 0])),
            ("one mutually exclusive condition", omni.setting("conditions", to: [["param": "referenceVideo", "sent": true]], at: ["rules", 2])),
            ("a condition that is sent and equals", omni.setting("equals", to: true, at: ["rules", 1, "when"])),
            ("a nullable required parameter", omni.setting("nullable", to: true, at: ["parameters", 0])),
            ("an unknown capability", omni.setting("capabilities", to: ["txt2image"])),
            ("a jsonString without content", omni.removing("content", at: ["parameters", 11])),
            ("an unknown provider", omni.setting("provider", to: "fal")),
            ("a lower-case Swift name", omni.setting("swiftName", to: "klingV3")),
        ]
        for (what, document) in variants {
            #expect(try !Self.validator().validate(document).isEmpty, "schema.json accepts \(what)")
            #expect(!Self.readerAccepts(document), "the reader accepts \(what)")
        }
    }

    // MARK: The same names as the reader

    @Test("Lists exactly the types the reader accepts")
    func types() throws {
        let schema = try Fixtures.formatSchema()
        let listed = Self.strings(schema["$defs"]?["valueSpec"]?["properties"]?["type"]?["enum"])
        let message = Lint.diagnostics(Skeleton.model(parameters: [Skeleton.parameter("p", "zzz")])).first?.message ?? ""
        let accepted = Self.listedNames(in: message)
        #expect(accepted.count == 10)
        #expect(listed == accepted)
        for type in listed {
            let parameter = Skeleton.parameter("p", type, TypeGrid.requiredMembers[type] ?? [])
            let diagnostics = Lint.diagnostics(Skeleton.model(parameters: [Skeleton.prompt, parameter]))
            #expect(diagnostics.isEmpty, "type \(type): \(Lint.rendered(diagnostics))")
        }
        // Each type's branch in schema.json is keyed by the same names.
        let branches = (schema["$defs"]?["valueSpec"]?["allOf"]?.arrayValue ?? []).compactMap { $0["if"]?["properties"]?["type"]?["const"]?.stringValue }
        #expect(branches == listed)
    }

    @Test("Lists exactly the rule kinds the reader accepts")
    func ruleKinds() throws {
        let schema = try Fixtures.formatSchema()
        let listed = Self.strings(schema["$defs"]?["rule"]?["properties"]?["kind"]?["enum"])
        let message = Lint.diagnostics(RuleGrid.model(rule: ["kind": "zzz"])).first?.message ?? ""
        let accepted = Self.listedNames(in: message)
        #expect(accepted.count == 11)
        #expect(listed == accepted)
        #expect(listed == RuleGrid.rules.map { $0.kind })
        for (kind, rule) in RuleGrid.rules {
            let diagnostics = Lint.diagnostics(RuleGrid.model(rule: rule))
            #expect(diagnostics.isEmpty, "kind \(kind): \(Lint.rendered(diagnostics))")
        }
        let branches = (schema["$defs"]?["rule"]?["allOf"]?.arrayValue ?? []).compactMap { $0["if"]?["properties"]?["kind"]?["const"]?.stringValue }
        #expect(branches == listed)
    }

    @Test("Lists exactly the providers, value sets and HTTP methods the reader accepts")
    func enumerations() throws {
        let schema = try Fixtures.formatSchema()

        let providers = Self.strings(schema["properties"]?["provider"]?["enum"])
        let providerMessage = Lint.diagnostics(Skeleton.model().setting("provider", to: "zzz")).first?.message ?? ""
        #expect(providers == Self.listedNames(in: providerMessage))
        #expect(providers == ModelSchema.Provider.allCases.map(\.rawValue))

        let valueSets = Self.strings(schema["$defs"]?["valueSpec"]?["properties"]?["valueSet"]?["enum"])
        let choice = Skeleton.parameter("p", "string", [("values", ["a"]), ("valueSet", "zzz")])
        let valueSetMessage = Lint.diagnostics(Skeleton.model(parameters: [Skeleton.prompt, choice])).first?.message ?? ""
        #expect(valueSetMessage == "expected \(valueSets.map { "\"\($0)\"" }.joined(separator: " or ")), found \"zzz\"")

        let methods = Self.strings(schema["properties"]?["endpoint"]?["properties"]?["method"]?["enum"])
        let endpoint: JSONValue = ["method": "zzz", "path": "/x"]
        let methodMessage = Lint.diagnostics(Skeleton.model().setting("endpoint", to: endpoint)).first?.message ?? ""
        #expect(methodMessage == "\"zzz\" is not an HTTP method (\(methods.joined(separator: ", ")))")
        for method in methods {
            #expect(Self.readerAccepts(Skeleton.model().setting("endpoint", to: ["method": .string(method), "path": "/x"])))
        }
    }

    @Test("Allows exactly the members the reader allows, at every level")
    func members() throws {
        let schema = try Fixtures.formatSchema()
        let defs = try #require(schema["$defs"])
        let levels: [(name: String, path: [PathStep], schemaMembers: [String])] = [
            ("model", [], schema["properties"]?.objectMembers.map(\.key) ?? []),
            ("endpoint", ["endpoint"], schema["properties"]?["endpoint"]?["properties"]?.objectMembers.map(\.key) ?? []),
            ("source", ["sources", "seed"], defs["source"]?["properties"]?.objectMembers.map(\.key) ?? []),
            ("parameter", ["parameters", 0], defs["field"]?["properties"]?.objectMembers.map(\.key) ?? []),
            ("field", ["parameters", 1, "items", "fields", 0], defs["field"]?["properties"]?.objectMembers.map(\.key) ?? []),
            ("nested spec", ["parameters", 1, "items"], defs["nestedSpec"]?["properties"]?.objectMembers.map(\.key) ?? []),
            ("choice", ["parameters", 2, "values", 0], defs["choice"]?["oneOf"]?.arrayValue?.last?["properties"]?.objectMembers.map(\.key) ?? []),
            ("rule", ["rules", 0], defs["rule"]?["properties"]?.objectMembers.map(\.key) ?? []),
            ("condition", ["rules", 0, "conditions", 0], defs["condition"]?["properties"]?.objectMembers.map(\.key) ?? []),
        ]
        let document = MemberGrid.document
        #expect(Self.readerAccepts(document), "\(Lint.rendered(Lint.diagnostics(document)))")
        let candidates = Set(levels.flatMap(\.schemaMembers) + ["bogus", "label", "enum", "format", "pattern", "examples", "optional"]).sorted()
        for level in levels {
            #expect(!level.schemaMembers.isEmpty, "schema.json lists no members for \(level.name)")
            let present = Set(document.value(at: level.path)?.objectMembers.map(\.key) ?? [])
            let memberPath = level.path.reduce("$") { path, step in
                switch step {
                case .member(let name): return DocumentOrder.member(name, of: path)
                case .index(let index): return "\(path)[\(index)]"
                }
            }
            for candidate in candidates {
                let schemaAllows = level.schemaMembers.contains(candidate)
                if present.contains(candidate) {
                    #expect(schemaAllows, "\(level.name): the reader accepts `\(candidate)`, schema.json does not list it")
                    continue
                }
                let diagnostics = Lint.diagnostics(document.setting(candidate, to: "x", at: level.path))
                let readerRejects = diagnostics.contains {
                    $0.path == DocumentOrder.member(candidate, of: memberPath) && $0.message.hasPrefix("unknown member `\(candidate)`")
                }
                #expect(readerRejects != schemaAllows, "\(level.name): `\(candidate)` is \(schemaAllows ? "" : "not ")listed by schema.json, and the reader \(readerRejects ? "rejects" : "accepts") it")
            }
        }
    }

    // MARK: The same verdicts as the reader

    @Test("Agrees with the reader on which members each type takes", arguments: TypeGrid.types)
    func typeMembers(_ type: String) throws {
        for (member, value) in TypeGrid.memberValues {
            let base = TypeGrid.parameter(type)
            try Self.expectAgreement(TypeGrid.model(base.setting(member, to: value)), "\(type) with `\(member)`")
            if type == "string" {
                // The members that describe `values`, with `values` present.
                let choice = base.setting("values", to: ["1", "2"]).setting(member, to: value)
                try Self.expectAgreement(TypeGrid.model(choice), "string with values and `\(member)`")
            }
            let nested = TypeGrid.nested(base.setting(member, to: value))
            try Self.expectAgreement(TypeGrid.model(nested), "items of type \(type) with `\(member)`")
        }
    }

    @Test("Agrees with the reader on defaults of each JSON type", arguments: TypeGrid.types)
    func defaults(_ type: String) throws {
        let values: [JSONValue] = ["https://example.com/a", 1, 1.5, true, ["x"], ["a": 1], nil]
        for value in values {
            let optional = TypeGrid.parameter(type).setting("required", to: false).setting("default", to: value)
            try Self.expectAgreement(TypeGrid.model(optional), "\(type) with default \(value.jsonText)")
            let required = TypeGrid.parameter(type).setting("default", to: value)
            try Self.expectAgreement(TypeGrid.model(required), "required \(type) with default \(value.jsonText)")
        }
        let constant = TypeGrid.parameter("string").setting("const", to: "1").setting("required", to: false)
        try Self.expectAgreement(TypeGrid.model(constant), "an optional constant")
    }

    @Test("Agrees with the reader on each rule kind's members", arguments: RuleGrid.rules.map { $0.kind })
    func ruleMembers(_ kind: String) throws {
        let schema = try Fixtures.formatSchema()
        let rule = try #require(RuleGrid.rules.first { $0.kind == kind }?.rule)
        try Self.expectAgreement(RuleGrid.model(rule: rule), "the valid \(kind) rule")
        for (member, value) in RuleGrid.memberValues {
            // A member the rule has keeps its value: another kind's value may not fit (tags in an asset id).
            let added = rule.setting(member, to: rule[member] ?? value)
            try Self.expectAgreement(RuleGrid.model(rule: added), "\(kind) with `\(member)`")
        }
        // Removing a member: the schema's required ones make both reject, the others neither.
        let branch = schema["$defs"]?["rule"]?["allOf"]?.arrayValue?.first { $0["if"]?["properties"]?["kind"]?["const"]?.stringValue == kind }
        let required = Self.strings(branch?["then"]?["required"])
        #expect(!required.isEmpty)
        for member in rule.objectMembers.map(\.key) where member != "kind" {
            let without = RuleGrid.model(rule: rule.removing(member))
            try Self.expectAgreement(without, "\(kind) without `\(member)`")
            if required.contains(member) {
                #expect(Lint.diagnostics(without).map(\.message).contains("missing required member `\(member)`"), "\(kind) without `\(member)`")
            }
        }
    }

    @Test("Agrees with the reader on the shape of a condition")
    func conditions() throws {
        let conditions: [JSONValue] = [
            ["param": "video", "sent": true],
            ["param": "generateAudio", "equals": true],
            ["param": "video", "sent": true, "equals": true],
            ["param": "video"],
            ["sent": true],
            ["param": "video", "sent": false],
            ["param": "video", "sent": "true"],
            ["param": "video", "sent": true, "value": 1],
            "video",
        ]
        for condition in conditions {
            let rule: JSONValue = ["kind": "ignoredWhen", "param": "endImage", "when": condition]
            try Self.expectAgreement(RuleGrid.model(rule: rule), "condition \(condition.jsonText)")
        }
    }
}

/// Parameters of every type, and a valid value for every value-spec member.
enum TypeGrid {
    static let types = ["string", "integer", "number", "boolean", "assetId", "url", "array", "oneOrMany", "object", "jsonString"]

    /// The members a type cannot go without.
    static let requiredMembers: [String: [(String, JSONValue)]] = [
        "array": [("items", ["type": "string"])],
        "oneOrMany": [("items", ["type": "string"])],
        "object": [("fields", [["name": "f", "type": "string", "description": "A field."]])],
        "jsonString": [("content", ["type": "string"])],
    ]

    static let memberValues: [(String, JSONValue)] = [
        ("values", ["1", "2"]), ("valueSet", "inferred"), ("typeName", "Name"), ("ignoresCase", true), ("acceptsIntegerForm", true),
        ("const", "1"), ("minimum", 1), ("maximum", 2), ("minLength", 1), ("maxLength", 2), ("minItems", 1), ("maxItems", 2),
        ("alsoAccepts", ["base64"]),
        ("items", ["type": "string"]), ("fields", [["name": "g", "type": "string", "description": "A field."]]), ("rules", []),
        ("content", ["type": "string"]),
    ]

    /// A required parameter of the type (required, so a `const` is valid).
    static func parameter(_ type: String) -> JSONValue {
        Skeleton.parameter("p", type, [("required", true)] + (requiredMembers[type] ?? []))
    }

    /// An array parameter whose items are `spec` (without the members only a parameter has).
    static func nested(_ spec: JSONValue) -> JSONValue {
        var items = spec
        for member in ["name", "source", "description", "required"] { items = items.removing(member) }
        return Skeleton.parameter("list", "array", [("items", items)])
    }

    static func model(_ parameter: JSONValue) -> JSONValue {
        Skeleton.model(parameters: [Skeleton.prompt, parameter])
    }
}

/// A valid rule of every kind over one set of parameters, and a valid value for every rule member.
enum RuleGrid {
    static let parameters: [JSONValue] = [
        Skeleton.prompt,
        Skeleton.parameter("startImage", "assetId"),
        Skeleton.parameter("endImage", "assetId"),
        Skeleton.parameter("video", "assetId"),
        Skeleton.parameter("images", "array", [("items", ["type": "assetId"])]),
        Skeleton.parameter("generateAudio", "boolean", [("default", false)]),
        Skeleton.parameter("duration", "number", [("default", 5)]),
        Skeleton.parameter("multiPrompt", "jsonString", [("content", [
            "type": "array",
            "items": ["type": "object", "fields": [["name": "duration", "type": "number", "required": true, "description": "Seconds."]]],
        ])]),
    ]

    static let rules: [(kind: String, rule: JSONValue)] = [
        ("requires", ["kind": "requires", "param": "endImage", "requires": "startImage"]),
        ("mutuallyExclusive", ["kind": "mutuallyExclusive", "conditions": [["param": "generateAudio", "equals": true], ["param": "video", "sent": true]]]),
        ("exactlyOneOf", ["kind": "exactlyOneOf", "params": ["startImage", "video"]]),
        ("atLeastOneOf", ["kind": "atLeastOneOf", "params": ["startImage", "video"]]),
        ("requiredWhen", ["kind": "requiredWhen", "param": "startImage", "when": ["param": "video", "sent": false]]),
        ("maxTotalItems", ["kind": "maxTotalItems", "params": ["images"], "max": 4, "when": ["param": "video", "sent": true]]),
        ("minTotalItems", ["kind": "minTotalItems", "params": ["images"], "min": 2, "when": ["param": "video", "sent": false]]),
        ("maxItemsWithField", ["kind": "maxItemsWithField", "items": "multiPrompt", "field": "duration", "max": 1]),
        ("sumEquals", ["kind": "sumEquals", "items": "multiPrompt", "field": "duration", "total": "duration"]),
        ("ignoredWhen", ["kind": "ignoredWhen", "param": "endImage", "when": ["param": "video", "sent": true]]),
        ("tagReferences", ["kind": "tagReferences", "param": "prompt", "prefix": "@Image", "suffix": "", "counts": ["images"]]),
    ]

    static let memberValues: [(String, JSONValue)] = [
        ("param", "endImage"), ("requires", "startImage"),
        ("conditions", [["param": "generateAudio", "equals": true], ["param": "video", "sent": true]]),
        ("params", ["startImage", "video"]), ("max", 4), ("min", 1), ("when", ["param": "video", "sent": true]),
        ("items", "multiPrompt"), ("field", "duration"), ("total", "duration"), ("prefix", "@Image"), ("suffix", ">"),
        ("counts", ["images"]), ("source", "seed"), ("description", "A rule."),
    ]

    static func model(rule: JSONValue) -> JSONValue {
        Skeleton.model(parameters: parameters, rules: [rule])
    }
}

/// A valid document with an object at every level of the format.
enum MemberGrid {
    static let document: JSONValue = Skeleton.model(
        parameters: [
            Skeleton.prompt,
            Skeleton.parameter("shots", "array", [("items", ["type": "object", "fields": [["name": "prompt", "type": "string", "description": "A shot."]]])]),
            Skeleton.parameter("mode", "string", [("values", [["value": "pro"]])]),
            Skeleton.parameter("video", "assetId"),
        ],
        rules: [["kind": "mutuallyExclusive", "conditions": [["param": "video", "sent": true], ["param": "mode", "equals": "pro"]]]]
    )
}
