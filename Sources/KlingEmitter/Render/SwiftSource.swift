/// Swift source text that is safe for any string a schema may hold.
enum SwiftSource {
    /// A string literal meaning exactly `text`: quotes, backslashes (so `\(` stays literal), line
    /// breaks and other control characters are escaped; `"""` and `#` need nothing more.
    static func literal(_ text: String) -> String {
        if !containsSpecial(text, orQuote: true) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            case let control where isUnprintable(control):
                result += "\\u{" + String(control.value, radix: 16) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Whether a Swift source file must not hold the scalar raw in a string: a control character
    /// (C0, DEL, C1) or a line or paragraph separator.
    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || value == 0x2028 || value == 0x2029
    }

    /// A number literal for a `Double`: `5`, `0.5`, `1e-07`.
    static func literal(_ number: Double) -> String {
        if let integer = Int64(exactly: number), abs(number) < 1e15 { return String(integer) }
        return "\(number)"
    }

    /// A number literal for an `Int`.
    static func integerLiteral(_ number: Double) -> String {
        String(Int64(number))
    }

    /// JSON text made safe for a multi-line raw string literal: scalars a Swift source file must
    /// not hold raw (DEL, C1 controls, U+2028, U+2029; JSON text has no others outside its escapes)
    /// become JSON `\u` escapes, which is the same JSON, as such scalars only occur inside strings.
    static func rawStringSafeJSON(_ json: String) -> String {
        // Nearly every schema holds none of them: one pass over the bytes finds out (line breaks and
        // tabs, which the text holds raw, are fine in a multi-line literal).
        guard containsSpecial(json, orQuote: false, allowingLineFeeds: true) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            // The text's line feeds stay (a multi-line literal holds them); JSON strings hold no other
            // C0 control raw, as its writer escapes them.
            if scalar != "\n" && isUnprintable(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A string literal that reads as the text itself: a raw literal (`#"["a","b"]"#`) for text with
    /// quotes or backslashes, unless it holds characters only an escape can write.
    static func rawLiteral(_ text: String) -> String {
        guard containsSpecial(text, orQuote: true), !containsSpecial(text, orQuote: false) else { return literal(text) }
        let delimiter = rawDelimiter(for: text)
        return delimiter + "\"" + text + "\"" + delimiter
    }

    /// The `#` delimiter a raw string literal holding `text` needs: one more than the longest run
    /// of `#` after a quote or backslash in it, so nothing in the text ends the literal or starts
    /// an escape.
    static func rawDelimiter(for text: String) -> String {
        var longest = 0
        var run = 0
        var counting = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "#"), counting {
                run += 1
                longest = max(longest, run)
            } else {
                counting = byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                run = 0
            }
        }
        return String(repeating: "#", count: longest + 1)
    }

    /// Whether the text holds a line break or a control character (C0, DEL, C1, U+2028, U+2029),
    /// or, with `orQuote`, a quote or backslash: what literals escape and doc comments split on.
    /// With `allowingLineFeeds`, a line feed does not count.
    static func containsSpecial(_ text: String, orQuote: Bool, allowingLineFeeds: Bool = false) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                if (byte < 0x20 && !(allowingLineFeeds && byte == 0x0A)) || byte == 0x7F { return true }
                if orQuote && (byte == 0x22 || byte == 0x5C) { return true }
                if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
                if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// Words that need backticks to be a declared name.
    static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case",
        "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "as", "false", "is", "nil", "super", "throws", "true", "try",
        "await", "async", "any", "some", "_", "Any",
    ]

    /// Member names that cannot be declared even with backticks, or that would shadow what generated
    /// code declares or uses in a request, an object's struct or its `Fields`.
    static let unusableMemberNames: Set<String> = [
        "self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "_",
        "hashValue", "hash", "encode", "validate", "validated", "wireJSON", "check", "decode", "wireNames", "model",
        "schema", "wireValue", "visitParameters",
    ]

    /// What an open string choice declares itself: its static members must not take these names.
    static let choiceAPI: Set<String> = ["rawValue", "description"]

    /// Names a nested type may not take: what generated code refers to unqualified.
    static let unusableTypeNames: Set<String> = [
        "Fields", "Defaults", "Limits", "CodingKeys", "Type", "Self", "Protocol", "String", "Int", "Double", "Bool",
        "URL", "Array", "Optional", "AssetID", "Field", "IssueList", "IssuePath", "JSONValue", "JSONObject",
        "ValidationReport", "ModelDescriptor", "ParameterDescriptor", "ChoiceValueSet", "OpenChoice", "OpenStringChoice",
        "WireDecodable", "WireValue", "WireObject", "ParameterVisitor", "ParameterDecoder", "RequestSchema",
        "EmbeddedJSON", "RuleCondition", "ItemCount", "Endpoint", "Provider", "Swift", "Foundation",
        "KlingCore", "Decoder", "Encoder", "Error", "Any", "AnyObject", "Sendable", "Codable", "Hashable", "Never", "Void",
        "DecodingError", "ClosedRange", "KlingRequest", "ScenarioRequest", "AIMLAPIRequest", "OneOrMany", "MediaSource", "Capability",
        // Associated types of the protocols generated types conform to: a nested type so named would
        // mean itself inside its body.
        "RawValue", "StringLiteralType", "ExtendedGraphemeClusterLiteralType", "UnicodeScalarLiteralType",
    ]

    /// The identifier as it is written at a declaration or an unqualified use: backticked if a keyword.
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A doc comment's lines. Line breaks split lines; other control characters become spaces;
    /// trailing spaces are dropped.
    static func docLines(_ text: String) -> [String] {
        if !containsSpecial(text, orQuote: false) {
            // No line break or control character: one line, without its trailing spaces.
            guard text.utf8.last == UInt8(ascii: " ") else { return [text] }
            var trimmed = text.unicodeScalars[...]
            while trimmed.last == " " { trimmed.removeLast() }
            return [String(trimmed)]
        }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        func finishLine() {
            while current.last == " " { current.removeLast() }
            lines.append(String(current))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D: continue
            case 0x0A, 0x2028, 0x2029: finishLine()
            case 0x09: current.append(scalar)
            case 0..<0x20, 0x7F, 0x80...0x9F: current.append(" ")
            default: current.append(scalar)
            }
        }
        finishLine()
        return lines
    }
}

