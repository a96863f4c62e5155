import Foundation
internal import KlingSchema

/// The checks of one value of a schema: how it is read from the wire (its JSON type) and what is
/// checked once it is read (lengths, bounds, allowed values, choices, URLs, items, an object's fields).
final class ValueChecker: Sendable {
    /// What the value is, with what its checks need.
    enum Kind: Sendable {
        /// A string; a fixed parameter's one value.
        case string(constant: String?)
        case choice(ChoiceSet)
        case integer
        case number
        case boolean
        case assetID
        /// An absolute web URL.
        case url
        /// A URL or the file's own text in one of `forms`.
        case mediaSource([MediaSource.Form])
        case array(ValueChecker)
        case oneOrMany(ValueChecker)
        case object(ScopeChecker)
    }

    let kind: Kind
    /// Whether the value has anything to check beyond its JSON type.
    let hasChecks: Bool
    /// Whether a value read keeps its parts (objects, URLs) rather than its wire JSON.
    let keepsParts: Bool
    private let minLength: Int?
    private let maxLength: Int?
    private let integerMinimum: Int?
    private let integerMaximum: Int?
    private let minimum: Double?
    private let maximum: Double?
    private let integerValues: [Int]?
    private let numberValues: [Double]?
    private let valueSet: ChoiceValueSet
    private let minItems: Int?
    private let maxItems: Int?

    /// Prepares the checks of a value (of a string holding JSON, those of its content).
    init(_ spec: ValueSpec) {
        var spec = spec
        while case .jsonString(let content) = spec.type { spec = content }
        let kind: Kind
        switch spec.type {
        case .string:
            kind = spec.choices.map { .choice(ChoiceSet($0)) } ?? .string(constant: spec.constant)
        case .integer: kind = .integer
        case .number: kind = .number
        case .boolean: kind = .boolean
        case .assetID: kind = .assetID
        case .url:
            kind = spec.alsoAccepts.isEmpty ? .url : .mediaSource(spec.alsoAccepts.compactMap { MediaSource.Form(rawValue: $0.rawValue) })
        case .array(let items): kind = .array(ValueChecker(items))
        case .oneOrMany(let items): kind = .oneOrMany(ValueChecker(items))
        case .object(let object): kind = .object(ScopeChecker(fields: object.fields, rules: object.rules))
        case .jsonString: preconditionFailure("unwrapped above")
        }
        self.kind = kind
        minLength = spec.minLength
        maxLength = spec.maxLength
        // An integer's limits are whole numbers, as the request types declare them.
        integerMinimum = spec.minimum.flatMap(Self.integer)
        integerMaximum = spec.maximum.flatMap(Self.integer)
        minimum = spec.minimum
        maximum = spec.maximum
        integerValues = spec.numberValues.map { $0.values.compactMap(Self.integer) }
        numberValues = spec.numberValues?.values
        valueSet = spec.numberValues?.valueSet == .inferred ? .inferred : .documented
        minItems = spec.minItems
        maxItems = spec.maxItems
        let hasLength = spec.minLength != nil || spec.maxLength != nil
        let hasBounds = spec.minimum != nil || spec.maximum != nil || spec.numberValues != nil
        switch kind {
        case .string(let constant): hasChecks = constant != nil || hasLength
        case .choice, .assetID, .url, .mediaSource, .object: hasChecks = true
        case .integer, .number: hasChecks = hasBounds
        case .boolean: hasChecks = false
        case .array(let items), .oneOrMany(let items): hasChecks = spec.minItems != nil || spec.maxItems != nil || items.hasChecks
        }
        switch kind {
        case .url, .object: keepsParts = true
        case .array(let items), .oneOrMany(let items): keepsParts = items.keepsParts
        default: keepsParts = false
        }
    }

    /// A limit or value of an integer as a whole number (the fraction dropped).
    private static func integer(_ number: Double) -> Int? {
        number.isFinite && abs(number) < 9e18 ? Int(number) : nil
    }

    /// Whether the value holds items: an array or a one-or-many value.
    var isCollection: Bool {
        switch kind {
        case .array, .oneOrMany: return true
        default: return false
        }
    }

    // MARK: Reading

    /// Reads a wire value of this type, reporting every problem at its path; nil when it is unusable.
    func read(_ value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> ReadValue? {
        // A well-typed scalar is kept as it arrived; a mistyped one is reported by its type's reader.
        switch kind {
        case .string, .assetID, .mediaSource:
            if case .string = value { return .json(value) }
            _ = String.decode(wire: value, at: path(), into: &issues)
            return nil
        case .choice(let choice):
            return choice.read(value, at: path(), into: &issues) ? .json(value) : nil
        case .integer:
            if case .number(let number) = value, JSONValue.integerValue(of: number) != nil { return .json(value) }
            _ = Int.decode(wire: value, at: path(), into: &issues)
            return nil
        case .number:
            if case .number = value { return .json(value) }
            _ = Double.decode(wire: value, at: path(), into: &issues)
            return nil
        case .boolean:
            if case .bool = value { return .json(value) }
            _ = Bool.decode(wire: value, at: path(), into: &issues)
            return nil
        case .url:
            return URL.decode(wire: value, at: path(), into: &issues).map(ReadValue.url)
        case .array(let items):
            guard case .array(let elements) = value else {
                issues.typeMismatch(value, expected: "an array", at: path())
                return nil
            }
            return items.readItems(elements, of: value, at: path(), into: &issues)
        case .oneOrMany(let items):
            if case .array(let elements) = value {
                return items.readItems(elements, of: value, at: path(), into: &issues)
            }
            guard let item = items.read(value, at: path(), into: &issues) else { return nil }
            return items.keepsParts ? .items([item], isOne: true) : item
        case .object(let scope):
            guard let object = issues.requireObject(value, at: path()) else { return nil }
            return .object(scope.read(object, at: path(), into: &issues))
        }
    }

    /// Reads the items of an array (`array`) as items of this type, each at its index; nil when any
    /// item is unusable.
    private func readItems(_ elements: [JSONValue], of array: JSONValue, at path: @autoclosure () -> String,
                           into issues: inout IssueList) -> ReadValue? {
        var complete = true
        guard keepsParts else {
            for (index, element) in elements.enumerated() where read(element, at: IssuePath.element(index, of: path()), into: &issues) == nil {
                complete = false
            }
            return complete ? .json(array) : nil
        }
        var items: [ReadValue] = []
        items.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            if let item = read(element, at: IssuePath.element(index, of: path()), into: &issues) {
                items.append(item)
            } else {
                complete = false
            }
        }
        return complete ? .items(items, isOne: false) : nil
    }

    // MARK: Checking

    /// Checks a value that was read: its limits, then what its type asks for (items and an object's
    /// fields included).
    func check(_ value: ReadValue, into issues: inout IssueList, at path: @autoclosure () -> String) {
        if minLength != nil || maxLength != nil, case .json(.string(let string)) = value {
            issues.checkLength(string, min: minLength, max: maxLength, at: path())
        }
        switch kind {
        case .string(let constant):
            if let constant, case .json(.string(let string)) = value {
                issues.checkConstant(string, constant, at: path())
            }
        case .choice(let choice):
            guard case .json(let json) = value, let rawValue = choice.rawValue(of: json), !choice.isKnown(rawValue) else { return }
            issues.reportUnknownChoice(rawValue, known: choice.knownList, valueSet: choice.valueSet, at: path())
        case .integer:
            guard case .json(.number(let number)) = value, let integer = JSONValue.integerValue(of: number) else { return }
            if integerMinimum != nil || integerMaximum != nil {
                issues.checkBounds(Int(integer), min: integerMinimum, max: integerMaximum, at: path())
            }
            if let integerValues {
                issues.checkAllowed(Int(integer), in: integerValues, valueSet: valueSet, at: path())
            }
        case .number:
            guard case .json(.number(let number)) = value else { return }
            if minimum != nil || maximum != nil {
                issues.checkBounds(number, min: minimum, max: maximum, at: path())
            }
            if let numberValues {
                issues.checkAllowed(number, in: numberValues, valueSet: valueSet, at: path())
            }
        case .boolean:
            break
        case .assetID:
            if case .json(.string(let id)) = value { issues.checkAssetID(id, at: path()) }
        case .url:
            if case .url(let url) = value { issues.checkWebURL(url, at: path()) }
        case .mediaSource(let forms):
            if case .json(.string(let text)) = value {
                issues.checkMediaSource(MediaSource(rawValue: text), accepting: forms, at: path())
            }
        case .array(let items), .oneOrMany(let items):
            if minItems != nil || maxItems != nil {
                issues.checkCount(value.itemCount, min: minItems, max: maxItems, at: path())
            }
            if items.hasChecks { items.checkEach(of: value, into: &issues, at: path()) }
        case .object(let scope):
            if case .object(let fields) = value { scope.check(fields, into: &issues, at: path()) }
        }
    }

    /// Checks each item of an array or one-or-many value (`collection`) as a value of this type:
    /// an array's at its index, a single value at the collection's own path.
    private func checkEach(of collection: ReadValue, into issues: inout IssueList, at path: @autoclosure () -> String) {
        switch collection {
        case .json(.array(let elements)):
            for (index, element) in elements.enumerated() {
                check(.json(element), into: &issues, at: IssuePath.element(index, of: path()))
            }
        case .items(let items, isOne: false):
            for (index, item) in items.enumerated() {
                check(item, into: &issues, at: IssuePath.element(index, of: path()))
            }
        case .items(let items, isOne: true):
            if let item = items.first { check(item, into: &issues, at: path()) }
        case .json, .url, .object:
            check(collection, into: &issues, at: path())
        }
    }
}
