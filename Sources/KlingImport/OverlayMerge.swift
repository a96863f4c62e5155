import KlingJSON

/// Base + overlay → a schema in the format the generator reads today (`Docs/SchemaFormat.md`).
///
/// Pure and deterministic: the same base and overlay always give the same bytes. Extension members
/// of a base that today's format has no place for are dropped when they only inform (``droppedMembers``)
/// and reported when they carry meaning (``extensionMembers``): an overlay must settle those (replace
/// or remove them, recording what it removed), or the merge fails listing the model and path.
public enum OverlayMerge {
    /// Members a base carries for drift and documentation that the merged schema does not hold,
    /// by where they occur, with why they can go.
    public static let droppedMembers: [(member: String, where: String, why: String)] = [
        ("capabilities", "model", "the provider's capability tags; not part of a request"),
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

    /// Members and rule kinds that carry meaning today's format cannot say: an overlay settles them,
    /// or the merge reports "needs a format extension".
    public static let extensionMembers = [
        "nullable", "alsoAccepts", "\"type\": \"oneOrMany\"", "values on integer or number", "rule atLeastOneOf", "rule requiredWhen",
    ]

    /// The merged schema of `modelID`: the base with every overlay applied, mapped to today's format.
    /// - Throws: ``ImportErrors`` with every overlay change that does not fit the base and every
    ///   extension member left unsettled (file `<provider>/<model>`, path in the merged schema).
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

    private static let modelOrder = ["$schema", "id", "provider", "title", "swiftName", "summary", "endpoint", "sources", "notes", "parameters", "rules"]
    private static let specOrder = [
        "name", "swiftName", "type", "required", "const", "default", "values", "valueSet", "typeName", "ignoresCase", "acceptsIntegerForm",
        "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "source", "description", "note", "items", "content", "fields", "rules",
    ]
    private static let droppedSpecMembers: Set = ["example", "step", "assetKind", "maxSize", "maxDuration"]

    private static func mapModel(_ value: JSONValue, log: inout DiagnosticLog) -> JSONValue {
        guard let object = value.objectValue else {
            log.report("$", "the base is not an object")
            return value
        }
        var members: [JSONObject.Member] = [.init(key: "$schema", value: "../../schema.json")]
        for member in object.members {
            switch member.key {
            case "capabilities", "endpointAliases", "pageModelIds", "$schema": continue
            case "sources":
                let pages = (member.value.objectValue?.members ?? []).map { page in
                    JSONObject.Member(key: page.key, value: .object(JSONObject((page.value.objectValue?.members ?? []).filter { $0.key == "title" || $0.key == "url" })))
                }
                members.append(.init(key: "sources", value: .object(JSONObject(pages))))
            case "parameters":
                members.append(.init(key: "parameters", value: mapSpecs(member.value, path: "$.parameters", log: &log)))
            case "rules":
                members.append(.init(key: "rules", value: mapRules(member.value, path: "$.rules", log: &log)))
            default:
                members.append(member)
            }
        }
        return .object(ordered(members, by: modelOrder))
    }

    private static func mapSpec(_ value: JSONValue, path: String, log: inout DiagnosticLog) -> JSONValue {
        guard let object = value.objectValue else { return value }
        let type = object["type"]?.stringValue
        var members: [JSONObject.Member] = []
        for member in object.members {
            switch member.key {
            case let key where droppedSpecMembers.contains(key): continue
            case "nullable", "alsoAccepts":
                log.report("\(path).\(member.key)", "`\(member.key)` needs a format extension: the overlay must settle it")
            case "type" where member.value == "oneOrMany":
                log.report("\(path).type", "`oneOrMany` needs a format extension: the overlay must settle it")
                members.append(member)
            case "values" where type == "integer" || type == "number":
                log.report("\(path).values", "`values` on \(type ?? "") needs a format extension: the overlay must settle it")
            case "items", "content":
                members.append(.init(key: member.key, value: mapSpec(member.value, path: "\(path).\(member.key)", log: &log)))
            case "fields":
                members.append(.init(key: "fields", value: mapSpecs(member.value, path: "\(path).fields", log: &log)))
            case "rules":
                members.append(.init(key: "rules", value: mapRules(member.value, path: "\(path).rules", log: &log)))
            default:
                members.append(member)
            }
        }
        return .object(ordered(members, by: specOrder))
    }

    /// A list of parameters or fields, each mapped by ``mapSpec(_:path:log:)`` at `path[index]`.
    private static func mapSpecs(_ value: JSONValue, path: String, log: inout DiagnosticLog) -> JSONValue {
        .array((value.arrayValue ?? []).enumerated().map { mapSpec($1, path: "\(path)[\($0)]", log: &log) })
    }

    private static func mapRules(_ value: JSONValue, path: String, log: inout DiagnosticLog) -> JSONValue {
        for (offset, rule) in (value.arrayValue ?? []).enumerated() {
            if let kind = rule.objectValue?["kind"]?.stringValue, kind == "atLeastOneOf" || kind == "requiredWhen" {
                log.report("\(path)[\(offset)]", "the rule kind `\(kind)` needs a format extension: the overlay must settle it")
            }
        }
        return value
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
