import Foundation

import KlingPlatform

/// A failed system call, with `errno`.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    /// The call that failed (`bind`, `listen`).
    public var operation: String
    /// The `errno` value.
    public var code: Int32

    init(_ operation: String, code: Int32 = errno) {
        self.operation = operation
        self.code = code
    }

    /// The call and the system's message.
    public var description: String { "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))" }
}

/// The few POSIX socket calls the server needs, spelled once for Glibc and Darwin.
enum POSIXSocket {
    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    /// Writes to a socket the peer closed fail with EPIPE instead of raising SIGPIPE.
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    static let streamType = SOCK_STREAM
    static let sendFlags: Int32 = 0
    #endif

    /// Opens a listening TCP socket on 127.0.0.1; `port` 0 picks a free port.
    static func listen(port: UInt16, backlog: Int32) throws(SocketError) -> (descriptor: Int32, port: UInt16) {
        let (descriptor, port) = try bound(port: port)
        guard systemListen(descriptor, backlog) == 0 else {
            let error = SocketError("listen")
            close(descriptor)
            throw error
        }
        return (descriptor, port)
    }

    /// Holds a port without listening on it: connections to it are refused, and no other server
    /// can take it (a bound port is never handed out as a free one). Listening sockets share the
    /// port with it (`SO_REUSEPORT`).
    static func reserve(port: UInt16) throws(SocketError) -> Int32 {
        try bound(port: port).descriptor
    }

    /// A TCP socket bound to 127.0.0.1 (`SO_REUSEADDR` and `SO_REUSEPORT`), not yet listening.
    private static func bound(port: UInt16) throws(SocketError) -> (descriptor: Int32, port: UInt16) {
        let descriptor = socket(AF_INET, streamType, 0)
        guard descriptor >= 0 else { throw SocketError("socket") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEPORT, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = SocketError("bind")
            close(descriptor)
            throw error
        }
        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &boundAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, UInt16(bigEndian: boundAddress.sin_port))
    }

    /// Waits up to `timeoutMilliseconds` for a connection; nil on timeout or error.
    static func accept(on descriptor: Int32, timeoutMilliseconds: Int32) -> Int32? {
        guard waitReadable(descriptor, timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        let client = systemAccept(descriptor)
        guard client >= 0 else { return nil }
        var yes: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return client
    }

    /// Whether the descriptor has data (or end of stream) within the timeout.
    static func waitReadable(_ descriptor: Int32, timeoutMilliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, timeoutMilliseconds)
            if result < 0 && errno == EINTR { continue }
            return result > 0
        }
    }

    /// Reads what is available; 0 at end of stream, -1 on error.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }

    /// Writes every byte; false when the peer has gone.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        KlingPlatform.writeAll(bytes) { send(descriptor, $0, $1, sendFlags) }
    }

    /// Stops both directions, waking a thread blocked on the socket.
    static func shutdownBoth(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = shutdown(descriptor, Int32(SHUT_RDWR))
        #else
        _ = shutdown(descriptor, SHUT_RDWR)
        #endif
    }

    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }
}

// `listen` and `accept` are shadowed by the static methods above inside `POSIXSocket`.
private func systemListen(_ descriptor: Int32, _ backlog: Int32) -> Int32 {
    listen(descriptor, backlog)
}

private func systemAccept(_ descriptor: Int32) -> Int32 {
    accept(descriptor, nil, nil)
}
