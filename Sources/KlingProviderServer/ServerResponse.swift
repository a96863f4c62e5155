import Foundation

/// What the server sends back for one request.
struct ServerResponse: Sendable {
    enum Body: Sendable {
        case data(Data)
        /// `length` bytes of ``GeneratedContent``, produced while sending (never held in memory).
        case generated(length: Int64)

        var length: Int64 {
            switch self {
            case .data(let data): return Int64(data.count)
            case .generated(let length): return length
            }
        }
    }

    var status: Int
    var headers: [(String, String)] = []
    var body: Body = .data(Data())
    /// Close the connection after this many body bytes, although `Content-Length` promised more.
    var truncateAfter: Int64?
    /// Send the body no faster than this.
    var bytesPerSecond: Int?
    /// Wait this long before sending anything.
    var delay: Double = 0

    static func json(_ status: Int, _ object: [String: any Sendable], headers: [(String, String)] = []) -> ServerResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return ServerResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: .data(data))
    }

    static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> ServerResponse {
        ServerResponse(status: status, headers: headers, body: .data(Data(text.utf8)))
    }
}

/// How the server answers a request: a response, or closing the connection without one.
enum ServerReply: Sendable {
    case respond(ServerResponse)
    /// Close the connection without answering, after `delay` seconds.
    case drop(delay: Double)
}

enum HTTPStatusText {
    static func reason(for status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 407: return "Proxy Authentication Required"
        case 410: return "Gone"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}
