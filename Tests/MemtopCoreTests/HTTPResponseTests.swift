import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct HTTPResponseTests {
    private func parse(_ text: String) throws(HTTPFetchError) -> HTTPResponse { try HTTPResponse.parse(Array(text.utf8)) }
    private func body(_ r: HTTPResponse) -> String { String(decoding: r.body, as: UTF8.self) }

    @Test func statusLineHeadersAndBody() throws {
        let r = try parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Thing:\tspaced value \r\nDate: Fri, 04 Dec 2026 22:29:00 GMT\r\n\r\nhello\r\nworld")
        #expect(r.status == 200)
        #expect(r.reason == "OK")
        #expect(r.headers.map(\.name) == ["content-type", "x-thing", "date"])
        #expect(r.headers.map(\.value) == ["text/plain; charset=utf-8", "spaced value ", "Fri, 04 Dec 2026 22:29:00 GMT"])
        // Without Content-Length the body is everything up to the close.
        #expect(body(r) == "hello\r\nworld")
        #expect(!r.looksLikeHTML)
    }

    @Test func reasonPhrases() throws {
        #expect(try parse("HTTP/1.0 404 Not Found\r\n\r\n").reason == "Not Found")
        #expect(try parse("HTTP/1.0 404 Not Found\r\n\r\n").status == 404)
        let bare = try parse("HTTP/1.1 204\r\n\r\n")
        #expect(bare.status == 204 && bare.reason == "" && bare.headers.isEmpty && bare.body.isEmpty)
    }

    @Test func contentLengthBoundsTheBody() throws {
        let r = try parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello world")
        #expect(body(r) == "hello")
        #expect(try parse("HTTP/1.1 200 OK\r\ncontent-length:  0 \r\n\r\nignored").body.isEmpty)
        // Binary bodies are kept byte for byte.
        let bin: [UInt8] = [0, 0xFF, 13, 10, 13, 10, 0x80]
        let raw = Array("HTTP/1.0 200 OK\r\nContent-Length: 7\r\n\r\n".utf8) + bin
        #expect(try HTTPResponse.parse(raw).body == bin)
    }

    @Test func chunkedBodyIsDechunked() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
            + "5;x=y\r\nhello\r\n7\r\n, world\r\nA;name=\"v\"\r\n0123456789\r\nb\r\n\r\nline\r\nend\r\n0\r\nX-Trailer: t\r\n\r\n"
        let r = try parse(text)
        // Chunked wins over Content-Length; chunk extensions are ignored; hex is either case.
        #expect(body(r) == "hello, world0123456789\r\nline\r\nend")
        #expect(try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n").body.isEmpty)
        #expect(body(try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")) == "abc")
    }

    @Test func chunkedCutOffIsMalformed() {
        let full = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
        let bytes = Array(full.utf8)
        let lastChunk = bytes.count - 5  // where "0\r\n\r\n" starts
        // Every cut before the last-chunk line is complete fails; none crashes.
        for n in 0..<(lastChunk + 3) {
            let e = #expect(throws: HTTPFetchError.self, "prefix \(n)") { try HTTPResponse.parse(Array(bytes.prefix(n))) }
            if case .malformed = e {} else { Issue.record("prefix \(n): \(String(describing: e))") }
        }
        #expect(throws: HTTPFetchError.malformed("chunk without its CRLF")) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXY0\r\n\r\n")
        }
        #expect(throws: HTTPFetchError.malformed("chunked body cut off")) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
        }
        #expect(throws: HTTPFetchError.malformed("chunked body cut off")) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort\r\n0\r\n\r\n")
        }
        #expect(throws: HTTPFetchError.malformed("bad chunk size")) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
        }
        #expect(throws: HTTPFetchError.malformed("chunk too large")) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\nx\r\n0\r\n\r\n")
        }
    }

    @Test func contentLengthLargerThanBodyIsMalformed() {
        #expect(throws: HTTPFetchError.malformed("body cut off at 3 of 10 bytes")) {
            try parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
        }
        #expect(throws: HTTPFetchError.malformed("bad Content-Length")) { try parse("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\nabc") }
        #expect(throws: HTTPFetchError.malformed("bad Content-Length")) { try parse("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nabc") }
        #expect(throws: HTTPFetchError.malformed("bad Content-Length")) {
            try parse("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nabc")
        }
    }

    @Test func emptyAndGarbageAreMalformed() {
        #expect(throws: HTTPFetchError.malformed("empty reply")) { try HTTPResponse.parse([]) }
        #expect(throws: HTTPFetchError.malformed("no end of headers")) { try parse("garbage") }
        #expect(throws: HTTPFetchError.malformed("no end of headers")) { try parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n") }
        // LF-only line ends never end the headers.
        #expect(throws: HTTPFetchError.malformed("no end of headers")) { try parse("HTTP/1.1 200 OK\n\nbody") }
        for bad in ["garbage\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 99 Low\r\n\r\n", "HTTP/1.1 600 High\r\n\r\n",
                    "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1\r\n\r\n", "\r\n\r\n", "SSH-2.0-OpenSSH_9.2\r\n\r\n"] {
            #expect(throws: HTTPFetchError.malformed("bad status line"), "\(bad)") { try parse(bad) }
        }
        #expect(throws: HTTPFetchError.malformed("bad header line")) { try parse("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n") }
        #expect(HTTPFetchError.malformed("empty reply").message == "not an HTTP response (empty reply)")
    }

    @Test func htmlIsRecognizedByTypeOrBody() throws {
        #expect(try parse("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{\"a\":1}").looksLikeHTML)
        #expect(try parse("HTTP/1.1 200 OK\r\nContent-Type: TEXT/HTML\r\n\r\n").looksLikeHTML)
        #expect(try parse("HTTP/1.1 200 OK\r\n\r\n \r\n\t <!DOCTYPE html><html></html>").looksLikeHTML)
        #expect(try parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n<html>").looksLikeHTML)
        #expect(!(try parse("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\": \"<b>\"}").looksLikeHTML))
        #expect(!(try parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nheap profile: 1: 2 [3: 4] @ heap/2\n").looksLikeHTML))
        #expect(!(try parse("HTTP/1.1 200 OK\r\n\r\n").looksLikeHTML))
        #expect(!(try parse("HTTP/1.1 200 OK\r\n\r\n   ").looksLikeHTML))

        for version in GoFixture.versions {
            let f = GoFixture(version)
            #expect(CannedHTTP.response(200, reason: "OK", body: f.bytes("index.html")).looksLikeHTML)
            #expect(!CannedHTTP.response(200, reason: "OK", body: f.bytes("vars.json")).looksLikeHTML)
            #expect(!CannedHTTP.response(200, reason: "OK", body: f.bytes("heap.txt")).looksLikeHTML)
            #expect(!CannedHTTP.response(200, reason: "OK", body: f.bytes("goroutine.txt")).looksLikeHTML)
        }
    }

    @Test func headerLookupIsCaseInsensitive() throws {
        let r = try parse("HTTP/1.1 200 OK\r\nX-Go-Version: go1.19.8\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\n")
        #expect(r.header("x-go-version") == "go1.19.8")
        #expect(r.header("X-GO-VERSION") == "go1.19.8")
        #expect(r.header("X-Go-Version") == "go1.19.8")
        #expect(r.header("Set-Cookie") == "a=1")  // the first of repeated headers
        #expect(r.header("content-length") == nil)
    }

    @Test func fixtureBodiesSurviveTheRoundTrip() {
        for version in GoFixture.versions {
            let f = GoFixture(version)
            for name in GoFixture.files {
                let r = CannedHTTP.response(200, reason: "OK", contentType: "text/plain", body: f.bytes(name))
                #expect(r.body == f.bytes(name), "\(version)/\(name)")
                #expect(r.status == 200 && r.header("Content-Length") == "\(f.bytes(name).count)")
            }
        }
    }

    @Test func fetchErrorMessages() {
        #expect(HTTPFetchError.refused.message == "connection refused")
        #expect(HTTPFetchError.cannotResolve("nohost.invalid").message == "cannot resolve nohost.invalid")
        #expect(HTTPFetchError.network("network is unreachable").message == "network is unreachable")
        #expect(HTTPFetchError.timedOut(seconds: 2).message.hasPrefix("no answer within"))
        #expect(HTTPFetchError.tooLarge(limit: 64 << 20).message.hasPrefix("response larger than"))
    }

    @Test func mutatedResponsesNeverCrash() {
        let seed = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
        let plain = "HTTP/1.0 404 Not Found\r\nContent-Length: 19\r\n\r\n404 page not found\n"
        var rng = MutationRNG(seed: 0x4854_5450_0000_0001)
        for base in [seed, plain] {
            let bytes = Array(base.utf8)
            for _ in 0..<500 {
                if let r = try? HTTPResponse.parse(rng.mutate(bytes)) {
                    _ = r.looksLikeHTML
                    _ = r.header("content-type")
                }
            }
        }
    }
}
