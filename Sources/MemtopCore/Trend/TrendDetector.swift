/// What counts as a leak for one metric.
public struct TrendSettings: Sendable, Equatable {
    /// Growth per second that counts as a leak (sizes); 0 for counts, which use `minimumRise` alone.
    public var rate: Double
    /// For counts: the smallest rise of the floor, over any window, that can fire.
    public var minimumRise: Double
    /// How far above everything seen before a window its recent floor must be, for the short windows.
    public var breakoutAbsolute: Double
    public var breakoutRelative: Double

    /// Sizes: a leak is a floor rising by `rate`·min(window, 5 min) or more.
    public static func bytes(rate: Double) -> TrendSettings {
        TrendSettings(rate: rate, minimumRise: 0, breakoutAbsolute: 1_048_576, breakoutRelative: 0.02)
    }

    /// Counts (threads, goroutines): a sustained rise of at least 5.
    public static let count = TrendSettings(rate: 0, minimumRise: 5, breakoutAbsolute: 0.5, breakoutRelative: 0)

    /// Goroutines: a server's request goroutines come and go by the dozen, so a leak must add 20.
    public static let goroutines = TrendSettings(rate: 0, minimumRise: 20, breakoutAbsolute: 2, breakoutRelative: 0)

    /// The rise of the floor a window of `length` seconds must show.
    func requiredRise(window length: Double) -> Double {
        rate > 0 ? rate * min(length, 300) : minimumRise
    }
}

/// A change of alert state.
public enum TrendTransition: Equatable, Sendable {
    case fired
    case cleared
}

/// Decides, sample by sample, whether one metric is leaking: pure and deterministic.
///
/// It trends the floor (per-bucket minima, the post-GC baseline), not the peaks, over windows from
/// 20 s to 2 h. A window fires when its floors rise significantly (Mann–Kendall), fast enough
/// (Theil–Sen slope), steadily (no single jump carries half the rise; still rising in its last
/// third; the rise stands out of the residual noise), and, for windows shorter than a GC period
/// can hide in, above everything seen before. The condition must persist before firing; an
/// alert clears after a minute without growth, and old data cannot re-fire it.
public struct TrendDetector: Sendable {
    struct Window: Sendable {
        var length: Double
        var bucket: Double
        /// Short windows cannot tell a leak from the rising half of a GC sawtooth without history.
        var needsBreakout: Bool
        var persistence: Double { min(60, max(8, length / 10)) }
    }

    static let windows: [Window] = [
        Window(length: 10, bucket: 1, needsBreakout: true),
        Window(length: 20, bucket: 2, needsBreakout: true),
        Window(length: 40, bucket: 4, needsBreakout: true),
        Window(length: 90, bucket: 6, needsBreakout: true),
        Window(length: 180, bucket: 12, needsBreakout: true),
        Window(length: 480, bucket: 60, needsBreakout: false),
        Window(length: 900, bucket: 60, needsBreakout: false),
        Window(length: 1800, bucket: 90, needsBreakout: false),
        Window(length: 3600, bucket: 180, needsBreakout: false),
        Window(length: 7200, bucket: 360, needsBreakout: false),
    ]
    /// Longest GC period the short windows are immune to: they need this much history before them.
    static let sawtoothPeriod = 60.0
    static let zThreshold = 2.6
    static let clearAfter = 60.0
    static let keep = 7200.0 + 600

    public let settings: TrendSettings
    private var buckets = BaseBuckets(width: 1)
    private var heldSince: [Double?] = Array(repeating: nil, count: TrendDetector.windows.count)
    private var firstTime: Double?
    private var lastClear: Double = -.infinity
    private var notGrowingSince: Double?

    /// True while an alert is active.
    public private(set) var isActive = false
    /// When the active alert fired.
    public private(set) var firedAt: Double?
    /// Start of the growth the alert is about (the start of the window that fired).
    public private(set) var growthStart: Double?
    /// Growth per second of the floor since `growthStart`, while active.
    public private(set) var slope: Double = 0
    private var firedWindow = 0
    private var firedSlope = 0.0
    /// A window's verdict on its floors only changes when its aligned end moves (once per bucket);
    /// only the breakout test looks at the newest samples, so the rest is reused in between.
    private var verdicts: [(end: Double, lastClear: Double, holds: Bool)?] = Array(repeating: nil, count: TrendDetector.windows.count)
    /// The active alert's recent slope, per aligned end, and when the whole-growth slope was last fitted.
    private var recentCache: (end: Double, slope: Double)?
    private var wholeFittedAt = -Double.infinity

    /// A detector with `settings`.
    public init(settings: TrendSettings) {
        self.settings = settings
    }

    /// Adds a sample (times must not go backwards) and says if the alert fired or cleared.
    public mutating func add(time: Double, value: Double) -> TrendTransition? {
        guard value.isFinite, time.isFinite else { return nil }
        if firstTime == nil { firstTime = time }
        buckets.add(time: time, value: value, keep: TrendDetector.keep)
        return isActive ? evaluateActive(now: time) : evaluateIdle(now: time)
    }

    /// Floor slope over the last few minutes, for graph titles; nil until there is enough data.
    public func recentSlope(now: Double) -> Double? {
        guard let first = firstTime else { return nil }
        let span = min(300, now - first)
        guard span >= 20 else { return nil }
        let f = floors(from: now - span, to: now, bucket: max(1, span / 10))
        guard f.t.count >= 4 else { return nil }
        return TrendStatistics.theilSen(f.t, f.v)
    }

    private mutating func evaluateIdle(now: Double) -> TrendTransition? {
        for (i, w) in TrendDetector.windows.enumerated() {
            if holdsCached(i, now: now) {
                let since = heldSince[i] ?? now
                heldSince[i] = since
                if now - since >= w.persistence {
                    fire(window: i, now: now)
                    return .fired
                }
            } else {
                heldSince[i] = nil
            }
        }
        return nil
    }

    private mutating func fire(window i: Int, now: Double) {
        let w = TrendDetector.windows[i]
        let end = TrendDetector.alignedEnd(now, bucket: w.bucket)
        let f = floors(from: end - w.length, to: end - 1e-6, bucket: w.bucket)
        isActive = true
        firedAt = now
        firedWindow = i
        firedSlope = TrendStatistics.theilSen(f.t, f.v) ?? 0
        slope = firedSlope
        growthStart = now - w.length - (heldSince[i].map { now - $0 } ?? 0)
        growthStart = max(growthStart ?? now, firstTime ?? now)
        notGrowingSince = nil
        heldSince = Array(repeating: nil, count: TrendDetector.windows.count)
        recentCache = nil
        wholeFittedAt = -.infinity
    }

    /// `holds`, reusing a window's verdict on its floors until its aligned end moves.
    private mutating func holdsCached(_ i: Int, now: Double) -> Bool {
        let w = TrendDetector.windows[i]
        let end = TrendDetector.alignedEnd(now, bucket: w.bucket)
        let floorsHold: Bool
        if let v = verdicts[i], v.end == end, v.lastClear == lastClear {
            floorsHold = v.holds
        } else {
            floorsHold = floorsRise(w, end: end)
            verdicts[i] = (end, lastClear, floorsHold)
        }
        return floorsHold && breaksOut(w, now: now, start: end - w.length)
    }

    private mutating func evaluateActive(now: Double) -> TrendTransition? {
        let w = TrendDetector.windows[firedWindow]
        let recent = max(120, w.length / 2)
        // About 20 whole buckets: Theil–Sen costs the square of the points, and the slope only
        // changes when a bucket completes.
        let recentBucket = max(w.bucket, (recent / 20).rounded(.up))
        let end = TrendDetector.alignedEnd(now, bucket: recentBucket)
        let recentSlope: Double
        if let c = recentCache, c.end == end {
            recentSlope = c.slope
        } else {
            let f = floors(from: end - recent, to: end - 1e-6, bucket: recentBucket)
            recentSlope = f.t.count >= 3 ? (TrendStatistics.theilSen(f.t, f.v) ?? 0) : firedSlope
            recentCache = (end, recentSlope)
        }
        let growing = recentSlope > 0 && recentSlope >= 0.25 * firedSlope
        if let start = growthStart, now - start >= 2 * w.bucket {
            // The whole growth's slope (for the rate shown and the time to the limit) is refitted once
            // per bucket of its own: fitting it every sample cost time growing with the alert's age.
            let bucket = max(w.bucket, (now - start) / 30)
            if now - wholeFittedAt >= bucket {
                let whole = floors(from: start, to: now, bucket: bucket)
                if whole.t.count >= 3, let s = TrendStatistics.theilSen(whole.t, whole.v) { slope = max(0, s) }
                wholeFittedAt = now
            }
        }
        if growing {
            notGrowingSince = nil
            return nil
        }
        let since = notGrowingSince ?? now
        notGrowingSince = since
        guard now - since >= TrendDetector.clearAfter else { return nil }
        isActive = false
        firedAt = nil
        growthStart = nil
        slope = 0
        lastClear = now
        return .cleared
    }

    /// Whether window `w` ending at `now` shows a leak.
    func holds(_ w: Window, now: Double) -> Bool {
        // Whole buckets only: a partial last bucket has not seen its trough yet, and its floor would
        // read as a jump at the end of every window.
        let end = TrendDetector.alignedEnd(now, bucket: w.bucket)
        return floorsRise(w, end: end) && breaksOut(w, now: now, start: end - w.length)
    }

    /// The window's floors, ending at the bucket boundary `end`, rise like a leak.
    func floorsRise(_ w: Window, end: Double) -> Bool {
        let start = end - w.length
        guard let first = firstTime, start >= first - w.bucket / 2, start >= lastClear else { return false }
        let f = floors(from: start, to: end - 1e-6, bucket: w.bucket)
        let expected = Int((w.length / w.bucket).rounded())
        guard f.t.count >= max(5, expected * 6 / 10) else { return false }

        guard TrendStatistics.mannKendallZ(f.v) >= TrendDetector.zThreshold else { return false }
        guard let slope = TrendStatistics.theilSen(f.t, f.v), slope > 0 else { return false }
        let rise = slope * w.length
        guard rise >= settings.requiredRise(window: w.length) else { return false }

        // A single jump that carries half the rise is a step (a file loaded, a burst), not a leak.
        let total = f.v[f.v.count - 1] - f.v[0]
        guard total > 0 else { return false }
        var maxJump = 0.0
        for k in 1..<f.v.count { maxJump = max(maxJump, f.v[k] - f.v[k - 1]) }
        guard maxJump < 0.5 * total else { return false }

        // Still rising at the end: a cache that filled and holds is not a leak.
        let tail = max(3, f.v.count / 3)
        let tailT = Array(f.t.suffix(tail)), tailV = Array(f.v.suffix(tail))
        guard let tailSlope = TrendStatistics.theilSen(tailT, tailV), tailSlope > 0, tailSlope >= 0.25 * slope else { return false }

        // The rise must stand out of the floor's own scatter around the trend.
        var intercepts = zip(f.t, f.v).map { $0.1 - slope * $0.0 }
        let intercept = TrendStatistics.median(&intercepts) ?? 0
        var residuals = zip(f.t, f.v).map { $0.1 - (slope * $0.0 + intercept) }
        let mid = TrendStatistics.median(&residuals) ?? 0
        var deviations = residuals.map { abs($0 - mid) }
        let sigma = 1.4826 * (TrendStatistics.median(&deviations) ?? 0)
        return rise >= 3 * sigma
    }

    /// For short windows: the newest floor stands above everything the GC sawtooth reached before.
    func breaksOut(_ w: Window, now: Double, start: Double) -> Bool {
        guard let first = firstTime else { return false }
        if w.needsBreakout {
            let recentFloor = buckets.minimum(from: now - max(w.length / 6, 2), to: now) ?? -.infinity
            if start - first >= TrendDetector.sawtoothPeriod {
                guard let before = buckets.maximum(from: start - 2 * TrendDetector.sawtoothPeriod, to: start) else { return false }
                let margin = max(settings.breakoutAbsolute, settings.breakoutRelative * abs(before))
                guard recentFloor > before + margin else { return false }
            } else {
                // Too early to know the GC sawtooth's range: only a floor that has doubled since the session
                // began (more than a ±30% sawtooth swings) is called a leak this soon.
                let baseline = buckets.minimum(from: first, to: start) ?? buckets.minimum(from: start, to: start + w.bucket - 1e-6) ?? 0
                guard baseline > 0, recentFloor >= 2 * baseline else { return false }
            }
        }
        return true
    }

    /// The latest bucket boundary at or before `now`: windows end there so every bucket is complete.
    static func alignedEnd(_ now: Double, bucket: Double) -> Double {
        (now / bucket).rounded(.down) * bucket
    }

    /// Per-bucket minima between `from` and `to`: bucket midpoints and floors, empty buckets left out.
    func floors(from: Double, to: Double, bucket: Double) -> (t: [Double], v: [Double]) {
        buckets.floors(from: from, to: to, bucket: bucket)
    }
}
