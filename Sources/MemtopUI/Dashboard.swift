import MemtopCore

/// Draws the whole dashboard for one frame: collect once (`DashboardModel`), then draw every panel from it.
public enum Dashboard {
    /// Renders a frame of `width`×`height`; returns the canvas and the layout used (for mouse hit tests).
    public static func render(_ model: DashboardModel, state: AppState, width: Int, height: Int) -> (Canvas, Layout) {
        var canvas = Canvas(width: width, height: height)
        let layout = Layout(width: width, height: height, focus: state.focus, zoomed: state.zoomed, go: model.go != nil)
        if layout.isTooSmall {
            drawTooSmall(into: &canvas)
            return (canvas, layout)
        }
        let view = View(model: model, state: state)
        for (id, rect) in layout.panels.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let focused = id == state.focus
            switch id {
            case .summary: drawSummary(view, into: &canvas, rect: rect, focused: focused, zoomed: state.zoomed && focused)
            case .rss, .heap, .threads, .goHeap, .goroutines: drawGraph(id, view, into: &canvas, rect: rect, focused: focused)
            case .alerts: drawAlerts(view, into: &canvas, rect: rect, focused: focused)
            case .mappings: drawMappings(view, into: &canvas, rect: rect, focused: focused)
            case .heapDiff: drawHeapDiff(view, into: &canvas, rect: rect, focused: focused)
            }
        }
        drawStatusLine(view, into: &canvas, rect: layout.statusLine)
        if state.showHelp { HelpOverlay.draw(into: &canvas, glyphs: model.glyphs, go: model.go != nil) }
        return (canvas, layout)
    }

    /// Data columns a graph panel shows in `layout`, for the pan step.
    public static func visibleColumns(layout: Layout?, glyphs: GlyphSet) -> Int {
        guard let layout, let rect = layout.panels[.rss] ?? layout.panels[.heap] ?? layout.panels[.threads] else { return 100 }
        let plot = TimeSeriesGraph(series: [], secondsPerColumn: 1, glyphs: glyphs).plotArea(in: Box.inner(of: rect))
        return max(1, TimeSeriesGraph.dataColumns(forWidth: plot.width, glyphs: glyphs))
    }

    /// The model and state seen at the display cursor (live, paused or panned back).
    struct View {
        let model: DashboardModel
        let state: AppState
        /// Session time the display shows.
        let cursor: Double
        /// Newest sample at or before the cursor.
        let index: Int?

        init(model: DashboardModel, state: AppState) {
            self.model = model
            self.state = state
            cursor = state.cursor(latest: model.latestElapsed)
            let h = model.history
            let i = h.firstIndex(atOrAfter: cursor + 1e-9) - 1
            index = i >= 0 ? i : (h.isEmpty ? nil : 0)
        }

        /// The value of `key` at the cursor, or the last one measured before it (smaps is not read every tick).
        func value(_ key: SeriesKey) -> UInt64? {
            guard var i = index else { return nil }
            let h = model.history
            while i >= 0 {
                if let v = h.value(key, at: i) { return v }
                if h.elapsed(at: i) < cursor - 120 { return nil }
                i -= 1
            }
            return nil
        }

        /// Formats a size, or `?` when not measured.
        func size(_ key: SeriesKey) -> String { value(key).map(Units.bytes) ?? "?" }

        /// Wall time at the cursor.
        var cursorWallTime: Double {
            guard let i = index else { return model.now }
            return model.history.time(at: i) + (cursor - model.history.elapsed(at: i))
        }
    }

    static func drawTooSmall(into canvas: inout Canvas) {
        let lines = ["memtop needs a terminal of at least", "\(Layout.minimumWidth)x\(Layout.minimumHeight)", "(this one is \(canvas.width)x\(canvas.height))"]
        let top = max(0, (canvas.height - lines.count) / 2)
        for (n, line) in lines.enumerated() {
            canvas.put(line, x: max(0, (canvas.width - line.count) / 2), y: top + n, style: Style(.warning, bold: true))
        }
    }

    static func drawStatusLine(_ view: View, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let glyphs = view.model.glyphs
        let pan = glyphs == .unicode ? "←→" : "<- ->"
        var hints = "Tab panel  Enter zoom  \(pan) pan  +/- scale  b baseline  e export  ? help  q quit"
        if !view.state.isLive { hints = "End live  " + hints }
        var x = rect.x
        if let message = view.model.statusMessage {
            x = canvas.put(" " + message + " ", x: x, y: rect.y, style: Style(.accent, bold: true), clip: rect)
        } else if let note = view.model.restrictedNote {
            x = canvas.put(" " + note + " ", x: x, y: rect.y, style: Style(.warning), clip: rect)
        } else {
            x = canvas.put(" " + hints, x: x, y: rect.y, style: Style(.dim), clip: rect)
        }
        // What the graphs show: scale, and whether live.
        var right = "\(Units.duration(view.state.secondsPerColumn))/col"
        if view.state.pausedAt != nil { right = "PAUSED  " + right } else if view.state.viewEnd != nil { right = "PANNED  " + right }
        let rx = rect.maxX - right.count - 1
        if rx > x { canvas.put(right, x: rx, y: rect.y, style: Style(view.state.isLive ? .dim : .warning, bold: !view.state.isLive), clip: rect) }
    }
}
