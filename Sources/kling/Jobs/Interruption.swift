import CommandLineKit
import Dispatch
import KlingPlatform

/// SIGINT (Ctrl-C) and SIGTERM during a job command.
///
/// The first signal cancels the command's work instead of killing the process: a request in flight
/// is cancelled, a download removes its partial file, and the command prints the job id and the
/// command that resumes (see ``JobCommandSupport/fail(_:command:stage:)``). The process then exits
/// 130 after SIGINT and 143 after SIGTERM (128 + the signal number, as shells report a process a
/// signal ended). A second signal ends the process at once, the system's way; a partial file it
/// leaves is removed by the next download to the same destination.
enum Interruption {
    private static let received = Locked<Int32?>(nil)

    /// The signal that interrupted the command, if one did.
    static var signal: Int32? { received.withLock { $0 } }

    /// The process's exit status: 128 + the signal when a signal interrupted a command that did not
    /// succeed, the command's own status otherwise.
    static func exitStatus(for status: ExitStatus) -> Int32 {
        guard status != .success, let signal else { return status.rawValue }
        return 128 + signal
    }

    /// The signal's name, for messages.
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }

    /// Runs `work` with SIGINT and SIGTERM turned into its cancellation.
    static func cancellingOnSignal(_ work: @escaping @Sendable () async -> ExitStatus) async -> ExitStatus {
        let task = Task { await work() }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            // The signal is ignored by the process and delivered to the source instead.
            _ = KlingPlatform.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { arrived(number, cancelling: task) }
            source.resume()
            return source
        }
        let status = await task.value
        for source in sources { source.cancel() }
        return status
    }

    private static func arrived(_ number: Int32, cancelling task: Task<ExitStatus, Never>) {
        let first = received.withLock { received -> Bool in
            guard received == nil else { return false }
            received = number
            return true
        }
        guard first else {
            _ = KlingPlatform.signal(number, SIG_DFL)
            raise(number)
            return
        }
        task.cancel()
    }
}
