#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// Reads a schema file into a ``ModelSchema`` and lints it, reporting every fault it finds (not the
/// first) with the file and the JSON path of the fault. Reading (JSON into the model, structural
/// faults) and linting (``SchemaLinter``, checks of the model) are separate passes.
public enum SchemaReader {
    /// How deep value specs may nest through `items`, `fields` and `content` (a parameter's own spec
    /// is level 1). Bounds the reader's, the linter's and the emitter's recursion, whatever the input.
    public static let maximumNesting = 16

    /// Reads and lints one schema.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's path relative to the schemas folder, used in diagnostics and provenance.
    /// - Returns: The schema unless a finding is an error, and every finding in document order.
    public static func lint(_ data: Data, file: String) -> LintResult<ModelSchema> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(data)
        } catch {
            return LintResult(value: nil, diagnostics: [
                Diagnostic(file: file, path: JSONPath.root, message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)"),
            ])
        }
        return lint(json, file: file)
    }

    /// Reads and lints one schema already parsed as JSON: the reader's and the linter's findings
    /// together, in document order.
    public static func lint(_ json: JSONValue, file: String) -> LintResult<ModelSchema> {
        let draft = draft(json, file: file)
        let found = draft.diagnostics + SchemaLinter.lint(draft)
        let diagnostics = found.isEmpty ? [] : JSONPath.inDocumentOrder(found, of: json)
        guard let schema = draft.model else {
            return LintResult(value: nil, diagnostics: diagnostics.containsError ? diagnostics : diagnostics + [
                Diagnostic(file: file, path: JSONPath.root, message: "the schema cannot be read"),
            ])
        }
        return LintResult(value: schema, diagnostics: diagnostics)
    }

    /// Reads one schema already parsed as JSON into the model, without linting it: the model may
    /// break rules of the format that only ``SchemaLinter`` checks. The draft's findings are the
    /// structural faults alone, unsorted.
    public static func draft(_ json: JSONValue, file: String) -> SchemaDraft {
        var reader = Reader(file: file)
        return reader.readModel(json)
    }

    /// Reads and lints one schema file from disk.
    public static func lint(contentsOf url: URL, relativePath: String) -> LintResult<ModelSchema> {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return LintResult(value: nil, diagnostics: [Diagnostic(file: relativePath, path: JSONPath.root, message: "cannot read the file: \(error)")])
        }
        return lint(data, file: relativePath)
    }

    /// Reads and lints one schema; warnings are dropped.
    /// - Throws: ``SchemaErrors`` with every finding when one is an error.
    public static func read(_ data: Data, file: String) throws(SchemaErrors) -> ModelSchema {
        try lint(data, file: file).get()
    }

    /// Reads and lints one schema file from disk; warnings are dropped.
    public static func read(contentsOf url: URL, relativePath: String) throws(SchemaErrors) -> ModelSchema {
        try lint(contentsOf: url, relativePath: relativePath).get()
    }
}


/// The keys each object of the format allows.
enum Keys {
    static let model = ["$schema", "id", "provider", "title", "swiftName", "summary", "capabilities", "endpoint", "sources", "notes", "parameters", "rules"]
    static let endpoint = ["method", "path"]
    static let source = ["title", "url"]
    static let valueSpec = ["type", "values", "valueSet", "typeName", "ignoresCase", "acceptsIntegerForm", "const",
                            "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "alsoAccepts", "items", "fields", "rules", "content"]
    static let parameter = ["name", "swiftName", "description", "source", "required", "nullable", "default", "note"] + valueSpec
    static let nested = ["description"] + valueSpec
    static let choice = ["value", "swiftName", "description"]
    /// Every member any rule may have.
    static let rule: [String] = {
        var members = ruleCommon
        for kind in Vocabulary.RuleKindName.allCases {
            for member in kind.members where !members.contains(member) { members.append(member) }
        }
        return members
    }()
    static let condition = ["param"] + Vocabulary.ConditionTestName.all
    /// The members every rule may have.
    static let ruleCommon = ["kind", "source", "description"]
}
