import MemtopCore
import Synchronization

/// An `HTTPGetting` that answers each path with a canned result, changeable between calls, so tests
/// can script an endpoint going down, answering HTML, then recovering.
public final class CannedHTTP: HTTPGetting, Sendable {
    private struct State {
        var answers: [String: Result<HTTPResponse, HTTPFetchError>] = [:]
        var fallback: Result<HTTPResponse, HTTPFetchError>
        var requests: [(path: String, timeout: Double, limit: Int)] = []
    }

    private let state: Mutex<State>

    /// Paths with no answer set get `fallback` (by default a plain 404).
    public init(fallback: Result<HTTPResponse, HTTPFetchError>? = nil) {
        state = Mutex(State(fallback: fallback ?? .success(CannedHTTP.response(404, reason: "Not Found", body: Array("404 page not found\n".utf8)))))
    }

    /// Sets what `path` (exactly as requested, query included) answers from now on.
    public func set(_ path: String, _ result: Result<HTTPResponse, HTTPFetchError>) {
        state.withLock { $0.answers[path] = result }
    }

    /// `path` answers 200 with `body` and `contentType`.
    public func ok(_ path: String, _ body: [UInt8], contentType: String = "text/plain; charset=utf-8") {
        set(path, .success(CannedHTTP.response(200, reason: "OK", contentType: contentType, body: body)))
    }

    /// `path` answers with an HTTP status and a short text body.
    public func status(_ path: String, _ code: Int, reason: String) {
        set(path, .success(CannedHTTP.response(code, reason: reason, body: Array("\(code) \(reason)\n".utf8))))
    }

    /// `path` answers 200 with an HTML page.
    public func html(_ path: String, _ body: [UInt8] = Array("<html><body>login</body></html>\n".utf8)) {
        ok(path, body, contentType: "text/html; charset=utf-8")
    }

    /// Requests of `path` fail with a transport error.
    public func fail(_ path: String, _ error: HTTPFetchError) { set(path, .failure(error)) }

    /// Sets what unlisted paths answer, and forgets every per-path answer when `clear` is true.
    public func setFallback(_ result: Result<HTTPResponse, HTTPFetchError>, clear: Bool = false) {
        state.withLock {
            $0.fallback = result
            if clear { $0.answers = [:] }
        }
    }

    /// Every request so far, in order.
    public var requests: [(path: String, timeout: Double, limit: Int)] { state.withLock { $0.requests } }

    /// Requested paths so far, in order.
    public var requestedPaths: [String] { requests.map(\.path) }

    public func get(_ path: String, timeout: Double, limit: Int) -> Result<HTTPResponse, HTTPFetchError> {
        state.withLock {
            $0.requests.append((path, timeout, limit))
            return $0.answers[path] ?? $0.fallback
        }
    }

    /// A response built the way the live client builds one: raw bytes through `HTTPResponse.parse`.
    public static func response(_ status: Int, reason: String, contentType: String? = nil, body: [UInt8]) -> HTTPResponse {
        var head = "HTTP/1.0 \(status) \(reason)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        do {
            return try HTTPResponse.parse(Array(head.utf8) + body)
        } catch {
            fatalError("canned response does not parse: \(error)")
        }
    }
}
