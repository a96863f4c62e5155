import KlingJSON

/// Base + overlay → a schema in the generator's format (`Docs/SchemaFormat.md`).
///
/// Pure and deterministic: the same base and overlay always give the same bytes. Members a base
/// carries only for drift and provenance are dropped (``droppedMembers``); every other member,
/// including the format's extensions (`values` on numbers, `oneOrMany`, `nullable`, `alsoAccepts`,
/// `atLeastOneOf`, `requiredWhen`), passes through for the linter to check.
public enum OverlayMerge {
    /// Members a base carries for drift and documentation that the merged schema does not hold,
    /// by where they occur, with why they can go.
    public static let droppedMembers: [(member: String, where: String, why: String)] = [
        ("endpointAliases", "model", "further paths taking the same body; the client uses `endpoint`"),
        ("pageModelIds", "model", "other ids the documentation page names; evidence for an overlay's notes"),
        ("commit", "a page of sources", "provenance of the snapshot"),
        ("date", "a page of sources", "provenance of the snapshot"),
        ("example", "parameter, field", "an example value, not a constraint"),
        ("step", "number", "an input widget's step; Scenario does not reject other values"),
        ("assetKind", "assetId", "checked by the provider against the stored asset"),
        ("maxSize", "assetId", "checked by the provider against the stored asset"),
        ("maxDuration", "assetId", "checked by the provider against the stored asset"),
    ]

    /// The merged schema of `modelID`: the base with every overlay applied, mapped to today's format.
    /// - Throws: ``ImportErrors`` with every overlay change that does not fit the base and every
    ///   base that is not an object (file `<provider>/<model>`, path in the merged schema).
    public static func merge(base: JSONValue, overlays: [Overlay], modelID: String) throws(ImportErrors) -> JSONValue {
        var value = base
        var diagnostics: [ImportDiagnostic] = []
        for overlay in overlays {
            let applied = overlay.apply(to: value, modelID: modelID)
            value = applied.value
            diagnostics += applied.findings
        }
        let provider = base.objectValue?["provider"]?.stringValue ?? ""
        var log = DiagnosticLog(file: "\(provider)/\(modelID)")
        let mapped = mapModel(value, log: &log)
        diagnostics += log.diagnostics
        guard diagnostics.isEmpty else { throw ImportErrors(diagnostics) }
        return mapped
    }

    /// The merged schema's text (the layout of a base, ``BaseJSONText``).
    public static func text(_ schema: JSONValue) -> String {
        BaseJSONText.render(schema)
    }

    // MARK: Mapping

    private static let modelOrder = ["$schema", "id", "provider", "title", "swiftName", "summary", "capabilities", "endpoint", "sources", "notes", "parameters", "rules"]
    private static let specOrder = [
        "name", "swiftName", "type", "required", "nullable", "const", "default", "values", "valueSet", "typeName", "ignoresCase", "acceptsIntegerForm",
        "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "alsoAccepts", "source", "description", "note", "items", "content", "fields", "rules",
    ]
    private static let droppedSpecMembers: Set = ["example", "step", "assetKind", "maxSize", "maxDuration"]

    private static func mapModel(_ value: JSONValue, log: inout DiagnosticLog) -> JSONValue {
        guard let object = value.objectValue else {
            log.report("$", "the base is not an object")
            return value
        }
        var members: [JSONObject.Member] = [.init(key: "$schema", value: "../schema.json")]
        for member in object.members {
            switch member.key {
            case "endpointAliases", "pageModelIds", "$schema": continue
            case "sources":
                let pages = (member.value.objectValue?.members ?? []).map { page in
                    JSONObject.Member(key: page.key, value: .object(JSONObject((page.value.objectValue?.members ?? []).filter { $0.key == "title" || $0.key == "url" })))
                }
                members.append(.init(key: "sources", value: .object(JSONObject(pages))))
            case "parameters":
                members.append(.init(key: "parameters", value: mapSpecs(member.value)))
            default:
                members.append(member)
            }
        }
        return .object(ordered(members, by: modelOrder))
    }

    private static func mapSpec(_ value: JSONValue) -> JSONValue {
        guard let object = value.objectValue else { return value }
        var members: [JSONObject.Member] = []
        for member in object.members {
            switch member.key {
            case let key where droppedSpecMembers.contains(key): continue
            case "items", "content":
                members.append(.init(key: member.key, value: mapSpec(member.value)))
            case "fields":
                members.append(.init(key: "fields", value: mapSpecs(member.value)))
            default:
                members.append(member)
            }
        }
        return .object(ordered(members, by: specOrder))
    }

    /// A list of parameters or fields, each mapped by ``mapSpec(_:)``.
    private static func mapSpecs(_ value: JSONValue) -> JSONValue {
        .array((value.arrayValue ?? []).map(mapSpec))
    }

    /// Members in `order` first, in that order; the others after them, as they came.
    private static func ordered(_ members: [JSONObject.Member], by order: [String]) -> JSONObject {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let sorted = members.enumerated().sorted { left, right in
            (rank[left.element.key] ?? Int.max, left.offset) < (rank[right.element.key] ?? Int.max, right.offset)
        }
        return JSONObject(sorted.map(\.element))
    }
}
