/// Swift names derived from wire names and values. The emitter uses the same derivations, so the
/// linter can report two parameters that would become one Swift name.
public enum Identifier {
    /// `UpperCamelCase` ASCII: a letter A-Z, then letters and digits.
    public static func isTypeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy(isASCIIAlphanumeric)
    }

    /// `lowerCamelCase` ASCII: a letter a-z or `_`, then letters, digits and `_`.
    public static func isMemberName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "_" }
    }

    /// `image_list` → `imageList`, `aspectRatio` → `aspectRatio`, `frontal-image` → `frontalImage`.
    /// Leading digits get a `_` prefix; keywords are the emitter's concern.
    public static func propertyName(fromWireName name: String) -> String {
        let words = self.words(name)
        guard let first = words.first else { return "_" }
        let joined = lowercasedFirst(first) + words.dropFirst().map(uppercasedFirst).joined()
        return joined.first.map { $0.isNumber } == true ? "_" + joined : joined
    }

    /// `aspectRatio` → `AspectRatio`, `image_list` → `ImageList`.
    public static func typeName(fromWireName name: String) -> String {
        let words = self.words(name)
        let joined = words.map(uppercasedFirst).joined()
        guard let first = joined.first else { return "Value" }
        return first.isNumber ? "Value" + joined : joined
    }

    /// A choice's static member: `pro` → `pro`, `16:9` → `value16x9`, `customize` → `customize`.
    public static func choiceName(fromValue value: String) -> String {
        let words = self.words(value)
        guard let first = words.first else { return "empty" }
        if first.first!.isNumber { return "value" + words.joined(separator: "x") }
        return lowercasedFirst(first) + words.dropFirst().map(uppercasedFirst).joined()
    }

    /// Every word of a text, each with an uppercase first letter: `4k` → `4k`, `16:9` → `169`,
    /// `extra large` → `ExtraLarge`; `Empty` for a text without letters or digits. For names the
    /// emitter composes from values.
    public static func upperCamelWords(_ text: String) -> String {
        let joined = words(text).map(uppercasedFirst).joined()
        return joined.isEmpty ? "Empty" : joined
    }

    /// The ASCII letter-and-digit runs of a name, splitting camel case: `aspect_ratio`, `aspectRatio`
    /// → ["aspect", "Ratio"].
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for scalar in name.unicodeScalars {
            guard isASCIIAlphanumeric(scalar) else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            let isUpper = ("A"..."Z").contains(scalar)
            if isUpper && previousWasLower && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previousWasLower = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    static func uppercasedFirst(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    static func lowercasedFirst(_ word: String) -> String {
        // An all-caps word (`URL`) lowers entirely; otherwise only its first letter.
        if word.count > 1, word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return word.lowercased() }
        return word.prefix(1).lowercased() + word.dropFirst()
    }
}
