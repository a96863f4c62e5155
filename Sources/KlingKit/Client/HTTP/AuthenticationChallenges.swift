import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How the client answers URLSession's authentication challenges: it never does.
///
/// The client sends its credential itself (`Authorization` on API requests, none on signed file
/// URLs), so a 401 or 407 is an answer to report, not a question to answer. HTTP requires a 401 to
/// carry `WWW-Authenticate` (`Basic realm="…"`), and URLSession turns such an answer into a
/// challenge. On Linux, a challenge that nobody answers leaves the task waiting forever, and
/// "default handling" without a stored credential does the same; so every HTTP challenge is answered
/// with `rejectProtectionSpace`. On Apple platforms that delivers the 401 as the response; on Linux
/// it cancels the task, after the whole 401 answer has reached the delegate, which then hands that
/// answer on as the response (see ``ChallengedAnswer``). TLS challenges (server trust, client
/// certificates) keep the system's default handling.
enum AuthenticationChallenges {
    /// The answer to `challenge`.
    static func disposition(for challenge: URLAuthenticationChallenge) -> URLSession.AuthChallengeDisposition {
        tlsMethods.contains(challenge.protectionSpace.authenticationMethod) ? .performDefaultHandling : .rejectProtectionSpace
    }

    /// The challenges about the TLS connection rather than HTTP authentication (Apple platforms
    /// only: on Linux, libcurl checks certificates itself and raises no challenge).
    #if canImport(FoundationNetworking)
    static let tlsMethods: Set<String> = []
    #else
    static let tlsMethods: Set<String> = [NSURLAuthenticationMethodServerTrust, NSURLAuthenticationMethodClientCertificate]
    #endif

    /// Whether answering `challenge` ends the task with the challenged answer as its response.
    static func endsWithAnswer(_ challenge: URLAuthenticationChallenge) -> Bool {
        disposition(for: challenge) == .rejectProtectionSpace
    }

    /// Answers off the delegate queue: on Linux the answer cancels the task, and cancelling from
    /// inside a delegate call can wait for the queue that is making the call.
    static func answer(
        _ challenge: URLAuthenticationChallenge,
        _ completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        let disposition = disposition(for: challenge)
        DispatchQueue.global().async { completionHandler(disposition, nil) }
    }
}
