import Foundation

// The checks validators (generated ones and the schema interpreter) call on single values. Each takes a
// value that was read successfully and the path to report at; paths are autoclosures so a valid request
// builds no strings.

extension IssueList {
    /// String length limits, counted in Unicode scalars (code points), as JSON Schema counts them.
    @inlinable
    public mutating func checkLength(_ string: String, min: Int? = nil, max: Int? = nil, at path: @autoclosure () -> String) {
        // A string's UTF-8 length bounds its scalar count from above, so short strings need no count.
        let utf8Count = string.utf8.count
        if let max, utf8Count > max {
            let count = string.unicodeScalars.count
            if count > max {
                error(.tooLong, at: path(), "\(IssuePath.quoted(path())) is \(count) characters long; the maximum is \(max)")
            }
        }
        if let min, min > 0, utf8Count < min * 4 {
            let count = string.unicodeScalars.count
            if count < min {
                error(.tooShort, at: path(), "\(IssuePath.quoted(path())) is \(count) characters long; the minimum is \(min)")
            }
        }
    }

    /// Reports a number below `min` or above `max` (both included in the allowed values) as an error.
    @inlinable
    public mutating func checkBounds<Number: BinaryInteger>(_ value: Number, min: Number? = nil, max: Number? = nil, at path: @autoclosure () -> String) {
        if let min, value < min {
            error(.belowMinimum, at: path(), "\(IssuePath.quoted(path())) is \(value); the minimum is \(min)")
        }
        if let max, value > max {
            error(.aboveMaximum, at: path(), "\(IssuePath.quoted(path())) is \(value); the maximum is \(max)")
        }
    }

    /// Reports a number below `min` or above `max` (both included in the allowed values) as an error.
    @inlinable
    public mutating func checkBounds(_ value: Double, min: Double? = nil, max: Double? = nil, at path: @autoclosure () -> String) {
        if let min, !(value >= min) {
            error(.belowMinimum, at: path(), "\(IssuePath.quoted(path())) is \(JSONValue.format(value)); the minimum is \(JSONValue.format(min))")
        }
        if let max, !(value <= max) {
            error(.aboveMaximum, at: path(), "\(IssuePath.quoted(path())) is \(JSONValue.format(value)); the maximum is \(JSONValue.format(max))")
        }
    }

    /// Reports a number outside `range` (both ends allowed) as an error.
    @inlinable
    public mutating func checkBounds<Number: BinaryInteger>(_ value: Number, in range: ClosedRange<Number>, at path: @autoclosure () -> String) {
        checkBounds(value, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// Reports a number outside `range` (both ends allowed) as an error.
    @inlinable
    public mutating func checkBounds(_ value: Double, in range: ClosedRange<Double>, at path: @autoclosure () -> String) {
        checkBounds(value, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// String length limits given as a range.
    @inlinable
    public mutating func checkLength(_ string: String, in range: ClosedRange<Int>, at path: @autoclosure () -> String) {
        checkLength(string, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// Item count limits given as a range.
    @inlinable
    public mutating func checkCount(_ count: Int, in range: ClosedRange<Int>, at path: @autoclosure () -> String) {
        checkCount(count, min: range.lowerBound, max: range.upperBound, at: path())
    }

    /// Item count limits of an array.
    @inlinable
    public mutating func checkCount(_ count: Int, min: Int? = nil, max: Int? = nil, at path: @autoclosure () -> String) {
        if let min, count < min {
            error(.tooFewItems, at: path(), "\(IssuePath.quoted(path())) has \(count) item\(count == 1 ? "" : "s"); at least \(min) \(min == 1 ? "is" : "are") required")
        }
        if let max, count > max {
            error(.tooManyItems, at: path(), "\(IssuePath.quoted(path())) has \(count) items; at most \(max) \(max == 1 ? "is" : "are") allowed")
        }
    }

    /// A typed choice outside its known values, given as the compact JSON array the generator writes
    /// (`["std","pro"]`): an error when the provider documents them, a warning when the schema
    /// inferred them. The value is found by its JSON text in the array's, so a check builds nothing.
    public mutating func checkChoice(
        _ rawValue: String, among known: StaticString, valueSet: ChoiceValueSet, ignoringCase: Bool = false, at path: @autoclosure () -> String
    ) {
        let found = ignoringCase
            ? Self.jsonArray(known.description.lowercased(), containsString: rawValue.lowercased())
            : known.withUTF8Buffer { Self.jsonArray($0, containsString: rawValue) }
        guard !found else { return }
        let values = (try? JSONParser.parse(known.description))?.arrayValue?.compactMap(\.stringValue) ?? []
        reportUnknownChoice(rawValue, known: Self.choiceList(values), valueSet: valueSet, at: path())
    }

    /// Whether a compact JSON array of strings holds `value`: its JSON text, between quotes, starting
    /// an element (after `[` or `,`) and ending one (before `,` or `]`). Quotes inside JSON strings
    /// are escaped, so only a whole element matches.
    static func jsonArray(_ array: String, containsString value: String) -> Bool {
        var array = array
        return array.withUTF8 { jsonArray($0, containsString: value) }
    }

    /// ``jsonArray(_:containsString:)`` over the array's UTF-8 bytes.
    static func jsonArray(_ array: UnsafeBufferPointer<UInt8>, containsString value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            // A value with nothing JSON escapes is its own JSON text between quotes: no copy needed.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                return jsonArray(array, containsElement: bytes, quoted: true)
            }
            var element = JSONValue.string(String(decoding: bytes, as: UTF8.self)).jsonText
            return element.withUTF8 { jsonArray(array, containsElement: $0, quoted: false) }
        }
    }

    /// Whether `element` (the JSON text of a string, or its content when `quoted` adds the quotes)
    /// stands in `array` as a whole element.
    private static func jsonArray(_ array: UnsafeBufferPointer<UInt8>, containsElement element: UnsafeBufferPointer<UInt8>, quoted: Bool) -> Bool {
        let quote = quoted ? 1 : 0
        let count = element.count + 2 * quote
        var start = 1
        while start + count < array.count {
            let before = array[start - 1]
            let after = array[start + count]
            if (before == UInt8(ascii: "[") || before == UInt8(ascii: ",")) && (after == UInt8(ascii: ",") || after == UInt8(ascii: "]")),
               !quoted || (array[start] == UInt8(ascii: "\"") && array[start + count - 1] == UInt8(ascii: "\"")),
               element.isEmpty || memcmp(array.baseAddress! + start + quote, element.baseAddress!, element.count) == 0 {
                return true
            }
            start += 1
        }
        return false
    }

    /// The known values of a choice as a message lists them: `"standard", "pro"`.
    static func choiceList(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// Reports a choice outside its known values (`known` lists them as messages do: `"std", "pro"`):
    /// an error when the provider documents them, a warning when the schema inferred them.
    public mutating func reportUnknownChoice(_ rawValue: String, known: String, valueSet: ChoiceValueSet, at path: String) {
        switch valueSet {
        case .documented:
            error(.notAllowed, at: path, "\(IssuePath.quoted(path)) is \"\(rawValue)\"; allowed values: \(known)")
        case .inferred:
            warning(.unknownValue, at: path, "\(IssuePath.quoted(path)) is \"\(rawValue)\", which is not among the values seen for it (\(known)); the provider does not publish the list")
        }
    }

    /// An integer outside its allowed values: an error when the provider documents them, a warning
    /// when the schema inferred them.
    @inlinable
    public mutating func checkAllowed<Number: BinaryInteger>(_ value: Number, in allowed: [Number], valueSet: ChoiceValueSet, at path: @autoclosure () -> String) {
        guard !allowed.contains(value) else { return }
        reportNotAllowed("\(value)", allowed: allowed.map { "\($0)" }, valueSet: valueSet, at: path())
    }

    /// A number outside its allowed values: an error when the provider documents them, a warning
    /// when the schema inferred them.
    @inlinable
    public mutating func checkAllowed(_ value: Double, in allowed: [Double], valueSet: ChoiceValueSet, at path: @autoclosure () -> String) {
        guard !allowed.contains(value) else { return }
        reportNotAllowed(JSONValue.format(value), allowed: allowed.map(JSONValue.format), valueSet: valueSet, at: path())
    }

    /// Reports a number outside its allowed values (`value` and `allowed` as messages write them): an
    /// error when the provider documents them, a warning when the schema inferred them.
    public mutating func reportNotAllowed(_ value: String, allowed: [String], valueSet: ChoiceValueSet, at path: String) {
        let known = allowed.joined(separator: ", ")
        switch valueSet {
        case .documented:
            error(.notAllowed, at: path, "\(IssuePath.quoted(path)) is \(value); allowed values: \(known)")
        case .inferred:
            warning(.unknownValue, at: path, "\(IssuePath.quoted(path)) is \(value), which is not among the values seen for it (\(known)); the provider does not publish the list")
        }
    }

    /// A fixed parameter (the AI/ML API's `model`) must carry its one value.
    public mutating func checkConstant(_ value: String, _ expected: String, at path: @autoclosure () -> String) {
        if value != expected {
            error(.constantMismatch, at: path(), "\(IssuePath.quoted(path())) must be \"\(expected)\" for this model, not \"\(value)\"")
        }
    }

    /// An asset id must not be empty.
    @inlinable
    public mutating func checkAssetID(_ id: String, at path: @autoclosure () -> String) {
        if id.isEmpty {
            error(.emptyAssetID, at: path(), "\(IssuePath.quoted(path())) is an empty asset id; upload the file first and pass the id the provider returned")
        }
    }

    /// A URL the provider fetches must be absolute http(s).
    public mutating func checkWebURL(_ url: URL, at path: @autoclosure () -> String) {
        if !Self.isWebURL(url) {
            error(.invalidURL, at: path(), "\(IssuePath.quoted(path())) must be an absolute http or https URL the provider can fetch, not \"\(url.absoluteString)\"")
        }
    }

    /// Whether a URL is absolute http(s) with a host: one the provider can fetch.
    static func isWebURL(_ url: URL) -> Bool {
        let scheme = url.scheme?.lowercased()
        return (scheme == "http" || scheme == "https") && url.host?.isEmpty == false
    }
}
