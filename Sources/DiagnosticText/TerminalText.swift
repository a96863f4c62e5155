/// Text from untrusted input (member names, values, provider messages, schema strings) made safe to
/// print on a terminal.
///
/// A terminal acts on control characters: `ESC [2J` clears the screen, a bidirectional override
/// reorders what follows, a carriage return lets a line overwrite another. Every such scalar is shown
/// as a visible escape instead (`\u{1B}`), so what the user sees is what the input contained.
public enum TerminalText {
    /// `text` with every control character shown as `\u{…}`: C0 controls (newline and tab included,
    /// unless `keepingLineBreaks`), DEL, C1 controls, and the bidirectional formatting characters.
    /// A backslash that would start such an escape is doubled, so escapes cannot be forged.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscaping($0) || $0 == "\\" }) else { return text }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if keepingLineBreaks && (scalar == "\n" || scalar == "\t") {
                output.append(scalar)
            } else if needsEscaping(scalar) {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else if scalar == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" {
                output.append(contentsOf: "\\\\".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Whether a terminal would act on the scalar rather than show it: C0 controls, DEL, C1
    /// controls, and the bidirectional marks, embeddings, overrides and isolates.
    public static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
