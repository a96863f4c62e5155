/// Collects the issues of one validation run. Generated validators add to it through the check
/// functions in this module, so every model words the same problem the same way.
///
/// Hostile input can produce an issue per byte (a prompt full of unresolved tags, thousands of
/// empty ids), so the list keeps at most ``maximumIssuesPerPath`` issues at one path and
/// ``maximumIssues`` in all, and counts the rest: the report says how many more there were, and
/// an omitted error still makes the request invalid.
public struct IssueList: Sendable {
    /// The most issues listed at one path; later ones at that path are counted, not listed.
    public static let maximumIssuesPerPath = 10
    /// The most issues listed in one report; later ones are counted, not listed.
    public static let maximumIssues = 200

    /// The issues listed, in the order they were found.
    public private(set) var issues: [ValidationIssue] = []
    /// Issues found but not listed, because of the limits above.
    public private(set) var omitted = OmittedIssues()
    private var countsByPath: [String: Int] = [:]

    /// Creates an empty list.
    public init() {}

    /// Everything found: the listed issues and the count of those left out.
    public var report: ValidationReport { ValidationReport(issues: issues, omitted: omitted) }
    /// Whether no issue was found at all.
    public var isEmpty: Bool { issues.isEmpty && omitted.total == 0 }

    /// Records an error (the provider would reject the request). The message is built only when
    /// the issue is listed.
    public mutating func error(_ code: IssueCode, at path: String, _ message: @autoclosure () -> String) {
        add(.error, code, at: path, message)
    }

    /// Records a warning (the request is valid, but something in it will be ignored or is unusual).
    /// The message is built only when the issue is listed.
    public mutating func warning(_ code: IssueCode, at path: String, _ message: @autoclosure () -> String) {
        add(.warning, code, at: path, message)
    }

    private mutating func add(_ severity: ValidationIssue.Severity, _ code: IssueCode, at path: String, _ message: () -> String) {
        if issues.count < Self.maximumIssues {
            let count = countsByPath[path, default: 0]
            if count < Self.maximumIssuesPerPath {
                countsByPath[path] = count + 1
                issues.append(ValidationIssue(severity: severity, path: path, code: code, message: message()))
                return
            }
        }
        switch severity {
        case .error: omitted.errors += 1
        case .warning: omitted.warnings += 1
        }
    }
}

/// How many issues a report found but does not list (see ``IssueList``).
public struct OmittedIssues: Hashable, Sendable, Codable {
    /// Errors left out of the list.
    public var errors: Int
    /// Warnings left out of the list.
    public var warnings: Int

    /// Creates counts of errors and warnings left out of a list.
    public init(errors: Int = 0, warnings: Int = 0) {
        self.errors = errors
        self.warnings = warnings
    }

    /// Every issue left out of the list.
    public var total: Int { errors + warnings }
}

/// Builds issue paths: `multiPrompt[2].duration`.
public enum IssuePath {
    /// The path of member `name` inside `parent`: `elements[0].frontalImage`, or `name` at the root.
    @inlinable
    public static func member(_ name: String, of parent: String) -> String {
        parent.isEmpty ? name : parent + "." + name
    }

    /// The path of item `index` of the array at `parent`: `multiPrompt[2]`.
    @inlinable
    public static func element(_ index: Int, of parent: String) -> String {
        parent + "[" + String(index) + "]"
    }

    /// How a path is named in a message: the path in backquotes, or "the request" for the root.
    public static func quoted(_ path: String) -> String {
        path.isEmpty ? "the request" : "`\(path)`"
    }
}
