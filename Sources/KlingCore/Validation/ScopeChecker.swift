internal import KlingSchema

/// The checks of one scope of a schema (the request's parameters, or an object's fields): how each
/// member is read from the wire, its value checks, and the scope's rules.
final class ScopeChecker: Sendable {
    /// One parameter or field.
    struct Member: Sendable {
        /// The wire name.
        let name: String
        /// The checks of its value (for embedded JSON, of the JSON's content).
        let value: ValueChecker
        /// Whether JSON `null` means "not sent".
        let isNullable: Bool
        /// Whether the wire carries a string holding JSON of the value.
        let isEmbeddedJSON: Bool
        /// Whether the value holds items: an array or one-or-many value, or embedded JSON of one.
        var isCollection: Bool { value.isCollection }
    }

    /// The members, in the schema's order.
    let members: [Member]
    /// The wire names, in the schema's order (the did-you-mean candidates).
    private let wireNames: [String]
    /// The length of each wire name in UTF-8 bytes: names of another length are not compared.
    private let wireNameLengths: [Int]
    /// The member whose name follows each member's in sorted order (the order of encoders that
    /// sort keys), or `members.count` after the last.
    private let nextInSortedOrder: [Int]
    /// The member whose name comes first in sorted order.
    private let firstInSortedOrder: Int
    private let indexByName: [String: Int]
    private let requiredIndices: [Int]
    /// The members whose values have something to check beyond their type.
    private let checkedIndices: [Int]
    private let rules: [RuleChecker]
    /// Every member absent: what reading an object starts from.
    private let noFields: [WireField]

    /// Prepares the checks of a scope's fields and rules.
    init(fields: [Parameter], rules: [Rule]) {
        let members = fields.map { parameter in
            var spec = parameter.value
            var isEmbeddedJSON = false
            if case .jsonString(let content) = spec.type {
                spec = content
                isEmbeddedJSON = true
            }
            return Member(name: parameter.name, value: ValueChecker(spec), isNullable: parameter.isNullable, isEmbeddedJSON: isEmbeddedJSON)
        }
        var indexByName: [String: Int] = [:]
        for (index, member) in members.enumerated() where indexByName[member.name] == nil {
            indexByName[member.name] = index
        }
        self.members = members
        noFields = Array(repeating: .absent, count: members.count)
        self.indexByName = indexByName
        wireNames = members.map(\.name)
        wireNameLengths = members.map(\.name.utf8.count)
        let sorted = members.indices.sorted { members[$0].name < members[$1].name }
        var nextInSortedOrder = Array(repeating: members.count, count: members.count)
        for (position, index) in sorted.enumerated().dropLast() { nextInSortedOrder[index] = sorted[position + 1] }
        self.nextInSortedOrder = nextInSortedOrder
        firstInSortedOrder = sorted.first ?? 0
        requiredIndices = fields.indices.filter { fields[$0].isRequired }
        checkedIndices = members.indices.filter { members[$0].value.hasChecks }
        self.rules = rules.map { RuleChecker($0, members: members, parameters: fields, indexByName: indexByName) }
    }

    /// The index of a member the schema's rules name (the linter guarantees it exists).
    func index(of name: String) -> Int? {
        indexByName[name]
    }

    // MARK: Reading

    /// Reads an object's members into fields: unknown members, duplicates and malformed values are
    /// reported in member order, then the required members that are missing.
    func read(_ object: JSONObject, at path: @autoclosure () -> String, into issues: inout IssueList) -> [WireField] {
        var fields = noFields
        // Members usually come in schema order or sorted by name: the next one in either order is
        // tried first.
        var expected = 0
        var expectedSorted = firstInSortedOrder
        for member in object.members {
            guard let index = index(of: member.key, expected: expected, expectedSorted) else {
                issues.unknownMember(member.key, known: wireNames, in: path())
                continue
            }
            expected = index + 1
            expectedSorted = nextInSortedOrder[index]
            read(member.value, as: index, into: &fields[index], at: IssuePath.member(wireNames[index], of: path()), issues: &issues)
        }
        for index in requiredIndices where !fields[index].isSent {
            issues.missing(at: IssuePath.member(wireNames[index], of: path()))
        }
        return fields
    }

    /// The index of the member named `name`: one of the expected ones when it matches, else the
    /// first by name (comparing the names of the same length is cheaper than hashing them in a
    /// small scope).
    private func index(of name: String, expected: Int, _ expectedSorted: Int) -> Int? {
        if expected < wireNames.count, wireNames[expected] == name { return expected }
        if expectedSorted < wireNames.count, wireNames[expectedSorted] == name { return expectedSorted }
        guard wireNames.count <= Self.largestScannedScope else { return indexByName[name] }
        let length = name.utf8.count
        for index in wireNames.indices where wireNameLengths[index] == length && wireNames[index] == name {
            return index
        }
        return nil
    }

    /// The most members a scope looks a name up in by comparing names rather than through its map.
    private static let largestScannedScope = 24

    private func read(_ value: JSONValue, as index: Int, into field: inout WireField, at path: @autoclosure () -> String,
                      issues: inout IssueList) {
        let member = members[index]
        if member.isNullable, case .null = value { return }
        guard !field.isSent else {
            issues.duplicate(at: path())
            return
        }
        var content = value
        if member.isEmbeddedJSON {
            guard let parsed = EmbeddedJSON.parse(wire: value, at: path(), into: &issues) else {
                field = .invalid
                return
            }
            content = parsed
        }
        if let read = members[index].value.read(content, at: path(), into: &issues) {
            field = .present(read)
        } else {
            field = .invalid
        }
    }

    // MARK: Checking

    /// Checks the values that were read, then the rules between them.
    func check(_ fields: [WireField], into issues: inout IssueList, at path: @autoclosure () -> String) {
        for index in checkedIndices {
            if case .present(let value) = fields[index] {
                members[index].value.check(value, into: &issues, at: IssuePath.member(wireNames[index], of: path()))
            }
        }
        for rule in rules {
            rule.check(fields, into: &issues, at: path())
        }
    }
}
