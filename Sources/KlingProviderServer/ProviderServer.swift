import Dispatch
import Foundation
import KlingPlatform

/// A local HTTP/1.1 server on 127.0.0.1 that speaks Scenario's and the AI/ML API's job protocols,
/// checks what those providers check, records what it receives, and misbehaves on request.
///
/// One server serves both providers: Scenario under `/v1/...` (Basic auth), the AI/ML API under
/// `/v2/...` (Bearer auth), result files under `/cdn/...` and upload parts under `/upload-parts/...`.
/// Point both base URLs of a client at ``baseURL``.
///
/// Each connection is served by its own thread (at most ``Configuration/maximumConnections`` at a
/// time; further connections wait in the listen backlog). Bodies of generated results are produced
/// while sending, so a download of any size uses no memory.
public final class ProviderServer: Sendable {
    /// How the server checks requests and runs jobs.
    public struct Configuration: Sendable {
        /// The port to listen on; 0 picks a free one.
        public var port: UInt16 = 0
        /// The Scenario key and secret the server accepts (Basic auth).
        public var scenarioAPIKey = "scenario-test-key"
        /// The Scenario secret the server accepts.
        public var scenarioAPISecret = "scenario-test-secret"
        /// The AI/ML API key the server accepts (Bearer auth).
        public var aimlapiKey = "aimlapi-test-key"
        /// Checks a generation body for a model: nil for an unknown model (404), the problems otherwise
        /// (an empty list accepts the body, any problem answers 400 listing them). Without it, a body
        /// only has to be a JSON object (with a `model` string on the AI/ML API).
        public var validator: (@Sendable (_ modelID: String, _ body: Data) -> [String]?)?
        /// How accepted jobs behave unless a plan was queued with ``enqueue(_:)``.
        public var defaultPlan = JobPlan()
        /// Scenario models the account's plan does not cover (403 `ModelAccessRestrictedError`).
        public var restrictedModels: Set<String> = []
        /// Whether Scenario's job cancel action succeeds (otherwise 400 "Cannot cancel this type of job").
        public var cancellableJobs = false
        /// Whether connections stay open between requests.
        public var keepAlive = true
        /// The most connections served at once.
        public var maximumConnections = 2048
        /// How long an idle connection stays open (seconds).
        public var idleTimeout: Double = 30
        /// The largest request body accepted.
        public var maximumBodyBytes = 64 * 1024 * 1024
        /// Status reads of a completed upload that show `validating` before `imported`.
        public var uploadPollsBeforeImport = 1
        /// Request bodies larger than this are recorded empty (their size stays in `Content-Length`).
        public var maximumRecordedBodyBytes = 1024 * 1024
        /// Scenario's team concurrency ceiling: with this many jobs running, a generate request is
        /// refused with 429 and `details: {actionName: "generate", actionLimit: n}`. Nil: no ceiling.
        public var scenarioConcurrencyLimit: Int?
        /// Every accepted submit (both providers) is answered after a delay drawn from this range
        /// (seconds); the job exists meanwhile.
        public var submitAnswerDelay: ClosedRange<Double>?
        /// Serves `GET /_inspect/submissions` (what was submitted), for tests running the server in
        /// another process.
        public var inspectionEndpoint = false

        /// The defaults: test credentials, no validator, jobs that succeed after one status read.
        public init() {}
    }

    struct Listener: Sendable {
        var descriptor: Int32 = -1
        /// Holds the port while the server is not listening (see ``stopListening()``), or -1.
        var reservation: Int32 = -1
        var listening = false
        var stopped = false
        var connections: Set<Int32> = []
    }

    /// The configuration the server was started with.
    public let configuration: Configuration
    /// The port the server listens on.
    public let port: UInt16
    let state = Locked(ServerState())
    let listener = Locked(Listener())
    /// Held while a Scenario submit is checked against the concurrency ceiling and its job created.
    let admission = Locked(())
    private let slots: DispatchSemaphore
    private let acceptLoopExited = DispatchSemaphore(value: 0)

    /// Starts listening on 127.0.0.1.
    /// - Throws: ``SocketError`` when the port cannot be bound.
    public init(_ configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        self.slots = DispatchSemaphore(value: max(1, configuration.maximumConnections))
        let (descriptor, port) = try POSIXSocket.listen(port: configuration.port, backlog: 4096)
        self.port = port
        startAccepting(descriptor)
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port>`: the base URL for both providers.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Stops listening and closes every connection. Idempotent.
    public func stop() {
        stopListening()
        let (open, reservation) = listener.withLock { listener -> (Set<Int32>, Int32) in
            listener.stopped = true
            defer { listener.reservation = -1 }
            return (listener.connections, listener.reservation)
        }
        if reservation >= 0 { POSIXSocket.closeDescriptor(reservation) }
        for descriptor in open { POSIXSocket.shutdownBoth(descriptor) }
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, !listener.withLock({ $0.connections.isEmpty }) {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Closes the listening socket (new connections are refused) and keeps everything else; see
    /// ``resumeListening()``.
    public func stopListening() {
        // The port stays bound while nothing listens: connections are refused, and no other server
        // (another test's, picking a free port) can take it before ``resumeListening()``.
        let reservation = try? POSIXSocket.reserve(port: port)
        let wasListening = listener.withLock { listener -> Bool in
            defer { listener.listening = false }
            if listener.listening, let reservation { listener.reservation = reservation }
            return listener.listening
        }
        if wasListening {
            acceptLoopExited.wait()
        } else if let reservation {
            POSIXSocket.closeDescriptor(reservation)
        }
    }

    /// Listens again on the same port after ``stopListening()``.
    /// - Throws: ``SocketError`` when the port cannot be bound again.
    public func resumeListening() throws {
        guard !listener.withLock({ $0.listening || $0.stopped }) else { return }
        let (descriptor, _) = try POSIXSocket.listen(port: port, backlog: 4096)
        let reservation = listener.withLock { listener -> Int32 in
            defer { listener.reservation = -1 }
            return listener.reservation
        }
        if reservation >= 0 { POSIXSocket.closeDescriptor(reservation) }
        startAccepting(descriptor)
    }

    private func startAccepting(_ descriptor: Int32) {
        listener.withLock {
            $0.descriptor = descriptor
            $0.listening = true
        }
        let thread = Thread { [self] in acceptLoop(descriptor) }
        thread.name = "ProviderServer.accept"
        thread.start()
    }

    private func acceptLoop(_ descriptor: Int32) {
        defer {
            POSIXSocket.closeDescriptor(descriptor)
            acceptLoopExited.signal()
        }
        while listener.withLock({ $0.listening }) {
            guard let client = POSIXSocket.accept(on: descriptor, timeoutMilliseconds: 50) else { continue }
            while slots.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
                if !listener.withLock({ $0.listening }) {
                    POSIXSocket.closeDescriptor(client)
                    return
                }
            }
            listener.withLock { _ = $0.connections.insert(client) }
            let thread = Thread { [self] in
                serve(client)
                listener.withLock { _ = $0.connections.remove(client) }
                POSIXSocket.closeDescriptor(client)
                slots.signal()
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    private func serve(_ descriptor: Int32) {
        var connection = HTTPConnection(
            descriptor: descriptor,
            idleTimeoutMilliseconds: Int32(min(configuration.idleTimeout * 1000, Double(Int32.max))),
            maximumBodyBytes: configuration.maximumBodyBytes
        )
        while true {
            switch connection.readRequest() {
            case .closed:
                return
            case .malformed(let status, let message):
                _ = connection.write(.text(status, message), keepAlive: false)
                return
            case .request(let request):
                switch handle(request) {
                case .drop(let delay):
                    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                    return
                case .respond(let response):
                    if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
                    let keepAlive = configuration.keepAlive && !request.wantsClose && !listener.withLock({ $0.stopped })
                    guard connection.write(response, keepAlive: keepAlive) else { return }
                }
            }
        }
    }
}
