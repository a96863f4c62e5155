import KlingJSON
import KlingSchema

/// The Swift names of one struct the emitter writes (a request or an object parameter's type): its
/// properties, and the choice and object types nested in it, all unique and safe to declare.
final class ScopePlan {
    /// The type's own name (`KlingV3OmniVideoRequest`, `Shot`).
    let typeName: String
    /// The name as written from outside (`KlingV3OmniVideoRequest.Shot`).
    let qualifiedName: String
    private(set) var members: [Member]
    let rules: [Rule]
    let description: String?
    /// The key of the documentation page of the top-level parameter this scope belongs to.
    let sourceKey: String?
    private(set) var choiceTypes: [ChoiceType] = []
    private(set) var objectTypes: [ScopePlan] = []

    /// One parameter or field, with its Swift names.
    struct Member {
        let parameter: Parameter
        /// The property name, without backticks.
        let property: String
        /// The property's Swift type (without the optional).
        let type: String
        /// The type the validator's `Fields` holds for it.
        let fieldsType: String
        var spec: ValueSpec { parameter.value }
        var isConstant: Bool { spec.constant != nil }
        /// Whether the property is optional (not required).
        var isOptional: Bool { !parameter.isRequired }
    }

    /// A string choice's nested type.
    struct ChoiceType {
        let name: String
        let choices: Choices
        let description: String
        /// The static member for each value, in order.
        let memberNames: [String]
    }

    /// Names a nested type may not take: what generated code refers to unqualified.
    private static let reservedTypeNames: Set<String> = [
        "Fields", "Defaults", "Limits", "CodingKeys", "Type", "Self", "Protocol", "String", "Int", "Double", "Bool",
        "URL", "Array", "Optional", "AssetID", "Field", "IssueList", "IssuePath", "JSONValue", "JSONObject",
        "ValidationReport", "ModelDescriptor", "ParameterDescriptor", "ChoiceValueSet", "OpenStringChoice",
        "WireDecodable", "EmbeddedJSON", "RuleCondition", "ItemCount", "Endpoint", "Provider", "Swift", "Foundation",
        "KlingCore", "Decoder", "Encoder", "Error", "Any", "AnyObject", "Sendable", "Codable", "Hashable", "Never", "Void",
        "DecodingError", "ClosedRange", "KlingRequest", "ScenarioRequest", "AIMLAPIRequest",
    ]

    private var usedTypeNames: Set<String>

    init(typeName: String, qualifiedName: String, fields: [Parameter], rules: [Rule], description: String?,
         sourceKey: String?, outerNames: Set<String>) {
        self.typeName = typeName
        self.sourceKey = sourceKey
        self.qualifiedName = qualifiedName
        self.rules = rules
        self.description = description
        usedTypeNames = Self.reservedTypeNames.union(outerNames).union([typeName])
        var usedProperties: Set<String> = []
        var members: [Member] = []
        // Types are named after their property, so properties come first.
        var properties: [String] = []
        for parameter in fields {
            var property = parameter.swiftName ?? Identifier.propertyName(fromWireName: parameter.name)
            if SwiftSource.unusableMemberNames.contains(property) { property += "Value" }
            while !usedProperties.insert(property).inserted { property += "_" }
            properties.append(property)
        }
        self.members = []
        for (parameter, property) in zip(fields, properties) {
            let (type, fieldsType) = resolve(parameter.value, named: Identifier.typeName(fromWireName: property),
                                             description: parameter.description, sourceKey: parameter.source ?? sourceKey)
            members.append(Member(parameter: parameter, property: property, type: type, fieldsType: fieldsType))
        }
        self.members = members
    }

    func member(named wireName: String) -> Member {
        members.first { $0.parameter.name == wireName }!
    }

    /// The Swift type and the validator's type for a value, declaring nested types as needed.
    private func resolve(_ spec: ValueSpec, named baseName: String, description: String, sourceKey: String?) -> (type: String, fieldsType: String) {
        switch spec.type {
        case .string:
            guard let choices = spec.choices else { return ("String", "String") }
            let name = uniqueTypeName(choices.typeName ?? baseName)
            var memberNames: [String] = []
            var used: Set<String> = ["knownValues", "valueSet", "ignoresCase", "acceptsIntegerForm", "rawValue", "description", "isKnown"]
            for value in choices.values {
                var member = value.swiftName ?? Identifier.choiceName(fromValue: value.value)
                if SwiftSource.unusableMemberNames.contains(member) { member += "Value" }
                while !used.insert(member).inserted { member += "_" }
                memberNames.append(member)
            }
            choiceTypes.append(ChoiceType(name: name, choices: choices, description: description, memberNames: memberNames))
            return (name, name)
        case .integer: return ("Int", "Int")
        case .number: return ("Double", "Double")
        case .boolean: return ("Bool", "Bool")
        case .assetID: return ("AssetID", "AssetID")
        case .url: return ("URL", "URL")
        case .array(let items):
            let (type, fieldsType) = resolve(items, named: baseName + "Item", description: description, sourceKey: sourceKey)
            return ("[\(type)]", "[\(fieldsType)]")
        case .object(let object):
            let name = uniqueTypeName(object.typeName ?? baseName)
            let nested = ScopePlan(typeName: name, qualifiedName: qualifiedName + "." + name, fields: object.fields, rules: object.rules,
                                   description: object.description ?? description, sourceKey: sourceKey, outerNames: usedTypeNames)
            objectTypes.append(nested)
            return (name, name + ".Fields")
        case .jsonString(let content):
            return resolve(content, named: baseName, description: description, sourceKey: sourceKey)
        }
    }

    private func uniqueTypeName(_ proposed: String) -> String {
        var name = proposed
        while usedTypeNames.contains(name) { name += "Value" }
        usedTypeNames.insert(name)
        return name
    }

    /// The choice type with this name, if one is declared here.
    func choiceType(named name: String) -> ChoiceType? {
        choiceTypes.first { $0.name == name }
    }

    /// The object type with this name, if one is declared here.
    func objectType(named name: String) -> ScopePlan? {
        objectTypes.first { $0.typeName == name }
    }
}
