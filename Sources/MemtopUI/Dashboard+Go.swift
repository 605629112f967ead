import MemtopCore

extension Dashboard {
    /// The heap-profile diff: allocation sites ranked by in-use bytes gained since the baseline,
    /// a live `go tool pprof -base`.
    static func drawHeapDiff(_ view: View, into canvas: inout Canvas, rect: Rect, focused: Bool) {
        let m = view.model
        guard let go = m.go else { return }
        var right = ""
        if let base = go.baselineTime {
            right = (go.baselineSetByUser ? "since baseline " : "since start ") + Timestamp.localClock(base)
            if let t = go.profileTime { right += ", profile of " + Timestamp.localClock(t) }
        }
        let box = Box(title: PanelID.heapDiff.title, rightTitle: right, focused: focused, glyphs: m.glyphs, rightTitleStyle: Style(.dim))
        let inner = box.draw(into: &canvas, in: rect)
        guard !inner.isEmpty else { return }
        var tableRect = inner
        if let problem = GoModel.problemText(go.heap) {
            canvas.put(" " + problem, x: inner.x, y: inner.y, style: Style(.warning, bold: true), clip: inner)
            tableRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        guard !go.heapDiff.isEmpty else {
            if go.heap.problem == nil {
                canvas.put(" waiting for the first heap profile", x: inner.x, y: inner.y, style: Style(.dim), clip: inner)
            }
            return
        }
        let rows = go.heapDiff.map { r -> [String] in
            [Units.signedBytes(Int64(r.bytesChange.rounded())), signedCount(r.objectsChange), Units.bytes(UInt64(max(0, r.bytes.rounded()))),
             TextSanitizer.clean(r.site.function, maxLength: 300), TextSanitizer.clean(r.site.location, maxLength: 300)]
        }
        let visible = Table.visibleRows(in: tableRect)
        let selected = focused ? min(view.state.heapDiffRow, rows.count - 1) : nil
        let table = Table(
            columns: [
                Table.Column("Change", width: .fixed(12), alignment: .right),
                Table.Column("Objects", width: .fixed(8), alignment: .right),
                Table.Column("In use", width: .fixed(10), alignment: .right),
                Table.Column("Function", width: .flexible(minimum: 12), truncation: .keepEnd),
                Table.Column("Where", width: .flexible(minimum: 8), truncation: .keepEnd),
            ],
            rows: rows,
            scrollOffset: Table.scrollOffset(current: 0, selected: selected, visibleRows: visible, rowCount: rows.count),
            selectedRow: selected, sortColumn: 0, sortDescending: true, glyphs: m.glyphs)
        table.draw(into: &canvas, in: tableRect)
    }

    /// Where goroutines wait, most first (drawn under the goroutine graph when there is room).
    static func drawGoroutineSites(_ go: GoModel, glyphs: GlyphSet, into canvas: inout Canvas, rect: Rect) {
        let rows = go.goroutineSites.map { [String($0.count), TextSanitizer.clean($0.site.function, maxLength: 300), TextSanitizer.clean($0.site.location, maxLength: 300)] }
        let table = Table(
            columns: [
                Table.Column("Count", width: .fixed(7), alignment: .right),
                Table.Column("Waiting in", width: .flexible(minimum: 12), truncation: .keepEnd),
                Table.Column("Where", width: .flexible(minimum: 8), truncation: .keepEnd),
            ],
            rows: rows, glyphs: glyphs)
        table.draw(into: &canvas, in: rect)
    }

    /// The summary's Go line: the runtime's own figures and the program's expvars.
    static func drawGoSummaryLine(_ view: View, _ go: GoModel, into canvas: inout Canvas, y: Int, clip: Rect) {
        var x = clip.x + 1
        x = canvas.put("Go ", x: x, y: y, style: Style(.accent, bold: true), clip: clip)
        if let problem = GoModel.problemText(go.runtime), view.state.isLive {
            canvas.put(TextSanitizer.clean(go.endpoint) + " " + problem, x: x, y: y, style: Style(.warning, bold: true), clip: clip)
            return
        }
        var pairs: [(String, String)] = [
            ("HeapAlloc", view.size(.goHeapAlloc)), ("HeapInuse", view.size(.goHeapInuse)), ("HeapSys", view.size(.goHeapSys)),
            // RSS beyond the spans in use: runtime overhead, fragmentation, cgo and other memory the GC does not see.
            ("Outside heap", outsideHeap(view)),
            ("GCs", view.value(.goNumGC).map { String($0) } ?? "?"), ("Goroutines", view.value(.goroutines).map { String($0) } ?? "?"),
        ]
        for v in go.expvars.prefix(6) { pairs.append((TextSanitizer.clean(v.name, maxLength: 40), String(v.value))) }
        for (k, v) in pairs {
            x = canvas.put(k + " ", x: x, y: y, style: Style(.dim), clip: clip)
            x = canvas.put(v, x: x, y: y, style: Style(.text, bold: true), clip: clip) + 2
        }
    }

    /// RSS minus HeapInuse, or `?` when either is unknown.
    static func outsideHeap(_ view: View) -> String {
        guard let rss = view.value(.rss), let inuse = view.value(.goHeapInuse) else { return "?" }
        return Units.bytes(rss > inuse ? rss - inuse : 0)
    }

    /// `+12`, `-3`, `0`: an estimated object count change.
    static func signedCount(_ v: Double) -> String {
        let n = Int64(v.rounded())
        return n > 0 ? "+\(n)" : String(n)
    }
}
