/// A parameter that takes one value or an array of them, such as the effects models' `image_url`
/// (one image URL, or two for the effects that show two people).
///
/// It is a collection of its items: `.one(x)` holds one, `.many(xs)` holds `xs`. Each encodes as the
/// provider takes it, a single value or a JSON array.
public enum OneOrMany<Item> {
    /// A single value, sent as itself.
    case one(Item)
    /// Several values (or one, or none), sent as a JSON array.
    case many([Item])

    /// The path of the item at `index` below the parameter's `path`: the parameter itself for a
    /// single value, the array element otherwise.
    public func itemPath(_ index: Int, of path: String) -> String {
        if case .one = self { return path }
        return IssuePath.element(index, of: path)
    }
}

extension OneOrMany: RandomAccessCollection {
    /// The position of the first item: 0.
    public var startIndex: Int { 0 }

    /// One past the last item: 1 for a single value, the array's count otherwise.
    public var endIndex: Int {
        switch self {
        case .one: return 1
        case .many(let items): return items.count
        }
    }

    /// The item at `position` (0 for a single value).
    public subscript(position: Int) -> Item {
        switch self {
        case .one(let item):
            precondition(position == 0, "index \(position) out of range for a single value")
            return item
        case .many(let items): return items[position]
        }
    }
}

extension OneOrMany: Equatable where Item: Equatable {}
extension OneOrMany: Hashable where Item: Hashable {}
extension OneOrMany: Sendable where Item: Sendable {}

extension OneOrMany: Codable where Item: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let items = try? container.decode([Item].self) {
            self = .many(items)
        } else {
            self = .one(try container.decode(Item.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .one(let item): try container.encode(item)
        case .many(let items): try container.encode(items)
        }
    }
}

extension OneOrMany: WireDecodable where Item: WireDecodable {
    /// Reads a JSON array as ``many(_:)`` (each item checked at its index), anything else as ``one(_:)``.
    public static func decode(wire value: JSONValue, at path: @autoclosure () -> String, into issues: inout IssueList) -> OneOrMany? {
        if case .array = value {
            return [Item].decode(wire: value, at: path(), into: &issues).map { .many($0) }
        }
        return Item.decode(wire: value, at: path(), into: &issues).map { .one($0) }
    }
}
