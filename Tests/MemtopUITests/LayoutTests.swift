import MemtopUI
import Testing

@Suite struct LayoutTests {
    @Test(arguments: [false, true])
    func panelsTileTheScreenWithoutOverlap(go: Bool) {
        for (w, h) in [(120, 40), (119, 40), (60, 20), (200, 60), (50, 15)] {
            let l = Layout(width: w, height: h, focus: .rss, zoomed: false, go: go)
            #expect(!l.isTooSmall)
            #expect(Set(l.panels.keys) == Set(PanelID.available(go: go)))
            var covered = Array(repeating: 0, count: w * h)
            for r in l.panels.values {
                #expect(r.x >= 0 && r.y >= 0 && r.maxX <= w && r.maxY <= h - 1, "\(w)x\(h): \(r)")
                for y in r.y..<r.maxY { for x in r.x..<r.maxX { covered[y * w + x] += 1 } }
            }
            #expect(covered[..<(w * (h - 1))].allSatisfy { $0 == 1 }, "\(w)x\(h)")
            #expect(l.statusLine == Rect(x: 0, y: h - 1, width: w, height: 1))
        }
    }

    @Test func zoomGivesTheFocusedPanelTheBody() {
        let l = Layout(width: 120, height: 40, focus: .heap, zoomed: true)
        #expect(Set(l.panels.keys) == [.summary, .heap])
        #expect(l.panels[.heap] == Rect(x: 0, y: 4, width: 120, height: 35))
        let s = Layout(width: 120, height: 40, focus: .summary, zoomed: true)
        #expect(s.panels == [.summary: Rect(x: 0, y: 0, width: 120, height: 39)])
    }

    @Test func tooSmallScreens() {
        for (w, h) in [(49, 40), (120, 14), (0, 0), (1, 1)] {
            let l = Layout(width: w, height: h, focus: .rss, zoomed: false)
            #expect(l.isTooSmall && l.panels.isEmpty)
        }
    }

    @Test func goPanelsGoThreeAcrossOnWideScreensAndTwoOtherwise() {
        let wide = Layout(width: 150, height: 50, focus: .rss, zoomed: false, go: true)
        #expect(wide.panels[.rss]?.y == wide.panels[.goHeap]?.y && wide.panels[.heap]?.y == wide.panels[.goHeap]?.y)
        #expect(wide.panels[.mappings]?.y == wide.panels[.heapDiff]?.y)
        let narrow = Layout(width: 100, height: 50, focus: .rss, zoomed: false, go: true)
        #expect(narrow.panels[.rss]?.y == narrow.panels[.goHeap]?.y && narrow.panels[.heap]?.y != narrow.panels[.rss]?.y)
        #expect(narrow.panels[.summary]?.height == 5)
    }

    @Test func hitTesting() {
        let l = Layout(width: 120, height: 40, focus: .rss, zoomed: false)
        #expect(l.panel(at: 0, 0) == .summary)
        #expect(l.panel(at: 5, 6) == .rss)
        #expect(l.panel(at: 100, 6) == .heap)
        #expect(l.panel(at: 5, 38) == .mappings)
        #expect(l.panel(at: 5, 39) == nil)
    }
}
