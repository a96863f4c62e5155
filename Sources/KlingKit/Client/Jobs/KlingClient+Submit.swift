import Foundation

extension KlingClient {
    /// Validates a Scenario request and submits it; returns the job as soon as Scenario accepts it.
    ///
    /// The request type decides the provider and endpoint, so a Scenario model cannot reach another API.
    /// - Throws: ``KlingError/invalidRequest(_:)`` with every issue (nothing is sent),
    ///   ``KlingError/submitOutcomeUnknown(_:detail:)`` when the request may have been accepted, or
    ///   another ``KlingError``.
    public func submit<Request: ScenarioRequest>(_ request: Request) async throws(KlingError) -> KlingJob {
        try await submitValidated(try typedBody(request), model: Request.model, provider: .scenario)
    }

    /// Validates an AI/ML API request and submits it; returns the generation as soon as the API accepts it.
    /// - Throws: as `submit(_:)`.
    public func submit<Request: AIMLAPIRequest>(_ request: Request) async throws(KlingError) -> KlingJob {
        try await submitValidated(try typedBody(request), model: Request.model, provider: .aimlapi)
    }

    /// Validates a request body given as wire JSON (`model.validate(wire:)`) and submits those exact
    /// bytes to the model's provider and endpoint.
    /// - Parameters:
    ///   - body: The JSON body, as it should go on the wire.
    ///   - model: The request type of the model, e.g. from `KlingModels.model(id:)`.
    public func submit(body: Data, for model: any KlingRequest.Type) async throws(KlingError) -> KlingJob {
        let provider = try checkedProvider(of: model)
        try validateWire(body, for: model)
        return try await submitValidated(body, model: model.model, provider: provider)
    }

    /// The exact HTTP request `submit(_:)` would send, credential masked, without
    /// sending anything (a dry run). Works without credentials.
    public func preparedSubmission<Request: ScenarioRequest>(_ request: Request) throws(KlingError) -> PreparedRequest {
        prepared(try typedBody(request), model: Request.model, provider: .scenario)
    }

    /// The exact HTTP request `submit(_:)` would send, credential masked.
    public func preparedSubmission<Request: AIMLAPIRequest>(_ request: Request) throws(KlingError) -> PreparedRequest {
        prepared(try typedBody(request), model: Request.model, provider: .aimlapi)
    }

    /// The exact HTTP request ``submit(body:for:)`` would send, credential masked, after the same validation.
    public func preparedSubmission(body: Data, for model: any KlingRequest.Type) throws(KlingError) -> PreparedRequest {
        let provider = try checkedProvider(of: model)
        try validateWire(body, for: model)
        return prepared(body, model: model.model, provider: provider)
    }

    // MARK: Internals

    private func typedBody<Request: KlingRequest>(_ request: Request) throws(KlingError) -> Data {
        let report = request.validate()
        guard report.isValid else { throw .invalidRequest(InvalidRequestError(modelID: Request.model.id, report: report)) }
        do {
            return try request.wireJSON()
        } catch {
            throw .invalidConfiguration("the \(Request.model.id) request could not be encoded: \(error)")
        }
    }

    private func validateWire(_ body: Data, for model: any KlingRequest.Type) throws(KlingError) {
        let report: ValidationReport
        do {
            report = try model.validate(json: body)
        } catch {
            let issue = ValidationIssue(severity: .error, path: "", code: IssueCode(rawValue: "malformed_json"), message: "The body is not JSON: \(error)")
            throw .invalidRequest(InvalidRequestError(modelID: model.model.id, report: ValidationReport(issues: [issue])))
        }
        guard report.isValid else { throw .invalidRequest(InvalidRequestError(modelID: model.model.id, report: report)) }
    }

    /// The provider a request type's marker protocol names, checked against its descriptor.
    private func checkedProvider(of model: any KlingRequest.Type) throws(KlingError) -> Provider {
        let marked: Provider
        if model is any ScenarioRequest.Type {
            marked = .scenario
        } else if model is any AIMLAPIRequest.Type {
            marked = .aimlapi
        } else {
            throw .invalidConfiguration("\(model) conforms to neither ScenarioRequest nor AIMLAPIRequest")
        }
        guard marked == model.model.provider else {
            throw .invalidConfiguration("\(model) is marked for \(marked) but its model descriptor names \(model.model.provider)")
        }
        return marked
    }

    private func prepared(_ body: Data, model: ModelDescriptor, provider: Provider) -> PreparedRequest {
        api(for: provider).submitRequest(endpoint: model.endpoint, body: body, authorization: nil).prepared
    }

    private func submitValidated(_ body: Data, model: ModelDescriptor, provider: Provider) async throws(KlingError) -> KlingJob {
        guard model.provider == provider else {
            throw .invalidConfiguration("the \(model.id) request type is marked for \(provider) but its model descriptor names \(model.provider)")
        }
        let api = api(for: provider)
        let request = api.submitRequest(endpoint: model.endpoint, body: body, authorization: try api.authorization())
        return try await executor().execute(request, provider: provider, kind: .submit) { response throws(KlingError) in
            try api.decodeSubmission(response)
        }
    }
}
