/// A Swift type of generated code, as a value: renderers spell it, test it and unwrap it by
/// matching cases, never by reading text back.
///
/// A new kind of parameter type is one case here, one branch in ``spelling``, and its checks in the
/// validation renderer.
indirect enum SwiftType: Hashable, Sendable {
    case string
    case int
    case double
    case bool
    /// A provider asset id (`AssetID`, a string).
    case assetID
    /// An absolute web URL (`URL`).
    case url
    /// A URL or the file's own text, Base64 or a data URI (`MediaSource`).
    case mediaSource
    /// A type declared in the generated file, nested in a scope.
    case nested(NestedType)
    case array(SwiftType)
    /// One value or an array of them (`OneOrMany<Item>`).
    case oneOrMany(SwiftType)
    /// A value sent on the wire as a string holding JSON of the wrapped type; Swift sees the wrapped type.
    case embeddedJSON(SwiftType)
    /// A value that may be absent.
    case optional(SwiftType)

    /// The type as declared: `[Shot]?`, `Mode`, `String`.
    var spelling: String {
        switch self {
        case .string: return "String"
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .assetID: return "AssetID"
        case .url: return "URL"
        case .mediaSource: return "MediaSource"
        case .nested(let nested): return nested.name
        case .array(let element): return "[\(element.spelling)]"
        case .oneOrMany(let element): return "OneOrMany<\(element.spelling)>"
        case .embeddedJSON(let content): return content.spelling
        case .optional(let wrapped): return wrapped.spelling + "?"
        }
    }

    /// The type without its optional and embedded-JSON wrappers: what the value is in Swift.
    var unwrapped: SwiftType {
        switch self {
        case .optional(let wrapped), .embeddedJSON(let wrapped): return wrapped.unwrapped
        default: return self
        }
    }

    var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// Whether the wire carries the value as a string holding JSON.
    var isEmbeddedJSON: Bool {
        switch self {
        case .embeddedJSON: return true
        case .optional(let wrapped): return wrapped.isEmbeddedJSON
        default: return false
        }
    }

    /// The element type of an array (through the wrappers), or nil.
    var arrayElement: SwiftType? {
        if case .array(let element) = unwrapped { return element }
        return nil
    }

    /// Whether the value is a collection of items (an array or a one-or-many value), through the wrappers.
    var isCollection: Bool {
        switch unwrapped {
        case .array, .oneOrMany: return true
        default: return false
        }
    }

    /// The nested type this names (through the wrappers), or nil.
    var nestedType: NestedType? {
        if case .nested(let nested) = unwrapped { return nested }
        return nil
    }
}

/// A type the generated file declares inside a scope: a string choice or an object's struct.
struct NestedType: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// An open string choice (`OpenStringChoice`).
        case choice
        /// A struct with its own fields and validator.
        case object
    }

    /// The name, unqualified (`Mode`, `Shot`).
    let name: String
    let kind: Kind
}
