import MemtopCore

extension Dashboard {
    /// What a graph panel plots: its series (the first is the total), the metric its title trends,
    /// and the series whose value the title shows.
    struct GraphSpec {
        var series: [(String, SeriesKey, Color)]
        var metric: Metric
        var headline: SeriesKey

        init(_ id: PanelID) {
            switch id {
            case .rss: self.init([("rss", .rss, .series1), ("anon", .anon, .series2), ("file", .file, .series3), ("shmem", .shmem, .series4)], .rss, .rss)
            case .heap: self.init([("heap", .heap, .series2)], .heap, .heap)
            // RSS first: the gap down to HeapInuse is runtime overhead, fragmentation or memory outside the GC.
            case .goHeap: self.init([("rss", .rss, .series1), ("inuse", .goHeapInuse, .series3), ("alloc", .goHeapAlloc, .series2)], .goHeap, .goHeapAlloc)
            case .goroutines: self.init([("goroutines", .goroutines, .series4)], .goroutines, .goroutines)
            default: self.init([("threads", .threads, .series3)], .threads, .threads)
            }
        }

        init(_ series: [(String, SeriesKey, Color)], _ metric: Metric, _ headline: SeriesKey) {
            self.series = series
            self.metric = metric
            self.headline = headline
        }
    }

    /// A graph panel: RSS with its parts, the heap, threads, the Go heap against RSS, or goroutines.
    static func drawGraph(_ id: PanelID, _ view: View, into canvas: inout Canvas, rect: Rect, focused: Bool) {
        let m = view.model
        let spec = GraphSpec(id)
        let series = spec.series
        let metric = spec.metric
        let isSize = spec.headline.isSize
        let current = isSize ? view.size(spec.headline) : (view.value(spec.headline).map { String($0) } ?? "?")
        var right = current
        var rightStyle = Style(.text)
        if let slope = m.slopes[metric] { right += "  " + slopeText(slope, metric: metric) }
        if let alert = m.alerts.first(where: { $0.active && $0.metric == metric.rawValue }) {
            rightStyle = Style(alert.severity == .critical ? .critical : .warning, bold: true)
            right = "LEAK  " + right
        }
        let box = Box(title: id.title, rightTitle: right, focused: focused, glyphs: m.glyphs, rightTitleStyle: rightStyle)
        let inner = box.draw(into: &canvas, in: rect)
        guard !inner.isEmpty else { return }

        var graphRect = inner
        // A failing Go feed says why on the panel's first row; the graph keeps its history below.
        if let go = m.go, let problem = GoModel.problemText(id == .goroutines ? go.goroutines : go.runtime), id == .goHeap || id == .goroutines {
            canvas.put(" " + problem, x: inner.x, y: inner.y, style: Style(.warning, bold: true), clip: inner)
            graphRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        } else if series.count > 1, inner.height >= 6 {
            // A legend row for multi-series graphs, when there is room for it.
            var x = inner.x + 1
            for (name, key, color) in series {
                let v = view.value(key).map(Units.bytes) ?? "?"
                x = canvas.put(m.glyphs == .unicode ? "■ " : "# ", x: x, y: inner.y, style: Style(color), clip: inner)
                x = canvas.put("\(name) \(v)", x: x, y: inner.y, style: Style(.dim), clip: inner) + 2
            }
            graphRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        if id == .goroutines, let go = m.go, !go.goroutineSites.isEmpty, graphRect.height >= 14 {
            // Tall enough (zoomed): where the goroutines wait, under the graph.
            let listHeight = min(go.goroutineSites.count + 1, graphRect.height / 3)
            drawGoroutineSites(go, glyphs: m.glyphs, into: &canvas, rect: Rect(x: graphRect.x, y: graphRect.maxY - listHeight, width: graphRect.width, height: listHeight))
            graphRect.height -= listHeight + 1
        }
        let spc = view.state.secondsPerColumn
        var graph = TimeSeriesGraph(
            series: [], formatY: isSize ? TimeSeriesGraph.bytesLabel : TimeSeriesGraph.integerLabel,
            secondsPerColumn: spc, endLabel: view.state.isLive ? "now" : Timestamp.localClock(view.cursorWallTime),
            glyphs: m.glyphs, minimumSpan: isSize ? 1_048_576 : 4, binaryUnits: isSize)
        let columns = TimeSeriesGraph.dataColumns(forWidth: graph.plotArea(in: graphRect).width, glyphs: m.glyphs)
        // The total goes on top so it is never hidden by its parts. Buckets are centred on the sample
        // times (end half a column after the cursor), so timer jitter never leaves a column empty.
        for (name, key, color) in series.reversed() {
            var cols = m.history.buckets(key, end: view.cursor + spc / 2, secondsPerColumn: spc, columns: columns)
                .map { $0.map { GraphColumn(low: $0.low, high: $0.high) } }
            holdBetweenReads(&cols)
            graph.series.append(GraphSeries(label: name, columns: cols, style: Style(color)))
        }
        graph.draw(into: &canvas, in: graphRect)
    }

    /// A slope as a graph title shows it; near zero reads as "flat".
    static func slopeText(_ slope: Double, metric: Metric) -> String {
        if metric.isCount {
            return abs(slope * 60) < 0.05 ? "flat" : (slope > 0 ? "+" : "") + Units.fixed(slope * 60, 1) + "/min"
        }
        return abs(slope) * 3600 < 1_048_576 ? "flat" : Units.rate(bytesPerSecond: slope)
    }

    /// Columns can be finer than the samples (zoomed in, or smaps read every few ticks): join two
    /// measured columns with a step line, never extending before the first or after the last one.
    static func holdBetweenReads(_ cols: inout [GraphColumn?]) {
        var last: GraphColumn?
        var gapStart: Int?
        for i in cols.indices {
            if let c = cols[i] {
                if let g = gapStart, let l = last { for j in g..<i { cols[j] = GraphColumn(l.high) } }
                last = c
                gapStart = nil
            } else if last != nil, gapStart == nil {
                gapStart = i
            }
        }
    }

    /// The alerts list: newest first, with rate, duration and time to the limit.
    static func drawAlerts(_ view: View, into canvas: inout Canvas, rect: Rect, focused: Bool) {
        let m = view.model
        let active = m.alerts.filter(\.active).count
        let box = Box(title: "Alerts", rightTitle: active > 0 ? "\(active) active" : "", focused: focused, glyphs: m.glyphs,
                      rightTitleStyle: Style(.critical, bold: true))
        let inner = box.draw(into: &canvas, in: rect)
        guard !inner.isEmpty else { return }
        let recorded = m.replay?.events ?? []
        if m.alerts.isEmpty && recorded.isEmpty {
            canvas.put(" no growth alerts", x: inner.x, y: inner.y, style: Style(.good), clip: inner)
            return
        }
        var rows = m.alerts.map { a -> [String] in
            [Timestamp.localClock(a.started), a.active ? (a.severity == .critical ? "CRIT" : "active") : "cleared",
             a.metric, a.rate, Units.duration(a.duration), a.timeToLimit ?? "-"]
        }
        // A replay lists what the recording said too, beside what the data says now.
        rows += recorded.map { [Timestamp.localClock($0.wallTime), "in file", $0.event.description, "", "", ""] }
        let visible = Table.visibleRows(in: inner)
        let selected = focused ? min(view.state.alertsRow, rows.count - 1) : nil
        let table = Table(
            columns: [
                Table.Column("Since", width: .fixed(8)), Table.Column("State", width: .fixed(7)),
                Table.Column("Metric", width: .fixed(10)),
                Table.Column("Rate", width: .fixed(14), alignment: .right), Table.Column("For", width: .fixed(6), alignment: .right),
                Table.Column("Limit in", width: .flexible(minimum: 8), alignment: .right),
            ],
            rows: rows,
            scrollOffset: Table.scrollOffset(current: 0, selected: selected, visibleRows: visible, rowCount: rows.count),
            selectedRow: selected, glyphs: m.glyphs)
        table.draw(into: &canvas, in: inner)
    }

    /// Mappings grouped by path, top by RSS (or as `s` sorts), with change since the baseline.
    static func drawMappings(_ view: View, into canvas: inout Canvas, rect: Rect, focused: Bool) {
        let m = view.model
        var right = m.hasBaseline ? "change since baseline" : "b sets a baseline"
        if m.mappings.isEmpty { right = "" }
        let box = Box(title: "Mappings", rightTitle: right, focused: focused, glyphs: m.glyphs, rightTitleStyle: Style(.dim))
        let inner = box.draw(into: &canvas, in: rect)
        guard !inner.isEmpty else { return }
        guard !m.mappings.isEmpty else {
            let why = m.replay != nil ? " mappings are not part of a session file"
                : (m.restrictedNote != nil ? " smaps is not readable (permission denied)" : " waiting for the first smaps read")
            canvas.put(why, x: inner.x, y: inner.y, style: Style(.dim), clip: inner)
            return
        }
        let sort = view.state.mappingsSort
        let groups = sorted(m.mappings, by: sort)
        let rows = groups.map { g -> [String] in
            let change: String
            if let c = g.change { change = (g.isNew ? "new " : "") + Units.signedBytes(c) } else { change = m.glyphs == .unicode ? "—" : "-" }
            return [Units.bytes(g.rss), change, Units.bytes(g.swap), String(g.count), g.name]
        }
        let visible = Table.visibleRows(in: inner)
        let selected = focused ? min(view.state.mappingsRow, rows.count - 1) : nil
        let sortColumn: Int
        switch sort {
        case .rss: sortColumn = 0
        case .change: sortColumn = 1
        case .swap: sortColumn = 2
        case .name: sortColumn = 4
        }
        let table = Table(
            columns: [
                Table.Column("RSS", width: .fixed(10), alignment: .right),
                Table.Column("Change", width: .fixed(15), alignment: .right),
                Table.Column("Swap", width: .fixed(10), alignment: .right),
                Table.Column("Maps", width: .fixed(5), alignment: .right),
                Table.Column("Mapping", width: .flexible(minimum: 10), truncation: .keepEnd),
            ],
            rows: rows,
            scrollOffset: Table.scrollOffset(current: 0, selected: selected, visibleRows: visible, rowCount: rows.count),
            selectedRow: selected, sortColumn: sortColumn, sortDescending: sort != .name, glyphs: m.glyphs)
        table.draw(into: &canvas, in: inner)
    }

    /// Mapping groups in the order the table shows them.
    public static func sorted(_ groups: [MappingGroup], by sort: MappingSort) -> [MappingGroup] {
        switch sort {
        case .rss: return groups.sorted { ($0.rss, $1.name) > ($1.rss, $0.name) }
        case .change: return groups.sorted { ($0.change ?? 0, $0.rss) > ($1.change ?? 0, $1.rss) }
        case .swap: return groups.sorted { ($0.swap, $0.rss) > ($1.swap, $1.rss) }
        case .name: return groups.sorted { $0.name < $1.name }
        }
    }
}
