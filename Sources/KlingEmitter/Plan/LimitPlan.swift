import KlingSchema

/// A documented limit, declared as a static of a scope's `Limits` enum and read by the check that
/// enforces it.
struct Limit: Hashable, Sendable {
    /// The member's name in `Limits`, from the scope's allocator.
    let name: String
    let bound: Bound
    /// The doc comment.
    let doc: String

    /// The value of a limit: both ends, or one.
    enum Bound: Hashable, Sendable {
        case range(LimitNumber, LimitNumber)
        case atLeast(LimitNumber)
        case atMost(LimitNumber)
        /// One of a list of values.
        case oneOf([LimitNumber])
    }
}

/// A number in a limit, in the Swift type its check compares with.
enum LimitNumber: Hashable, Sendable {
    case int(Int64)
    case double(Double)
}

/// What a limit constrains. Each kind has its names and words in one place: a new kind of limit is
/// one case here.
enum LimitKind: CaseIterable, Sendable {
    /// A number's value (`minimum`, `maximum`).
    case bounds
    /// A string's length (`minLength`, `maxLength`).
    case length
    /// An array's item count (`minItems`, `maxItems`).
    case count

    /// The suffixes of the limit's name after its value's name: both ends, the lower, the upper.
    var nameSuffixes: (range: String, lower: String, upper: String) {
        switch self {
        case .bounds: return ("Range", "Minimum", "Maximum")
        case .length: return ("LengthRange", "MinLength", "MaxLength")
        case .count: return ("CountRange", "MinCount", "MaxCount")
        }
    }

    /// The doc comments of both ends, the lower end and the upper end, of a limit on `subject`
    /// ("`cfgScale`", "each item of `durations`").
    func docs(of subject: String) -> (range: String, lower: String, upper: String) {
        switch self {
        case .bounds:
            return ("The values allowed for \(subject), both ends included.",
                    "The smallest value allowed for \(subject).",
                    "The largest value allowed for \(subject).")
        case .length:
            return ("The lengths allowed for \(subject), in characters (Unicode code points).",
                    "The shortest length allowed for \(subject), in characters (Unicode code points).",
                    "The longest length allowed for \(subject), in characters (Unicode code points).")
        case .count:
            return ("The number of items \(subject) may hold.",
                    "The fewest items \(subject) may hold.",
                    "The most items \(subject) may hold.")
        }
    }

    /// The allowed values of an integer or number, named `<base>Values`; nil when it lists none.
    static func allowedValues(of spec: ValueSpec, base: String, subject: String, names: inout NameAllocator) -> Limit? {
        guard let numbers = spec.numberValues else { return nil }
        let values = numbers.values.map { spec.type == .integer ? LimitNumber.int(Int64($0)) : .double($0) }
        let status = numbers.valueSet == .documented ? "documented: another value is an error" : "inferred: another value is a warning"
        return Limit(name: names.claim(base + "Values"), bound: .oneOf(values), doc: "The values allowed for \(subject) (\(status)).")
    }

    /// The schema's lower and upper limit of this kind on a value.
    func ends(of spec: ValueSpec) -> (lower: LimitNumber?, upper: LimitNumber?) {
        switch self {
        case .bounds:
            func number(_ value: Double?) -> LimitNumber? {
                value.map { spec.type == .integer ? .int(Int64($0)) : .double($0) }
            }
            return (number(spec.minimum), number(spec.maximum))
        case .length: return (spec.minLength.map { .int(Int64($0)) }, spec.maxLength.map { .int(Int64($0)) })
        case .count: return (spec.minItems.map { .int(Int64($0)) }, spec.maxItems.map { .int(Int64($0)) })
        }
    }

    /// The limit of this kind on a value named `base`, its name claimed from `names` and its doc
    /// comment about `subject`; nil when the schema sets none.
    func limit(of spec: ValueSpec, base: String, subject: String, names: inout NameAllocator) -> Limit? {
        let (lower, upper) = ends(of: spec)
        let suffixes = nameSuffixes
        let docs = docs(of: subject)
        switch (lower, upper) {
        case let (lower?, upper?): return Limit(name: names.claim(base + suffixes.range), bound: .range(lower, upper), doc: docs.range)
        case let (lower?, nil): return Limit(name: names.claim(base + suffixes.lower), bound: .atLeast(lower), doc: docs.lower)
        case let (nil, upper?): return Limit(name: names.claim(base + suffixes.upper), bound: .atMost(upper), doc: docs.upper)
        case (nil, nil): return nil
        }
    }
}
