import Foundation

/// Reads HTTP/1.1 requests from one connection and writes responses to it.
struct HTTPConnection {
    /// A request head and body as read from the socket.
    struct Request {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [String: String]
        var body: Data
        var wantsClose: Bool
    }

    enum ReadResult {
        case request(Request)
        /// The client closed the connection (or stayed idle too long) between requests.
        case closed
        /// The bytes are not a request this server understands; answer with `status` and close.
        case malformed(status: Int, message: String)
    }

    static let maximumHeaderBytes = 64 * 1024

    let descriptor: Int32
    var idleTimeoutMilliseconds: Int32
    var maximumBodyBytes: Int
    private var pending: [UInt8] = []

    init(descriptor: Int32, idleTimeoutMilliseconds: Int32, maximumBodyBytes: Int) {
        self.descriptor = descriptor
        self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
        self.maximumBodyBytes = maximumBodyBytes
    }

    // MARK: Reading

    /// Reads more bytes into `pending`; false at end of stream, on error or after the idle timeout.
    private mutating func fill() -> Bool {
        guard POSIXSocket.waitReadable(descriptor, timeoutMilliseconds: idleTimeoutMilliseconds) else { return false }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { POSIXSocket.read(descriptor, into: $0) }
        guard count > 0 else { return false }
        pending.append(contentsOf: chunk[0..<count])
        return true
    }

    private func headerEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private mutating func take(_ count: Int) -> [UInt8] {
        let bytes = Array(pending[0..<count])
        pending.removeFirst(count)
        return bytes
    }

    private mutating func readExactly(_ count: Int) -> [UInt8]? {
        while pending.count < count {
            guard fill() else { return nil }
        }
        return take(count)
    }

    private mutating func readLine() -> String? {
        while true {
            if let index = pending.firstIndex(of: 10) {
                let line = take(index + 1)
                return String(decoding: line.dropLast(line.count >= 2 && line[line.count - 2] == 13 ? 2 : 1), as: UTF8.self)
            }
            guard pending.count < Self.maximumHeaderBytes, fill() else { return nil }
        }
    }

    mutating func readRequest() -> ReadResult {
        var end = headerEnd()
        while end == nil {
            if pending.count > Self.maximumHeaderBytes {
                return .malformed(status: 431, message: "request head too large")
            }
            guard fill() else { return .closed }
            end = headerEnd()
        }
        let head = String(decoding: take(end! + 4).dropLast(4), as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return .malformed(status: 400, message: "malformed request line")
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .malformed(status: 400, message: "malformed header line") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        let (path, query) = Self.splitTarget(String(requestLine[1]))
        let connection = headers["connection"]?.lowercased() ?? ""
        let wantsClose = connection.contains("close") || (requestLine[2] == "HTTP/1.0" && !connection.contains("keep-alive"))

        if headers["expect"]?.lowercased() == "100-continue" && pending.isEmpty {
            guard writeRaw(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .closed }
        }
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                guard let sizeLine = readLine() else { return .closed }
                guard let size = Int(sizeLine.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "", radix: 16) else {
                    return .malformed(status: 400, message: "malformed chunk size")
                }
                if size == 0 {
                    while let trailer = readLine(), !trailer.isEmpty {}
                    break
                }
                guard body.count + size <= maximumBodyBytes else { return .malformed(status: 413, message: "body too large") }
                guard let chunk = readExactly(size), readExactly(2) != nil else { return .closed }
                body += chunk
            }
        } else if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { return .malformed(status: 400, message: "bad Content-Length") }
            guard length <= maximumBodyBytes else { return .malformed(status: 413, message: "body too large") }
            guard let bytes = readExactly(length) else { return .closed }
            body = bytes
        }
        return .request(Request(
            method: String(requestLine[0]), path: path, query: query, headers: headers, body: Data(body), wantsClose: wantsClose
        ))
    }

    static func splitTarget(_ target: String) -> (path: String, query: [String: String]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let items = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(items[0]).removingPercentEncoding ?? String(items[0])
                let value = items.count == 2 ? (String(items[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(items[1])) : ""
                query[name] = value
            }
        }
        return (path, query)
    }

    // MARK: Writing

    func writeRaw(_ data: Data) -> Bool {
        data.withUnsafeBytes { POSIXSocket.writeAll(descriptor, $0) }
    }

    /// Sends the response; false when the connection must be closed afterwards (or already failed).
    func write(_ response: ServerResponse, keepAlive: Bool) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(HTTPStatusText.reason(for: response.status))\r\n"
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(response.body.length)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        guard writeRaw(Data(head.utf8)) else { return false }

        let limit = min(response.truncateAfter ?? response.body.length, response.body.length)
        let chunk = response.bytesPerSecond.map { max(1, min($0 / 20, GeneratedContent.chunkSize)) } ?? GeneratedContent.chunkSize
        let pause = response.bytesPerSecond.map { Double(chunk) / Double(max($0, 1)) }
        let complete: Bool
        switch response.body {
        case .data(let data):
            var offset = 0
            var ok = true
            while offset < Int(limit) && ok {
                let count = min(chunk, Int(limit) - offset)
                ok = data.withUnsafeBytes { POSIXSocket.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
                offset += count
                if let pause, ok { Thread.sleep(forTimeInterval: pause) }
            }
            complete = ok
        case .generated:
            complete = GeneratedContent.forEachChunk(length: limit, chunk: chunk) { slice in
                let ok = POSIXSocket.writeAll(descriptor, slice)
                if let pause, ok { Thread.sleep(forTimeInterval: pause) }
                return ok
            }
        }
        return complete && limit == response.body.length && keepAlive
    }
}
