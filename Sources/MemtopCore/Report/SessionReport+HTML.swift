extension SessionReport {
    /// The document head: inline styles only, and a content policy that forbids scripts and fetches
    /// in case anything ever slipped past escaping.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="memtop">
        <title>\(escape(title)) — memtop report</title>
        <style>
        \(css)
        </style>
        </head>

        """
    }

    /// Light on screen and paper alike; dashes as well as colours tell lines apart in greyscale print.
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f4f5f7; color: #1b1f24; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 960px; margin: 0 auto; padding: 20px 16px 40px; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
        h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d4da; }
        .meta { color: #555d66; margin: 0; overflow-wrap: anywhere; }
        .meta code, td code { font: 12.5px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
        th { font-weight: 600; color: #3a4149; background: #f6f7f9; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        table.kv th { width: 26%; }
        tbody th { background: none; }
        .up { color: #b3261e; }
        .down { color: #1b6e3a; }
        .note { color: #555d66; font-size: 12.5px; margin: 4px 0; }
        .empty { font-size: 16px; color: #555d66; }
        figure { margin: 14px 0 6px; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: 600; margin-bottom: 2px; }
        figcaption span { font-weight: 400; color: #555d66; }
        svg { display: block; width: 100%; height: auto; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        svg text { fill: #3a4149; }
        .yl { text-anchor: end; }
        .xl { text-anchor: middle; }
        .none { text-anchor: middle; fill: #8a929b; font-size: 13px; }
        .axis { stroke: #59616b; stroke-width: 1; }
        .grid, .vgrid { stroke: #e6e8eb; stroke-width: 1; }
        polyline { fill: none; stroke-width: 1.6; stroke-linejoin: round; stroke-linecap: round; }
        .legend line { stroke-width: 2.2; }
        .l0 { stroke: #1f5fbf; }
        .l1 { stroke: #d9730d; stroke-dasharray: 7 3; }
        .l2 { stroke: #2e7d32; stroke-dasharray: 2 2.5; }
        .l3 { stroke: #7b3fa0; stroke-dasharray: 9 3 2 3; }
        .l4 { stroke: #00838f; }
        .l5 { stroke: #5d4037; }
        .d0 { fill: #1f5fbf; } .d1 { fill: #d9730d; } .d2 { fill: #2e7d32; } .d3 { fill: #7b3fa0; } .d4 { fill: #00838f; } .d5 { fill: #5d4037; }
        .warning { fill: #ef9a1a; }
        .critical { fill: #d32f2f; }
        .band { fill-opacity: 0.2; }
        .evidence { fill: #ef9a1a; fill-opacity: 0.07; }
        .timeline .evidence { fill-opacity: 0.25; }
        .legend rect { stroke: #b9bec5; stroke-width: 0.5; }
        .rec { fill: #3a4149; }
        .base { stroke: #1f5fbf; stroke-width: 2; }
        .exit { stroke: #1b1f24; stroke-width: 1.5; stroke-dasharray: 4 3; }
        footer { margin-top: 28px; color: #8a929b; font-size: 12px; }
        @media print {
          @page { margin: 12mm; }
          body, main { background: #fff; padding: 0; max-width: none; }
          body { font-size: 11pt; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, figure, svg { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """

    /// Title, source and when the report was made.
    static func header(_ a: Analysis, title: String, source: String, generatedAt: Double) -> String {
        var out = "<header>\n<h1>\(escape(title))</h1>\n<p class=\"meta\">Session file <code>\(escape(source))</code>"
        out += " · pid \(a.history.pid) · report generated \(Timestamp.iso8601(generatedAt))</p>\n</header>\n"
        return out
    }

    /// The session at a glance, then one row per metric.
    static func summarySection(_ a: Analysis) -> String {
        let h = a.history
        var out = "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"kv\">\n"
        func row(_ k: String, _ v: String) { out += "<tr><th scope=\"row\">\(k)</th><td>\(v)</td></tr>\n" }
        row("Start", Timestamp.iso8601(h.time(at: 0)))
        row("End", Timestamp.iso8601(h.time(at: h.count - 1)))
        row("Duration", h.count > 1 ? Units.duration(a.end - a.start) : "a single sample")
        var samples = "\(h.count)"
        if let every = a.typicalInterval, every > 0 { samples += ", about every \(Units.duration(every))" }
        row("Samples", samples)
        row("PID", "\(h.pid)")
        row("Memory limit", a.limit.map { Units.bytes($0) } ?? "not given")
        if a.limit != nil { row("RSS reaches the limit", timeToLimitText(a)) }
        row("Alerts", "\(a.alerts.count) recomputed at \(Units.rate(bytesPerSecond: a.alertRate)); \(a.recorded.count) events recorded in the file")
        out += "</table>\n"

        out += "<table class=\"metrics\">\n<thead><tr><th>Metric</th><th class=\"n\">First</th><th class=\"n\">Last</th>"
        out += "<th class=\"n\">Peak</th><th class=\"n\">Peak at</th><th class=\"n\">Change</th><th class=\"n\">Trend</th></tr></thead>\n<tbody>\n"
        for key in a.summaryKeys {
            out += "<tr><th scope=\"row\">\(keyLabel(key))</th>"
            guard let s = a.stats[key] else {
                out += "<td class=\"n\" colspan=\"6\">not measured</td></tr>\n"
                continue
            }
            out += "<td class=\"n\">\(value(s.first, key))</td><td class=\"n\">\(value(s.last, key))</td>"
            out += "<td class=\"n\">\(value(s.peak, key))</td><td class=\"n\">\(TimeScale.clock(s.peakAt))</td>"
            let change = Int64(clamping: s.last) - Int64(clamping: s.first)
            let cls = change > 0 ? " up" : change < 0 ? " down" : ""
            let changeText = key.isSize ? Units.signedBytes(change) : (change > 0 ? "+\(change)" : "\(change)")
            out += "<td class=\"n\(cls)\">\(changeText)</td><td class=\"n\">\(s.slope.map { trendText($0, size: key.isSize) } ?? "—")</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<p class=\"note\">Trend: Theil–Sen slope of the per-interval minima (the floor a leak raises, not GC or burst peaks), over the whole session.</p>\n"
        return out + "</section>\n"
    }

    /// The alert timeline and the alerts memtop finds in this session today.
    static func alertsSection(_ a: Analysis) -> String {
        let time = TimeScale(start: a.start, end: a.end)
        var out = "<section id=\"alerts\">\n<h2>Alerts</h2>\n<figure>\n<figcaption>Alert timeline <span>— time since the session started</span></figcaption>\n"
        out += timelineSVG(a, time: time)
        out += "</figure>\n"
        guard !a.alerts.isEmpty else {
            return out + "<p class=\"note\">No growth alerts when the session is replayed at \(Units.rate(bytesPerSecond: a.alertRate)).</p>\n</section>\n"
        }
        out += "<table>\n<thead><tr><th>Metric</th><th class=\"n\">Growth began</th><th class=\"n\">Fired</th><th class=\"n\">Fired (UTC)</th>"
        out += "<th class=\"n\">Cleared</th><th class=\"n\">Rate</th><th class=\"n\">Time to limit</th><th>Severity</th></tr></thead>\n<tbody>\n"
        for r in a.alerts {
            out += "<tr data-alert=\"\(r.metric.rawValue)\"><td>\(r.metric.rawValue)</td><td class=\"n\">\(TimeScale.clock(r.growthStart))</td>"
            out += "<td class=\"n\">\(TimeScale.clock(r.firedAt))</td><td class=\"n\">\(Timestamp.iso8601(r.firedWall))</td>"
            out += "<td class=\"n\">\(r.clearedAt.map(TimeScale.clock) ?? "still active at the end")</td>"
            out += "<td class=\"n\">\(r.rateText)</td><td class=\"n\">\(r.timeToLimit.map { "~" + Units.duration($0) } ?? "—")</td>"
            out += "<td>\(r.severity.rawValue)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<p class=\"note\">Recomputed by replaying every sample through memtop's alert engine at \(Units.rate(bytesPerSecond: a.alertRate))"
        out += a.limit.map { " with a \(Units.bytes($0)) limit" } ?? ""
        out += ". Times are since the session started.</p>\n"
        return out + "</section>\n"
    }

    /// One figure per chart, sharing the session's time axis.
    static func chartsSection(_ a: Analysis) -> String {
        let time = TimeScale(start: a.start, end: a.end)
        var out = "<section id=\"charts\">\n<h2>Charts</h2>\n"
        for spec in chartSpecs(go: a.history.hasGo) {
            out += "<figure>\n<figcaption>\(escape(spec.title))"
            if let key = spec.series.first?.key, let slope = a.stats[key]?.slope {
                out += " <span>— trend \(trendText(slope, size: spec.isSize))</span>"
            }
            out += "</figcaption>\n" + chartSVG(a, spec, time: time) + "</figure>\n"
        }
        out += "<p class=\"note\">Each line keeps the minimum and maximum of every interval it is drawn at, so peaks survive downsampling. "
        out += "A break in a line means nothing was measured there.</p>\n"
        return out + "</section>\n"
    }

    /// Rows shown in the events table at most; the timeline still marks them all up to its own cap.
    static let maxEventRows = 500

    /// The events as the file recorded them.
    static func eventsSection(_ a: Analysis) -> String {
        var out = "<section id=\"events\">\n<h2>Recorded events</h2>\n"
        guard !a.recorded.isEmpty else { return out + "<p class=\"note\">The session file records no events.</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th class=\"n\">Time</th><th class=\"n\">UTC</th><th>Event</th><th>Meaning</th></tr></thead>\n<tbody>\n"
        for r in a.recorded.prefix(maxEventRows) {
            out += "<tr><td class=\"n\">\(TimeScale.clock(r.elapsed))</td><td class=\"n\">\(Timestamp.iso8601(r.wall))</td>"
            out += "<td><code>\(escape(r.event.description))</code></td><td>\(meaning(r.event))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if a.recorded.count > maxEventRows {
            out += "<p class=\"note\">… and \(a.recorded.count - maxEventRows) more events not listed.</p>\n"
        }
        return out + "</section>\n"
    }

    /// What an event says, in words.
    static func meaning(_ e: SessionEvent) -> String {
        switch e {
        case .alert(let m): return "\(metricLabel(m)) growth alert started"
        case .clear(let m): return "\(metricLabel(m)) alert cleared"
        case .baseline: return "baseline set"
        case .exit: return "process exited"
        }
    }

    /// The summary's row name for a field.
    static func keyLabel(_ key: SeriesKey) -> String {
        switch key {
        case .rss: return "RSS"
        case .pss: return "PSS"
        case .uss: return "USS"
        case .heap: return "Heap"
        case .threads: return "Threads"
        case .goHeapAlloc: return "Go HeapAlloc"
        case .goHeapInuse: return "Go HeapInuse"
        case .goroutines: return "Goroutines"
        default: return "\(key)"
        }
    }

    /// A size in binary units, or a count.
    static func value(_ v: UInt64, _ key: SeriesKey) -> String {
        key.isSize ? Units.bytes(v) : "\(v)"
    }

    /// A slope per minute when that reads as a whole unit, else per hour: `+2.10 MiB/min`, `-512 KiB/h`, `+6.0/min`.
    static func trendText(_ perSecond: Double, size: Bool) -> String {
        let sign = perSecond < 0 ? "-" : "+"
        let m = perSecond.magnitude
        if size {
            if m * 60 >= 1_048_576 { return sign + Units.bytes(UInt64(m * 60)) + "/min" }
            return (m * 3600 < 1 ? "" : sign) + Units.bytes(UInt64(m * 3600)) + "/h"
        }
        if m * 60 >= 1 { return sign + Units.fixed(m * 60, 1) + "/min" }
        return (m * 3600 < 0.05 ? "" : sign) + Units.fixed(m * 3600, 1) + "/h"
    }

    /// When RSS meets the limit at the session's trend, in words.
    static func timeToLimitText(_ a: Analysis) -> String {
        guard let limit = a.limit, let rss = a.stats[.rss] else { return "RSS not measured" }
        if rss.last >= limit { return "already at or over the limit" }
        guard let t = a.rssTimeToLimit, let slope = rss.slope else { return "not growing over the session" }
        return "in ~\(Units.duration(t)) at \(trendText(slope, size: true)) (the session's trend, from the last value)"
    }
}
