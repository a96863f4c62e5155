/// Collects the issues of one validation run. Generated validators add to it through the check
/// functions in this module, so every model words the same problem the same way.
public struct IssueList: Sendable {
    public private(set) var issues: [ValidationIssue] = []

    public init() {}

    public var report: ValidationReport { ValidationReport(issues: issues) }
    public var isEmpty: Bool { issues.isEmpty }

    public mutating func error(_ code: IssueCode, at path: String, _ message: String) {
        issues.append(ValidationIssue(severity: .error, path: path, code: code, message: message))
    }

    public mutating func warning(_ code: IssueCode, at path: String, _ message: String) {
        issues.append(ValidationIssue(severity: .warning, path: path, code: code, message: message))
    }
}

/// Builds issue paths: `multiPrompt[2].duration`.
public enum IssuePath {
    @inlinable
    public static func member(_ name: String, of parent: String) -> String {
        parent.isEmpty ? name : parent + "." + name
    }

    @inlinable
    public static func element(_ index: Int, of parent: String) -> String {
        parent + "[" + String(index) + "]"
    }

    /// How a path is named in a message: `` `duration` ``, or "the request" for the root.
    public static func quoted(_ path: String) -> String {
        path.isEmpty ? "the request" : "`\(path)`"
    }
}
