import CommandLineKit
import DiagnosticText
import Foundation
import KlingKit

/// `kling validate --model <id> [--format text|json] <file|->`: checks a request body exactly as it
/// would go on the wire.
struct ValidateCommand: KlingCommand {
    static let modelOption = ValueOption("model", value: "id", help: "The model the body is for.")
    static let formatOption = ValueOption("format", value: "text|json", default: "text", help: "How to print the result.")

    static let spec = CommandSpec(
        name: "kling validate",
        abstract: "Check a request body as it would go on the wire; list every issue.",
        arguments: [.init("file", help: "The JSON request body, or '-' for standard input.")],
        options: [modelOption, formatOption],
        discussion: """
            Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error, unknown model, unreadable
            file or malformed JSON.
            JSON output: {"valid": Bool, "issues": [{"severity", "path", "code", "message"}]}, plus
            "omitted": {"errors": Int, "warnings": Int} when more issues were found than are listed
            (at most 10 per path and 200 in all).
            """
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let requestType = try ModelLookup.requestType(arguments[modelOption], command: spec.name)
        let format = arguments[formatOption] ?? "text"
        guard format == "text" || format == "json" else {
            throw UsageError("--format is 'text' or 'json', not '\(format)'", command: spec.name)
        }
        let path = arguments.positionals[0]
        let data: Data
        do {
            data = try Console.read(path)
        } catch {
            Console.error(TerminalText.escaped("error: cannot read '\(path)': \(error.localizedDescription)") + "\n")
            return .usage
        }
        let report: ValidationReport
        do {
            report = try requestType.validate(json: data)
        } catch {
            Console.error(TerminalText.escaped("error: \(path == "-" ? "standard input" : path) is not valid JSON: \(error)") + "\n")
            return .usage
        }
        Console.out(format == "json" ? json(report) : text(report))
        return report.isValid ? .success : .failure
    }

    static func json(_ report: ValidationReport) -> String {
        let issues = report.issues.map { issue -> JSONValue in
            [
                "severity": .string(issue.severity.rawValue), "path": .string(issue.path),
                "code": .string(issue.code.rawValue), "message": .string(issue.message),
            ]
        }
        var document = JSONObject([.init(key: "valid", value: .bool(report.isValid)), .init(key: "issues", value: .array(issues))])
        if report.omitted.total > 0 {
            let omitted: JSONValue = ["errors": .number(Double(report.omitted.errors)), "warnings": .number(Double(report.omitted.warnings))]
            document.members.append(JSONObject.Member(key: "omitted", value: omitted))
        }
        return JSONValue.object(document).jsonText + "\n"
    }

    /// One line per issue, then the omitted count and a summary. Paths and messages quote the
    /// input, so they are escaped for the terminal.
    static func text(_ report: ValidationReport) -> String {
        var lines = report.issues.map { issue in
            let path = issue.path.isEmpty ? "(request)" : TerminalText.escaped(issue.path)
            return "\(issue.severity.rawValue): \(path): \(TerminalText.escaped(issue.message)) [\(issue.code.rawValue)]"
        }
        if let omitted = report.omittedSummary { lines.append("… " + omitted) }
        let errors = report.errorCount
        let warnings = report.warningCount
        let summary = report.isValid
            ? "valid" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")
            : "invalid: \(errors) error\(errors == 1 ? "" : "s")" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")
        return (lines + [summary]).joined(separator: "\n") + "\n"
    }
}
