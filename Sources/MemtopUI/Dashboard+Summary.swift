import MemtopCore

extension Dashboard {
    /// The header panel: who is watched, and the current figures; zoomed, every metric with its range.
    static func drawSummary(_ view: View, into canvas: inout Canvas, rect: Rect, focused: Bool, zoomed: Bool) {
        let m = view.model
        var title = m.replay != nil ? "memtop  \(m.name)  pid \(m.pid)" : "memtop  pid \(m.pid)  \(m.name)"
        if let start = m.processStart { title += "  up " + Units.duration(max(0, (m.ended?.wallTime ?? m.now) - start)) }
        title += "  every " + Units.duration(m.interval)
        var right = Timestamp.localClock(view.state.isLive ? m.now : view.cursorWallTime)
        var rightStyle = Style(.text)
        if m.replay != nil {
            right = "REPLAY " + Timestamp.localClock(view.cursorWallTime) + (view.state.isLive ? "  (end)" : "")
            rightStyle = Style(.accent, bold: true)
        } else if let ended = m.ended {
            right = "EXITED " + Timestamp.localClock(ended.wallTime)
            rightStyle = Style(.critical, bold: true)
        } else if let state = m.targetState, state == UInt8(ascii: "T") || state == UInt8(ascii: "t"), view.state.isLive {
            // A stopped process cannot grow; say so rather than let flat graphs look like health.
            right = (state == UInt8(ascii: "T") ? "TARGET STOPPED " : "TARGET TRACED ") + right
            rightStyle = Style(.warning, bold: true)
        } else if let alert = m.alerts.first(where: \.active) {
            let count = m.alerts.filter(\.active).count
            right = (count == 1 ? "LEAK \(alert.metric) \(alert.rate)" : "\(count) LEAK ALERTS") + "  " + right
            rightStyle = Style(alert.severity == .critical ? .critical : .warning, bold: true)
        } else if view.state.pausedAt != nil {
            right = "PAUSED " + right
            rightStyle = Style(.warning, bold: true)
        }
        let box = Box(title: title, rightTitle: right, focused: focused, glyphs: m.glyphs, rightTitleStyle: rightStyle)
        let inner = box.draw(into: &canvas, in: rect)
        guard !inner.isEmpty else { return }

        let label = Style(.dim)
        let value = Style(.text, bold: true)
        func line(_ pairs: [(String, String)], y: Int, x x0: Int = inner.x) -> Int {
            var x = x0 + 1
            for (k, v) in pairs {
                x = canvas.put(k + " ", x: x, y: y, style: label, clip: inner)
                x = canvas.put(v, x: x, y: y, style: value, clip: inner) + 2
            }
            return x
        }
        _ = line([("RSS", view.size(.rss)), ("PSS", view.size(.pss)), ("USS", view.size(.uss)),
                  ("Swap", view.size(.swap)), ("Peak", view.size(.vmHWM))], y: inner.y)
        guard inner.height > 1 else { return }
        if let ended = m.ended {
            let text = "\(ended.phrase) at \(Timestamp.localClock(ended.wallTime)); the session is kept: pan, zoom, e exports, q quits"
            canvas.put(" " + text, x: inner.x, y: inner.y + 1, style: Style(.critical, bold: true), clip: inner)
            return
        }
        var pairs = [("Anon", view.size(.anon)), ("File", view.size(.file)), ("Shmem", view.size(.shmem)),
                     ("Heap", view.size(.heap)), ("Threads", view.value(.threads).map { String($0) } ?? "?")]
        if let limit = m.limit { pairs.append(("Limit", Units.bytes(limit.bytes))) }
        let x = line(pairs, y: inner.y + 1)
        if m.smapsPeriod > m.interval * 1.5 {
            canvas.put("smaps every " + Units.duration(m.smapsPeriod), x: x, y: inner.y + 1, style: Style(.dim), clip: inner)
        }
        var detailTop = inner.y + 3
        if let go = m.go, inner.height > 2 {
            drawGoSummaryLine(view, go, into: &canvas, y: inner.y + 2, clip: inner)
            detailTop += 1
        }
        if zoomed { drawSummaryDetail(view, into: &canvas, rect: Rect(x: inner.x, y: detailTop, width: inner.width, height: inner.maxY - detailTop)) }
    }

    /// Zoomed summary: every metric now, its minimum, maximum and change over the session.
    private static func drawSummaryDetail(_ view: View, into canvas: inout Canvas, rect: Rect) {
        guard rect.height > 2 else { return }
        let h = view.model.history
        let keys: [(String, SeriesKey)] = [
            ("RSS", .rss), ("PSS", .pss), ("USS", .uss), ("Anon", .anon), ("File", .file), ("Shmem", .shmem),
            ("Swap", .swap), ("LazyFree", .lazyfree), ("Heap", .heap), ("Stack", .stack), ("VmSize", .vmSize),
            ("Peak (VmHWM)", .vmHWM), ("Threads", .threads),
        ] + (view.model.go == nil ? [] : [
            ("Go HeapAlloc", .goHeapAlloc), ("Go HeapInuse", .goHeapInuse), ("Go HeapSys", .goHeapSys),
            ("Go GCs", .goNumGC), ("Goroutines", .goroutines),
        ])
        var rows: [[String]] = []
        for (name, key) in keys {
            var lo: UInt64?, hi: UInt64?, first: UInt64?
            for i in 0..<h.count {
                guard let v = h.value(key, at: i) else { continue }
                if first == nil { first = v }
                lo = min(lo ?? v, v)
                hi = max(hi ?? v, v)
            }
            let fmt: (UInt64?) -> String = { v in
                guard let v else { return "?" }
                return key.isSize ? Units.bytes(v) : String(v)
            }
            let now = view.value(key)
            var change = "?"
            if let now, let first {
                let d = Int64(now) - Int64(first)
                change = key.isSize ? Units.signedBytes(d) : (d >= 0 ? "+\(d)" : "\(d)")
            }
            rows.append([name, fmt(now), fmt(lo), fmt(hi), fmt(first), change])
        }
        let table = Table(
            columns: [
                Table.Column("Metric", width: .fixed(14)), Table.Column("Now", width: .fixed(10), alignment: .right),
                Table.Column("Min", width: .fixed(10), alignment: .right), Table.Column("Max", width: .fixed(10), alignment: .right),
                Table.Column("First", width: .fixed(10), alignment: .right), Table.Column("Change", width: .fixed(11), alignment: .right),
            ],
            rows: rows, glyphs: view.model.glyphs)
        table.draw(into: &canvas, in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height))
        let footer = "\(h.count) samples over \(Units.duration(view.model.latestElapsed))   " + view.model.commandLine
        if rect.height > rows.count + 2 {
            canvas.put(footer, x: rect.x + 1, y: rect.y + rows.count + 2, style: Style(.dim), clip: rect)
        }
    }
}
