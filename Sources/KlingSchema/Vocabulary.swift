/// The schema format's words, each list in one table: the reader parses with them, diagnostics
/// list them, and the model names itself with them. `Schemas/schema.json` and
/// `Docs/SchemaFormat.md` spell the same lists for editors and readers.
public enum Vocabulary {
    /// The `type` of a parameter. A new type is one case here and one in ``ValueType``; the
    /// compiler then points at every switch that must handle it.
    public enum TypeName: String, CaseIterable, Sendable {
        case string, integer, number, boolean, assetId, url, array, oneOrMany, object, jsonString

        /// Every type's name, in the table's order.
        public static let all = allCases.map(\.rawValue)
    }

    /// The `kind` of a rule, with the members each kind takes. A new kind of rule is one case here,
    /// one in ``Rule/Kind``, its reading in the rule reader, and its rendering in the emitter.
    public enum RuleKindName: String, CaseIterable, Sendable {
        case requires, mutuallyExclusive, exactlyOneOf, atLeastOneOf, requiredWhen, maxTotalItems, minTotalItems, maxItemsWithField,
             sumEquals, ignoredWhen, tagReferences

        /// The members of a rule of this kind, beyond `kind`, `source` and `description`.
        public var members: [String] {
            switch self {
            case .requires: return ["param", "requires"]
            case .mutuallyExclusive: return ["conditions"]
            case .exactlyOneOf, .atLeastOneOf: return ["params"]
            case .requiredWhen: return ["param", "when"]
            case .maxTotalItems: return ["params", "max", "when"]
            case .minTotalItems: return ["params", "min", "when"]
            case .maxItemsWithField: return ["items", "field", "max"]
            case .sumEquals: return ["items", "field", "total"]
            case .ignoredWhen: return ["param", "when"]
            case .tagReferences: return ["param", "prefix", "suffix", "counts"]
            }
        }

        /// Every kind's name, in the table's order.
        public static let all = allCases.map(\.rawValue)
    }

    /// The test of a condition, a member of the condition object beside `param`. A new kind of
    /// condition is one case here and one in ``Condition/Test``.
    public enum ConditionTestName: String, CaseIterable, Sendable {
        /// `"sent": true`: the parameter is sent; `"sent": false`: it is not.
        case sent
        /// `"equals": value`: the parameter's effective value equals the value.
        case equals

        /// Every test's name, in the table's order.
        public static let all = allCases.map(\.rawValue)
    }
}
