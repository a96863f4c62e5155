import KlingJSON

/// The text of an imported base: JSON with two-space indentation, members in the order they were
/// built, every object on its own lines, arrays of scalars on one line, and a final newline.
///
/// The same value always gives the same bytes, so a base regenerated from an unchanged snapshot is
/// byte-identical and version control shows a provider's change as a small diff.
public enum BaseJSONText {
    /// Renders `value` as described above (``JSONValue/formattedText``).
    public static func render(_ value: JSONValue) -> String {
        value.formattedText
    }
}

extension JSONValue {
    /// The value, or `nil` for JSON `null` (a table's empty cell).
    var nonNull: JSONValue? {
        if case .null = self { return nil }
        return self
    }
}

/// Builds a JSON object member by member, in the order the members are set; `nil` sets nothing.
struct ObjectBuilder {
    private(set) var object = JSONObject()

    subscript(key: String) -> JSONValue? {
        get { object[key] }
        set {
            guard let newValue else { return }
            if let index = object.members.firstIndex(where: { $0.key == key }) {
                object.members[index].value = newValue
            } else {
                object.members.append(.init(key: key, value: newValue))
            }
        }
    }

    var value: JSONValue { .object(object) }

    /// The object with its members in the order every base uses for parameters, fields and value
    /// specs (``specMemberOrder``); members not in that list follow in the order they were set.
    var specValue: JSONValue {
        let rank = Self.specMemberRank
        let ordered = object.members.enumerated().sorted { left, right in
            (rank[left.element.key] ?? Int.max, left.offset) < (rank[right.element.key] ?? Int.max, right.offset)
        }
        return .object(JSONObject(ordered.map(\.element)))
    }

    /// The order of a parameter's, field's or value spec's members in a base.
    static let specMemberOrder = [
        "name", "type", "required", "const", "nullable", "default", "values", "minimum", "maximum", "step",
        "minLength", "maxLength", "minItems", "maxItems", "alsoAccepts", "assetKind", "maxSize", "maxDuration",
        "example", "source", "description", "items", "fields", "rules",
    ]

    private static let specMemberRank = Dictionary(uniqueKeysWithValues: specMemberOrder.enumerated().map { ($1, $0) })
}
