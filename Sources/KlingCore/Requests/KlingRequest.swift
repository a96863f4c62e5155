import Foundation

/// An asset id the provider returned for an uploaded or generated file (`asset_...` on Scenario).
public typealias AssetID = String

/// A typed request body for one model. Generated from the model's schema, which the type carries
/// (``schema``): its description (``model``) and its validation are read from it.
public protocol KlingRequest: WireObject {
    /// The schema the type was generated from.
    static var schema: RequestSchema { get }

    /// Every issue in this request; an empty report for a valid one. Generated: the request's limits
    /// and rules checked on its typed properties, with the words and wire paths of
    /// ``validate(wire:)``.
    func validate() -> ValidationReport
}

/// A request for a model hosted on Scenario.
public protocol ScenarioRequest: KlingRequest {}

/// A request for a model hosted on the AI/ML API.
public protocol AIMLAPIRequest: KlingRequest {}

extension KlingRequest {
    /// The model's id, provider, endpoint, parameters, limits and rules.
    public static var model: ModelDescriptor { schema.descriptor }

    /// Every issue in a request body as it would go on the wire: unknown parameters, values of the
    /// wrong JSON type, and everything ``validate()`` checks.
    public static func validate(wire: JSONValue) -> ValidationReport {
        schema.validate(wire: wire)
    }

    /// Validates a request body given as JSON text.
    /// - Throws: ``JSONSyntaxError`` when the text is not JSON.
    public static func validate(json text: String) throws(JSONSyntaxError) -> ValidationReport {
        validate(wire: try JSONParser.parse(text))
    }

    /// Validates a request body given as JSON bytes.
    /// - Throws: ``JSONSyntaxError`` when the bytes are not JSON.
    public static func validate(json data: Data) throws(JSONSyntaxError) -> ValidationReport {
        let value = data.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) }
        }
        return validate(wire: try value.get())
    }

    /// Throws ``InvalidRequestError`` with every error when the request is invalid.
    public func validated() throws(InvalidRequestError) -> Self {
        let report = validate()
        guard report.isValid else { throw InvalidRequestError(modelID: Self.model.id, report: report) }
        return self
    }

    /// The request body exactly as it goes on the wire.
    public func wireJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
