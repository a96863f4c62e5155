#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// A finding in a schema file: which file, where in it (a JSON path such as
/// `$.parameters[3].default`), what is wrong, and how much it matters.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    /// How much a finding matters.
    public enum Severity: String, Hashable, Sendable {
        /// The schema cannot be used: nothing is generated.
        case error
        /// The schema works but probably does not say what its author meant (a rule that can never
        /// fire); printed, but generation goes on.
        case warning
    }

    public var file: String
    public var path: String
    public var message: String
    public var severity: Severity

    public init(file: String, path: String, message: String, severity: Severity = .error) {
        self.file = file
        self.path = path
        self.message = message
        self.severity = severity
    }

    /// `file: path: message`.
    public var description: String { "\(file): \(path): \(message)" }

    /// `error: file: path: message` or `warning: …`, as the command line prints it.
    public var line: String { "\(severity.rawValue): \(description)" }
}

/// The findings of reading a set of schemas when at least one is an error (warnings included, in
/// their places).
public struct SchemaErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The errors alone.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// What linting found: the value read (nil when there is an error) and every finding, errors and
/// warnings, in the order of the files and, within a file, of the document.
public struct LintResult<Value: Sendable>: Sendable {
    /// The value, when no finding is an error.
    public var value: Value?
    public var diagnostics: [Diagnostic]

    public init(value: Value?, diagnostics: [Diagnostic]) {
        self.value = diagnostics.containsError ? nil : value
        self.diagnostics = diagnostics
    }

    /// The findings that are warnings.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// The result with its value transformed (findings kept).
    public func map<Other: Sendable>(_ transform: (Value) -> Other) -> LintResult<Other> {
        LintResult<Other>(value: value.map(transform), diagnostics: diagnostics)
    }

    /// The value, or every finding as ``SchemaErrors`` when one is an error.
    public func get() throws(SchemaErrors) -> Value {
        guard let value else { throw SchemaErrors(diagnostics) }
        return value
    }
}

extension [Diagnostic] {
    /// Whether any finding is an error.
    public var containsError: Bool { contains { $0.severity == .error } }
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

    /// A path and the paths of the values that contain it: `$.a[2].b` → `$`, `$.a`, `$.a[2]`, `$.a[2].b`.
    static func prefixes(of path: String) -> [Substring] {
        var prefixes: [Substring] = []
        var inQuotes = false
        var escaped = false
        for index in path.utf8.indices {
            let byte = path.utf8[index]
            if inQuotes {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inQuotes = false }
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "[") {
                prefixes.append(path[..<index])
            }
        }
        prefixes.append(path[...])
        return prefixes
    }

    /// `diagnostics` sorted by where their paths occur in `document` (a value before its members),
    /// keeping the order of diagnostics at one path; a path not in the document sorts last.
    static func inDocumentOrder(_ diagnostics: [Diagnostic], of document: JSONValue) -> [Diagnostic] {
        // Only the values on the way to a diagnostic are visited (a file may hold 20,000 sources and
        // one fault); iterative, with its own stack, since a document may nest as deep as the parser allows.
        var wanted: Set<Substring> = []
        for diagnostic in diagnostics { wanted.formUnion(prefixes(of: diagnostic.path)) }
        var positions: [String: Int] = [:]
        var pending: [(value: JSONValue, path: String)] = [(document, root)]
        while let (value, path) = pending.popLast() {
            if positions[path] == nil { positions[path] = positions.count }
            switch value {
            case .object(let object):
                for member in object.members.reversed() {
                    let memberPath = self.member(member.key, of: path)
                    if wanted.contains(memberPath[...]) { pending.append((member.value, memberPath)) }
                }
            case .array(let elements):
                for (index, element) in elements.enumerated().reversed() {
                    let elementPath = self.element(index, of: path)
                    if wanted.contains(elementPath[...]) { pending.append((element, elementPath)) }
                }
            default:
                break
            }
        }
        return diagnostics.enumerated()
            .sorted { (positions[$0.element.path] ?? .max, $0.offset) < (positions[$1.element.path] ?? .max, $1.offset) }
            .map(\.element)
    }
}
