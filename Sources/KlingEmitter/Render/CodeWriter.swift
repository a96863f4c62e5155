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

    /// Writes each line of `text` (split at line feeds; a final line feed ends the last line) one
    /// level deeper than the current block, copying bytes rather than splitting characters.
    mutating func indentedLines(_ text: String) {
        var atLineStart = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                bytes.append(byte)
                atLineStart = true
                continue
            }
            if atLineStart {
                for _ in 0...indentation { bytes.append(contentsOf: Self.indent) }
                atLineStart = false
            }
            bytes.append(byte)
        }
        if !atLineStart { bytes.append(UInt8(ascii: "\n")) }
    }

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
