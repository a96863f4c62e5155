import KlingSchema

/// Hands out the names of one Swift scope (a struct's properties, a `Limits` enum's members, a
/// choice's static members, the types nested in a struct): every name it returns is a valid Swift
/// identifier, usable where it is declared, and unique in the scope.
///
/// Deterministic: the same proposals in the same order yield the same names. A name the scope
/// cannot use (`self`, or one generated code already declares there) gets the suffix `Value`; a name
/// already taken gets the smallest number from 2 that makes it unique (`promptLengthRange2`).
/// Keywords are kept and written with backticks (``SwiftSource/identifier(_:)``).
struct NameAllocator {
    /// What names look like in this scope.
    enum Style {
        /// `lowerCamelCase` members: properties, static members, enum cases.
        case member
        /// `UpperCamelCase` types.
        case type
    }

    let style: Style
    private let unusable: Set<String>
    /// The names in use in this scope.
    private(set) var taken: Set<String>

    /// - Parameters:
    ///   - unusable: Names this scope must not declare (they get the suffix `Value`).
    ///   - taken: Names already in use here that proposals must not repeat.
    init(_ style: Style, unusable: Set<String> = [], taken: Set<String> = []) {
        self.style = style
        self.unusable = unusable.union(style == .member ? SwiftSource.unusableMemberNames : SwiftSource.unusableTypeNames)
        self.taken = taken
    }

    /// A unique, valid name as close to `proposed` as the scope allows, now taken.
    mutating func claim(_ proposed: String) -> String {
        var base = Self.valid(proposed, style: style)
        if unusable.contains(base) { base += "Value" }
        var name = base
        var number = 2
        while taken.contains(name) || unusable.contains(name) {
            name = base + String(number)
            number += 1
        }
        taken.insert(name)
        return name
    }

    /// `proposed` made a valid identifier of the style: ASCII letters, digits and `_`, not starting
    /// with a digit, not empty. Names from schemas are already valid (the linter checks them); this
    /// guards names the emitter composes.
    static func valid(_ proposed: String, style: Style) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in proposed.unicodeScalars where Identifier.isIdentifierScalar(scalar) { scalars.append(scalar) }
        var name = String(scalars)
        if name.isEmpty { name = style == .member ? "value" : "Value" }
        if let first = name.unicodeScalars.first, ("0"..."9").contains(first) { name = (style == .member ? "_" : "Value") + name }
        return name
    }
}

extension Identifier {
    /// ASCII letters, digits and `_`: what generated names are made of.
    static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
