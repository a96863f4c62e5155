/// How the plan's values are written in Swift.
extension ValueExpression {
    /// The expression: `Mode.pro`, `Mode(rawValue: "x")`, `URL(string: "…")!`, `[1, 2]`.
    var spelling: String {
        switch self {
        case .string(let string): return SwiftSource.literal(string)
        case .integer(let integer): return String(integer)
        case .number(let number): return SwiftSource.literal(number)
        case .bool(let bool): return bool ? "true" : "false"
        case .url(let string): return "URL(string: \(SwiftSource.literal(string)))!"
        case .mediaSource(let string): return "MediaSource(rawValue: \(SwiftSource.literal(string)))"
        case .one(let value): return ".one(\(value.spelling))"
        case .many(let elements): return ".many([" + elements.map(\.spelling).joined(separator: ", ") + "])"
        case .choice(let type, let member?, _): return "\(type).\(SwiftSource.identifier(member))"
        case .choice(let type, nil, let rawValue): return "\(type)(rawValue: \(SwiftSource.literal(rawValue)))"
        case .array(let elements): return "[" + elements.map(\.spelling).joined(separator: ", ") + "]"
        }
    }

    /// The expression where its type is declared (`static let mode: Mode = .pro`): a choice's known
    /// value reads best with a leading dot.
    var spellingWithDeclaredType: String {
        if case .choice(_, let member?, _) = self { return "." + SwiftSource.identifier(member) }
        return spelling
    }
}

extension LimitNumber {
    var spelling: String {
        switch self {
        case .int(let integer): return String(integer)
        case .double(let number): return SwiftSource.literal(number)
        }
    }

    var typeSpelling: String {
        switch self {
        case .int: return "Int"
        case .double: return "Double"
        }
    }
}

extension Limit {
    /// The declared type: `ClosedRange<Int>`, `Double`.
    var typeSpelling: String {
        switch bound {
        case .range(let lower, _): return "ClosedRange<\(lower.typeSpelling)>"
        case .atLeast(let number), .atMost(let number): return number.typeSpelling
        case .oneOf(let numbers): return "[\(numbers.first?.typeSpelling ?? "Int")]"
        }
    }

    /// The declared value: `3...15`, `2500`.
    var valueSpelling: String {
        switch bound {
        case .range(let lower, let upper): return "\(lower.spelling)...\(upper.spelling)"
        case .atLeast(let number), .atMost(let number): return number.spelling
        case .oneOf(let numbers): return "[" + numbers.map(\.spelling).joined(separator: ", ") + "]"
        }
    }

    /// The argument of the check that enforces it: `in: Limits.durationRange`, `min: …`, `max: …`.
    var checkArgument: String {
        let label = switch bound {
        case .range, .oneOf: "in"
        case .atLeast: "min"
        case .atMost: "max"
        }
        return "\(label): Limits.\(SwiftSource.identifier(name))"
    }
}
