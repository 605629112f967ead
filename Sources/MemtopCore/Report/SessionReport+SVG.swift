/// One line on a chart.
struct ChartSeries {
    var key: SeriesKey
    var label: String
    /// Index of the CSS line style (colour and dash, so lines stay apart in greyscale print).
    var style: Int
}

/// What one chart shows.
struct ChartSpec {
    var title: String
    var series: [ChartSeries]
    /// The metric whose alerts are shaded behind the lines.
    var metric: Metric?
    var isSize: Bool
}

/// The drawing area inside every SVG's 960-unit-wide viewBox; margins hold labels and the legend.
enum Frame {
    static let width = 960.0
    static let left = 80.0
    static let right = 16.0
    static let top = 28.0
    static let bottom = 26.0
    static var plotWidth: Double { width - left - right }
    /// Approximate advance of one character of 11-unit text, to lay out legends without measuring.
    static let charWidth = 6.4
}

extension SessionReport {
    /// The charts of a session: memory, heap and threads, plus the Go runtime's view when it was polled.
    static func chartSpecs(go: Bool) -> [ChartSpec] {
        var specs = [
            ChartSpec(title: "Resident memory", series: [
                ChartSeries(key: .rss, label: "RSS", style: 0), ChartSeries(key: .anon, label: "Anon", style: 1),
                ChartSeries(key: .file, label: "File", style: 2), ChartSeries(key: .shmem, label: "Shmem", style: 3),
            ], metric: .rss, isSize: true),
            ChartSpec(title: "Heap (smaps)", series: [ChartSeries(key: .heap, label: "Heap", style: 4)], metric: .heap, isSize: true),
            ChartSpec(title: "Threads", series: [ChartSeries(key: .threads, label: "Threads", style: 5)], metric: .threads, isSize: false),
        ]
        if go {
            specs.append(ChartSpec(title: "Go heap", series: [
                ChartSeries(key: .goHeapAlloc, label: "HeapAlloc", style: 4), ChartSeries(key: .goHeapInuse, label: "HeapInuse", style: 1),
                ChartSeries(key: .rss, label: "RSS", style: 0),
            ], metric: .goHeap, isSize: true))
            specs.append(ChartSpec(title: "Goroutines", series: [ChartSeries(key: .goroutines, label: "Goroutines", style: 5)], metric: .goroutines, isSize: false))
        }
        return specs
    }

    /// One chart as inline SVG: axes, round ticks, alert bands behind the lines, a legend in the top margin.
    static func chartSVG(_ a: Analysis, _ spec: ChartSpec, time: TimeScale) -> String {
        let height = 230.0
        let plotHeight = height - Frame.top - Frame.bottom
        let lines = spec.series.map { segments(a.history, $0.key, time: time) }
        var lo = Double.infinity, hi = -Double.infinity
        for segs in lines { for seg in segs { for p in seg { lo = min(lo, p.v); hi = max(hi, p.v) } } }

        var svg = "<svg class=\"chart\" viewBox=\"0 0 960 \(Int(height))\" role=\"img\" aria-label=\"\(escape(spec.title)) over time\">\n"
        guard lo <= hi else {
            svg += frameLines(height: height)
            svg += "<text class=\"none\" x=\"480\" y=\"\(Int(height / 2))\">Not measured in this session</text>\n"
            return svg + "</svg>\n"
        }
        let scale = ValueScale(min: lo, max: hi, size: spec.isSize)
        func x(_ t: Double) -> Double { Frame.left + (t - time.start) / time.span * Frame.plotWidth }
        func y(_ v: Double) -> Double { Frame.top + plotHeight - (v - scale.lo) / (scale.hi - scale.lo) * plotHeight }

        if let metric = spec.metric {
            svg += alertBands(a, metric: metric, x: x, top: Frame.top, height: plotHeight)
        }
        for v in scale.ticks {
            let yy = num(y(v))
            svg += "<line class=\"grid\" x1=\"\(num(Frame.left))\" y1=\"\(yy)\" x2=\"\(num(Frame.width - Frame.right))\" y2=\"\(yy)\"/>"
            svg += "<text class=\"yl\" x=\"\(num(Frame.left - 6))\" y=\"\(num(y(v) + 4))\">\(escape(scale.label(v)))</text>\n"
        }
        svg += timeTicks(time, x: x, top: Frame.top, bottom: Frame.top + plotHeight)
        svg += frameLines(height: height)

        for (series, segs) in zip(spec.series, lines) {
            for seg in segs {
                if seg.count == 1 {
                    // A lone measurement has no line to be part of; a dot keeps it visible.
                    svg += "<circle class=\"d\(series.style)\" data-series=\"\(series.key)\" cx=\"\(num(x(seg[0].t)))\" cy=\"\(num(y(seg[0].v)))\" r=\"2\"/>\n"
                    continue
                }
                svg += "<polyline class=\"l\(series.style)\" data-series=\"\(series.key)\" points=\""
                for (k, p) in seg.enumerated() {
                    if k > 0 { svg += " " }
                    svg += num(x(p.t)) + "," + num(y(p.v))
                }
                svg += "\"/>\n"
            }
        }
        var entries = spec.series.map { (cls: "line l\($0.style)", label: $0.label) }
        if let metric = spec.metric, a.alerts.contains(where: { $0.metric == metric }) {
            entries.append((cls: "sw band warning", label: "alert active"))
            entries.append((cls: "sw evidence", label: "growth before it fired"))
        }
        svg += legend(entries)
        return svg + "</svg>\n"
    }

    /// Shaded spans where `metric`'s alert was active (recomputed), lighter where the growth it reports began.
    static func alertBands(_ a: Analysis, metric: Metric, x: (Double) -> Double, top: Double, height: Double) -> String {
        var out = ""
        for r in a.alerts where r.metric == metric {
            let end = r.clearedAt ?? a.end
            let tip = "\(metric.rawValue) alert \(r.rateText), fired at \(TimeScale.clock(r.firedAt))"
            if r.firedAt > r.growthStart {
                out += rect("evidence", x: x(r.growthStart), y: top, w: x(r.firedAt) - x(r.growthStart), h: height, tip: "growth behind the \(tip)")
            }
            out += rect("band \(r.severity.rawValue)", x: x(r.firedAt), y: top, w: max(1, x(end) - x(r.firedAt)), h: height, tip: tip)
        }
        return out
    }

    /// The alert timeline: one lane per alerted metric with recomputed and recorded alerts, and a lane for baselines and exits.
    static func timelineSVG(_ a: Analysis, time: TimeScale) -> String {
        let metrics = a.alertMetrics
        let lane = 24.0
        let lanes = Double(metrics.count + 1)
        let height = Frame.top + lanes * lane + Frame.bottom
        let bottom = Frame.top + lanes * lane
        func x(_ t: Double) -> Double { Frame.left + (t - time.start) / time.span * Frame.plotWidth }

        var svg = "<svg class=\"timeline\" viewBox=\"0 0 960 \(Int(height))\" role=\"img\" aria-label=\"Alert timeline\">\n"
        svg += timeTicks(time, x: x, top: Frame.top, bottom: bottom)
        let names = metrics.map(metricLabel) + ["Events"]
        for (i, name) in names.enumerated() {
            let y0 = Frame.top + Double(i) * lane
            svg += "<line class=\"grid\" x1=\"\(num(Frame.left))\" y1=\"\(num(y0 + lane))\" x2=\"\(num(Frame.width - Frame.right))\" y2=\"\(num(y0 + lane))\"/>"
            svg += "<text class=\"yl\" x=\"\(num(Frame.left - 6))\" y=\"\(num(y0 + 16))\">\(escape(name))</text>\n"
        }
        for (i, m) in metrics.enumerated() {
            let y0 = Frame.top + Double(i) * lane
            for r in a.alerts where r.metric == m {
                let tip = "\(m.rawValue) alert \(r.rateText), fired at \(TimeScale.clock(r.firedAt))"
                if r.firedAt > r.growthStart {
                    svg += rect("evidence", x: x(r.growthStart), y: y0 + 4, w: x(r.firedAt) - x(r.growthStart), h: 11, tip: "growth behind the \(tip)")
                }
                svg += rect("bar \(r.severity.rawValue)", x: x(r.firedAt), y: y0 + 4, w: max(2, x(r.clearedAt ?? a.end) - x(r.firedAt)), h: 11, tip: tip)
            }
            for span in (a.recordedAlerts[m] ?? []).prefix(maxMarks) {
                let tip = "recorded \(m.rawValue) alert from \(TimeScale.clock(span.start)) to \(span.open ? "the end" : TimeScale.clock(span.end))"
                svg += rect("rec", x: x(span.start), y: y0 + 17, w: max(2, x(span.end) - x(span.start)), h: 4, tip: tip)
            }
        }
        let y0 = Frame.top + Double(metrics.count) * lane
        var marks = 0
        for r in a.recorded where marks < maxMarks {
            switch r.event {
            case .baseline:
                svg += "<line class=\"base\" x1=\"\(num(x(r.elapsed)))\" y1=\"\(num(y0 + 3))\" x2=\"\(num(x(r.elapsed)))\" y2=\"\(num(y0 + lane - 3))\"><title>baseline at \(TimeScale.clock(r.elapsed))</title></line>\n"
                marks += 1
            case .exit:
                svg += "<line class=\"exit\" x1=\"\(num(x(r.elapsed)))\" y1=\"\(num(Frame.top))\" x2=\"\(num(x(r.elapsed)))\" y2=\"\(num(bottom))\"><title>process exited at \(TimeScale.clock(r.elapsed))</title></line>\n"
                marks += 1
            case .alert, .clear:
                break
            }
        }
        svg += "<line class=\"axis\" x1=\"\(num(Frame.left))\" y1=\"\(num(bottom))\" x2=\"\(num(Frame.width - Frame.right))\" y2=\"\(num(bottom))\"/>"
        svg += "<line class=\"axis\" x1=\"\(num(Frame.left))\" y1=\"\(num(Frame.top))\" x2=\"\(num(Frame.left))\" y2=\"\(num(bottom))\"/>\n"
        if a.alerts.isEmpty && a.recordedAlerts.isEmpty {
            svg += "<text class=\"none\" x=\"\(num(Frame.left + Frame.plotWidth / 2))\" y=\"\(num(Frame.top + 16))\">No growth alerts</text>\n"
        }
        svg += legend([
            ("sw warning", "alert"), ("sw critical", "alert, limit < 1 h away"), ("sw evidence", "growth before it fired"),
            ("sw rec", "alert recorded in the file"), ("tick base", "baseline"), ("tick exit", "exit"),
        ])
        return svg + "</svg>\n"
    }

    /// Markers drawn per lane at most, so a file with an event on every row still renders quickly.
    static let maxMarks = 1000

    /// The human name of a metric.
    static func metricLabel(_ m: Metric) -> String {
        switch m {
        case .rss: return "RSS"
        case .heap: return "Heap"
        case .threads: return "Threads"
        case .goHeap: return "Go heap"
        case .goroutines: return "Goroutines"
        }
    }

    /// Vertical grid lines and labels under the plot at the round times of `time`.
    static func timeTicks(_ time: TimeScale, x: (Double) -> Double, top: Double, bottom: Double) -> String {
        var out = ""
        for (k, t) in time.ticks.enumerated() {
            let xx = num(x(t))
            out += "<line class=\"vgrid\" x1=\"\(xx)\" y1=\"\(num(top))\" x2=\"\(xx)\" y2=\"\(num(bottom))\"/>"
            // The last label ends at its tick so it never runs off the chart's right edge.
            let anchor = k == time.ticks.count - 1 && k > 0 ? " style=\"text-anchor: end\"" : ""
            out += "<text class=\"xl\"\(anchor) x=\"\(xx)\" y=\"\(num(bottom + 16))\">\(TimeScale.label(t))</text>\n"
        }
        return out
    }

    /// The x and y axis lines of a chart `height` tall.
    static func frameLines(height: Double) -> String {
        let bottom = num(height - Frame.bottom)
        return "<line class=\"axis\" x1=\"\(num(Frame.left))\" y1=\"\(bottom)\" x2=\"\(num(Frame.width - Frame.right))\" y2=\"\(bottom)\"/>"
            + "<line class=\"axis\" x1=\"\(num(Frame.left))\" y1=\"\(num(Frame.top))\" x2=\"\(num(Frame.left))\" y2=\"\(bottom)\"/>\n"
    }

    /// A legend across the top margin: a sample of each entry's stroke or fill, then its name.
    static func legend(_ entries: [(cls: String, label: String)]) -> String {
        var out = "<g class=\"legend\">"
        var x = Frame.left
        for e in entries {
            if e.cls.hasPrefix("line") {
                out += "<line class=\"\(e.cls)\" x1=\"\(num(x))\" y1=\"12\" x2=\"\(num(x + 22))\" y2=\"12\"/>"
            } else if e.cls.hasPrefix("tick") {
                out += "<line class=\"\(e.cls.dropFirst(5))\" x1=\"\(num(x + 11))\" y1=\"5\" x2=\"\(num(x + 11))\" y2=\"19\"/>"
            } else {
                out += "<rect class=\"\(e.cls.dropFirst(3))\" x=\"\(num(x))\" y=\"7\" width=\"22\" height=\"10\"/>"
            }
            out += "<text x=\"\(num(x + 27))\" y=\"16\">\(escape(e.label))</text>"
            x += 27 + Double(e.label.count) * Frame.charWidth + 18
        }
        return out + "</g>\n"
    }

    /// A rectangle with a hover title.
    static func rect(_ cls: String, x: Double, y: Double, w: Double, h: Double, tip: String) -> String {
        "<rect class=\"\(cls)\" x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(max(0, w)))\" height=\"\(num(h))\"><title>\(escape(tip))</title></rect>\n"
    }

    /// A coordinate with one decimal; far cheaper than general formatting, which matters on day-long sessions.
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let tenths = Int64((v * 10).rounded())
        let whole = tenths / 10, frac = (tenths % 10).magnitude
        if frac == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-0" : String(whole)) + "." + String(frac)
    }
}

extension TimeScale {
    /// Session time as `h:mm:ss` (`d` days first when needed), for tables and hover text.
    static func clock(_ seconds: Double) -> String {
        let total = Int64(max(0, seconds).rounded(.down))
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let hms = "\(total % 86400 / 3600):\(two(total % 3600 / 60)):\(two(total % 60))"
        return total >= 86400 ? "\(total / 86400)d \(hms)" : hms
    }
}
