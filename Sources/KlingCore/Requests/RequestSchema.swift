import Foundation
internal import KlingSchema

/// A model's schema as a generated request type carries it: read once, on first use, into the
/// model's description and its validator.
///
/// The generator writes the schema it read into the type, so the type's checks and description
/// are exactly the schema's: no code is generated per parameter for them.
public final class RequestSchema: Sendable {
    /// The model's id, provider, endpoint, parameters, rules and notes.
    public let descriptor: ModelDescriptor
    private let validator: SchemaValidator

    /// Reads a schema as the generator wrote it into a request type.
    ///
    /// - Parameters:
    ///   - file: The schema's path relative to its schemas folder.
    ///   - json: The schema's JSON text.
    /// - Precondition: The text reads as a schema. The generator only writes schemas that read and
    ///   lint without errors (so they are not linted again here), and a failure means the generated
    ///   file was edited by hand.
    public init(file: String, json: String) {
        let draft: SchemaDraft
        do {
            draft = SchemaReader.draft(try JSONParser.parse(json), file: file)
        } catch {
            preconditionFailure("the schema in the request type generated from \(file) is not JSON: \(error)")
        }
        guard let schema = draft.model, !draft.diagnostics.containsError else {
            preconditionFailure("the schema in the request type generated from \(file) does not read back: \(draft.diagnostics.map(\.line))")
        }
        descriptor = ModelDescriptor(schema: schema)
        validator = SchemaValidator(schema: schema)
    }

    /// Every issue in a request body given as wire JSON; an empty report for a valid one.
    public func validate(wire: JSONValue) -> ValidationReport {
        validator.validate(wire: wire)
    }
}
