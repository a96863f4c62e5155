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

    /// Whether the text holds a line break or a control character (C0, DEL, C1, U+2028, U+2029),
    /// or, with `orQuote`, a quote or backslash: what literals escape and doc comments split on.
    static func containsSpecial(_ text: String, orQuote: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { return true }
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

    /// Names that cannot be declared even with backticks, or that would shadow what generated code uses.
    static let unusableMemberNames: Set<String> = [
        "self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "_",
        "hashValue", "hash", "encode", "validate", "validated", "wireJSON", "check", "decode", "wireNames", "model",
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

/// Builds indented source text. Lines are appended as UTF-8 bytes (a plain copy each) and decoded
/// once into ``text``.
struct CodeWriter {
    private var bytes: [UInt8] = []
    private var indentation = 0

    init() {
        bytes.reserveCapacity(64 * 1024)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func line(_ line: String = "") {
        if !line.isEmpty {
            for _ in 0..<indentation { bytes.append(contentsOf: Self.indent) }
            bytes.append(contentsOf: line.utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private static let indent: [UInt8] = Array("    ".utf8)

    /// Writes doc comment lines. Each element may hold several lines: line breaks split it, and
    /// control characters are made safe, here and only here.
    mutating func doc(_ lines: [String]) {
        for line in lines.flatMap(SwiftSource.docLines) { self.line(line.isEmpty ? "///" : "/// " + line) }
    }

    mutating func doc(_ text: String) {
        doc([text])
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
