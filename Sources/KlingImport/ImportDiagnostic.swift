/// A snapshot the importer cannot turn into a base: the file, a JSON path into it and what is wrong.
///
/// The importer refuses what it does not understand (an unknown member, type or format) rather than
/// dropping it, so a provider's new construct surfaces as an error instead of silently vanishing.
public struct ImportDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The snapshot file, relative to the provider's snapshot folder.
    public var file: String
    /// A JSON path into the file (`$.paths./v2/video/generations.post...properties.duration`).
    public var path: String
    /// What is wrong, as a sentence.
    public var message: String

    /// A diagnostic at `path` in `file`.
    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `<file>: <path>: <message>`.
    public var description: String { "\(file): \(path): \(message)" }
}

/// Every diagnostic of an import that failed.
public struct ImportErrors: Error, Sendable, CustomStringConvertible {
    /// The diagnostics in the order they were found.
    public var diagnostics: [ImportDiagnostic]

    /// The failure of an import with these diagnostics.
    public init(_ diagnostics: [ImportDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics for one file while an importer walks it.
struct DiagnosticLog {
    let file: String
    private(set) var diagnostics: [ImportDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ path: String, _ message: String) {
        diagnostics.append(ImportDiagnostic(file: file, path: path, message: message))
    }
}
