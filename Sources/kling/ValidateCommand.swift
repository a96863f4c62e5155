import CommandLineKit
import Foundation
import KlingKit

/// `kling validate --model <id> [--format text|json] <file|->`: checks a request body exactly as it
/// would go on the wire.
struct ValidateCommand: KlingCommand {
    static let spec = CommandSpec(
        name: "kling validate",
        abstract: "Check a request body as it would go on the wire; list every issue.",
        arguments: [.init("file", help: "The JSON request body, or '-' for standard input.")],
        options: [
            .init("model", value: "id", help: "The model the body is for."),
            .init("format", value: "text|json", default: "text", help: "How to print the result."),
        ],
        discussion: """
            Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error, unknown model, unreadable
            file or malformed JSON.
            JSON output: {"valid": Bool, "issues": [{"severity", "path", "code", "message"}]}.
            """
    )

    static func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let requestType = try ModelLookup.requestType(arguments.value("model"), command: spec.name)
        let format = arguments.value("format") ?? "text"
        guard format == "text" || format == "json" else {
            throw UsageError("--format is 'text' or 'json', not '\(format)'", command: spec.name)
        }
        let path = arguments.positionals[0]
        let data: Data
        do {
            data = try Console.read(path)
        } catch {
            Console.error("error: cannot read '\(path)': \(error.localizedDescription)\n")
            return .usage
        }
        let report: ValidationReport
        do {
            report = try requestType.validate(json: data)
        } catch {
            Console.error("error: \(path == "-" ? "standard input" : path) is not valid JSON: \(error)\n")
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
        let document: JSONValue = ["valid": .bool(report.isValid), "issues": .array(issues)]
        return document.jsonText + "\n"
    }

    static func text(_ report: ValidationReport) -> String {
        let lines = report.issues.map { issue in
            "\(issue.severity.rawValue): \(issue.path.isEmpty ? "(request)" : issue.path): \(issue.message) [\(issue.code.rawValue)]"
        }
        let errors = report.errors.count
        let warnings = report.warnings.count
        let summary = report.isValid
            ? "valid" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")
            : "invalid: \(errors) error\(errors == 1 ? "" : "s")" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")
        return (lines + [summary]).joined(separator: "\n") + "\n"
    }
}
