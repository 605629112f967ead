import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct GoPollerTests {
    private let endpoint: GoEndpoint

    init() throws { endpoint = try GoEndpoint.parse("http://localhost:6060") }

    /// A canned endpoint serving one capture: vars, heap and goroutine profiles as a Go program does.
    private func serving(_ f: GoFixture, vars: Bool = true, heap: Bool = true, goroutines: Bool = true) -> CannedHTTP {
        let http = CannedHTTP()
        if vars { http.ok(endpoint.varsPath, f.bytes("vars.json"), contentType: "application/json; charset=utf-8") }
        if heap { http.ok(endpoint.heapPath, f.bytes("heap.txt")) }
        if goroutines { http.ok(endpoint.goroutinePath, f.bytes("goroutine.txt")) }
        return http
    }

    /// The usage error `probe` throws, or nil (recorded as a failure) when it does not throw.
    private func probeError(_ http: CannedHTTP, sourceLocation: SourceLocation = #_sourceLocation) -> MemtopError? {
        var p = GoPoller(endpoint: endpoint, http: http)
        do throws(MemtopError) {
            let r = try p.probe(now: 1)
            Issue.record("probe returned \(r) instead of throwing", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.exitCode == .usage, sourceLocation: sourceLocation)
            return error
        }
    }

    // MARK: probe

    @Test(arguments: GoFixture.versions)
    func probeWithExpvarIsOK(_ version: String) throws {
        let f = GoFixture(version)
        let http = serving(f)
        var p = GoPoller(endpoint: endpoint, http: http)
        #expect(try p.probe(now: 5) == .ok)
        #expect(!p.memstatsFromHeap)
        #expect(p.runtime.lastGood == 5)
        #expect(p.runtime.problem == nil && p.runtime.failingSince == nil)
        #expect(p.expvars.map(\.name) == ["leak_bytes", "leak_goroutines"])
        // expvar answered, so the heap profile was not fetched.
        #expect(http.requestedPaths == [endpoint.varsPath])
        #expect(http.requests.first?.limit == GoPoller.bodyLimit)
        #expect(http.requests.first?.timeout == p.timeout)
    }

    @Test(arguments: GoFixture.versions)
    func probeWithoutExpvarFallsBackToTheHeapProfile(_ version: String) throws {
        let f = GoFixture(version)
        let http = serving(f, vars: false)  // /debug/vars answers 404
        var p = GoPoller(endpoint: endpoint, http: http)
        #expect(try p.probe(now: 5) == .ok)
        #expect(p.memstatsFromHeap)
        #expect(p.runtime.lastGood == 5 && p.runtime.problem == nil)
        #expect(http.requestedPaths == [endpoint.varsPath, endpoint.heapPath])
        // Heap profiles take time to build: their request gets at least 5 s.
        #expect((http.requests.last?.timeout ?? 0) >= 5)

        let reading = p.pollRuntime(now: 6)
        let heap = try #require(reading.heapProfile)
        let ms = try #require(reading.memstats)
        #expect(ms.heapAlloc == f.u64("heap_trailer_heap_alloc"))
        #expect(ms == heap.memstats)
        #expect(ms == (try GoHeapProfile.parse(f.bytes("heap.txt"))).memstats)
        #expect(reading.goroutines?.total == f.int("goroutines_total"))
        #expect(p.runtime.lastGood == 6 && p.runtime.problem == nil)
        #expect(p.heap.lastGood == 6)
        #expect(p.goroutines.lastGood == 6)
        // Polling in heap mode never asks /debug/vars again.
        #expect(http.requestedPaths.dropFirst(2).allSatisfy { $0 != endpoint.varsPath })

        // The heap profile failing makes the runtime feed fail with the same words, and recover with it.
        http.fail(endpoint.heapPath, .refused)
        let down = p.pollRuntime(now: 7)
        #expect(down.memstats == nil && down.heapProfile == nil)
        #expect(p.runtime.problem == "unreachable: connection refused")
        #expect(p.runtime.failingSince == 7 && p.runtime.lastGood == 6)
        #expect(p.heap.problem == "unreachable: connection refused")
        http.ok(endpoint.heapPath, f.bytes("heap-after.txt"))
        let back = p.pollRuntime(now: 8)
        #expect(back.memstats?.heapAlloc == f.u64("after_heap_trailer_heap_alloc"))
        #expect(p.runtime.problem == nil && p.runtime.failingSince == nil && p.runtime.lastGood == 8)
    }

    @Test func probeOfNothingListeningIsUnreachable() throws {
        let http = CannedHTTP(fallback: .failure(.refused))
        var p = GoPoller(endpoint: endpoint, http: http)
        #expect(try p.probe(now: 3) == .unreachable("connection refused"))
        #expect(p.runtime.problem?.hasPrefix("unreachable") == true)
        #expect(p.runtime.problem == "unreachable: connection refused")
        #expect(p.runtime.failingSince == 3)
        #expect(p.runtime.lastGood == nil)
        #expect(!p.memstatsFromHeap)

        let slow = CannedHTTP(fallback: .failure(.timedOut(seconds: 2)))
        var q = GoPoller(endpoint: endpoint, http: slow)
        let r = try q.probe(now: 3)
        #expect(r == .unreachable(HTTPFetchError.timedOut(seconds: 2).message))
        #expect(q.runtime.problem?.hasPrefix("unreachable: no answer within") == true)
    }

    @Test func probeOfAnotherServerIsAUsageError() {
        // Both paths answer 404: something listens, but not a Go program with expvar or pprof.
        let e = probeError(CannedHTTP())
        #expect(e?.message.contains("not a Go debug endpoint") == true)
        #expect(e?.message.contains("http://localhost:6060") == true)
        #expect(e?.message.contains("/debug/vars answered 404 Not Found") == true)
        #expect(e?.message.contains("/debug/pprof/heap answered 404 Not Found") == true)
        // The query string is not part of the words.
        #expect(e?.message.contains("?debug") == false)
    }

    @Test func probeOfHTMLPagesIsAUsageError() {
        let http = CannedHTTP()
        http.html(endpoint.varsPath)
        http.html(endpoint.heapPath, GoFixture("go1.19.8").bytes("index.html"))
        let e = probeError(http)
        #expect(e?.message.contains("HTML") == true)
        #expect(e?.message.contains("/debug/vars returned HTML, not expvar JSON") == true)
        #expect(e?.message.contains("/debug/pprof/heap returned HTML, not a heap profile") == true)
    }

    @Test(arguments: GoFixture.versions)
    func probeWithHTMLVarsButAHeapProfileIsOK(_ version: String) throws {
        let f = GoFixture(version)
        let http = serving(f)
        http.html(endpoint.varsPath)
        var p = GoPoller(endpoint: endpoint, http: http)
        #expect(try p.probe(now: 1) == .ok)
        #expect(p.memstatsFromHeap)
    }

    @Test func probeOfUnknownHostIsAUsageError() {
        let e = probeError(CannedHTTP(fallback: .failure(.cannotResolve("localhost"))))
        #expect(e?.message.contains("cannot resolve localhost") == true)
    }

    @Test func probeOfHeapProfileWithoutMemStatsIsAUsageError() {
        // A heap profile cut before its `# runtime.MemStats` trailer (all lines complete).
        let text = String(decoding: GoFixture("go1.19.8").bytes("heap.txt"), as: UTF8.self)
        let head = String(text[..<text.range(of: "# runtime.MemStats")!.lowerBound])
        #expect((try? GoHeapProfile.parse(Array(head.utf8)))?.memstats == nil)
        #expect((try? GoHeapProfile.parse(Array(head.utf8))) != nil)
        let http = CannedHTTP()
        http.ok(endpoint.heapPath, Array(head.utf8))
        let e = probeError(http)
        #expect(e?.message.contains("runtime.MemStats") == true)
    }

    @Test func probeOfGarbageNamesTheParseError() {
        let http = CannedHTTP()
        http.ok(endpoint.varsPath, Array("{\"cmdline\": []}".utf8), contentType: "application/json")
        http.ok(endpoint.heapPath, Array("hello\n".utf8))
        let e = probeError(http)
        #expect(e?.message.contains("/debug/vars: JSON without memstats") == true)
        #expect(e?.message.contains("/debug/pprof/heap: not a heap profile") == true)
    }

    // MARK: hostile numbers

    @Test func probeOfANonHTTPServerIsAUsageError() {
        // Something answered (an SSH or Redis port), so by probe's contract this is "not a Go debug endpoint",
        // but every transport error other than cannotResolve is reported as .unreachable and polling goes on.
        let e = probeError(CannedHTTP(fallback: .failure(.malformed("bad status line"))))
        #expect(e?.message.contains("not a Go debug endpoint") == true)
    }

    @Test func heapModeWithoutMemStatsTrailerIsAProblem() throws {
        let f = GoFixture("go1.19.8")
        let http = serving(f, vars: false)
        var p = GoPoller(endpoint: endpoint, http: http)
        #expect(try p.probe(now: 1) == .ok && p.memstatsFromHeap)
        let text = String(decoding: f.bytes("heap.txt"), as: UTF8.self)
        let head = String(text[..<text.range(of: "# runtime.MemStats")!.lowerBound])
        http.ok(endpoint.heapPath, Array(head.utf8))
        let r = p.pollRuntime(now: 2)
        #expect(r.memstats == nil)
        #expect(p.runtime.problem != nil)
        #expect(p.runtime.lastGood == 1)
    }

    // MARK: polling

    @Test(arguments: GoFixture.versions)
    func scriptedOutageAndRecovery(_ version: String) throws {
        let f = GoFixture(version)
        let http = serving(f)
        var p = GoPoller(endpoint: endpoint, http: http)
        #expect(try p.probe(now: 0) == .ok)

        let good = p.pollRuntime(now: 1)
        #expect(good.memstats?.heapAlloc == f.u64("heap_alloc"))
        #expect(good.heapProfile == nil)
        #expect(good.goroutines?.total == f.int("goroutines_total"))
        #expect(p.runtime.problem == nil)
        #expect(p.runtime.lastGood == 1)
        #expect(p.runtime.failingSince == nil)

        http.fail(endpoint.varsPath, .refused)
        let refused = p.pollRuntime(now: 10)
        #expect(refused.memstats == nil)
        #expect(p.runtime.problem == "unreachable: connection refused")
        #expect(p.runtime.failingSince == 10)
        #expect(p.runtime.lastGood == 1)

        http.html(endpoint.varsPath)
        let html = p.pollRuntime(now: 11)
        #expect(html.memstats == nil)
        #expect(p.runtime.problem?.contains("returned HTML") == true)
        #expect(p.runtime.problem == "/debug/vars returned HTML, not expvar JSON")
        #expect(p.runtime.failingSince == 10)

        http.ok(endpoint.varsPath, f.bytes("vars-after.json"), contentType: "application/json")
        let back = p.pollRuntime(now: 12)
        #expect(back.memstats?.heapAlloc == f.u64("after_heap_alloc"))
        #expect(p.runtime.problem == nil)
        #expect(p.runtime.failingSince == nil)
        #expect(p.runtime.lastGood == 12)
        #expect(p.expvars.first { $0.name == "leak_bytes" }?.value == Int64(f.u64("after_leak_bytes")))
        // The goroutine feed was healthy throughout.
        #expect(p.goroutines.problem == nil && p.goroutines.lastGood == 12)
    }

    @Test func problemTextsNameThePathWithoutItsQuery() {
        let f = GoFixture("go1.19.8")
        let http = serving(f)
        var p = GoPoller(endpoint: endpoint, http: http)
        http.status(endpoint.varsPath, 503, reason: "Service Unavailable")
        _ = p.pollRuntime(now: 1)
        #expect(p.runtime.problem == "/debug/vars answered 503 Service Unavailable")
        http.ok(endpoint.varsPath, Array("{\"memstats\": {}}".utf8))
        _ = p.pollRuntime(now: 2)
        #expect(p.runtime.problem == "/debug/vars: memstats without HeapAlloc")
        #expect(p.runtime.failingSince == 1)

        http.status(endpoint.heapPath, 404, reason: "Not Found")
        #expect(p.pollHeap(now: 3) == nil)
        #expect(p.heap.problem == "/debug/pprof/heap answered 404 Not Found")
        #expect(p.heap.failingSince == 3)
        http.ok(endpoint.heapPath, f.bytes("heap.txt"))
        #expect(p.pollHeap(now: 4)?.memstats?.heapAlloc == f.u64("heap_trailer_heap_alloc"))
        #expect(p.heap.problem == nil && p.heap.lastGood == 4 && p.heap.failingSince == nil)
    }

    @Test(arguments: GoFixture.versions)
    func goroutineFeedFailingAloneLeavesRuntimeHealthy(_ version: String) throws {
        let f = GoFixture(version)
        let http = serving(f)
        var p = GoPoller(endpoint: endpoint, http: http)
        #expect(try p.probe(now: 0) == .ok)

        http.fail(endpoint.goroutinePath, .refused)
        let r1 = p.pollRuntime(now: 1)
        #expect(r1.memstats?.heapAlloc == f.u64("heap_alloc"))
        #expect(r1.goroutines == nil)
        #expect(p.runtime.problem == nil && p.runtime.lastGood == 1)
        #expect(p.goroutines.problem == "unreachable: connection refused")
        #expect(p.goroutines.failingSince == 1)

        http.html(endpoint.goroutinePath)
        _ = p.pollRuntime(now: 2)
        #expect(p.goroutines.problem == "/debug/pprof/goroutine returned HTML, not a goroutine profile")
        #expect(p.goroutines.failingSince == 1)
        #expect(p.runtime.problem == nil && p.runtime.lastGood == 2)

        http.ok(endpoint.goroutinePath, f.bytes("goroutine.txt"))
        let r3 = p.pollRuntime(now: 3)
        #expect(r3.goroutines?.total == f.int("goroutines_total"))
        #expect(p.goroutines.problem == nil && p.goroutines.failingSince == nil && p.goroutines.lastGood == 3)
    }

    @Test func cannedHTTPScriptsAnswers() throws {
        let http = CannedHTTP()
        #expect(try http.get("/x", timeout: 1, limit: 10).get().status == 404)
        http.ok("/x", Array("hi".utf8))
        #expect(try http.get("/x", timeout: 1, limit: 10).get().body == Array("hi".utf8))
        http.fail("/x", .refused)
        #expect(throws: HTTPFetchError.refused) { try http.get("/x", timeout: 1, limit: 10).get() }
        http.setFallback(.failure(.timedOut(seconds: 1)), clear: true)
        #expect(throws: HTTPFetchError.timedOut(seconds: 1)) { try http.get("/x", timeout: 1, limit: 10).get() }
        #expect(http.requestedPaths == ["/x", "/x", "/x", "/x"])
    }
}
