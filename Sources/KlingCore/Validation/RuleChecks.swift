// The checks validators (generated ones and the schema interpreter) call for rules between parameters
// (`requires`, `mutuallyExclusive`, `exactlyOneOf`, `atLeastOneOf`, `requiredWhen`, `maxTotalItems`,
// `minTotalItems`, `maxItemsWithField`, `sumEquals`, `ignoredWhen`, `tagReferences`).

extension IssueList {
    /// `dependent` may only be sent together with `dependency`.
    @inlinable
    public mutating func checkRequires(_ dependentSent: Bool, _ dependent: String, requires dependencySent: Bool, _ dependency: String, in parent: @autoclosure () -> String = "") {
        if dependentSent && !dependencySent {
            let path = IssuePath.member(dependent, of: parent())
            error(.missingDependency, at: path, "`\(dependent)` requires `\(dependency)`, which is not sent")
        }
    }

    /// The two conditions must not hold at once.
    @inlinable
    public mutating func checkMutuallyExclusive(_ first: RuleCondition, _ second: RuleCondition, in parent: @autoclosure () -> String = "") {
        guard first.holds == true, second.holds == true else { return }
        error(.mutuallyExclusive, at: IssuePath.member(second.parameter, of: parent()), "these cannot be combined: \(first.text) and \(second.text)")
    }

    /// The conditions must not all hold at once.
    public mutating func checkMutuallyExclusive(_ conditions: RuleCondition..., in parent: @autoclosure () -> String = "") {
        checkMutuallyExclusive(conditions: conditions, in: parent())
    }

    /// The conditions must not all hold at once (a list known only at run time).
    mutating func checkMutuallyExclusive(conditions: [RuleCondition], in parent: @autoclosure () -> String = "") {
        guard conditions.allSatisfy({ $0.holds == true }) else { return }
        let path = IssuePath.member(conditions.last!.parameter, of: parent())
        error(.mutuallyExclusive, at: path, "these cannot be combined: " + conditions.map(\.text).joined(separator: " and "))
    }

    /// Exactly one of the parameters must be sent.
    public mutating func checkExactlyOne(of sent: (name: String, isSent: Bool)..., in parent: @autoclosure () -> String = "") {
        checkExactlyOne(among: sent, in: parent())
    }

    /// Exactly one of the parameters must be sent (a list known only at run time).
    mutating func checkExactlyOne(among sent: [(name: String, isSent: Bool)], in parent: @autoclosure () -> String = "") {
        let sentNames = sent.filter(\.isSent).map(\.name)
        guard sentNames.count != 1 else { return }
        let all = sent.map { "`\($0.name)`" }.joined(separator: " or ")
        if sentNames.isEmpty {
            error(.exactlyOneOf, at: parent(), "send exactly one of \(all); \(sent.count == 2 ? "neither" : "none") is sent")
        } else if sent.count == 2 {
            error(.exactlyOneOf, at: IssuePath.member(sentNames.last!, of: parent()), "send exactly one of \(all), not both")
        } else {
            let both = sentNames.map { "`\($0)`" }.joined(separator: " and ")
            error(.exactlyOneOf, at: IssuePath.member(sentNames.last!, of: parent()), "send exactly one of \(all); \(both) are sent")
        }
    }

    /// At least one of the parameters must be sent.
    public mutating func checkAtLeastOne(of sent: (name: String, isSent: Bool)..., in parent: @autoclosure () -> String = "") {
        checkAtLeastOne(among: sent, in: parent())
    }

    /// At least one of the parameters must be sent (a list known only at run time).
    mutating func checkAtLeastOne(among sent: [(name: String, isSent: Bool)], in parent: @autoclosure () -> String = "") {
        guard !sent.contains(where: \.isSent) else { return }
        let all = sent.map { "`\($0.name)`" }.joined(separator: " or ")
        error(.atLeastOneOf, at: parent(), "send at least one of \(all); none is sent")
    }

    /// `name` must be sent while `condition` holds.
    @inlinable
    public mutating func checkRequired(_ sent: Bool, _ name: String, when condition: RuleCondition, in parent: @autoclosure () -> String = "") {
        if !sent && condition.holds == true {
            error(.required, at: IssuePath.member(name, of: parent()), "`\(name)` is required when \(condition.text)")
        }
    }

    /// The items of several parameters together must number at least `min` while `condition` holds.
    public mutating func checkTotalItems(_ counts: (name: String, count: Int?)..., min: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        checkTotalItems(counts: counts, min: min, when: condition, in: parent())
    }

    /// The items of several parameters together must number at least `min` while `condition` holds
    /// (a list known only at run time).
    mutating func checkTotalItems(counts: [(name: String, count: Int?)], min: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        if let condition, condition.holds != true { return }
        guard let total = Self.total(of: counts), total < min else { return }
        let names = counts.map { "`\($0.name)`" }.joined(separator: " + ")
        let items = "\(total) item\(total == 1 ? "" : "s")"
        var message = counts.count == 1 ? "\(names) has \(items); at least \(min)" : "\(names) add up to \(items); at least \(min)"
        let verb = min == 1 ? "is" : "are"
        message += condition.map { " \(verb) required when \($0.text)" } ?? " \(verb) required"
        error(.tooFewTotalItems, at: IssuePath.member(counts[0].name, of: parent()), message)
    }

    /// At most `max` items of `itemsName` may send `field`.
    public mutating func checkItemsSending(_ field: String, count: Int, max: Int, itemsName: String, in parent: @autoclosure () -> String = "") {
        guard count > max else { return }
        error(.tooManyItemsWithField, at: IssuePath.member(itemsName, of: parent()),
              "\(count) items of `\(itemsName)` send `\(field)`; at most \(max) may")
    }

    /// The items of one parameter must not exceed `max` while `condition` holds.
    @inlinable
    public mutating func checkTotalItems(_ counts: (name: String, count: Int?), max: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        guard condition.map({ $0.holds == true }) ?? true, let count = counts.count, count > max else { return }
        reportTotalItems([counts], total: count, max: max, when: condition, in: parent())
    }

    /// The items of two parameters together must not exceed `max` while `condition` holds.
    @inlinable
    public mutating func checkTotalItems(_ first: (name: String, count: Int?), _ second: (name: String, count: Int?), max: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        guard condition.map({ $0.holds == true }) ?? true, let a = first.count, let b = second.count, a + b > max else { return }
        reportTotalItems([first, second], total: a + b, max: max, when: condition, in: parent())
    }

    /// The items of several parameters together must not exceed `max` (while `condition` holds).
    public mutating func checkTotalItems(_ counts: (name: String, count: Int?)..., max: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        checkTotalItems(counts: counts, max: max, when: condition, in: parent())
    }

    /// The items of several parameters together must not exceed `max` while `condition` holds (a
    /// list known only at run time).
    mutating func checkTotalItems(counts: [(name: String, count: Int?)], max: Int, when condition: RuleCondition? = nil, in parent: @autoclosure () -> String = "") {
        if let condition, condition.holds != true { return }
        guard let total = Self.total(of: counts), total > max else { return }
        reportTotalItems(counts, total: total, max: max, when: condition, in: parent())
    }

    /// The counts added up, or nil when one is unknown (a malformed parameter).
    static func total(of counts: [(name: String, count: Int?)]) -> Int? {
        ItemCount.total(counts.map(\.count))
    }

    @usableFromInline
    mutating func reportTotalItems(_ counts: [(name: String, count: Int?)], total: Int, max: Int, when condition: RuleCondition?, in parent: String) {
        let names = counts.map { "`\($0.name)`" }.joined(separator: " + ")
        let path = IssuePath.member(counts.last { ($0.count ?? 0) > 0 }?.name ?? counts[0].name, of: parent)
        var message = counts.count == 1 ? "\(names) has \(total) items; at most \(max)" : "\(names) add up to \(total) items; at most \(max)"
        message += condition.map { " are allowed when \($0.text)" } ?? " are allowed"
        error(.tooManyTotalItems, at: path, message)
    }

    /// The items' values must add up to `total` (the target's effective value, default included).
    public mutating func checkSum<Item>(
        of items: [Item], _ part: (Item) -> Double?, equals total: Double?, totalIsDefault: Bool,
        itemsName: String, partName: String, totalName: String, in parent: @autoclosure () -> String = ""
    ) {
        guard let total else { return }
        var sum = 0.0
        for item in items {
            guard let value = part(item) else { return }
            sum += value
        }
        guard abs(sum - total) > 1e-9 else { return }
        let totalText = JSONValue.format(total) + (totalIsDefault ? " (its default, as it is not sent)" : "")
        error(.sumMismatch, at: IssuePath.member(itemsName, of: parent()), "the `\(partName)` values of `\(itemsName)` add up to \(JSONValue.format(sum)), but `\(totalName)` is \(totalText); they must be equal")
    }

    /// A parameter the provider ignores in this situation: a warning.
    @inlinable
    public mutating func checkIgnored(_ sent: Bool, _ name: String, when condition: RuleCondition, in parent: @autoclosure () -> String = "") {
        if sent && condition.holds == true {
            warning(.ignored, at: IssuePath.member(name, of: parent()), "`\(name)` is ignored when \(condition.text)")
        }
    }

    /// Numbered references in a prompt (`@Element2`, `<<<image_1>>>`) must name supplied items:
    /// each number from 1 up to `available`.
    @inlinable
    public mutating func checkReferences(
        in text: String, prefix: StaticString, suffix: StaticString, available: Int?, itemsDescription: String,
        at path: @autoclosure () -> String
    ) {
        checkReferences(in: text, prefix: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount),
                        suffix: UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount),
                        available: available, itemsDescription: itemsDescription, at: path())
    }

    /// Numbered references in a prompt must name supplied items (a prefix and suffix known only at
    /// run time).
    mutating func checkReferences(
        in text: String, prefix: String, suffix: String, available: Int?, itemsDescription: String, at path: @autoclosure () -> String
    ) {
        var prefix = prefix
        var suffix = suffix
        prefix.withUTF8 { prefix in
            suffix.withUTF8 { suffix in
                checkReferences(in: text, prefix: prefix, suffix: suffix, available: available, itemsDescription: itemsDescription, at: path())
            }
        }
    }

    /// Numbered references in a prompt must name supplied items, the prefix and suffix given as
    /// UTF-8 bytes: what both forms above share.
    @usableFromInline
    mutating func checkReferences(
        in text: String, prefix: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>, available: Int?, itemsDescription: String,
        at path: @autoclosure () -> String
    ) {
        guard let available else { return }
        var reportedPath: String?
        var text = text
        text.withUTF8 { bytes in
            TagScanner.scan(bytes, prefix: prefix, suffix: suffix) { number in
                guard number < 1 || number > available else { return }
                let path = reportedPath ?? path()
                reportedPath = path
                let tag = String(decoding: prefix, as: UTF8.self) + String(number) + String(decoding: suffix, as: UTF8.self)
                let supplied = available == 0 ? "none are supplied" : "only \(available) \(available == 1 ? "is" : "are") supplied"
                error(.unresolvedReference, at: path, "\(IssuePath.quoted(path)) refers to \(tag), but \(supplied) (\(itemsDescription))")
            }
        }
    }
}
