/// Why an HTTP request to a debug endpoint produced no usable response.
public enum HTTPFetchError: Error, Equatable, Sendable {
    case refused
    case timedOut(seconds: Double)
    case cannotResolve(String)
    /// A socket error, as `strerror` words it.
    case network(String)
    /// The body was larger than memtop reads from an endpoint.
    case tooLarge(limit: Int)
    /// Not an HTTP response, or one cut off before its end.
    case malformed(String)

    /// In words, for the panel or stderr.
    public var message: String {
        switch self {
        case .refused: return "connection refused"
        case .timedOut(let s): return "no answer within \(Units.duration(s))"
        case .cannotResolve(let host): return "cannot resolve \(host)"
        case .network(let why): return why
        case .tooLarge(let limit): return "response larger than \(Units.bytes(UInt64(limit)))"
        case .malformed(let why): return "not an HTTP response (\(why))"
        }
    }
}

/// A parsed HTTP/1.x response: status, headers and the (de-chunked) body.
public struct HTTPResponse: Equatable, Sendable {
    public var status: Int
    public var reason: String
    /// Header names lower-cased, in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.status == b.status && a.reason == b.reason && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name == n }?.value
    }

    /// True when the server says, or the body looks like, HTML (a login page, a proxy's error page).
    public var looksLikeHTML: Bool {
        if let t = header("content-type"), t.lowercased().hasPrefix("text/html") { return true }
        let start = body.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return start.first == UInt8(ascii: "<")
    }

    /// Parses a whole response as read until the server closed the connection.
    public static func parse(_ bytes: [UInt8]) throws(HTTPFetchError) -> HTTPResponse {
        guard let headEnd = find(bytes, [13, 10, 13, 10], from: 0) else {
            throw .malformed(bytes.isEmpty ? "empty reply" : "no end of headers")
        }
        let head = String(decoding: bytes[0..<headEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).makeIterator()
        let statusLine = lines.next() ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...599).contains(status) else {
            throw .malformed("bad status line")
        }
        var headers: [(name: String, value: String)] = []
        while let line = lines.next() {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("bad header line") }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.append((line[..<colon].lowercased(), String(value)))
        }
        var response = HTTPResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
        let rest = Array(bytes[(headEnd + 4)...])
        if let te = response.header("transfer-encoding"), te.lowercased().contains("chunked") {
            response.body = try dechunk(rest)
        } else if let cl = response.header("content-length") {
            guard let n = Int(cl.trimmingSpaces), n >= 0 else { throw .malformed("bad Content-Length") }
            guard rest.count >= n else { throw .malformed("body cut off at \(rest.count) of \(n) bytes") }
            response.body = Array(rest.prefix(n))
        } else {
            response.body = rest
        }
        return response
    }

    /// Decodes a chunked body; a missing last chunk means the body was cut off.
    static func dechunk(_ data: [UInt8]) throws(HTTPFetchError) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while true {
            guard let lineEnd = find(data, [13, 10], from: i) else { throw .malformed("chunked body cut off") }
            var size = 0
            var j = i
            while j < lineEnd, let d = Bytes.hexValue(data[j]) {
                guard size < (1 << 40) else { throw .malformed("chunk too large") }
                size = size << 4 | Int(d)
                j += 1
            }
            guard j > i else { throw .malformed("bad chunk size") }
            let start = lineEnd + 2
            if size == 0 { return out }
            guard start + size + 2 <= data.count else { throw .malformed("chunked body cut off") }
            guard data[start + size] == 13, data[start + size + 1] == 10 else { throw .malformed("chunk without its CRLF") }
            out.append(contentsOf: data[start..<(start + size)])
            i = start + size + 2
        }
    }

    static func find(_ data: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard data.count >= needle.count, from <= data.count - needle.count else { return nil }
        var i = from
        while i <= data.count - needle.count {
            if data[i] == needle[0] {
                var k = 1
                while k < needle.count, data[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
