#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// A hand-written overlay (`Schemas/_overlays/<provider>/<name>.overlay.json`): what a provider's
/// specs say only in prose, or what a decision settles, for the models it lists.
///
/// Every change cites a source, and every change that replaces or removes a base value records the
/// value it expects (`was`), so applying it to a base whose value has changed is a finding, not a
/// silent override. The format is described in `Docs/Catalogue.md` and `Schemas/overlay.schema.json`.
public struct Overlay: Hashable, Sendable {
    /// The file, relative to the overlays folder (`scenario/model_kling-v1-6-pro.overlay.json`).
    public var file: String
    /// `aimlapi` or `scenario`.
    public var provider: String
    /// The model ids the overlay applies to (one, or a family of identical bodies).
    public var models: [String]
    /// The pages the overlay adds to each model's `sources`, by key.
    public var sources: JSONObject
    /// The changes every model takes, applied in order.
    public var changes: [Change]
    /// The changes of one model of the family (its Swift name, a title), by model id; applied after
    /// ``changes``.
    public var modelChanges: [String: [Change]] = [:]

    /// One change to a base.
    public struct Change: Hashable, Sendable {
        /// Where it applies: `$` (the model) or a path of the form `parameters[name]`,
        /// `parameters[name].items.fields[name]`, … (members, and named elements in brackets).
        public var at: String
        /// What it does.
        public var action: Action
        /// The key of `sources` (the base's or the overlay's) that states it.
        public var source: String
        /// The base value it expects to replace or remove; `nil` for a `set` means the member must be absent.
        public var was: JSONValue?
    }

    /// What a change does.
    public enum Action: Hashable, Sendable {
        /// Sets a member (adds it, or replaces the value `was` names).
        case set(member: String, value: JSONValue)
        /// Removes a member whose value is `was`.
        case remove(member: String)
        /// Appends a note to the model's `notes`.
        case addNote(String)
        /// Adds a parameter (at `$`) or a field (at an object spec) the specs lack, after the named one or last.
        case addParameter(JSONValue, after: String?)
        /// Appends a rule to the model's (at `$`) or an object's `rules`.
        case addRule(JSONValue)
        /// Moves a parameter (at `$`) or field (at an object spec) after another (the order of the
        /// generated initializer's arguments), or first when `after` is `nil`.
        case moveParameter(String, after: String?)
    }

    /// Reads an overlay file.
    /// - Throws: ``ImportErrors`` with every problem of the file.
    public static func read(_ data: Data, file: String) throws(ImportErrors) -> Overlay {
        let json: JSONValue
        do {
            json = try JSONParser.parse(data)
        } catch {
            throw ImportErrors([ImportDiagnostic(file: file, path: "$", message: "malformed JSON: \(error)")])
        }
        var log = DiagnosticLog(file: file)
        guard let object = json.objectValue else {
            throw ImportErrors([ImportDiagnostic(file: file, path: "$", message: "an overlay is a JSON object")])
        }
        for member in object.members where !["$schema", "provider", "models", "sources", "changes"].contains(member.key) {
            log.report("$.\(member.key)", "unknown member")
        }
        let provider = object["provider"]?.stringValue ?? ""
        if !ProviderCatalogue.providers.contains(provider) { log.report("$.provider", "`provider` is one of \(ProviderCatalogue.providers.joined(separator: ", "))") }
        var models: [String] = []
        var modelChanges: [String: [Change]] = [:]
        for (offset, entry) in (object["models"]?.arrayValue ?? []).enumerated() {
            let path = "$.models[\(offset)]"
            if let id = entry.stringValue {
                models.append(id)
            } else if let model = entry.objectValue, let id = model["id"]?.stringValue, let list = model["changes"]?.arrayValue,
                      model.members.allSatisfy({ ["id", "changes"].contains($0.key) }) {
                models.append(id)
                modelChanges[id] = list.enumerated().compactMap { index, change in readChange(change, path: "\(path).changes[\(index)]", log: &log) }
            } else {
                log.report(path, "a model is its id, or {\"id\", \"changes\"} with the changes of that model alone")
            }
        }
        if models.isEmpty || models.count != object["models"]?.arrayValue?.count { log.report("$.models", "`models` is a non-empty array of model ids") }
        if Set(models).count != models.count { log.report("$.models", "a model is listed twice") }
        let sources = object["sources"]?.objectValue ?? JSONObject()
        if object["sources"] != nil, object["sources"]?.objectValue == nil { log.report("$.sources", "`sources` is an object of pages") }
        for member in sources.members {
            guard let page = member.value.objectValue, page["title"]?.stringValue != nil, page["url"]?.stringValue != nil,
                  page.members.allSatisfy({ ["title", "url"].contains($0.key) }) else {
                log.report("$.sources.\(member.key)", "a page has exactly a string `title` and `url`")
                continue
            }
        }
        var changes: [Change] = []
        for (offset, entry) in (object["changes"]?.arrayValue ?? []).enumerated() {
            if let change = readChange(entry, path: "$.changes[\(offset)]", log: &log) { changes.append(change) }
        }
        if object["changes"]?.arrayValue == nil { log.report("$.changes", "`changes` is an array") }
        guard log.diagnostics.isEmpty else { throw ImportErrors(log.diagnostics) }
        return Overlay(file: file, provider: provider, models: models, sources: sources, changes: changes, modelChanges: modelChanges)
    }

    private static let actionMembers = ["set", "remove", "addNote", "addParameter", "addRule", "moveParameter"]

    private static func readChange(_ entry: JSONValue, path: String, log: inout DiagnosticLog) -> Change? {
        guard let object = entry.objectValue else {
            log.report(path, "a change is an object")
            return nil
        }
        for member in object.members where !(actionMembers + ["at", "source", "was", "value", "after"]).contains(member.key) {
            log.report("\(path).\(member.key)", "unknown member")
        }
        let actions = actionMembers.filter { object[$0] != nil }
        guard actions.count == 1, let kind = actions.first else {
            log.report(path, "a change has exactly one of \(actionMembers.map { "`\($0)`" }.joined(separator: ", "))")
            return nil
        }
        guard let at = object["at"]?.stringValue, OverlayPath(at) != nil else {
            log.report("\(path).at", "`at` is `$` or a path like `parameters[name].items.fields[name]`")
            return nil
        }
        guard let source = object["source"]?.stringValue, !source.isEmpty else {
            log.report("\(path).source", "every change cites a source (a key of `sources`)")
            return nil
        }
        let was = object["was"]
        let action: Action
        switch kind {
        case "set":
            guard let member = object["set"]?.stringValue, let value = object["value"] else {
                log.report(path, "`set` names a member and `value` gives its value")
                return nil
            }
            action = .set(member: member, value: value)
        case "remove":
            guard let member = object["remove"]?.stringValue, was != nil else {
                log.report(path, "`remove` names a member and `was` records the base value it removes")
                return nil
            }
            action = .remove(member: member)
        case "addNote":
            guard let note = object["addNote"]?.stringValue, at == "$" else {
                log.report(path, "`addNote` is a string, at `$`")
                return nil
            }
            action = .addNote(note)
        case "addParameter":
            guard let parameter = object["addParameter"], parameter.objectValue?["name"]?.stringValue != nil else {
                log.report(path, "`addParameter` is a parameter with a `name`")
                return nil
            }
            action = .addParameter(parameter, after: object["after"]?.stringValue)
        case "moveParameter":
            guard let name = object["moveParameter"]?.stringValue else {
                log.report(path, "`moveParameter` names a parameter")
                return nil
            }
            action = .moveParameter(name, after: object["after"]?.stringValue)
        default:
            guard let rule = object["addRule"], rule.objectValue?["kind"]?.stringValue != nil else {
                log.report(path, "`addRule` is a rule with a `kind`")
                return nil
            }
            action = .addRule(rule)
        }
        if was != nil, kind != "set", kind != "remove" { log.report("\(path).was", "`was` belongs to `set` and `remove`") }
        if object["value"] != nil, kind != "set" { log.report("\(path).value", "`value` belongs to `set`") }
        if object["after"] != nil, kind != "addParameter", kind != "moveParameter" { log.report("\(path).after", "`after` belongs to `addParameter` and `moveParameter`") }
        return Change(at: at, action: action, source: source, was: was)
    }

    /// Applies the overlay to one model's base. The findings name each change that no longer fits the
    /// base (a path, parameter or value that is gone, a `was` that differs, a member the overlay
    /// would add that the base now has, a rule naming a parameter that is gone), at `$.changes[i]`
    /// or, for a change of one model, `$.models[i].changes[j]`.
    public func apply(to base: JSONValue, modelID: String) -> (value: JSONValue, findings: [ImportDiagnostic]) {
        // The shared changes, then the model's own (`$.models[i].changes[j]`).
        var log = DiagnosticLog(file: file)
        var value = base
        let baseSources = base.objectValue?["sources"]?.objectValue ?? JSONObject()
        var merged = baseSources
        for page in sources.members {
            if baseSources[page.key] != nil {
                log.report("$.sources.\(page.key)", "\(modelID): the base already has a source `\(page.key)`")
            } else {
                merged.members.append(page)
            }
        }
        value.setMember("sources", .object(merged))
        var ruleScopes: [(changePath: String, path: OverlayPath, rule: JSONValue)] = []
        let modelIndex = models.firstIndex(of: modelID) ?? 0
        let all = changes.enumerated().map { ("$.changes[\($0)]", $1) }
            + (modelChanges[modelID] ?? []).enumerated().map { ("$.models[\(modelIndex)].changes[\($0)]", $1) }
        for (changePath, change) in all {
            if merged[change.source] == nil {
                log.report("\(changePath).source", "\(modelID): `\(change.source)` is not a key of the model's or the overlay's sources")
            }
            guard let path = OverlayPath(change.at) else { continue }
            do throws(OverlayPath.Failure) {
                try path.modify(&value) { (object: inout JSONObject) throws(OverlayPath.Failure) in
                    try Self.apply(change, to: &object, atModel: path.segments.isEmpty)
                }
                if case .addRule(let rule) = change.action { ruleScopes.append((changePath, path, rule)) }
            } catch {
                log.report(changePath, "\(modelID): \(change.at): \(error.message)")
            }
        }
        // Rules are checked once every change is applied: a parameter an overlay adds may be named.
        for (changePath, path, rule) in ruleScopes {
            let scope = path.resolve(value)?.objectValue
            let names = Set((scope?["parameters"] ?? scope?["fields"])?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } ?? [])
            for name in Self.parameterNames(in: rule) where !names.contains(name) {
                log.report(changePath, "\(modelID): \(path.text): the rule names `\(name)`, which the base does not have")
            }
        }
        return (value, log.diagnostics)
    }

    private static func apply(_ change: Change, to object: inout JSONObject, atModel: Bool) throws(OverlayPath.Failure) {
        switch change.action {
        case .set(let member, let newValue):
            switch (object[member], change.was) {
            case (nil, nil): break
            case (let current?, nil):
                throw .init("the base now has `\(member)` (\(current.preview)); the overlay expects it absent")
            case (nil, let was?):
                throw .init("the base no longer has `\(member)`; the overlay expects \(was.preview)")
            case (let current?, let was?) where current != was:
                throw .init("the base's `\(member)` is now \(current.preview); the overlay expects \(was.preview)")
            default: break
            }
            JSONValue.setMember(member, newValue, in: &object)
        case .remove(let member):
            guard let current = object[member] else { throw .init("the base no longer has `\(member)`; the overlay expects \(change.was?.preview ?? "it")") }
            guard current == change.was else { throw .init("the base's `\(member)` is now \(current.preview); the overlay expects \(change.was?.preview ?? "")") }
            object.members.removeAll { $0.key == member }
        case .addNote(let note):
            let notes = object["notes"]?.arrayValue ?? []
            JSONValue.setMember("notes", .array(notes + [.string(note)]), in: &object)
        case .addParameter(var parameter, let after):
            let listKey = atModel ? "parameters" : "fields"
            guard atModel || object["type"] == "object" else { throw .init("a parameter is added to the model or to an object") }
            var list = object[listKey]?.arrayValue ?? []
            let name = parameter.objectValue?["name"]?.stringValue ?? ""
            if list.contains(where: { $0.objectValue?["name"]?.stringValue == name }) {
                throw .init("the base now has the parameter `\(name)` the overlay adds")
            }
            if listKey == "parameters", parameter.objectValue?["source"] == nil { parameter.setMember("source", .string(change.source)) }
            if let after {
                guard let index = list.firstIndex(where: { $0.objectValue?["name"]?.stringValue == after }) else {
                    throw .init("the base no longer has `\(after)`, after which the overlay adds `\(name)`")
                }
                list.insert(parameter, at: index + 1)
            } else {
                list.append(parameter)
            }
            JSONValue.setMember(listKey, .array(list), in: &object)
        case .moveParameter(let name, let after):
            let listKey = atModel ? "parameters" : "fields"
            var list = object[listKey]?.arrayValue ?? []
            guard let from = list.firstIndex(where: { $0.objectValue?["name"]?.stringValue == name }) else {
                throw .init("the base no longer has the parameter `\(name)` the overlay moves")
            }
            let moved = list.remove(at: from)
            var to = 0
            if let after {
                guard let index = list.firstIndex(where: { $0.objectValue?["name"]?.stringValue == after }) else {
                    throw .init("the base no longer has `\(after)`, after which the overlay moves `\(name)`")
                }
                to = index + 1
            }
            list.insert(moved, at: to)
            JSONValue.setMember(listKey, .array(list), in: &object)
        case .addRule(var rule):
            if rule.objectValue?["source"] == nil { rule.setMember("source", .string(change.source)) }
            let rules = object["rules"]?.arrayValue ?? []
            JSONValue.setMember("rules", .array(rules + [rule]), in: &object)
        }
    }

    /// The parameter names a rule refers to, in every member the schema format's rule kinds use.
    static func parameterNames(in rule: JSONValue) -> [String] {
        guard let object = rule.objectValue else { return [] }
        var names: [String] = []
        for key in ["param", "requires", "items", "total"] {
            if let name = object[key]?.stringValue { names.append(name) }
        }
        for key in ["params", "counts"] {
            names += object[key]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        var conditions = object["conditions"]?.arrayValue ?? []
        if let when = object["when"] { conditions.append(when) }
        names += conditions.compactMap { $0.objectValue?["param"]?.stringValue }
        return names
    }
}

/// A path into a base: `$`, or members and named elements (`parameters[prompt].items.fields[url]`).
struct OverlayPath: Hashable, Sendable {
    enum Segment: Hashable, Sendable {
        case member(String)
        case named(member: String, name: String)
    }

    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    let text: String
    let segments: [Segment]

    init?(_ text: String) {
        self.text = text
        guard text != "$" else {
            segments = []
            return
        }
        var segments: [Segment] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                let member = String(part[..<open])
                let name = String(part[part.index(after: open)..<part.index(before: part.endIndex)])
                guard !member.isEmpty, !name.isEmpty, !name.contains("["), !member.contains("]") else { return nil }
                segments.append(.named(member: member, name: name))
            } else {
                guard !part.isEmpty, !part.contains("["), !part.contains("]") else { return nil }
                segments.append(.member(String(part)))
            }
        }
        self.segments = segments
    }

    /// The object at the path, if it exists.
    func resolve(_ value: JSONValue) -> JSONValue? {
        var current = value
        for segment in segments {
            switch segment {
            case .member(let member):
                guard let next = current.objectValue?[member] else { return nil }
                current = next
            case .named(let member, let name):
                guard let next = current.objectValue?[member]?.arrayValue?.first(where: { $0.objectValue?["name"]?.stringValue == name }) else { return nil }
                current = next
            }
        }
        return current
    }

    /// Runs `body` on the object at the path, in place.
    func modify(_ value: inout JSONValue, _ body: (inout JSONObject) throws(Failure) -> Void) throws(Failure) {
        try Self.modify(&value, segments[...], described: "", body)
    }

    private static func modify(_ value: inout JSONValue, _ rest: ArraySlice<Segment>, described: String,
                               _ body: (inout JSONObject) throws(Failure) -> Void) throws(Failure) {
        guard case .object(var object) = value else { throw Failure("\(described.isEmpty ? "$" : described) is not an object") }
        guard let segment = rest.first else {
            try body(&object)
            value = .object(object)
            return
        }
        switch segment {
        case .member(let member):
            let here = described.isEmpty ? member : described + "." + member
            guard let index = object.members.firstIndex(where: { $0.key == member }) else { throw Failure("the base has no `\(here)`") }
            try modify(&object.members[index].value, rest.dropFirst(), described: here, body)
        case .named(let member, let name):
            let here = (described.isEmpty ? member : described + "." + member) + "[\(name)]"
            guard let index = object.members.firstIndex(where: { $0.key == member }), case .array(var elements) = object.members[index].value,
                  let element = elements.firstIndex(where: { $0.objectValue?["name"]?.stringValue == name }) else {
                throw Failure("the base has no `\(here)`")
            }
            try modify(&elements[element], rest.dropFirst(), described: here, body)
            object.members[index].value = .array(elements)
        }
        value = .object(object)
    }
}

extension JSONValue {
    /// Sets an object's member in place (appended when new); does nothing on another value.
    mutating func setMember(_ key: String, _ newValue: JSONValue) {
        guard case .object(var object) = self else { return }
        Self.setMember(key, newValue, in: &object)
        self = .object(object)
    }

    static func setMember(_ key: String, _ newValue: JSONValue, in object: inout JSONObject) {
        if let index = object.members.firstIndex(where: { $0.key == key }) {
            object.members[index].value = newValue
        } else {
            object.members.append(.init(key: key, value: newValue))
        }
    }
}
