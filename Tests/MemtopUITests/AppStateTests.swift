import MemtopUI
import Testing

/// Every key of DESIGN.md's key map, through the pure reducer.
@Suite struct AppStateTests {
    let ctx = KeyContext(latest: 600, visibleColumns: 100, mappingsCount: 30, alertsCount: 3, panelAt: { x, _ in x < 10 ? .threads : .alerts })

    private func state(_ keys: [Key], interval: Double = 1) -> (AppState, [Effect]) {
        var s = AppState(interval: interval)
        var effects: [Effect] = []
        for k in keys { if let e = s.handle(k, ctx) { effects.append(e) } }
        return (s, effects)
    }

    @Test func tabAndShiftTabCycleFocusThroughEveryPanel() {
        #expect(state([]).0.focus == .rss)
        #expect(state([.tab]).0.focus == .heap)
        #expect(state(Array(repeating: .tab, count: PanelID.standard.count)).0.focus == .rss)
        #expect(state([.backTab]).0.focus == .summary)
        #expect(state([.backTab, .backTab]).0.focus == .mappings)
    }

    @Test func goSessionsAddThreePanelsToTabAndDigits() {
        let go = KeyContext(latest: 600, visibleColumns: 100, heapDiffCount: 5, panels: PanelID.available(go: true))
        var s = AppState(interval: 1)
        var seen: [PanelID] = []
        for _ in 0..<9 { _ = s.handle(.tab, go); seen.append(s.focus) }
        #expect(Set(seen) == Set(PanelID.allCases) && seen.last == .rss)
        _ = s.handle(.char("9"), go)
        #expect(s.focus == .heapDiff)
        for _ in 0..<10 { _ = s.handle(.down, go) }
        #expect(s.heapDiffRow == 4)
        _ = s.handle(.char("7"), go)
        #expect(s.focus == .goHeap)
    }

    @Test func digitsJumpToPanels() {
        #expect(state([.char("1")]).0.focus == .summary)
        #expect(state([.char("6")]).0.focus == .mappings)
        #expect(state([.char("9")]).0.focus == .rss)  // no ninth panel: nothing happens
        #expect(state([.char("0")]).0.focus == .rss)
    }

    @Test func enterZoomsAndUnzooms() {
        #expect(state([.enter]).0.zoomed)
        #expect(!state([.enter, .enter]).0.zoomed)
        #expect(!state([.enter, .escape]).0.zoomed)
    }

    @Test func panBackForwardAndEndReturnsToLive() {
        // 100 visible columns of 1 s: a step is 25 s.
        let (back, _) = state([.left])
        #expect(back.viewEnd == 575 && !back.isLive)
        #expect(state([.left, .left]).0.viewEnd == 550)
        #expect(state([.left, .left, .right]).0.viewEnd == 575)
        #expect(state([.left, .right]).0.isLive)
        #expect(state([.left, .left, .end]).0.isLive)
        #expect(state([.right]).0.isLive)
        // Panning cannot go before the session started.
        #expect(state(Array(repeating: .left, count: 40)).0.viewEnd == 0)
    }

    @Test func plusAndMinusChangeSecondsPerColumn() {
        #expect(state([]).0.secondsPerColumn == 1)
        #expect(state([.char("-")]).0.secondsPerColumn == 2)
        #expect(state([.char("+")]).0.secondsPerColumn == 0.5)
        #expect(state(Array(repeating: .char("+"), count: 20)).0.secondsPerColumn == AppState.scales.first)
        #expect(state(Array(repeating: .char("-"), count: 40)).0.secondsPerColumn == AppState.scales.last)
        #expect(state([], interval: 0.25).0.secondsPerColumn == 0.25)
        #expect(state([], interval: 7).0.secondsPerColumn == 10)
    }

    @Test func arrowsAndPagesScrollTheFocusedListWithinItsRows() {
        #expect(state([.char("6"), .down, .down]).0.mappingsRow == 2)
        #expect(state([.char("6"), .pageDown, .pageDown, .pageDown, .pageDown]).0.mappingsRow == 29)
        #expect(state([.char("6"), .pageDown, .pageUp, .up]).0.mappingsRow == 0)
        #expect(state([.char("6"), .pageDown, .home]).0.mappingsRow == 0)
        #expect(state([.char("5"), .down, .down, .down, .down]).0.alertsRow == 2)
        // A graph has no list: rows stay put.
        #expect(state([.down]).0.mappingsRow == 0)
    }

    @Test func sCyclesTheMappingsSort() {
        #expect(state([.char("s")]).0.mappingsSort == .change)
        #expect(state(Array(repeating: .char("s"), count: MappingSort.allCases.count)).0.mappingsSort == .rss)
    }

    @Test func effects() {
        #expect(state([.char("q")]).1 == [.quit])
        #expect(state([.char("b")]).1 == [.setBaseline])
        #expect(state([.char("e")]).1 == [.export])
    }

    @Test func pauseFreezesTheDisplayAtTheNewestSample() {
        let (paused, _) = state([.char("p")])
        #expect(paused.pausedAt == 600)
        #expect(paused.cursor(latest: 900) == 600)
        #expect(state([.char("p"), .char("p")]).0.isLive)
        #expect(state([.char("p"), .end]).0.isLive)
    }

    @Test func helpOpensAndAnyKeyClosesItWithoutActing() {
        #expect(state([.char("?")]).0.showHelp)
        let (s, effects) = state([.char("?"), .char("q")])
        #expect(!s.showHelp && effects.isEmpty)
        #expect(state([.char("?"), .resize]).0.showHelp)
        #expect(state([.char("?"), .tab]).0.focus == .rss)
    }

    @Test func mouseClickFocusesThePanelUnderIt() {
        #expect(state([.mouse(x: 3, y: 10)]).0.focus == .threads)
        #expect(state([.mouse(x: 30, y: 10)]).0.focus == .alerts)
    }

    @Test func resizeChangesNothing() {
        #expect(state([.resize]).0 == AppState(interval: 1))
    }
}
