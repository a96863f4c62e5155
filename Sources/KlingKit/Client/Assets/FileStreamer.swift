import Foundation
import KlingPlatform
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Streams one URL into a file chunk by chunk, so memory stays flat for any size: a URLSession data
/// task whose delegate appends every chunk to a `FileHandle` as it arrives.
struct FileStreamer: Sendable {
    /// How one attempt ended.
    enum Outcome: Sendable {
        /// Every announced byte was written; the response's media type, when it named one.
        case complete(Int64, mediaType: String?)
        /// The server answered an error status (nothing was written).
        case status(Int, retryAfter: Duration?)
        /// The body ended before the announced `Content-Length`.
        case truncated(expected: Int64?, received: Int64)
        case transport(TransportFailure)
        case fileError(String)
    }

    let configuration: KlingClientConfiguration

    /// Fetches `url` (without any provider credential: these are signed URLs) into `handle`, which
    /// it closes when done.
    func fetch(_ url: URL, into handle: FileHandle, progress: (@Sendable (TransferProgress) -> Void)?) async -> Outcome {
        let delegate = StreamingDelegate(handle: handle, progress: progress)
        let queue = InlineDelegateQueue()
        let session = URLSession(configuration: HTTPTransport.sessionConfiguration(configuration), delegate: delegate, delegateQueue: queue)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url)
        request.timeoutInterval = HTTPTransport.wholeSeconds(configuration.requestTimeout)
        request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        let task = session.dataTask(with: request)
        let link = TaskHandle()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                delegate.onFinish(continuation)
                if link.start(task) {
                    task.resume()
                } else {
                    delegate.finish(.transport(.cancelled))
                }
            }
        } onCancel: {
            link.cancel()
        }
    }
}

/// Receives a download's callbacks (on a serial queue) and writes the body to the file.
///
/// The session's ``InlineDelegateQueue`` runs these callbacks on libcurl's thread, so reading waits
/// for writing and only one chunk is in flight. Chunks are copied into a 1 MiB buffer written out
/// when full; progress is reported after each write (at most once per MiB), on a queue of its own,
/// coalesced to the latest value, so a slow progress callback never holds up the writes. The delegate never calls `cancel()`
/// synchronously (that waits for URLSession's queue, which may be waiting for this delegate).
///
/// `@unchecked Sendable` is sound: URLSession requires its delegate to be `Sendable`, and every
/// mutable field lives in `state`, reached only through its lock.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct State: @unchecked Sendable {
        // The FileHandle is used only under the lock.
        var handle: FileHandle?
        var buffer = Data()
        var status: Int?
        var retryAfter: Duration?
        var expected: Int64?
        var mediaType: String?
        var received: Int64 = 0
        var writeError: String?
        var continuation: CheckedContinuation<FileStreamer.Outcome, Never>?
        var finished = false
        var progressScheduled = false
    }

    static let bufferSize = 1 << 20

    private let state: Locked<State>
    private let progress: (@Sendable (TransferProgress) -> Void)?
    private let progressQueue = DispatchQueue(label: "KlingKit.download-progress")

    init(handle: FileHandle, progress: (@Sendable (TransferProgress) -> Void)?) {
        state = Locked(State(handle: handle))
        self.progress = progress
    }

    func onFinish(_ continuation: CheckedContinuation<FileStreamer.Outcome, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Ends the download once with `outcome`, flushing and closing the file, and delivering the
    /// final progress before the caller resumes.
    func finish(_ outcome: FileStreamer.Outcome) {
        var outcome = outcome
        let (continuation, final) = state.withLock { state -> (CheckedContinuation<FileStreamer.Outcome, Never>?, TransferProgress?) in
            guard !state.finished else { return (nil, nil) }
            state.finished = true
            if case .complete = outcome, !Self.flush(&state) {
                outcome = .fileError(state.writeError ?? "writing the file failed")
            }
            try? state.handle?.close()
            state.handle = nil
            state.buffer = Data()
            defer { state.continuation = nil }
            let final: TransferProgress? = if case .complete = outcome { TransferProgress(completedBytes: state.received, totalBytes: state.expected) } else { nil }
            return (state.continuation, final)
        }
        if let progress {
            // Runs after every earlier delivery, so the last value a caller sees is the final one.
            progressQueue.sync { if let final { progress(final) } }
        }
        continuation?.resume(returning: outcome)
    }

    /// Writes the buffer out; false (with `writeError` set) when the file cannot be written.
    private static func flush(_ state: inout State) -> Bool {
        guard state.writeError == nil else { return false }
        guard !state.buffer.isEmpty else { return true }
        do {
            try state.handle?.write(contentsOf: state.buffer)
            state.buffer.removeAll(keepingCapacity: true)
            return true
        } catch {
            state.writeError = "writing the file failed: \(error.localizedDescription)"
            return false
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        let status = http?.statusCode ?? 0
        let accepted = state.withLock { state -> Bool in
            state.status = status
            state.expected = response.expectedContentLength >= 0 ? response.expectedContentLength : nil
            state.mediaType = response.mimeType
            state.retryAfter = RetryAfter.parse(http?.value(forHTTPHeaderField: "Retry-After"))
            if (200..<300).contains(status) { state.buffer.reserveCapacity(Self.bufferSize) }
            return (200..<300).contains(status)
        }
        completionHandler(accepted ? .allow : .cancel)
        if !accepted { Self.cancelLater(dataTask) }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let (failed, notify) = state.withLock { state -> (Bool, Bool) in
            guard state.handle != nil, let status = state.status, (200..<300).contains(status), state.writeError == nil else {
                return (state.writeError != nil, false)
            }
            state.buffer.append(data)
            state.received += Int64(data.count)
            guard state.buffer.count >= Self.bufferSize else { return (false, false) }
            if !Self.flush(&state) { return (true, false) }
            guard progress != nil, !state.progressScheduled else { return (false, false) }
            state.progressScheduled = true
            return (false, true)
        }
        if failed { Self.cancelLater(dataTask) }
        if notify { scheduleProgress() }
    }

    /// Cancels off the delegate queue (see the type's discussion).
    private static func cancelLater(_ task: URLSessionTask) {
        DispatchQueue.global().async { task.cancel() }
    }

    /// Delivers the latest progress on the progress queue; further chunks coalesce until it ran.
    private func scheduleProgress() {
        progressQueue.async { [self] in
            let update = state.withLock { state -> TransferProgress? in
                state.progressScheduled = false
                return state.finished ? nil : TransferProgress(completedBytes: state.received, totalBytes: state.expected)
            }
            if let update { progress?(update) }
        }
    }

    /// A 401 or 407 with a challenge header: answered so the task ends (see
    /// ``AuthenticationChallenges``); its status, recorded when the answer arrived, is the outcome.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        AuthenticationChallenges.answer(challenge, completionHandler)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let outcome = state.withLock { state -> FileStreamer.Outcome in
            if let writeError = state.writeError { return .fileError(writeError) }
            if let status = state.status, !(200..<300).contains(status) {
                return .status(status, retryAfter: state.retryAfter)
            }
            if let error {
                let failure = TransportFailure.classify(error)
                if case .cancelled = failure { return .transport(.cancelled) }
                if state.status != nil { return .truncated(expected: state.expected, received: state.received) }
                return .transport(failure)
            }
            if let expected = state.expected, expected != state.received {
                return .truncated(expected: expected, received: state.received)
            }
            return .complete(state.received, mediaType: state.mediaType)
        }
        finish(outcome)
    }
}
