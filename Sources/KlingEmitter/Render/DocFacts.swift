import KlingJSON
import KlingSchema

/// Limits in words for doc comments.
enum DocFacts {
    static func limits(of spec: ValueSpec) -> [String] {
        var facts: [String] = []
        switch (spec.minimum, spec.maximum) {
        case let (min?, max?): facts.append("From \(SwiftSource.literal(min)) to \(SwiftSource.literal(max)).")
        case let (min?, nil): facts.append("At least \(SwiftSource.literal(min)).")
        case let (nil, max?): facts.append("At most \(SwiftSource.literal(max)).")
        default: break
        }
        switch (spec.minLength, spec.maxLength) {
        case let (min?, max?): facts.append("\(min) to \(max) characters.")
        case let (min?, nil): facts.append("At least \(min) characters.")
        case let (nil, max?): facts.append("At most \(max) characters.")
        default: break
        }
        var counts = spec
        if case .jsonString(let content) = spec.type { counts = content }
        switch (counts.minItems, counts.maxItems) {
        case let (min?, max?): facts.append("\(min) to \(max) items.")
        case let (min?, nil): facts.append("At least \(min) item\(min == 1 ? "" : "s").")
        case let (nil, max?): facts.append("At most \(max) items.")
        default: break
        }
        if let numbers = spec.numberValues {
            facts.append("Values (\(numbers.valueSet.rawValue)): \(numbers.values.map { "`\(JSONValue.format($0))`" }.joined(separator: ", ")).")
        }
        let forms = spec.alsoAccepts.isEmpty ? (spec.type.itemSpec?.alsoAccepts ?? []) : spec.alsoAccepts
        if !forms.isEmpty {
            facts.append("An http(s) URL, or " + forms.map(\.words).joined(separator: " or ") + ".")
        }
        if let choices = spec.choices {
            let values = choices.values.map { "`\(SwiftSource.docLines($0.value).joined(separator: " "))`" }.joined(separator: ", ")
            facts.append("Values (\(choices.valueSet.rawValue)): \(values).")
        }
        return facts
    }
}
