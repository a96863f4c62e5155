/// One problem found in a request.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How serious an issue is: an error makes the request invalid, a warning does not.
    public enum Severity: String, Hashable, Sendable, Codable {
        /// The provider would reject the request (or silently drop the value): it must not be sent.
        case error
        /// The request is valid but something in it will be ignored or is not a documented value.
        case warning
    }

    /// Whether the issue makes the request invalid (``Severity-swift.enum/error``) or only deserves
    /// attention (``Severity-swift.enum/warning``).
    public var severity: Severity
    /// Where the problem is, in wire names: `duration`, `multiPrompt[2].duration`,
    /// `elements[0].reference_image_urls`. Empty for the request as a whole.
    public var path: String
    /// A stable, machine-readable identifier of the kind of problem (see ``IssueCode``).
    public var code: IssueCode
    /// What is wrong and, where it helps, how to fix it.
    public var message: String

    /// Creates an issue; validators create them through ``IssueList``.
    public init(severity: Severity, path: String, code: IssueCode, message: String) {
        self.severity = severity
        self.path = path
        self.code = code
        self.message = message
    }

    public var description: String {
        "\(severity.rawValue): \(path.isEmpty ? "(request)" : path): \(message) [\(code.rawValue)]"
    }
}

/// The kinds of problem a validator reports. The raw values are part of `kling validate --format json`.
public struct IssueCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // Shape of the JSON.
    /// A value that must be a JSON object (the request, or an object parameter) is something else.
    public static let notAnObject = IssueCode(rawValue: "not_an_object")
    /// A value has the wrong JSON type, e.g. a string where a number is expected.
    public static let typeMismatch = IssueCode(rawValue: "type_mismatch")
    /// The request sends a parameter the model does not have.
    public static let unknownParameter = IssueCode(rawValue: "unknown_parameter")
    /// One JSON object names the same parameter twice.
    public static let duplicateParameter = IssueCode(rawValue: "duplicate_parameter")
    /// A required parameter is not sent.
    public static let required = IssueCode(rawValue: "required")
    /// A parameter sent as a string holding JSON holds text that is not valid JSON.
    public static let invalidEmbeddedJSON = IssueCode(rawValue: "invalid_embedded_json")
    /// A parameter whose value is fixed for the model is sent with another value.
    public static let constantMismatch = IssueCode(rawValue: "constant_mismatch")

    // Single values.
    /// A choice is outside the values the provider documents (an error).
    public static let notAllowed = IssueCode(rawValue: "value_not_allowed")
    /// A choice is outside the values the schema inferred (a warning).
    public static let unknownValue = IssueCode(rawValue: "unknown_value")
    /// A number is below the documented minimum.
    public static let belowMinimum = IssueCode(rawValue: "below_minimum")
    /// A number is above the documented maximum.
    public static let aboveMaximum = IssueCode(rawValue: "above_maximum")
    /// A string has fewer characters than documented.
    public static let tooShort = IssueCode(rawValue: "too_short")
    /// A string has more characters than documented.
    public static let tooLong = IssueCode(rawValue: "too_long")
    /// An array holds fewer items than documented.
    public static let tooFewItems = IssueCode(rawValue: "too_few_items")
    /// An array holds more items than documented.
    public static let tooManyItems = IssueCode(rawValue: "too_many_items")
    /// A URL parameter is not an absolute `http` or `https` URL.
    public static let invalidURL = IssueCode(rawValue: "invalid_url")
    /// An asset id is empty.
    public static let emptyAssetID = IssueCode(rawValue: "empty_asset_id")

    // Rules between parameters.
    /// A parameter is sent without another parameter it requires.
    public static let missingDependency = IssueCode(rawValue: "missing_dependency")
    /// Parameters that cannot be sent together are sent together.
    public static let mutuallyExclusive = IssueCode(rawValue: "mutually_exclusive")
    /// Of a group of parameters exactly one must be sent, and none or several are.
    public static let exactlyOneOf = IssueCode(rawValue: "exactly_one_of")
    /// Of a group of parameters at least one must be sent, and none is.
    public static let atLeastOneOf = IssueCode(rawValue: "at_least_one_of")
    /// Arrays whose items count together hold more items than documented.
    public static let tooManyTotalItems = IssueCode(rawValue: "too_many_total_items")
    /// Arrays whose items count together hold fewer items than documented.
    public static let tooFewTotalItems = IssueCode(rawValue: "too_few_total_items")
    /// More items of an array send a field than documented ("only one element with a video").
    public static let tooManyItemsWithField = IssueCode(rawValue: "too_many_items_with_field")
    /// Parts of an array do not add up to the total another parameter states.
    public static let sumMismatch = IssueCode(rawValue: "sum_mismatch")
    /// A parameter is sent where the provider ignores it (a warning).
    public static let ignored = IssueCode(rawValue: "ignored")
    /// A tag in a prompt (`@Image3`) numbers an item that is not sent.
    public static let unresolvedReference = IssueCode(rawValue: "unresolved_reference")
}

/// Everything a validator found in one request.
public struct ValidationReport: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The issues listed, in the order they were found (at most ``IssueList/maximumIssues``).
    public var issues: [ValidationIssue]
    /// Issues found but not listed (beyond ``IssueList/maximumIssuesPerPath`` at one path or
    /// ``IssueList/maximumIssues`` in all). Zero for every ordinary request.
    public var omitted: OmittedIssues

    /// Creates a report from the issues listed and the count of those left out.
    public init(issues: [ValidationIssue] = [], omitted: OmittedIssues = OmittedIssues()) {
        self.issues = issues
        self.omitted = omitted
    }

    /// True when no issue is an error, listed or not. Warnings never make a request invalid.
    public var isValid: Bool { omitted.errors == 0 && !issues.contains { $0.severity == .error } }
    /// The listed issues that make the request invalid.
    public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }
    /// The listed issues that do not make the request invalid.
    public var warnings: [ValidationIssue] { issues.filter { $0.severity == .warning } }
    /// Every error found, listed or not.
    public var errorCount: Int { errors.count + omitted.errors }
    /// Every warning found, listed or not.
    public var warningCount: Int { warnings.count + omitted.warnings }

    /// "and 49991 more issues (49991 errors) not listed", or nil when every issue is listed.
    public var omittedSummary: String? {
        guard omitted.total > 0 else { return nil }
        var kinds: [String] = []
        if omitted.errors > 0 { kinds.append("\(omitted.errors) error\(omitted.errors == 1 ? "" : "s")") }
        if omitted.warnings > 0 { kinds.append("\(omitted.warnings) warning\(omitted.warnings == 1 ? "" : "s")") }
        return "and \(omitted.total) more issue\(omitted.total == 1 ? "" : "s") not listed (\(kinds.joined(separator: ", ")))"
    }

    public var description: String {
        guard !issues.isEmpty || omitted.total > 0 else { return "valid" }
        return (issues.map(\.description) + [omittedSummary].compactMap { $0 }).joined(separator: "\n")
    }

    private enum CodingKeys: String, CodingKey { case issues, omitted }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issues = try container.decode([ValidationIssue].self, forKey: .issues)
        omitted = try container.decodeIfPresent(OmittedIssues.self, forKey: .omitted) ?? OmittedIssues()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(issues, forKey: .issues)
        if omitted.total > 0 { try container.encode(omitted, forKey: .omitted) }
    }
}

/// Thrown when a request fails validation: carries every issue, not the first.
public struct InvalidRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The provider's id of the model the request was for.
    public var modelID: String
    /// Every issue found in the request.
    public var report: ValidationReport

    /// Creates the error for a request of `modelID` whose validation found `report`.
    public init(modelID: String, report: ValidationReport) {
        self.modelID = modelID
        self.report = report
    }

    public var description: String {
        let count = report.errorCount
        var lines = report.errors.map { "  - \($0.path.isEmpty ? "(request)" : $0.path): \($0.message)" }
        if report.omitted.errors > 0 { lines.append("  - and \(report.omitted.errors) more not listed") }
        return "The \(modelID) request has \(count) problem\(count == 1 ? "" : "s"):\n"
            + lines.joined(separator: "\n")
    }
}
