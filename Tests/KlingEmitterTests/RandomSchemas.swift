import Foundation
import KlingTestSupport
import KlingJSON
import KlingSchema

/// Random schemas the linter accepts, built to stress the generator: every type, nesting, every
/// rule and condition kind (the format's extensions included: number values, `oneOrMany`,
/// `nullable`, `alsoAccepts`, missing descriptions, capabilities), names that nearly collide (`prompt`, `promptLength`,
/// `promptLengthRange`), Swift keywords and names generated code declares, names differing only in
/// case or punctuation, and hostile strings (`"""`, `*/`, `\(`, `#`, line breaks).
struct RandomSchemas {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    static let names = [
        "prompt", "promptLength", "promptLengthRange", "prompt_length", "Prompt", "prompt-length", "promptMaxLength",
        "default", "self", "Self", "Type", "class", "init", "model", "fields", "Fields", "validate", "check", "wireNames",
        "description", "rawValue", "knownValues", "hash", "hashValue", "Limits", "Defaults", "CodingKeys", "String", "issues",
        "path", "value", "container", "decoder", "images", "image_list", "imageList", "mode", "duration", "video", "shots",
        "items", "item", "itemCount", "_x", "x1", "4k", "16:9", "in", "var", "let", "inout", "func", "is", "as", "any", "some",
        "stringValue", "intValue", "count", "index", "element", "object", "member", "Optional", "URL", "AssetID", "Field",
    ]

    static let hostile = [
        "plain text", "quotes \"\"\" inside", "a comment end */ and /* start", "interpolation \\(x) here", "raw #\"x\"# and # alone",
        "line one\nline two", "tab\there", "carriage\r\nreturn", "backslash \\ end\\", "unicode é ✓ 🎬", "nul-free \u{7} bell",
        "paragraph\u{2029}separator",
    ]

    static let choiceValues = ["pro", "Pro", "standard", "4k", "4K", "16:9", "9:16", "1:1", "self", "Type", "default", "a\"\"\"b",
                               "\\(x)", "#", "", "x y", "x-y", "x_y", "5", "10", "knownValues", "rawValue", "init"]

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// A schema whose model id and Swift name carry `index`.
    mutating func schema(_ index: Int) -> JSONValue {
        var parameters = Scope()
        let fields = self.parameters(count: count(2...7), depth: 0, into: &parameters)
        var members: [(String, JSONValue)] = [
            ("id", .string("model_property-\(index) \(pick(Self.hostile))")),
            ("provider", pick(["scenario", "aimlapi"])),
            ("title", .string("Property \(index): \(pick(Self.hostile))")),
            ("swiftName", .string("Property\(index)")),
            ("endpoint", ["method": "POST", "path": .string("/v1/property/\(index)\"\\(x)")]),
            ("sources", ["doc": ["title": .string(pick(Self.hostile)), "url": "https://example.com/\"\\(x)"]]),
            ("notes", .array([.string(pick(Self.hostile))])),
            ("parameters", .array(fields)),
        ]
        if chance(70) { members.append(("summary", .string(pick(Self.hostile)))) }
        if chance(40) { members.append(("capabilities", .array(["txt2video", "img2video", "video2video", "video2audio"].filter { _ in chance(50) }.map(JSONValue.string)))) }
        members.append(("rules", .array(rules(in: parameters, count: count(0...5)))))
        return object(members)
    }

    /// What a rule may name in one scope.
    struct Scope {
        struct Entry {
            var name: String
            var type: String
            var isRequired: Bool
            var hasChoices: Bool
            /// A value an `equals` condition may compare with.
            var comparable: JSONValue?
            /// For an array of objects (directly or as JSON): its numeric field names.
            var numericItemFields: [String] = []
            /// For an array of objects (directly, not as JSON): its field names.
            var itemFields: [String] = []
            var isArray: Bool
        }

        var entries: [Entry] = []
        var propertyNames: Set<String> = []
    }

    mutating func parameters(count: Int, depth: Int, into scope: inout Scope) -> [JSONValue] {
        var result: [JSONValue] = []
        var used: Set<String> = []
        for _ in 0..<count {
            let name = pick(Self.names)
            guard used.insert(name).inserted else { continue }
            var members: [(String, JSONValue)] = [("name", .string(name))]
            if chance(80) { members.append(("description", .string(pick(Self.hostile)))) }
            if depth == 0 { members.append(("source", "doc")) }
            // Two names that become one property (`prompt_length`, `promptLength`) need a `swiftName`.
            let property = Identifier.propertyName(fromWireName: name)
            if scope.propertyNames.contains(property) {
                var alternative = property + "Alt"
                while scope.propertyNames.contains(alternative) { alternative += "X" }
                let swiftName = Identifier.isMemberName(alternative) ? alternative : "p" + alternative
                members.append(("swiftName", .string(swiftName)))
                scope.propertyNames.insert(swiftName)
            } else {
                scope.propertyNames.insert(property)
            }
            let isRequired = chance(25)
            if isRequired { members.append(("required", true)) } else if chance(15) { members.append(("nullable", true)) }
            var entry = Scope.Entry(name: name, type: "", isRequired: isRequired, hasChoices: false, comparable: nil, isArray: false)
            members += value(depth: depth, entry: &entry, allowDefault: !isRequired, topLevel: true)
            scope.entries.append(entry)
            result.append(object(members))
        }
        return result
    }

    /// The value-spec members of a random type.
    mutating func value(depth: Int, entry: inout Scope.Entry, allowDefault: Bool, topLevel: Bool) -> [(String, JSONValue)] {
        var types = ["string", "string", "integer", "number", "boolean", "assetId", "url"]
        if depth < 3 { types += ["array", "array", "object", "oneOrMany"] }
        if depth < 2 && topLevel { types.append("jsonString") }
        let type = pick(types)
        entry.type = type
        var members: [(String, JSONValue)] = [("type", .string(type))]
        switch type {
        case "string":
            if chance(50) {
                var values: [String] = []
                var memberNames: Set<String> = []
                for _ in 0..<count(1...5) {
                    let value = pick(Self.choiceValues)
                    guard !values.contains(value), memberNames.insert(Identifier.choiceName(fromValue: value)).inserted else { continue }
                    values.append(value)
                }
                members.append(("values", .array(values.map { !$0.isEmpty && chance(30) ? ["value": .string($0), "description": .string(pick(Self.hostile))] : .string($0) })))
                if chance(50) { members.append(("valueSet", pick(["documented", "inferred"]))) }
                if chance(20) { members.append(("ignoresCase", true)) }
                if values.allSatisfy({ value in Int(value).map { String($0) == value } ?? false }), chance(50) { members.append(("acceptsIntegerForm", true)) }
                if chance(30) { members.append(("typeName", .string(pick(["Mode", "Type", "Fields", "Kind", "Shot", "String", "Limits"])))) }
                entry.hasChoices = true
                entry.comparable = .string(values[0])
                if allowDefault, chance(40) { members.append(("default", .string(pick(values)))) }
            } else {
                let (minimum, maximum) = (count(0...3), count(5...40))
                if chance(40) { members.append(("minLength", .number(Double(minimum)))) }
                if chance(50) { members.append(("maxLength", .number(Double(maximum)))) }
                entry.comparable = "abcd"
                if allowDefault, chance(30) { members.append(("default", "abcd")) }
                if topLevel, !allowDefault, depth == 0, chance(10), members.count == 1 {
                    members.append(("const", .string(pick(Self.hostile))))
                    entry.comparable = nil
                }
            }
        case "integer", "number":
            let lower = Double(count(-3...2)), upper = Double(count(3...20))
            let half = type == "number" && chance(40) ? 0.5 : 0
            if chance(50) { members.append(("minimum", .number(lower + half))) }
            if chance(50) { members.append(("maximum", .number(upper + half))) }
            if chance(30) {
                // Allowed values within the bounds: 3 is always inside them.
                members.append(("values", .array([3] + (upper + half != 3 && chance(50) ? [.number(upper + half)] : []))))
                if chance(30) { members.append(("valueSet", pick(["documented", "inferred"]))) }
            }
            entry.comparable = 3
            if allowDefault, chance(40) { members.append(("default", 3)) }
        case "boolean":
            entry.comparable = .bool(chance(50))
            if allowDefault, chance(40) { members.append(("default", .bool(chance(50)))) }
        case "assetId":
            break
        case "url":
            if chance(30) { members.append(("alsoAccepts", .array(chance(50) ? ["base64", "dataURI"] : [pick(["base64", "dataURI"])]))) }
            if allowDefault, chance(30) { members.append(("default", "https://example.com/a?b=c#d")) }
        case "oneOrMany":
            let itemType = pick(["string", "integer", "url", "assetId"])
            var items: [(String, JSONValue)] = [("type", .string(itemType))]
            if itemType == "url", chance(50) { items.append(("alsoAccepts", ["base64"])) }
            if itemType == "integer", chance(50) { items.append(("maximum", 9)) }
            members.append(("items", object(items)))
            if chance(40) { members.append(("maxItems", .number(Double(count(2...4))))) }
            entry.isArray = true
            if allowDefault, chance(20) { members.append(("default", itemType == "integer" ? [1, 2] : itemType == "url" ? "https://example.com/a" : "abc")) }
        case "array":
            var items = Scope.Entry(name: "", type: "", isRequired: false, hasChoices: false, comparable: nil, isArray: false)
            let itemMembers = value(depth: depth + 1, entry: &items, allowDefault: false, topLevel: false)
            members.append(("items", object(itemMembers)))
            let minItems = chance(50) ? count(0...1) : 0
            if minItems > 0 || chance(30) { members.append(("minItems", .number(Double(minItems)))) }
            if chance(60) { members.append(("maxItems", .number(Double(count(2...6))))) }
            entry.isArray = true
            entry.numericItemFields = items.type == "object" ? items.numericItemFields : []
            entry.itemFields = items.type == "object" ? items.itemFields : []
            if allowDefault, minItems == 0, chance(20) { members.append(("default", .array([]))) }
        case "object":
            var fields = Scope()
            let fieldValues = parameters(count: count(1...4), depth: depth + 1, into: &fields)
            members.append(("fields", .array(fieldValues.isEmpty ? [["name": "only", "type": "boolean", "description": "Only."]] : fieldValues)))
            if chance(40) { members.append(("typeName", .string(pick(["Shot", "Element", "Type", "Fields", "Self", "Limits", "Item"])))) }
            members.append(("rules", .array(rules(in: fields, count: count(0...2)))))
            // Fields an enclosing array's items offer to a `sumEquals`.
            entry.numericItemFields = fields.entries.filter { ["integer", "number"].contains($0.type) }.map(\.name)
            entry.itemFields = fields.entries.map(\.name)
        case "jsonString":
            var content = Scope.Entry(name: "", type: "", isRequired: false, hasChoices: false, comparable: nil, isArray: false)
            let contentMembers = value(depth: depth + 1, entry: &content, allowDefault: false, topLevel: false)
            members.append(("content", object(contentMembers)))
            entry.isArray = content.type == "array"
            entry.numericItemFields = content.type == "array" ? content.numericItemFields : []
            entry.itemFields = content.type == "array" ? content.itemFields : []
        default:
            break
        }
        return members
    }

    mutating func rules(in scope: Scope, count: Int) -> [JSONValue] {
        let entries = scope.entries
        guard entries.count >= 2 else { return [] }
        var rules: [JSONValue] = []
        for _ in 0..<count {
            let a = pick(entries), b = pick(entries)
            switch pick(["requires", "mutuallyExclusive", "exactlyOneOf", "atLeastOneOf", "requiredWhen", "maxTotalItems", "minTotalItems",
                         "maxItemsWithField", "sumEquals", "ignoredWhen", "tagReferences"]) {
            case "requires" where a.name != b.name:
                rules.append(["kind": "requires", "param": .string(a.name), "requires": .string(b.name), "description": .string(pick(Self.hostile))])
            case "mutuallyExclusive":
                rules.append(["kind": "mutuallyExclusive", "conditions": [condition(a), condition(b)]])
            case "exactlyOneOf" where a.name != b.name && !a.isRequired && !b.isRequired:
                rules.append(["kind": "exactlyOneOf", "params": [.string(a.name), .string(b.name)]])
            case "atLeastOneOf" where a.name != b.name && !a.isRequired && !b.isRequired:
                rules.append(["kind": "atLeastOneOf", "params": [.string(a.name), .string(b.name)]])
            case "requiredWhen" where a.name != b.name && !a.isRequired:
                rules.append(["kind": "requiredWhen", "param": .string(a.name), "when": condition(b)])
            case "minTotalItems":
                var rule: [(String, JSONValue)] = [("kind", "minTotalItems"), ("min", 1)]
                rule.append(("params", a.name == b.name ? [.string(a.name)] : [.string(a.name), .string(b.name)]))
                if chance(60) { rule.append(("when", condition(pick(entries)))) }
                rules.append(object(rule))
            case "maxItemsWithField":
                guard let items = entries.first(where: { $0.isArray && !$0.itemFields.isEmpty }) else { continue }
                rules.append(["kind": "maxItemsWithField", "items": .string(items.name), "field": .string(pick(items.itemFields)), "max": .number(Double(self.count(0...1)))])
            case "maxTotalItems":
                var rule: [(String, JSONValue)] = [("kind", "maxTotalItems"), ("max", .number(Double(self.count(0...1))))]
                rule.append(("params", a.name == b.name ? [.string(a.name)] : [.string(a.name), .string(b.name)]))
                if chance(60) { rule.append(("when", condition(pick(entries)))) }
                rules.append(object(rule))
            case "sumEquals":
                guard let items = entries.first(where: { $0.isArray && !$0.numericItemFields.isEmpty }),
                      let total = entries.first(where: { ["integer", "number"].contains($0.type) }) else { continue }
                rules.append(["kind": "sumEquals", "items": .string(items.name), "field": .string(items.numericItemFields[0]), "total": .string(total.name)])
            case "ignoredWhen":
                rules.append(["kind": "ignoredWhen", "param": .string(a.name), "when": condition(b)])
            case "tagReferences":
                guard let text = entries.first(where: { $0.type == "string" && !$0.hasChoices && $0.comparable != nil }) else { continue }
                rules.append(["kind": "tagReferences", "param": .string(text.name), "prefix": .string(pick(["@Element", "<<\"\\(", "#", "*/x"])),
                              "suffix": .string(pick(["", ">>>", "\"\"\""])), "counts": [.string(a.name)]])
            default:
                continue
            }
        }
        return rules
    }

    mutating func condition(_ entry: Scope.Entry) -> JSONValue {
        if let value = entry.comparable, chance(50) { return ["param": .string(entry.name), "equals": value] }
        return ["param": .string(entry.name), "sent": .bool(chance(75))]
    }

    func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
