extension JSONValue {
    /// The value as readable JSON: two-space indentation, members in their order, every non-empty
    /// object and every array holding containers on its own lines, arrays of scalars on one line,
    /// and a final newline.
    ///
    /// The same value always gives the same bytes, so files written with it diff well.
    public var formattedText: String {
        var output = ""
        Self.writeFormatted(self, indent: "", to: &output)
        output += "\n"
        return output
    }

    private static func writeFormatted(_ value: JSONValue, indent: String, to output: inout String) {
        switch value {
        case .array(let elements) where elements.contains(where: \.isContainer):
            let inner = indent + "  "
            output += "[\n"
            for (offset, element) in elements.enumerated() {
                output += inner
                writeFormatted(element, indent: inner, to: &output)
                output += offset == elements.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let object) where !object.members.isEmpty:
            let inner = indent + "  "
            output += "{\n"
            for (offset, member) in object.members.enumerated() {
                output += inner
                writeFormattedString(member.key, to: &output)
                output += ": "
                writeFormatted(member.value, indent: inner, to: &output)
                output += offset == object.members.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += ", " }
                writeFormatted(element, indent: indent, to: &output)
            }
            output += "]"
        case .string(let string):
            writeFormattedString(string, to: &output)
        default:
            output += value.jsonText
        }
    }

    /// A JSON string literal: the text itself between quotes when nothing in it needs escaping
    /// (the common case, and much faster), else the escaped form ``jsonText`` writes.
    private static func writeFormattedString(_ string: String, to output: inout String) {
        if string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += JSONValue.string(string).jsonText
        } else {
            output += "\""
            output += string
            output += "\""
        }
    }

    /// Whether the value is an array or object.
    public var isContainer: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}
