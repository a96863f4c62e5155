/// Swift source text that is safe for any string a schema may hold.
enum SwiftSource {
    /// A string literal meaning exactly `text`: quotes, backslashes (so `\(` stays literal), line
    /// breaks and other control characters are escaped; `"""` and `#` need nothing more.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            case let control where control.value < 0x20 || control.value == 0x7F
                || (0x80...0x9F).contains(control.value) || control.value == 0x2028 || control.value == 0x2029:
                result += "\\u{" + String(control.value, radix: 16) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
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

    /// Words that need backticks to be a declared name.
    static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case",
        "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "as", "false", "is", "nil", "super", "throws", "true", "try",
        "await", "async", "any", "some", "_", "Any",
    ]

    /// Names that cannot be declared even with backticks, or that would shadow what generated code uses.
    static let unusableMemberNames: Set<String> = [
        "self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "_",
        "hashValue", "hash", "encode", "validate", "validated", "wireJSON", "check", "decode", "wireNames", "model",
    ]

    /// The identifier as it is written at a declaration or an unqualified use: backticked if a keyword.
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// A doc comment's lines. Line breaks split lines; other control characters become spaces.
    static func docLines(_ text: String) -> [String] {
        var cleaned = ""
        for scalar in text.unicodeScalars {
            if scalar == "\r" { continue }
            if scalar == "\n" || scalar == "\t" || scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value) {
                cleaned.unicodeScalars.append(scalar == "\u{2028}" || scalar == "\u{2029}" ? "\n" : scalar)
            } else {
                cleaned += " "
            }
        }
        return cleaned.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.reversed().drop { $0 == " " }.reversed()
            return String(trimmed)
        }
    }
}

/// Builds indented source text.
struct CodeWriter {
    private(set) var text = ""
    private var indentation = 0

    mutating func line(_ line: String = "") {
        if line.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indentation) + line + "\n"
        }
    }

    /// Writes doc comment lines; any line break or control character inside a line is made safe.
    mutating func doc(_ lines: [String]) {
        for line in lines.flatMap(SwiftSource.docLines) { self.line(line.isEmpty ? "///" : "/// " + line) }
    }

    mutating func doc(_ text: String) {
        doc(SwiftSource.docLines(text))
    }

    /// Writes `opening {`, the body one level in, and `}`.
    mutating func block(_ opening: String, _ body: (inout CodeWriter) -> Void) {
        line(opening + " {")
        indentation += 1
        body(&self)
        indentation -= 1
        line("}")
    }
}
