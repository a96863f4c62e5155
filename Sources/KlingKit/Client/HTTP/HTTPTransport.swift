import Foundation
import KlingPlatform
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a request got no HTTP response.
enum TransportFailure: Error, Sendable {
    /// The connection could not be opened (refused, unreachable, unknown host): the request was
    /// provably never sent.
    case notConnected(String)
    /// No data arrived for the timeout; the request may have been received.
    case timedOut(String)
    /// The connection broke or the answer was not HTTP; the request may have been received.
    case interrupted(String)
    /// The calling task was cancelled.
    case cancelled

    var detail: String {
        switch self {
        case .notConnected(let detail), .timedOut(let detail), .interrupted(let detail): return detail
        case .cancelled: return "cancelled"
        }
    }

    /// Maps a URLSession error.
    static func classify(_ error: any Error) -> TransportFailure {
        if error is CancellationError { return .cancelled }
        guard let urlError = error as? URLError else {
            return .interrupted(String(describing: type(of: error)))
        }
        let code = "URLError \(urlError.code.rawValue)"
        switch urlError.code {
        case .cancelled:
            return .cancelled
        case .cannotConnectToHost:
            return .notConnected("the connection was refused (\(code))")
        case .cannotFindHost, .dnsLookupFailed:
            return .notConnected("the host name could not be resolved (\(code))")
        case .notConnectedToInternet:
            return .notConnected("there is no network connection (\(code))")
        case .timedOut:
            return .timedOut("no answer within the request timeout (\(code))")
        case .networkConnectionLost:
            return .interrupted("the connection was lost (\(code))")
        case .badServerResponse, .cannotParseResponse, .zeroByteResource:
            return .interrupted("the server closed the connection without a valid answer (\(code))")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return .interrupted("the TLS connection failed (\(code))")
        default:
            return .interrupted("the transfer failed (\(code))")
        }
    }
}

/// Sends requests with URLSession and hands back whole responses, honouring task cancellation.
///
/// Two sessions: one whose connections are kept alive and reused (bodiless reads), and one for
/// every request with a body, where each request asks for `Connection: close`, so none of them ever
/// travels on a reused connection. libcurl, under URLSession on Linux, silently resends a request
/// whose reused keep-alive connection dies before an answer ("Connection died, retrying a fresh
/// connect"): for a paid `POST` that is a duplicate job, and since it cannot rewind the body, the
/// resent request hangs until the timeout.
///
/// Both sessions deliver through an ``ExchangeDelegate`` rather than completion handlers, so that
/// an authentication challenge (a 401 with `WWW-Authenticate`) gets an answer and its 401 comes
/// back as the response (see ``AuthenticationChallenges``).
final class HTTPTransport: Sendable {
    let pooled: URLSession
    let fresh: URLSession
    let defaultTimeout: Duration
    let userAgent: String
    let maximumConnectionsPerHost: Int
    private let pooledExchanges = ExchangeDelegate()
    private let freshExchanges = ExchangeDelegate()

    init(configuration: KlingClientConfiguration) {
        defaultTimeout = configuration.requestTimeout
        userAgent = configuration.userAgent
        maximumConnectionsPerHost = configuration.maximumConnectionsPerHost
        pooled = URLSession(configuration: Self.sessionConfiguration(configuration), delegate: pooledExchanges, delegateQueue: nil)
        fresh = URLSession(configuration: Self.sessionConfiguration(configuration), delegate: freshExchanges, delegateQueue: nil)
    }

    deinit {
        pooled.finishTasksAndInvalidate()
        fresh.finishTasksAndInvalidate()
    }

    static func sessionConfiguration(_ configuration: KlingClientConfiguration) -> URLSessionConfiguration {
        let session = URLSessionConfiguration.ephemeral
        session.urlCache = nil
        session.urlCredentialStorage = nil
        session.requestCachePolicy = .reloadIgnoringLocalCacheData
        session.httpCookieStorage = nil
        session.httpShouldSetCookies = false
        session.httpMaximumConnectionsPerHost = max(1, configuration.maximumConnectionsPerHost)
        session.timeoutIntervalForRequest = wholeSeconds(configuration.requestTimeout)
        session.timeoutIntervalForResource = 7 * 24 * 3600
        return session
    }

    /// URLSession on Linux truncates timeouts to whole seconds (and 0 fires at once).
    static func wholeSeconds(_ duration: Duration) -> TimeInterval {
        max(1, duration.inSeconds.rounded(.up))
    }

    /// The URLRequest for a request, credential included.
    func urlRequest(for request: HTTPRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = Self.wholeSeconds(request.timeout ?? defaultTimeout)
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        for header in request.headers {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if let authorization = request.authorization {
            urlRequest.setValue(authorization.headerValue, forHTTPHeaderField: "Authorization")
        }
        if Self.needsFreshConnection(request) {
            urlRequest.setValue("close", forHTTPHeaderField: "Connection")
        }
        urlRequest.httpBody = request.body
        return urlRequest
    }

    /// Whether the request goes on a connection of its own (see the type's discussion).
    static func needsFreshConnection(_ request: HTTPRequest) -> Bool {
        request.needsFreshConnection || request.body != nil
    }

    /// Sends one request once.
    func send(_ request: HTTPRequest) async throws(TransportFailure) -> HTTPResponse {
        let urlRequest = urlRequest(for: request)
        let fresh = Self.needsFreshConnection(request)
        let session = fresh ? self.fresh : pooled
        let exchanges = fresh ? freshExchanges : pooledExchanges
        let handle = TaskHandle()
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                    let task = session.dataTask(with: urlRequest)
                    exchanges.register(task, continuation)
                    if handle.start(task) {
                        task.resume()
                    } else {
                        exchanges.abandon(task, with: TransportFailure.cancelled)
                    }
                }
            } onCancel: {
                handle.cancel()
            }
        } catch let failure as TransportFailure {
            throw failure
        } catch {
            throw TransportFailure.classify(error)
        }
    }

    static func headers(of response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String {
                headers[name.lowercased()] = value
            }
        }
        return headers
    }
}

/// Collects each task's answer (status, headers, body) and resumes the Swift task waiting for it
/// when URLSession reports the task complete. One per session; tasks are told apart by identifier.
///
/// `@unchecked Sendable` is sound: URLSession requires its delegate to be `Sendable`, and the only
/// mutable state is `exchanges`, reached through its lock.
final class ExchangeDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Exchange: Sendable {
        var continuation: CheckedContinuation<HTTPResponse, any Error>
        var response: HTTPResponse?
        /// Set when the task's answer was an authentication challenge, which ends the task (see
        /// ``AuthenticationChallenges``): its answer is then the response.
        var challenged = false
    }

    private let exchanges = Locked([Int: Exchange]())

    /// Starts collecting the answer of `task`; `continuation` gets it when the task completes.
    func register(_ task: URLSessionTask, _ continuation: CheckedContinuation<HTTPResponse, any Error>) {
        exchanges.withLock { $0[task.taskIdentifier] = Exchange(continuation: continuation) }
    }

    /// Ends the exchange of a task that will never run.
    func abandon(_ task: URLSessionTask, with failure: TransportFailure) {
        exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }?.continuation.resume(throwing: failure)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse {
            let answer = HTTPResponse(status: http.statusCode, headers: HTTPTransport.headers(of: http), body: Data())
            exchanges.withLock { $0[dataTask.taskIdentifier]?.response = answer }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        exchanges.withLock { $0[dataTask.taskIdentifier]?.response?.body.append(data) }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        if AuthenticationChallenges.endsWithAnswer(challenge) {
            let failure = (challenge.failureResponse as? HTTPURLResponse).map {
                HTTPResponse(status: $0.statusCode, headers: HTTPTransport.headers(of: $0), body: Data())
            }
            exchanges.withLock { exchanges in
                guard var exchange = exchanges[task.taskIdentifier] else { return }
                exchange.challenged = true
                if exchange.response == nil { exchange.response = failure }
                exchanges[task.taskIdentifier] = exchange
            }
        }
        AuthenticationChallenges.answer(challenge, completionHandler)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let exchange = exchanges.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let response = exchange.response, error == nil || exchange.challenged {
            exchange.continuation.resume(returning: response)
        } else if let error {
            exchange.continuation.resume(throwing: TransportFailure.classify(error))
        } else {
            exchange.continuation.resume(throwing: TransportFailure.interrupted("the answer was not HTTP"))
        }
    }
}

/// Links a URLSession task to the Swift task waiting for it, so cancelling one cancels the other,
/// whichever happens first.
final class TaskHandle: Sendable {
    private enum State: Sendable {
        case idle
        case running(URLSessionTask)
        case cancelled
    }

    private let state = Locked(State.idle)

    /// Records the task; false when the Swift task was already cancelled (the task must not start).
    func start(_ task: URLSessionTask) -> Bool {
        state.withLock { state in
            if case .cancelled = state { return false }
            state = .running(task)
            return true
        }
    }

    func cancel() {
        let task = state.withLock { state -> URLSessionTask? in
            defer { state = .cancelled }
            if case .running(let task) = state { return task }
            return nil
        }
        task?.cancel()
    }
}
