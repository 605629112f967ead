import MemtopCore
import MemtopTestSupport
import Testing

/// The engine over the labelled corpus of issue 4: every leak caught in time, nothing else alerted.
@Suite struct TrendCorpusTests {
    @Test(arguments: LeakCorpus.cases())
    func corpusCase(_ c: LeakCase) {
        var detector = TrendDetector(settings: c.kind == .bytes ? .bytes(rate: 1_048_576.0 / 60) : .count)
        var fires: [Double] = [], clears: [Double] = []
        for (t, v) in zip(c.times, c.values) {
            switch detector.add(time: t, value: v) {
            case .fired: fires.append(t)
            case .cleared: clears.append(t)
            case nil: break
            }
        }

        if c.leaks, let start = c.leakStart, let deadline = c.deadline {
            #expect(fires.allSatisfy { $0 >= start }, "false alarm before the leak started: \(fires)")
            let detected = fires.first { $0 >= start }
            #expect(detected != nil, "leak never alerted")
            if let detected {
                #expect(detected - start <= deadline, "alerted \(detected - start) s after the leak started")
            }
        } else if c.mayFire, let hold = c.holdStart, let within = c.mustClearWithin {
            #expect(fires.count <= 1, "re-fired: \(fires)")
            if let fired = fires.first {
                #expect(fired <= hold, "fired \(fired - hold) s after growth stopped")
                let cleared = clears.first { $0 > fired }
                #expect(cleared != nil, "never cleared")
                if let cleared { #expect(cleared - hold <= within, "cleared \(cleared - hold) s after hold") }
            }
        } else {
            #expect(fires.isEmpty, "false alarm at \(fires)")
        }
    }

    @Test func corpusIsDeterministic() {
        let a = LeakCorpus.cases(seed: 7), b = LeakCorpus.cases(seed: 7), c = LeakCorpus.cases(seed: 8)
        #expect(a.map(\.values) == b.map(\.values))
        #expect(a.map(\.values) != c.map(\.values))
        #expect(Set(a.map(\.name)).count == a.count)
    }

    @Test func leakCasesCoverTheirDeadline() {
        for c in LeakCorpus.cases() where c.leaks {
            let start = try! #require(c.leakStart), deadline = try! #require(c.deadline)
            #expect(start >= 120, "\(c.name) has no flat lead")
            #expect(c.times.last! >= start + deadline * 1.2, "\(c.name) ends too soon to judge its deadline")
        }
    }
}

// TEMP DEBUG
@testable import MemtopCore
@Suite struct TrendDebug {
    func why(_ d: TrendDetector, _ w: TrendDetector.Window, now: Double, settings: TrendSettings) -> String {
        let start = now - w.length
        let f = d.floors(from: start, to: now, bucket: w.bucket)
        let z = TrendStatistics.mannKendallZ(f.v)
        guard let slope = TrendStatistics.theilSen(f.t, f.v) else { return "noslope" }
        let rise = slope * w.length
        let total = f.v[f.v.count - 1] - f.v[0]
        var maxJump = 0.0
        for k in 1..<f.v.count { maxJump = max(maxJump, f.v[k] - f.v[k - 1]) }
        let tail = max(3, f.v.count / 3)
        let tailSlope = TrendStatistics.theilSen(Array(f.t.suffix(tail)), Array(f.v.suffix(tail))) ?? .nan
        var intercepts = zip(f.t, f.v).map { $0.1 - slope * $0.0 }
        let intercept = TrendStatistics.median(&intercepts) ?? 0
        var residuals = zip(f.t, f.v).map { $0.1 - (slope * $0.0 + intercept) }
        let mid = TrendStatistics.median(&residuals) ?? 0
        var deviations = residuals.map { abs($0 - mid) }
        let sigma = 1.4826 * (TrendStatistics.median(&deviations) ?? 0)
        let m = 1_048_576.0
        func r(_ x: Double) -> String { String(Int((x / m * 100).rounded())) }
        return "w\(Int(w.length)) n=\(f.t.count) z=\(String(Int(z * 100))) rise=\(r(rise)) req=\(r(settings.requiredRise(window: w.length))) total=\(r(total)) jump=\(r(maxJump)) tailS/S=\(Int(tailSlope / slope * 100))% sig3=\(r(3 * sigma)) hold=\(d.holds(w, now: now)) floors=\(f.v.map { r($0 - f.v[0]) })"
    }

    @Test func explain() {
        let names = (Environment.get("DBG_CASES") ?? "").split(separator: ",").map(String.init)
        let every = Double(Environment.get("DBG_EVERY") ?? "60")!
        let wins = (Environment.get("DBG_WINDOWS") ?? "480,900").split(separator: ",").map { Double($0)! }
        for c in LeakCorpus.cases() where names.contains(c.name) {
            var d = TrendDetector(settings: c.settings)
            print("== \(c.name)")
            for (t, v) in zip(c.times, c.values) {
                let tr = d.add(time: t, value: v)
                if let tr { print("t=\(Int(t)) \(tr)") }
                if t.truncatingRemainder(dividingBy: every) == 0 {
                    for w in TrendDetector.windows where wins.contains(w.length) && t >= w.length {
                        print("t=\(Int(t)) " + why(d, w, now: t, settings: c.settings))
                    }
                }
            }
        }
    }
}
enum Environment { static func get(_ k: String) -> String? { getenv(k).map { String(cString: $0) } } }
import Glibc

// SHADOW BEGIN
nonisolated(unsafe) var shadowFix = Environment.get("SHADOW_FIX") != nil
/// What counts as a leak for one metric.
struct ShadowSettings: Sendable, Equatable {
    /// Growth per second that counts as a leak (sizes); 0 for counts, which use `minimumRise` alone.
    var rate: Double
    /// For counts: the smallest rise of the floor, over any window, that can fire.
    var minimumRise: Double
    /// How far above everything seen before a window its recent floor must be, for the short windows.
    var breakoutAbsolute: Double
    var breakoutRelative: Double

    /// Sizes: a leak is a floor rising by `rate`·min(window, 5 min) or more.
    static func bytes(rate: Double) -> ShadowSettings {
        ShadowSettings(rate: rate, minimumRise: 0, breakoutAbsolute: 1_048_576, breakoutRelative: 0.02)
    }

    /// Counts (threads, goroutines): a sustained rise of at least 5.
    static let count = ShadowSettings(rate: 0, minimumRise: 5, breakoutAbsolute: 0.5, breakoutRelative: 0)

    /// The rise of the floor a window of `length` seconds must show.
    func requiredRise(window length: Double) -> Double {
        rate > 0 ? rate * min(length, 300) : minimumRise
    }
}

/// A change of alert state.
enum ShadowTransition: Equatable, Sendable {
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
struct ShadowDetector: Sendable {
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

    let settings: ShadowSettings
    private var buckets = ShadowBuckets(width: 1)
    private var heldSince: [Double?] = Array(repeating: nil, count: ShadowDetector.windows.count)
    private var firstTime: Double?
    private var lastClear: Double = -.infinity
    private var notGrowingSince: Double?

    /// True while an alert is active.
    private(set) var isActive = false
    /// When the active alert fired.
    private(set) var firedAt: Double?
    /// Start of the growth the alert is about (the start of the window that fired).
    private(set) var growthStart: Double?
    /// Growth per second of the floor since `growthStart`, while active.
    private(set) var slope: Double = 0
    private var firedWindow = 0
    private var firedSlope = 0.0

    /// A detector with `settings`.
    init(settings: ShadowSettings) {
        self.settings = settings
    }

    /// Adds a sample (times must not go backwards) and says if the alert fired or cleared.
    mutating func add(time: Double, value: Double) -> ShadowTransition? {
        guard value.isFinite, time.isFinite else { return nil }
        if firstTime == nil { firstTime = time }
        buckets.add(time: time, value: value, keep: ShadowDetector.keep)
        return isActive ? evaluateActive(now: time) : evaluateIdle(now: time)
    }

    /// Floor slope over the last few minutes, for graph titles; nil until there is enough data.
    func recentSlope(now: Double) -> Double? {
        guard let first = firstTime else { return nil }
        let span = min(300, now - first)
        guard span >= 20 else { return nil }
        let f = floors(from: now - span, to: now, bucket: max(1, span / 10))
        guard f.t.count >= 4 else { return nil }
        return TrendStatistics.theilSen(f.t, f.v)
    }

    private mutating func evaluateIdle(now: Double) -> ShadowTransition? {
        for (i, w) in ShadowDetector.windows.enumerated() {
            if holds(w, now: now) {
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
        let w = ShadowDetector.windows[i]
        let f = floors(from: now - w.length, to: now, bucket: w.bucket)
        isActive = true
        firedAt = now
        firedWindow = i
        firedSlope = TrendStatistics.theilSen(f.t, f.v) ?? 0
        slope = firedSlope
        growthStart = now - w.length - (heldSince[i].map { now - $0 } ?? 0)
        growthStart = max(growthStart ?? now, firstTime ?? now)
        notGrowingSince = nil
        heldSince = Array(repeating: nil, count: ShadowDetector.windows.count)
    }

    private mutating func evaluateActive(now: Double) -> ShadowTransition? {
        let w = ShadowDetector.windows[firedWindow]
        let recent = max(120, w.length / 2)
        let f = floors(from: now - recent, to: now, bucket: w.bucket)
        let recentSlope = f.t.count >= 3 ? (TrendStatistics.theilSen(f.t, f.v) ?? 0) : firedSlope
        let growing = recentSlope > 0 && recentSlope >= 0.25 * firedSlope
        if let start = growthStart, now - start >= 2 * w.bucket {
            let whole = floors(from: start, to: now, bucket: max(w.bucket, (now - start) / 30))
            if whole.t.count >= 3, let s = TrendStatistics.theilSen(whole.t, whole.v) { slope = max(0, s) }
        }
        if growing {
            notGrowingSince = nil
            return nil
        }
        let since = notGrowingSince ?? now
        notGrowingSince = since
        guard now - since >= ShadowDetector.clearAfter else { return nil }
        isActive = false
        firedAt = nil
        growthStart = nil
        slope = 0
        lastClear = now
        return .cleared
    }

    func debugWhy(now: Double) -> String {
        ShadowDetector.windows.prefix(3).map { w in holdsWhy(w, now: now) }.joined(separator: " | ")
    }

    func holds(_ w: Window, now: Double) -> Bool { holdsWhy(w, now: now) == "ok" }

    /// Whether window `w` ending at `now` shows a leak.
    func holdsWhy(_ w: Window, now: Double) -> String {
        let start = now - w.length
        guard let first = firstTime, start >= first - w.bucket / 2, start >= lastClear else { return "c1" }
        let f = floors(from: start, to: now, bucket: w.bucket)
        let expected = Int((w.length / w.bucket).rounded())
        guard f.t.count >= max(5, expected * 6 / 10) else { return "c2" }

        guard TrendStatistics.mannKendallZ(f.v) >= ShadowDetector.zThreshold else { return "c3" }
        guard let slope = TrendStatistics.theilSen(f.t, f.v), slope > 0 else { return "c4" }
        let rise = slope * w.length
        guard rise >= settings.requiredRise(window: w.length) else { return "c5" }

        // A single jump that carries half the rise is a step (a file loaded, a burst), not a leak.
        let total = f.v[f.v.count - 1] - f.v[0]
        guard total > 0 else { return "c6" }
        var maxJump = 0.0
        for k in 1..<f.v.count { maxJump = max(maxJump, f.v[k] - f.v[k - 1]) }
        guard maxJump < 0.5 * total else { return "c7" }

        // Still rising at the end: a cache that filled and holds is not a leak.
        let tail = max(3, f.v.count / 3)
        let tailT = Array(f.t.suffix(tail)), tailV = Array(f.v.suffix(tail))
        guard let tailSlope = TrendStatistics.theilSen(tailT, tailV), tailSlope > 0, tailSlope >= 0.25 * slope else { return "c8" }

        // The rise must stand out of the floor's own scatter around the trend.
        var intercepts = zip(f.t, f.v).map { $0.1 - slope * $0.0 }
        let intercept = TrendStatistics.median(&intercepts) ?? 0
        var residuals = zip(f.t, f.v).map { $0.1 - (slope * $0.0 + intercept) }
        let mid = TrendStatistics.median(&residuals) ?? 0
        var deviations = residuals.map { abs($0 - mid) }
        let sigma = 1.4826 * (TrendStatistics.median(&deviations) ?? 0)
        guard rise >= 3 * sigma else { return "c9" }

        if w.needsBreakout {
            let recentFloor = buckets.minimum(from: now - max(w.length / 6, 2), to: now) ?? -.infinity
            if start - first >= ShadowDetector.sawtoothPeriod {
                guard let before = buckets.maximum(from: start - 2 * ShadowDetector.sawtoothPeriod, to: start) else { return "c10" }
                let margin = max(settings.breakoutAbsolute, settings.breakoutRelative * abs(before))
                guard recentFloor > before + margin else { return "c11" }
            } else {
                // Too early to know the GC sawtooth's range: only a floor that has doubled since the session
                // began (more than a ±30% sawtooth swings) is called a leak this soon.
                let baseline = buckets.minimum(from: first, to: start) ?? f.v[0]
                guard baseline > 0, recentFloor >= 2 * baseline else { return "c12" }
            }
        }
        return "ok"
    }

    /// Per-bucket minima between `from` and `to`: bucket midpoints and floors, empty buckets left out.
    func floors(from: Double, to: Double, bucket: Double) -> (t: [Double], v: [Double]) {
        buckets.floors(from: from, to: to, bucket: bucket)
    }
}

/// Minimum and maximum per fixed time slot: the detector's compact memory of a metric.
struct ShadowBuckets: Sendable {
    let width: Double
    private var index: [Int] = []
    private var mins: [Double] = []
    private var maxs: [Double] = []
    private var head = 0

    init(width: Double) { self.width = width }

    mutating func add(time: Double, value: Double, keep: Double) {
        let k = Int((time / width).rounded(.down))
        if let last = index.last, last == k {
            mins[mins.count - 1] = min(mins[mins.count - 1], value)
            maxs[maxs.count - 1] = max(maxs[maxs.count - 1], value)
        } else {
            index.append(k)
            mins.append(value)
            maxs.append(value)
        }
        let oldest = Int(((time - keep) / width).rounded(.down))
        while head < index.count, index[head] < oldest { head += 1 }
        // Compact now and then rather than shifting on every sample.
        if head > 4096 {
            index.removeFirst(head)
            mins.removeFirst(head)
            maxs.removeFirst(head)
            head = 0
        }
    }

    /// First stored slot at or after time `t`.
    private func lowerBound(_ t: Double) -> Int {
        let k = Int((t / width).rounded(.down))
        var lo = head, hi = index.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if index[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func floors(from: Double, to: Double, bucket: Double) -> (t: [Double], v: [Double]) {
        var t: [Double] = [], v: [Double] = []
        var i = lowerBound(from)
        var current = Int.min
        while i < index.count {
            let slotTime = Double(index[i]) * width
            if slotTime > to { break }
            // The slot holding `from` may start a little before it: it belongs to the first bucket.
            let nb = Int(((to - from) / bucket).rounded())
            let b = shadowFix ? nb - 1 - Int(((to - slotTime) / bucket).rounded(.down)) : max(0, Int(((slotTime - from) / bucket).rounded(.down)))
            if b < 0 { i += 1; continue }
            if b != current {
                t.append(from + (Double(b) + 0.5) * bucket)
                v.append(mins[i])
                current = b
            } else {
                v[v.count - 1] = min(v[v.count - 1], mins[i])
            }
            i += 1
        }
        return (t, v)
    }

    func maximum(from: Double, to: Double) -> Double? {
        var i = lowerBound(from)
        var m: Double?
        while i < index.count, Double(index[i]) * width < to {
            m = max(m ?? maxs[i], maxs[i])
            i += 1
        }
        return m
    }

    func minimum(from: Double, to: Double) -> Double? {
        var i = lowerBound(from)
        var m: Double?
        while i < index.count, Double(index[i]) * width <= to {
            m = min(m ?? mins[i], mins[i])
            i += 1
        }
        return m
    }
}

extension TrendDebug {
    @Test func shadowCorpus() {
        for c in LeakCorpus.cases() {
            var d = ShadowDetector(settings: c.kind == .bytes ? .bytes(rate: 1_048_576.0 / 60) : .count)
            var ev: [String] = []
            for (t, v) in zip(c.times, c.values) {
                if let tr = d.add(time: t, value: v) { ev.append("\(tr) t=\(Int(t - (c.leakStart ?? c.holdStart ?? 0)))") }
            }
            print("SHADOW \(c.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(c.leaks ? "leak   " : "no-leak") \(ev.joined(separator: ", "))")
        }
    }
}
func judgeDbg(_ c: LeakCase, _ ev: [(Double, Bool)]) -> String? {
    let fires = ev.filter { $0.1 }.map(\.0), clears = ev.filter { !$0.1 }.map(\.0)
    if c.leaks {
        let s = c.leakStart!
        if fires.contains(where: { $0 < s }) { return "early" }
        guard let d = fires.first(where: { $0 >= s }) else { return "missed" }
        if d - s > c.deadline! { return "late \(Int(d - s))" }
        if clears.contains(where: { $0 > d }) { return "flap" }
        return nil
    } else if c.mayFire {
        if fires.count > 1 { return "refire" }
        if let f = fires.first {
            if f > c.holdStart! { return "fired after hold" }
            guard let cl = clears.first(where: { $0 > f }) else { return "noclear" }
            if cl - c.holdStart! > 180 { return "slowclear \(Int(cl - c.holdStart!))" }
        }
        return nil
    }
    return fires.isEmpty ? nil : "FP at \(fires.map { Int($0) })"
}
extension TrendDebug {
    @Test func seeds() {
        let n = UInt64(Environment.get("DBG_SEEDS") ?? "10")!
        var fails: [String: [String]] = [:]
        for seed in 1...n {
            for c0 in LeakCorpus.cases(seed: seed) {
                let off = Double(Environment.get("DBG_OFF") ?? "0")!, jit = Double(Environment.get("DBG_JIT") ?? "0")!
                var rng = SplitMix64(seed: seed)
                let c = LeakCase(name: c0.name, kind: c0.kind, times: c0.times.map { $0 + off + jit * rng.unit() }, values: c0.values, leaks: c0.leaks, leakStart: c0.leakStart, deadline: c0.deadline, holdStart: c0.holdStart, mustClearWithin: c0.mustClearWithin, mayFire: c0.mayFire)
                var ev: [(Double, Bool)] = []
                if Environment.get("REAL") != nil {
                    var d = TrendDetector(settings: c.settings)
                    for (t, v) in zip(c.times, c.values) { if let tr = d.add(time: t, value: v) { ev.append((t, tr == .fired)) } }
                } else {
                    var d = ShadowDetector(settings: c.kind == .bytes ? .bytes(rate: 1_048_576.0 / 60) : .count)
                    for (t, v) in zip(c.times, c.values) { if let tr = d.add(time: t, value: v) { ev.append((t, tr == .fired)) } }
                }
                if let why = judgeDbg(c, ev) { fails[c.name, default: []].append("s\(seed):\(why)") }
            }
        }
        for (k, v) in fails.sorted(by: { $0.key < $1.key }) { print("SEEDFAIL \(k): \(v.count) \(v.prefix(8).joined(separator: " "))") }
        print("SEEDFAIL done")
    }
}
