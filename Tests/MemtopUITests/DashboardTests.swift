import MemtopCore
import MemtopUI
import Testing

/// The whole dashboard rendered from a synthetic session.
@Suite struct DashboardTests {
    private func model(samples: Int = 120, glyphs: GlyphSet = .unicode) -> DashboardModel {
        var h = SampleHistory(pid: 4242)
        for i in 0..<samples {
            var s = Sample(time: 1_796_400_000 + Double(i), elapsed: Double(i), pid: 4242)
            s.rss = UInt64(100 + i) << 20
            s.anon = UInt64(80 + i) << 20
            s.file = 20 << 20
            s.shmem = 0
            s.pss = UInt64(90 + i) << 20
            s.threads = 4 + i / 30
            if i % 3 == 0 { s.heap = UInt64(60 + i) << 20 }
            h.append(s)
        }
        var m = DashboardModel(pid: 4242, name: "leaky\u{1b}[2J", commandLine: "./leaky --serve", interval: 1, history: h,
                               now: 1_796_400_000 + Double(samples), glyphs: glyphs)
        m.mappings = [MappingGroup(name: "[heap]", rss: 60 << 20, swap: 0, count: 1, change: nil, isNew: false),
                      MappingGroup(name: "/usr/lib/x86_64-linux-gnu/libc.so.6", rss: 2 << 20, swap: 0, count: 5, change: nil, isNew: false)]
        m.alerts = [AlertRow(started: 1_796_400_060, metric: "rss", rate: "+60.0 MiB/min", duration: 60, timeToLimit: "~1h05m",
                             severity: .warning, active: true)]
        m.slopes[.rss] = 1_048_576
        return m
    }

    @Test func everyPanelIsDrawnWithItsFigures() {
        let (canvas, layout) = Dashboard.render(model(), state: AppState(interval: 1), width: 120, height: 40)
        let text = canvas.lines.joined(separator: "\n")
        #expect(!layout.isTooSmall)
        for title in ["┌ RSS ", "┌ Heap ", "┌ Threads ", "┌ Alerts ", "┌ Mappings "] {
            #expect(text.contains(title), "\(title) missing")
        }
        #expect(canvas.lines[0].hasPrefix("┌ memtop  pid 4242  leaky?[2J"))  // the escape is drawn inert
        #expect(canvas.lines[0].contains("LEAK rss"))
        #expect(canvas.lines[1].contains("RSS 219 MiB") && canvas.lines[1].contains("PSS 209 MiB"))
        #expect(canvas.lines[2].contains("Heap 177 MiB") && canvas.lines[2].contains("Threads 7"))
        #expect(text.contains("LEAK  219 MiB  +1.00 MiB/s"))
        #expect(text.contains("[heap]") && text.contains("libc.so.6"))
        #expect(text.contains("+60.0 MiB/min") && text.contains("~1h05m"))
        #expect(canvas.lines[39].contains("Tab panel"))
        #expect(text.unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF }, "no braille drawn")
    }

    @Test func aStoppedTargetIsLabelled() {
        var m = model()
        m.targetState = UInt8(ascii: "T")
        let (canvas, _) = Dashboard.render(m, state: AppState(interval: 1), width: 120, height: 40)
        #expect(canvas.lines[0].contains("TARGET STOPPED"), "\(canvas.lines[0])")
        m.targetState = UInt8(ascii: "S")
        #expect(!Dashboard.render(m, state: AppState(interval: 1), width: 120, height: 40).0.lines[0].contains("STOPPED"))
    }

    @Test func unmeasuredValuesShowAsUnknownNotZero() {
        var m = model(samples: 1)
        m.history = SampleHistory(pid: 4242)
        var s = Sample(time: 1_796_400_000, elapsed: 0, pid: 4242)
        s.rss = 10 << 20
        m.history.append(s)
        let (canvas, _) = Dashboard.render(m, state: AppState(interval: 1), width: 120, height: 40)
        #expect(canvas.lines[1].contains("PSS ?") && canvas.lines[1].contains("Swap ?"))
        #expect(canvas.lines[2].contains("Heap ?"))
    }

    @Test func asciiModeUsesNoUnicode() {
        let (canvas, _) = Dashboard.render(model(glyphs: .ascii), state: AppState(interval: 1), width: 100, height: 30)
        let bad = canvas.lines.joined().unicodeScalars.filter { $0.value > 0x7E }
        #expect(bad.isEmpty, "non-ASCII: \(String(String.UnicodeScalarView(bad.prefix(10))))")
    }

    @Test func zoomHelpAndTooSmall() {
        var state = AppState(interval: 1)
        state.zoomed = true
        let (zoomed, layout) = Dashboard.render(model(), state: state, width: 120, height: 40)
        #expect(layout.panels.keys.sorted { $0.rawValue < $1.rawValue } == [.summary, .rss])
        #expect(zoomed.lines[4].hasPrefix("┌ RSS ") && zoomed.lines[4].hasSuffix("┐"))
        state.zoomed = false
        state.showHelp = true
        let help = Dashboard.render(model(), state: state, width: 120, height: 40).0.lines.joined(separator: "\n")
        #expect(help.contains("┌ Help ") && help.contains("export the whole session to CSV"))
        let small = Dashboard.render(model(), state: AppState(interval: 1), width: 40, height: 10).0.lines.joined()
        #expect(small.contains("50x15") && small.contains("40x10"))
        for (w, h) in [(0, 0), (1, 1), (2, 2), (49, 15), (50, 15)] {
            let (c, _) = Dashboard.render(model(), state: AppState(interval: 1), width: w, height: h)
            #expect(c.width == w && c.height == h)
        }
    }

    @Test func pannedAndPausedViewsSayWhereTheyAre() {
        var state = AppState(interval: 1)
        _ = state.handle(.left, KeyContext(latest: 119, visibleColumns: 100))
        let panned = Dashboard.render(model(), state: state, width: 120, height: 40).0.lines
        #expect(panned[39].contains("PANNED") && panned[39].contains("End live"))
        // The header shows the figures at the cursor, 25 s back: RSS 194 MiB, not the live 219 MiB.
        #expect(panned[1].contains("RSS 194 MiB"), "\(panned[1])")
        var paused = AppState(interval: 1)
        _ = paused.handle(.char("p"), KeyContext(latest: 119, visibleColumns: 100))
        #expect(Dashboard.render(model(), state: paused, width: 120, height: 40).0.lines[39].contains("PAUSED"))
    }

    @Test func mappingsSortOrders() {
        let groups = [MappingGroup(name: "b", rss: 1, swap: 5, count: 1, change: 10, isNew: false),
                      MappingGroup(name: "a", rss: 3, swap: 0, count: 1, change: -2, isNew: false),
                      MappingGroup(name: "c", rss: 2, swap: 1, count: 1, change: 0, isNew: false)]
        #expect(Dashboard.sorted(groups, by: .rss).map(\.name) == ["a", "c", "b"])
        #expect(Dashboard.sorted(groups, by: .change).map(\.name) == ["b", "c", "a"])
        #expect(Dashboard.sorted(groups, by: .swap).map(\.name) == ["b", "c", "a"])
        #expect(Dashboard.sorted(groups, by: .name).map(\.name) == ["a", "b", "c"])
    }
}
