import Foundation
import KlingKit
import Testing

/// Validates a wire body given as JSON text.
func wireIssues<R: KlingRequest>(_ type: R.Type, _ json: String) throws -> [ValidationIssue] {
    try type.validate(json: json).issues
}

/// The issues as `code@path` strings, in order: compact to assert on.
func summary(_ issues: [ValidationIssue]) -> [String] {
    issues.map { "\($0.severity == .warning ? "warning:" : "")\($0.code.rawValue)@\($0.path)" }
}

/// The request's wire JSON with sorted keys.
func wireText<R: KlingRequest>(_ request: R) throws -> String {
    String(decoding: try request.wireJSON(), as: UTF8.self)
}
