/// One point of a chart series: session time and value.
struct ChartPoint: Equatable {
    var t: Double
    var v: Double
}

/// A value axis: its range and where the labelled ticks go.
struct ValueScale {
    var lo: Double
    var hi: Double
    var ticks: [Double]
    /// Sizes are labelled in binary units, counts as integers.
    var isSize: Bool

    /// A range that holds `min`…`max` with round ticks: powers of two for sizes (so labels read `256 MiB`,
    /// `1.25 GiB`), 1-2-5 steps for counts.
    init(min dataMin: Double, max dataMax: Double, size: Bool) {
        isSize = size
        var lo = dataMin, hi = dataMax
        // Anchor at zero unless that would squash the variation people are looking for into a thin band.
        if lo <= 0.4 * hi { lo = 0 }
        let smallest = size ? 4096.0 : 4
        if hi - lo < Swift.max(hi * 0.02, smallest) {
            let pad = Swift.max(hi * 0.05, smallest) / 2
            lo = Swift.max(0, lo - pad)
            hi += pad
        }
        var step = 1.0
        if size {
            while (hi / step).rounded(.up) - (lo / step).rounded(.down) > 6 { step *= 2 }
        } else {
            let mantissas = [1.0, 2, 5]
            var k = 0, decade = 1.0
            while (hi / step).rounded(.up) - (lo / step).rounded(.down) > 6 {
                k += 1
                if k == mantissas.count { k = 0; decade *= 10 }
                step = mantissas[k] * decade
            }
        }
        self.lo = (lo / step).rounded(.down) * step
        self.hi = Swift.max((hi / step).rounded(.up) * step, self.lo + step)
        var ticks: [Double] = []
        var v = self.lo
        while v <= self.hi + step / 2 {
            ticks.append(v)
            v += step
        }
        self.ticks = ticks
    }

    /// The tick label for `v`.
    func label(_ v: Double) -> String {
        isSize ? ValueScale.binary(v) : String(Int64(v.rounded()))
    }

    /// `0`, `512 KiB`, `1.25 GiB`: the largest binary unit in which `v` is exact to two decimals,
    /// so neighbouring ticks never round to the same label.
    static func binary(_ v: Double) -> String {
        if v == 0 { return "0" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var u = units.count - 1
        var scale = 1.0
        for _ in 0..<u { scale *= 1024 }
        while u > 0 {
            let x = v / scale * 100
            if v >= scale, abs(x - x.rounded()) < 1e-6 { break }
            u -= 1
            scale /= 1024
        }
        return trimmed(v / scale) + " " + units[u]
    }

    /// Up to two decimals, without trailing zeros: `1.25`, `1.5`, `768`.
    static func trimmed(_ x: Double) -> String {
        var s = Units.fixed(x, 2)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

/// The time axis: session time from the first to the last sample, with round ticks.
struct TimeScale {
    var start: Double
    var span: Double
    var ticks: [Double]

    /// Candidate tick steps, seconds.
    static let steps: [Double] = [
        0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
        86400, 172_800, 604_800, 1_209_600, 2_419_200,
    ]

    /// A scale for `start`…`end`; a single instant gets one second so the axis still has a width.
    init(start: Double, end: Double) {
        self.start = start
        span = end > start ? end - start : 1
        let last = start + span
        var step = TimeScale.steps.last ?? 1
        for s in TimeScale.steps where span / s <= 8 {
            step = s
            break
        }
        while span / step > 8 { step *= 2 }
        var ticks: [Double] = []
        var k = (start / step).rounded(.up)
        while k * step <= last + 1e-9 {
            ticks.append(k * step)
            k += 1
        }
        self.ticks = ticks
    }

    /// A tick label as elapsed time: `0`, `45s`, `10m`, `1h30m`, `2d`.
    static func label(_ seconds: Double) -> String {
        if seconds.magnitude < 1e-9 { return "0" }
        if seconds < 1 || seconds != seconds.rounded() { return Units.fixed(seconds, 1) + "s" }
        let total = Int64(seconds)
        let parts: [(Int64, String)] = [
            (total / 86400, "d"), (total % 86400 / 3600, "h"), (total % 3600 / 60, "m"), (total % 60, "s"),
        ]
        // Two units at most: a tick step is round, so the rest are zero anyway.
        guard let first = parts.firstIndex(where: { $0.0 != 0 }) else { return "0" }
        var s = "\(parts[first].0)\(parts[first].1)"
        if first + 1 < parts.count, parts[first + 1].0 != 0 { s += "\(parts[first + 1].0)\(parts[first + 1].1)" }
        return s
    }
}

extension SessionReport {
    /// Buckets across the time axis; each keeps its min and max, so a series has at most about twice this many points.
    static let chartBuckets = 480

    /// The measured values of `key` as polyline segments, downsampled to per-bucket min and max.
    ///
    /// A segment ends where the series was not measured for longer than three times both its usual
    /// spacing and the spacing just before: smaps-based fields are read only every few ticks, which is
    /// not a gap, but an endpoint that stopped answering is, and the line must not pretend otherwise.
    static func segments(_ h: SampleHistory, _ key: SeriesKey, time: TimeScale, buckets n: Int = chartBuckets) -> [[ChartPoint]] {
        let usual = usualSpacing(h, key)
        let width = time.span / Double(n)
        var segments: [[ChartPoint]] = []
        var current: [ChartPoint] = []
        var bucket = -1
        var low = ChartPoint(t: 0, v: 0), high = low
        var lastT: Double?
        var lastGap = 0.0

        func flush() {
            guard bucket >= 0 else { return }
            if low.t == high.t {
                current.append(low)
            } else if low.t < high.t {
                current.append(low); current.append(high)
            } else {
                current.append(high); current.append(low)
            }
            bucket = -1
        }

        for i in 0..<h.count {
            guard let raw = h.value(key, at: i) else { continue }
            let p = ChartPoint(t: h.elapsed(at: i), v: Double(raw))
            if let lastT {
                let gap = p.t - lastT
                if gap > 3 * max(usual, lastGap) {
                    flush()
                    segments.append(current)
                    current = []
                }
                lastGap = gap
            }
            lastT = p.t
            let b = min(n - 1, max(0, Int((p.t - time.start) / width)))
            if b != bucket {
                flush()
                bucket = b
                low = p
                high = p
            } else {
                if p.v < low.v { low = p }
                if p.v > high.v { high = p }
            }
        }
        flush()
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// The median time between consecutive measurements of `key`, ignoring repeats at the same instant.
    static func usualSpacing(_ h: SampleHistory, _ key: SeriesKey) -> Double {
        var gaps: [Double] = []
        var last: Double?
        // Enough gaps for a stable median without sorting a day's worth.
        let keepEvery = max(1, h.count / 8192)
        var seen = 0
        for i in 0..<h.count where h.value(key, at: i) != nil {
            let t = h.elapsed(at: i)
            if let last, t > last {
                if seen % keepEvery == 0 { gaps.append(t - last) }
                seen += 1
            }
            last = t
        }
        return TrendStatistics.median(&gaps) ?? 0
    }
}
