import MemtopCore
import Testing

extension GoEndpoint {
    /// `host|port|basePath`, for comparing endpoints in expectations.
    var parts: String { "\(host)|\(port)|\(basePath)" }
}

@Suite struct GoEndpointTests {
    /// The error `GoEndpoint.parse(text)` throws, or nil (recorded as a failure) when it accepts the text.
    private func rejection(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> MemtopError? {
        do throws(MemtopError) {
            let e = try GoEndpoint.parse(text)
            Issue.record("\"\(text)\" was accepted as \(e.display)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func fullURL() throws {
        let e = try GoEndpoint.parse("http://localhost:6060")
        #expect(e.parts == "localhost|6060|")
        #expect(e.display == "http://localhost:6060")
        #expect(e.varsPath == "/debug/vars")
        #expect(e.heapPath == "/debug/pprof/heap?debug=1")
        #expect(e.goroutinePath == "/debug/pprof/goroutine?debug=1")
    }

    @Test(arguments: [
        "localhost:6060", ":6060", "http://:6060", "http://localhost:6060/", "http://localhost:6060/debug/pprof/",
        "http://localhost:6060/debug/pprof", "http://localhost:6060/debug/vars", "http://localhost:6060/debug/pprof/heap?debug=1",
        "HTTP://localhost:6060", "  localhost:6060\t", "http://localhost:6060#frag", "http://localhost:6060?x=1",
    ])
    func shortFormsAndDebugPathsMeanTheRoot(_ text: String) throws {
        let e = try GoEndpoint.parse(text)
        #expect(e.host == "localhost")
        #expect(e.port == 6060)
        #expect(e.basePath == "")
    }

    @Test func ipv4WithPprofPath() throws {
        let e = try GoEndpoint.parse("http://127.0.0.1:6060/debug/pprof/")
        #expect(e.parts == "127.0.0.1|6060|")
        #expect(e.display == "http://127.0.0.1:6060")
    }

    @Test func mountedUnderAPrefix() throws {
        let e = try GoEndpoint.parse("http://h:1/app/debug/vars")
        #expect(e.parts == "h|1|/app")
        #expect(e.display == "http://h:1/app")
        #expect(e.varsPath == "/app/debug/vars")
        #expect(e.heapPath == "/app/debug/pprof/heap?debug=1")
        #expect(e.goroutinePath == "/app/debug/pprof/goroutine?debug=1")
        #expect(try GoEndpoint.parse("h:1/a/b/").basePath == "/a/b")
        #expect(try GoEndpoint.parse("h:1/a/b/debug/pprof/goroutine?debug=2").basePath == "/a/b")
    }

    @Test func ipv6InBrackets() throws {
        let e = try GoEndpoint.parse("http://[::1]:6060")
        #expect(e.host == "::1")
        #expect(e.port == 6060)
        #expect(e.basePath == "")
        #expect(e.display == "http://[::1]:6060")
        let scoped = try GoEndpoint.parse("[fe80::1]:8080/debug/vars")
        #expect(scoped.parts == "fe80::1|8080|")
        #expect(try GoEndpoint.parse("http://[::1]").port == 80)
    }

    @Test func withoutPortIsHTTPsDefault() throws {
        #expect(try GoEndpoint.parse("http://example.internal").parts == "example.internal|80|")
    }

    @Test func httpsIsRefusedWithAReason() {
        let e = rejection("https://x")
        #expect(e?.exitCode == .usage)
        #expect(e?.message.contains("https") == true)
        #expect(e?.message.contains("not supported") == true)
        #expect(rejection("HTTPS://x:443")?.message.contains("https") == true)
    }

    @Test(arguments: [
        "ftp://x", "unix:///tmp/s", "localhost:0", ":0", "localhost:70000", "localhost:65536", "http://h:abc", "http://h:",
        "http://h:-1", "", "   ", "http://[::1", "http://[::1]6060", "http://user@host:6060", "http://bad host:6060",
    ])
    func badInputIsAUsageError(_ text: String) {
        let e = rejection(text)
        #expect(e?.exitCode == .usage)
        #expect(e?.message.isEmpty == false)
    }

    @Test func usageMessagesNameTheProblem() {
        #expect(rejection("")?.message.contains("needs a URL") == true)
        #expect(rejection("ftp://x")?.message.contains("only http://") == true)
        #expect(rejection("localhost:0")?.message.contains("1 to 65535") == true)
        #expect(rejection("localhost:70000")?.message.contains("1 to 65535") == true)
        #expect(rejection("http://h:abc")?.message.contains("1 to 65535") == true)
        #expect(rejection("http://[::1")?.message.contains("unclosed [") == true)
    }

    @Test func controlCharactersInThePathAreRejected() {
        // The path goes verbatim into the request line: nothing may end or split it.
        #expect(rejection("http://h:1/x\r\nX-Injected: 1")?.exitCode == .usage)
        #expect(rejection("h:1/a b")?.exitCode == .usage)
        #expect(rejection("::1")?.message.contains("brackets") == true)
        #expect(rejection("h:+80")?.exitCode == .usage)
    }

    @Test func aBareDebugPathMeansTheRoot() throws {
        #expect(try GoEndpoint.parse("localhost:6060/debug").basePath == "")
        #expect(try GoEndpoint.parse("localhost:6060/app/debug").basePath == "/app")
    }

    @Test func highestPortIsAccepted() throws {
        #expect(try GoEndpoint.parse("localhost:65535").port == 65535)
        #expect(try GoEndpoint.parse("localhost:1").port == 1)
    }
}
