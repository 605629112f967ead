import Glibc

/// Fetches paths from one HTTP server; the live client uses sockets, tests use canned responses.
public protocol HTTPGetting: Sendable {
    /// GETs `path`, giving up after `timeout` seconds or `limit` bytes.
    func get(_ path: String, timeout: Double, limit: Int) -> Result<HTTPResponse, HTTPFetchError>
}

/// A minimal HTTP/1.0 client over non-blocking sockets: one request per connection, every step
/// bounded by a deadline, so a hung endpoint can never hold memtop.
///
/// HTTP/1.0 keeps the protocol small: the server closes the connection after the body and
/// does not send chunked bodies (chunked replies are decoded anyway, for proxies).
public struct SocketHTTPClient: HTTPGetting {
    public let host: String
    public let port: UInt16

    /// A client for `host:port`.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    public func get(_ path: String, timeout: Double, limit: Int) -> Result<HTTPResponse, HTTPFetchError> {
        let deadline = SystemClock.now() + timeout
        let fd: Int32
        switch connect(deadline: deadline, timeout: timeout) {
        case .success(let s): fd = s
        case .failure(let e): return .failure(e)
        }
        defer { close(fd) }
        let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let request = Array("GET \(path) HTTP/1.0\r\nHost: \(hostHeader)\r\nUser-Agent: memtop/\(memtopVersion)\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            guard wait(fd, for: Int16(POLLOUT), until: deadline) else { return .failure(.timedOut(seconds: timeout)) }
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(.network(Self.errorText(errno)))
            }
            sent += n
        }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            guard wait(fd, for: Int16(POLLIN), until: deadline) else { return .failure(.timedOut(seconds: timeout)) }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == ECONNRESET, !data.isEmpty { break }
                return .failure(.network(Self.errorText(errno)))
            }
            // Headers come on top of the body; allow them a little room.
            guard data.count + n <= limit + 16384 else { return .failure(.tooLarge(limit: limit)) }
            data.append(contentsOf: chunk[0..<n])
        }
        return Result { () throws(HTTPFetchError) in try HTTPResponse.parse(data) }
    }

    /// Connects to the first address of `host` that accepts, within the deadline.
    private func connect(deadline: Double, timeout: Double) -> Result<Int32, HTTPFetchError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            return .failure(.cannotResolve(host))
        }
        defer { freeaddrinfo(first) }
        var failure: HTTPFetchError = .refused
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let ai = cursor {
            cursor = ai.pointee.ai_next
            let fd = socket(ai.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { failure = .network(Self.errorText(errno)); continue }
            if Glibc.connect(fd, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return .success(fd) }
            guard errno == EINPROGRESS else {
                failure = errno == ECONNREFUSED ? .refused : .network(Self.errorText(errno))
                close(fd)
                continue
            }
            guard wait(fd, for: Int16(POLLOUT), until: deadline) else {
                close(fd)
                return .failure(.timedOut(seconds: timeout))
            }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
            if err == 0 { return .success(fd) }
            failure = err == ECONNREFUSED ? .refused : .network(Self.errorText(err))
            close(fd)
        }
        return .failure(failure)
    }

    /// Waits for `events` on `fd` until the deadline; false on timeout.
    private func wait(_ fd: Int32, for events: Int16, until deadline: Double) -> Bool {
        while true {
            let left = deadline - SystemClock.now()
            guard left > 0 else { return false }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let r = poll(&p, 1, Int32(min(left * 1000, 60_000).rounded(.up)))
            if r > 0 { return true }
            if r == 0 { return false }
            if errno != EINTR { return true }  // the next call reports the real error
        }
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
