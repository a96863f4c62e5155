import Foundation

/// Scenario: `POST /v1/generate/custom/{modelId}`, `GET /v1/jobs/{jobId}`, `POST /v1/jobs/{jobId}/action`,
/// `GET /v1/assets/{assetId}`.
extension ProviderServer {
    /// The challenge a Scenario 401 carries (HTTP requires one on every 401).
    public static let scenarioChallenge = #"Basic realm="Scenario API""#

    static let scenarioUnauthorized: ServerResponse = .json(401, [
        "name": "UnauthorizedError", "message": "Invalid API key or secret",
    ], headers: [("WWW-Authenticate", scenarioChallenge)])

    func scenarioGenerate(_ request: HTTPConnection.Request, modelID: String) -> ServerResponse {
        guard scenarioAuthorized(request) else { return Self.scenarioUnauthorized }
        guard Self.jsonObject(request.body) != nil else {
            return .json(400, ["name": "BadRequestError", "message": "The request body must be a JSON object"])
        }
        if configuration.restrictedModels.contains(modelID) {
            return .json(403, [
                "name": "ModelAccessRestrictedError",
                "message": "Your current plan does not include access to the model \(modelID). Upgrade your plan to use it.",
            ])
        }
        if let validator = configuration.validator {
            guard let problems = validator(modelID, request.body) else {
                return .json(404, ["name": "NotFoundError", "message": "Model \(modelID) not found"])
            }
            if !problems.isEmpty {
                return .json(400, ["name": "BadRequestError", "message": problems.joined(separator: "; "), "details": problems])
            }
        }
        var refusal: ServerResponse?
        let admitted = admission.withLock { _ -> ServerJob? in
            refusal = ceilingRefusal()
            return refusal == nil ? createJob(provider: .scenario, modelID: modelID, body: request.body) : nil
        }
        guard let job = admitted else { return refusal! }
        return .json(200, ["job": scenarioJobJSON(job, status: "queued", progress: 0, phase: .running)])
    }

    func scenarioJob(_ request: HTTPConnection.Request, jobID: String) -> ServerResponse {
        guard scenarioAuthorized(request) else { return Self.scenarioUnauthorized }
        guard let (job, view) = readJob(jobID) else {
            return .json(404, ["name": "NotFoundError", "message": "Job \(jobID) not found"])
        }
        return .json(200, ["job": scenarioJobJSON(job, status: view.status, progress: view.progress, phase: view.phase)])
    }

    func scenarioJobAction(_ request: HTTPConnection.Request, jobID: String) -> ServerResponse {
        guard scenarioAuthorized(request) else { return Self.scenarioUnauthorized }
        guard let body = Self.jsonObject(request.body), let action = body["action"] as? String else {
            return .json(400, ["name": "BadRequestError", "message": "`action` is required"])
        }
        guard action == "cancel" else {
            return .json(400, ["name": "BadRequestError", "message": "Unknown action \(action)"])
        }
        let result = state.withLock { state -> ServerJob?? in
            guard var job = state.jobs[jobID] else { return .none }
            guard configuration.cancellableJobs else { return .some(nil) }
            job.canceled = true
            job.statusHistory.append("canceled")
            state.jobs[jobID] = job
            return .some(job)
        }
        switch result {
        case .none:
            return .json(404, ["name": "NotFoundError", "message": "Job \(jobID) not found"])
        case .some(nil):
            return .json(400, ["name": "BadRequestError", "message": "Cannot cancel this type of job"])
        case .some(let job?):
            return .json(200, ["job": scenarioJobJSON(job, status: "canceled", progress: 0, phase: .canceled)])
        }
    }

    func scenarioAsset(_ request: HTTPConnection.Request, assetID: String) -> ServerResponse {
        guard scenarioAuthorized(request) else { return Self.scenarioUnauthorized }
        guard let asset = state.withLock({ $0.assets[assetID] }) else {
            return .json(404, ["name": "NotFoundError", "message": "Asset \(assetID) not found"])
        }
        return .json(200, ["asset": [
            "id": asset.id, "url": cdnURL(for: asset.id), "mimeType": asset.mimeType, "kind": asset.kind,
            "status": "success", "metadata": ["size": asset.length] as [String: any Sendable],
        ] as [String: any Sendable]])
    }

    func scenarioJobJSON(_ job: ServerJob, status: String, progress: Double, phase: JobView.Phase) -> [String: any Sendable] {
        var metadata: [String: any Sendable] = ["input": String(decoding: job.body, as: UTF8.self)]
        switch phase {
        case .succeeded:
            metadata["assetIds"] = job.assetIDs
        case .failed:
            if case .failure(let message, let hint) = job.plan.outcome {
                metadata["error"] = message
                if let hint { metadata["hint"] = hint }
            }
        case .running, .canceled:
            break
        }
        let now = Self.timestamp()
        return [
            "jobId": job.id,
            "jobType": "custom",
            "status": status,
            "progress": progress,
            "createdAt": Self.timestamp(job.createdAt),
            "updatedAt": now,
            "statusHistory": job.statusHistory.map { ["status": $0, "date": now] as [String: any Sendable] },
            "metadata": metadata,
            "billing": ["cuCost": 40, "cuDiscount": 0] as [String: any Sendable],
        ]
    }
}
