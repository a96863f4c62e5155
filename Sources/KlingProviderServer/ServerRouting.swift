import Foundation

extension ProviderServer {
    /// Which route a request belongs to, for faults and for the record.
    static func route(method: String, path: String) -> Route? {
        let segments = path.split(separator: "/").map(String.init)
        switch (method, segments.first) {
        case ("POST", "v1") where segments.count == 4 && segments[1] == "generate" && segments[2] == "custom":
            return .submit
        case ("GET", "v1") where segments.count == 3 && segments[1] == "jobs":
            return .status
        case ("POST", "v1") where segments.count == 4 && segments[1] == "jobs" && segments[3] == "action":
            return .cancel
        case ("GET", "v1") where segments.count == 3 && segments[1] == "assets":
            return .asset
        case (_, "v1") where segments.count >= 2 && (segments[1] == "assets" || segments[1] == "uploads"):
            return .upload
        case ("POST", "v2") where path == "/v2/video/generations":
            return .submit
        case ("GET", "v2") where path == "/v2/video/generations":
            return .status
        case ("GET", "cdn"):
            return .download
        case ("PUT", "upload-parts"):
            return .uploadPart
        default:
            return nil
        }
    }

    /// Records the request, applies a pending fault, and answers.
    func handle(_ request: HTTPConnection.Request) -> ServerReply {
        if let inspection = inspection(request) { return .respond(inspection) }
        let route = Self.route(method: request.method, path: request.path)
        let fault = state.withLock { state -> Fault? in
            let recordedBody = request.body.count <= configuration.maximumRecordedBodyBytes ? request.body : Data()
            state.requests.append(RecordedRequest(
                sequence: state.requests.count + 1, method: request.method, path: request.path,
                query: request.query, headers: request.headers, body: recordedBody
            ))
            return route.flatMap { state.takeFault(for: $0) }
        }
        switch fault {
        case .status(let status, let headers, let body)?:
            return .respond(.text(status, body, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        case .dropBeforeAccepting?:
            return .drop(delay: 0)
        case .expireURL?:
            if let token = request.query["token"] {
                state.withLock { _ = $0.expiredTokens.insert(token) }
            }
        default:
            break
        }
        var response = dispatch(request, route: route)
        if route == .submit, (200..<300).contains(response.status) { response.delay = submitAnswerDelay() }
        switch fault {
        case .dropAfterAccepting?:
            return .drop(delay: 0)
        case .delayResponse(let seconds)?:
            response.delay = seconds
        case .truncate(let bytes)?:
            response.truncateAfter = bytes
        case .throttle(let rate)?:
            response.bytesPerSecond = rate
        case .replaceBody(let text)?:
            response.body = .data(Data(text.utf8))
        case .cutBody(let count)?:
            if case .data(let data) = response.body { response.body = .data(data.prefix(max(0, count))) }
        default:
            break
        }
        return .respond(response)
    }

    private func dispatch(_ request: HTTPConnection.Request, route: Route?) -> ServerResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        switch route {
        case .submit? where segments.first == "v1":
            return scenarioGenerate(request, modelID: segments[3])
        case .status? where segments.first == "v1":
            return scenarioJob(request, jobID: segments[2])
        case .cancel?:
            return scenarioJobAction(request, jobID: segments[2])
        case .asset?:
            return scenarioAsset(request, assetID: segments[2])
        case .upload?:
            return scenarioUpload(request, segments: segments)
        case .submit?:
            return aimlapiCreate(request)
        case .status?:
            return aimlapiFetch(request)
        case .download?:
            return cdnDownload(request, segments: segments)
        case .uploadPart?:
            return uploadPart(request, segments: segments)
        case .any?, nil:
            return .json(404, ["message": "Cannot \(request.method) \(request.path)", "statusCode": 404])
        }
    }

    // MARK: Shared pieces

    /// Parses a JSON object body; nil when the body is not one.
    static func jsonObject(_ body: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    func scenarioAuthorized(_ request: HTTPConnection.Request) -> Bool {
        let token = Data("\(configuration.scenarioAPIKey):\(configuration.scenarioAPISecret)".utf8).base64EncodedString()
        return request.headers["authorization"] == "Basic \(token)"
    }

    func aimlapiAuthorized(_ request: HTTPConnection.Request) -> Bool {
        request.headers["authorization"] == "Bearer \(configuration.aimlapiKey)"
    }

    /// A new job, using the next queued plan or the default one.
    func createJob(provider: ServerProvider, modelID: String, body: Data) -> ServerJob {
        state.withLock { state in
            let plan = state.plans.isEmpty ? configuration.defaultPlan : state.plans.removeFirst()
            let number = state.nextNumber()
            let id: String
            switch provider {
            case .scenario: id = "job_\(number)_" + UUID().uuidString.prefix(8).lowercased()
            case .aimlapi: id = UUID().uuidString.lowercased() + ":" + modelID
            }
            var delay: Double?
            if case .afterDelay(let range) = plan.completion {
                delay = Double.random(in: range)
            }
            var job = ServerJob(id: id, provider: provider, modelID: modelID, body: body, plan: plan, createdAt: Date(), delay: delay)
            if case .success(let bytes, let count, let mediaType) = plan.outcome {
                for index in 0..<max(1, count) {
                    let assetID = provider == .scenario ? "asset_\(number)_\(index + 1)" : "video_\(number)_\(index + 1)"
                    job.assetIDs.append(assetID)
                    let kind = String(mediaType.prefix { $0 != "/" })
                    state.assets[assetID] = ServerAsset(id: assetID, length: bytes, content: nil, kind: kind, mimeType: mediaType)
                }
            }
            job.statusHistory = ["queued"]
            state.jobs[id] = job
            state.jobOrder.append(id)
            return job
        }
    }

    /// Counts a status read and returns the job with its view; nil for an unknown job.
    func readJob(_ id: String) -> (ServerJob, JobView)? {
        state.withLock { state in
            guard var job = state.jobs[id] else { return nil }
            job.polls += 1
            if job.shownFinishedAt != nil { job.readsAfterShownFinished += 1 }
            let now = Date()
            let view = job.view(now: now, scenario: job.provider == .scenario)
            if view.phase != .running, job.shownFinishedAt == nil { job.shownFinishedAt = now }
            if job.statusHistory.last != view.status { job.statusHistory.append(view.status) }
            state.jobs[id] = job
            return (job, view)
        }
    }

    /// A fresh CDN URL for an asset.
    func cdnURL(for assetID: String) -> String {
        let token = state.withLock { $0.issueToken(for: assetID) }
        return "\(baseURL.absoluteString)/cdn/\(assetID)?token=\(token)"
    }

    static func timestamp(_ date: Date = Date()) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
