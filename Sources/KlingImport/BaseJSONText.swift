import KlingJSON

/// The text of an imported base: JSON with two-space indentation, members in the order they were
/// built, every object on its own lines, arrays of scalars on one line, and a final newline.
///
/// The same value always gives the same bytes, so a base regenerated from an unchanged snapshot is
/// byte-identical and version control shows a provider's change as a small diff.
public enum BaseJSONText {
    /// Renders `value` as described above.
    public static func render(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: "", to: &output)
        output += "\n"
        return output
    }

    private static func write(_ value: JSONValue, indent: String, to output: inout String) {
        switch value {
        case .array(let elements) where elements.contains(where: \.isContainer):
            let inner = indent + "  "
            output += "[\n"
            for (offset, element) in elements.enumerated() {
                output += inner
                write(element, indent: inner, to: &output)
                output += offset == elements.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let object) where !object.members.isEmpty:
            let inner = indent + "  "
            output += "{\n"
            for (offset, member) in object.members.enumerated() {
                output += inner
                writeQuoted(member.key, to: &output)
                output += ": "
                write(member.value, indent: inner, to: &output)
                output += offset == object.members.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += ", " }
                write(element, indent: indent, to: &output)
            }
            output += "]"
        case .string(let string):
            writeQuoted(string, to: &output)
        default:
            output += value.jsonText
        }
    }

    /// A JSON string literal: the text itself between quotes when nothing in it needs escaping
    /// (the common case, and much faster), else the escaped form `KlingJSON` writes.
    private static func writeQuoted(_ string: String, to output: inout String) {
        if string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += JSONValue.string(string).jsonText
        } else {
            output += "\""
            output += string
            output += "\""
        }
    }
}

extension JSONValue {
    /// Whether the value is an array or object (rendered over several lines).
    var isContainer: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }

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
