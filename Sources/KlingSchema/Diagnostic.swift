#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// A fault in a schema file: which file, where in it (a JSON path such as
/// `$.parameters[3].default`), and what is wrong.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    public var file: String
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { "\(file): \(path): \(message)" }
}

/// Every fault found in a set of schemas.
public struct SchemaErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// JSON paths for diagnostics: `$`, `$.parameters[3].default`.
enum JSONPath {
    static let root = "$"

    static func member(_ name: String, of parent: String) -> String {
        let isPlain = !name.isEmpty && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        return isPlain ? "\(parent).\(name)" : "\(parent)[\"\(name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\""))\"]"
    }

    static func element(_ index: Int, of parent: String) -> String {
        "\(parent)[\(index)]"
    }

    /// `diagnostics` sorted by where their paths occur in `document` (a value before its members),
    /// keeping the order of diagnostics at one path; a path not in the document sorts last.
    static func inDocumentOrder(_ diagnostics: [Diagnostic], of document: JSONValue) -> [Diagnostic] {
        var positions: [String: Int] = [:]
        func visit(_ value: JSONValue, at path: String) {
            if positions[path] == nil { positions[path] = positions.count }
            switch value {
            case .object(let object):
                for member in object.members { visit(member.value, at: self.member(member.key, of: path)) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { visit(element, at: self.element(index, of: path)) }
            default:
                break
            }
        }
        visit(document, at: root)
        return diagnostics.enumerated()
            .sorted { (positions[$0.element.path] ?? .max, $0.offset) < (positions[$1.element.path] ?? .max, $1.offset) }
            .map(\.element)
    }
}
