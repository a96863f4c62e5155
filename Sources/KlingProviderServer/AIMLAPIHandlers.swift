import Foundation

/// The AI/ML API: `POST /v2/video/generations` and `GET /v2/video/generations?generation_id=`.
extension ProviderServer {
    /// The challenge an AI/ML API 401 carries.
    public static let aimlapiChallenge = "Bearer"

    func aimlapiError(_ status: Int, _ message: String, path: String, errors: [[String: any Sendable]]? = nil) -> ServerResponse {
        var body: [String: any Sendable] = [
            "message": message, "path": path, "requestId": UUID().uuidString.lowercased(),
            "statusCode": status, "timestamp": Self.timestamp(),
        ]
        if let errors { body["errors"] = errors }
        return .json(status, body, headers: status == 401 ? [("WWW-Authenticate", Self.aimlapiChallenge)] : [])
    }

    /// A 400 as the AI/ML API words a body that fails its schema: the generic "Body validation
    /// error!" with the details after it, one issue per problem (Zod-style: `code`, `message`, `path`).
    func aimlapiValidationError(_ problems: [String], path: String) -> ServerResponse {
        let issues = problems.map { problem -> [String: any Sendable] in
            let field = problem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            let fieldPath: [any Sendable] = field.contains(" ") ? [] : [field]
            return ["code": "invalid_value", "message": problem, "path": fieldPath]
        }
        return aimlapiError(400, "Body validation error!", path: path, errors: issues)
    }

    func aimlapiCreate(_ request: HTTPConnection.Request) -> ServerResponse {
        guard aimlapiAuthorized(request) else { return aimlapiError(401, "Unauthorized", path: request.path) }
        guard let body = Self.jsonObject(request.body) else {
            return aimlapiError(400, "The request body must be a JSON object", path: request.path)
        }
        guard let model = body["model"] as? String else {
            return aimlapiError(400, "model: Required", path: request.path)
        }
        if let validator = configuration.validator {
            guard let problems = validator(model, request.body) else {
                return aimlapiValidationError(["Invalid enum value. Expected a Kling video model, received '\(model)'"], path: request.path)
            }
            if !problems.isEmpty {
                return aimlapiValidationError(problems, path: request.path)
            }
        }
        let job = createJob(provider: .aimlapi, modelID: model, body: request.body)
        return .json(201, ["id": job.id, "status": "queued"])
    }

    func aimlapiFetch(_ request: HTTPConnection.Request) -> ServerResponse {
        guard aimlapiAuthorized(request) else { return aimlapiError(401, "Unauthorized", path: request.path) }
        guard let id = request.query["generation_id"], !id.isEmpty else {
            return aimlapiError(400, "generation_id: Required", path: request.path)
        }
        guard let (job, view) = readJob(id) else {
            return aimlapiError(404, "Generation \(id) not found", path: request.path)
        }
        var body: [String: any Sendable] = ["id": job.id, "status": view.status]
        switch view.phase {
        case .succeeded:
            body["video"] = ["url": cdnURL(for: job.assetIDs[0])]
            body["meta"] = ["usage": ["credits_used": 120000]] as [String: any Sendable]
        case .failed:
            if case .failure(let message, _) = job.plan.outcome {
                body["error"] = ["name": "GenerationError", "message": message]
            }
        case .running, .canceled:
            break
        }
        return .json(200, body)
    }
}
