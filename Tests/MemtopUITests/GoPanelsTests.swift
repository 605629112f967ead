import MemtopCore
import MemtopUI
import Testing

/// The Go panels rendered from a synthetic `--go` session.
@Suite struct GoPanelsTests {
    private func model(samples: Int = 90, go configure: (inout GoModel) -> Void = { _ in }) -> DashboardModel {
        var h = SampleHistory(pid: 7, go: true)
        for i in 0..<samples {
            var s = Sample(time: 1_796_400_000 + Double(i), elapsed: Double(i), pid: 7)
            s.rss = UInt64(120 + i) << 20
            s.threads = 9
            if i % 2 == 0 {
                s.goHeapAlloc = UInt64(50 + i) << 20
                s.goHeapInuse = UInt64(60 + i) << 20
                s.goHeapSys = UInt64(100 + i) << 20
                s.goNumGC = UInt64(i / 10)
                s.goroutines = 12 + i
            }
            h.append(s)
        }
        var m = DashboardModel(pid: 7, name: "svc", commandLine: "./svc", interval: 1, history: h, now: 1_796_400_000 + Double(samples), glyphs: .unicode)
        var g = GoModel(endpoint: "http://127.0.0.1:6060")
        g.expvars = [GoExpvar(name: "queue_len", value: 42)]
        g.heapDiff = [
            GoHeapSiteChange(site: GoSite(function: "main.growMap", location: "./svc.go:69"), bytes: 40 * 1_048_576, bytesChange: 32 * 1_048_576, objectsChange: 32),
            GoHeapSiteChange(site: GoSite(function: "bufio.NewReaderSize\u{1b}]0;x\u{7}", location: "bufio/bufio.go:57"), bytes: 1_048_576, bytesChange: 0, objectsChange: 0),
        ]
        g.baselineTime = 1_796_400_000
        g.profileTime = 1_796_400_080
        configure(&g)
        m.go = g
        return m
    }

    private func render(_ m: DashboardModel, width: Int = 140, height: Int = 45, focus: PanelID? = nil, zoomed: Bool = false) -> [String] {
        var state = AppState(interval: 1)
        if let focus { state.focus = focus }
        state.zoomed = zoomed
        return Dashboard.render(m, state: state, width: width, height: height).0.lines
    }

    @Test func goPanelsShowTheRuntimeFiguresAndTheDiff() {
        let lines = render(model())
        let text = lines.joined(separator: "\n")
        for title in ["┌ Go heap ", "┌ Goroutines ", "┌ Heap diff "] { #expect(text.contains(title), "\(title) missing:\n\(text)") }
        #expect(lines[3].contains("Go HeapAlloc 138 MiB") && lines[3].contains("Goroutines 100") && lines[3].contains("queue_len 42"), "\(lines[3])")
        // RSS 209 MiB against HeapInuse 148 MiB: 61 MiB outside the Go heap.
        #expect(lines[3].contains("Outside heap 61.0 MiB"), "\(lines[3])")
        let diffHeader = try! #require(lines.firstIndex { $0.contains("Change▼") && $0.contains("Function") })
        #expect(lines[diffHeader + 1].contains("+32.0 MiB") && lines[diffHeader + 1].contains("main.growMap") && lines[diffHeader + 1].contains("svc.go:69"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "a control character reached the canvas")
        #expect(text.contains("since start"))
    }

    @Test func aFailingEndpointSaysWhatAndSinceWhen() {
        let lines = render(model { g in
            g.runtime.problem = "unreachable: connection refused"
            g.runtime.failingSince = 1_796_400_050
            g.goroutines = g.runtime
            g.heap.problem = "/debug/pprof/heap returned HTML, not a heap profile"
            g.heap.failingSince = 1_796_400_050
        })
        let text = lines.joined(separator: "\n")
        let clock = Timestamp.localClock(1_796_400_050)
        #expect(lines[3].contains("unreachable: connection refused (since \(clock))"), "\(lines[3])")
        #expect(lines.filter { $0.contains("unreachable: connection refused (since") }.count >= 3, "\(text)")
        #expect(text.contains("returned HTML"))
        // The history before the failure is still drawn.
        #expect(text.unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF })
    }

    @Test func goroutineSitesShowWhenZoomed() {
        let lines = render(model { g in
            g.goroutineSites = [(GoSite(function: "main.leakGoroutines.func1", location: "./svc.go:87"), 78), (GoSite(function: "net/http.(*conn).serve", location: "net/http/server.go:1991"), 3)]
        }, focus: .goroutines, zoomed: true)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Waiting in"), "\(text)")
        #expect(lines.contains { $0.contains("78") && $0.contains("main.leakGoroutines.func1") })
    }

    @Test func goSessionsRenderAtTheMinimumSizeAndBelow() {
        for (w, h) in [(50, 15), (49, 15), (1, 1), (0, 0)] {
            let lines = render(model(), width: w, height: h)
            #expect(lines.count == h && lines.allSatisfy { $0.count == w })
        }
    }
}
