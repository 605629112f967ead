import MemtopCore

/// What a series measures, which decides the detector settings it is judged with.
public enum LeakKind: String, Sendable {
    /// A size in bytes (RSS, heap).
    case bytes
    /// A count (threads).
    case count
}

/// One labelled synthetic 1 Hz series for the alert engine.
public struct LeakCase: Sendable, CustomStringConvertible {
    /// Short unique name, used as the test argument and bench row label.
    public let name: String
    /// Bytes or count.
    public let kind: LeakKind
    /// Sample times in seconds, one per second from 0.
    public let times: [Double]
    /// Sample values, parallel to `times`.
    public let values: [Double]
    /// True when the series contains a leak that must be alerted.
    public let leaks: Bool
    /// When the leak starts (leak cases only).
    public let leakStart: Double?
    /// Longest allowed time from `leakStart` to the alert (leak cases only).
    public let deadline: Double?
    /// When growth stops and the value holds (the cache case only).
    public let holdStart: Double?
    /// An alert raised during growth must clear within this long after `holdStart`.
    public let mustClearWithin: Double?
    /// A no-leak case on which one alert during growth is acceptable (the cache case).
    public let mayFire: Bool

    /// A case from its parts; `LeakCorpus.cases` builds the standard ones.
    public init(name: String, kind: LeakKind, times: [Double], values: [Double], leaks: Bool, leakStart: Double? = nil,
                deadline: Double? = nil, holdStart: Double? = nil, mustClearWithin: Double? = nil, mayFire: Bool = false) {
        self.name = name
        self.kind = kind
        self.times = times
        self.values = values
        self.leaks = leaks
        self.leakStart = leakStart
        self.deadline = deadline
        self.holdStart = holdStart
        self.mustClearWithin = mustClearWithin
        self.mayFire = mayFire
    }

    /// The case name.
    public var description: String { name }

    /// The detector settings this case is judged with: the default 1 MiB/min rate, or the count rule.
    public var settings: TrendSettings {
        kind == .bytes ? .bytes(rate: LeakCorpus.mib / 60) : .count
    }

    /// Feeds every sample to a fresh detector and returns the transitions with their times.
    public func replay() -> [(time: Double, transition: TrendTransition)] {
        var detector = TrendDetector(settings: settings)
        var events: [(time: Double, transition: TrendTransition)] = []
        for (t, v) in zip(times, values) {
            if let transition = detector.add(time: t, value: v) { events.append((t, transition)) }
        }
        return events
    }
}

/// The labelled corpus of issue 4: leaks that must be caught in time and look-alikes that must not fire.
public enum LeakCorpus {
    /// One mebibyte.
    public static let mib = 1_048_576.0
    /// How long every leak case stays flat before its leak starts.
    public static let flatLead = 120.0

    /// All cases; the same `seed` always gives the same series.
    public static func cases(seed: UInt64 = 1) -> [LeakCase] {
        let b = Builder(seed: seed)
        return leakCases(b) + quietCases(b) + [cache(b)]
    }

    static func leakCases(_ b: Builder) -> [LeakCase] {
        let lead = flatLead
        var out: [LeakCase] = []
        out.append(b.leak("leak 1MiB/s", base: 50 * mib, leakFor: 300, deadline: 30) { dt in dt * mib })
        out.append(b.leak("leak 1MiB/min", base: 200 * mib, leakFor: 1200, deadline: 600) { dt in dt * mib / 60 })
        out.append(b.leak("leak 10MiB/h", base: 200 * mib, leakFor: 4500, deadline: 3600) { dt in dt * 10 * mib / 3600 })
        out.append(b.leak("leak 1MiB/min, ±2% noise", base: 200 * mib, leakFor: 1200, deadline: 600, noise: 0.02) { dt in
            dt * mib / 60
        })
        for period in [5.0, 20, 60] {
            let name = "gc sawtooth \(Int(period))s +1MiB/min"
            let phase = b.phase(name, period: period)
            out.append(b.leak(name, base: 200 * mib, leakFor: 1500, deadline: 900,
                              shape: { t in sawtooth(t + phase, period: period, base: 200 * mib) }) { dt in dt * mib / 60 })
        }
        // The first stair lands as the leak starts, then one every 30 s.
        out.append(b.leak("staircase 8MiB/30s", base: 200 * mib, leakFor: 600, deadline: 180) { dt in
            (dt / 30).rounded(.down) * 8 * mib + 8 * mib
        })
        let name = "thread leak 1/10s"
        let threads = b.series(name, duration: lead + 600, noise: 0) { t in
            12 + (t >= lead ? ((t - lead) / 10).rounded(.down) + 1 : 0)
        }
        out.append(LeakCase(name: name, kind: .count, times: threads.t, values: threads.v, leaks: true,
                            leakStart: lead, deadline: 120))
        return out
    }

    static func quietCases(_ b: Builder) -> [LeakCase] {
        let halfHour = 1800.0
        var out: [LeakCase] = []
        out.append(b.quiet("idle", duration: halfHour, noise: 0.0005) { _ in 100 * mib })
        for period in [5.0, 20, 60] {
            let name = "steady sawtooth \(Int(period))s"
            let phase = b.phase(name, period: period)
            out.append(b.quiet(name, duration: halfHour, level: 200 * mib) { t in
                sawtooth(t + phase, period: period, base: 200 * mib)
            })
        }
        out.append(b.quiet("step +200MiB", duration: halfHour) { t in 200 * mib + (t >= 300 ? 200 * mib : 0) })
        // Ramps up over 5 s, holds for a minute, and is released over 2 s.
        out.append(b.quiet("burst +500MiB 60s", duration: halfHour) { t in
            200 * mib + 500 * mib * ramp(t, from: 300, over: 5) * (1 - ramp(t, from: 365, over: 2))
        })
        // glibc keeps freed arenas mapped: the spike's memory never comes back.
        out.append(b.quiet("glibc plateau +300MiB", duration: halfHour) { t in
            200 * mib + 300 * mib * ramp(t, from: 300, over: 8)
        })
        out.append(b.quiet("noise ±2%", duration: 7200, noise: 0.02) { _ in 200 * mib })
        out.append(b.quiet("thread pool +8", kind: .count, duration: halfHour, noise: 0) { t in t >= 300 ? 20 : 12 })
        // A pool scaling with load: one thread every 4 s from 20 up to 28 and back, from the first sample.
        out.append(b.quiet("thread pool 20-28", kind: .count, duration: halfHour, noise: 0) { t in
            let phase = t.truncatingRemainder(dividingBy: 64) / 4
            return 20 + (phase < 8 ? phase.rounded(.down) : 16 - phase.rounded(.down))
        })
        return out
    }

    /// A cache filling at 1 MiB/s for 5 minutes, then holding: 23 minutes, so the series lasts the half hour
    /// every no-leak case gets for a late false alarm (here: a re-fire) to show.
    static func cache(_ b: Builder) -> LeakCase {
        let growFrom = flatLead, hold = flatLead + 300
        let name = "cache 5min then hold"
        let s = b.series(name, duration: 1800, noise: 0.005) { t in 100 * mib + (min(t, hold) - min(t, growFrom)) * mib }
        return LeakCase(name: name, kind: .bytes, times: s.t, values: s.v, leaks: false,
                        holdStart: hold, mustClearWithin: 180, mayFire: true)
    }

    /// A GC sawtooth ±30% around `base`: a linear rise, then an instant drop at each collection.
    static func sawtooth(_ t: Double, period: Double, base: Double) -> Double {
        let phase = t.truncatingRemainder(dividingBy: period) / period
        return base * (0.7 + 0.6 * phase)
    }

    /// 0 before `from`, 1 after `from + over`, linear between.
    static func ramp(_ t: Double, from: Double, over: Double) -> Double {
        min(1, max(0, (t - from) / over))
    }

    /// Generates series; each case seeds its own generator from its name, so adding a case changes no other.
    struct Builder {
        let seed: UInt64

        /// A random GC phase in [0, `period`), fixed by the case name.
        func phase(_ name: String, period: Double) -> Double {
            var rng = SplitMix64(seed: seed ^ fnv1a(name + " phase"))
            return rng.unit() * period
        }

        /// Samples `shape` at 1 Hz for `duration` seconds with uniform noise of ±`noise` of `level`
        /// (default: the first value); the noise does not grow with a leak, as allocator churn would not.
        func series(_ name: String, duration: Double, noise: Double, level: Double? = nil,
                    _ shape: (Double) -> Double) -> (t: [Double], v: [Double]) {
            var rng = SplitMix64(seed: seed ^ fnv1a(name))
            let n = Int(duration)
            let scale = (level ?? shape(0)) * noise
            var t: [Double] = [], v: [Double] = []
            t.reserveCapacity(n)
            v.reserveCapacity(n)
            for i in 0..<n {
                let time = Double(i)
                t.append(time)
                v.append(shape(time) + scale * rng.symmetric())
            }
            return (t, v)
        }

        /// A bytes leak: flat `shape` (default `base`) for `flatLead` s, then `growth(seconds since start)` added.
        func leak(_ name: String, base: Double, leakFor: Double, deadline: Double,
                  noise: Double = 0.005, shape: ((Double) -> Double)? = nil, growth: (Double) -> Double) -> LeakCase {
            let start = LeakCorpus.flatLead
            let s = series(name, duration: start + leakFor, noise: noise, level: base) { t in
                (shape?(t) ?? base) + (t >= start ? growth(t - start) : 0)
            }
            return LeakCase(name: name, kind: .bytes, times: s.t, values: s.v, leaks: true, leakStart: start,
                            deadline: deadline)
        }

        /// A series that must never fire; realistic ±0.5% noise unless told otherwise.
        func quiet(_ name: String, kind: LeakKind = .bytes, duration: Double, noise: Double = 0.005,
                   level: Double? = nil, _ shape: (Double) -> Double) -> LeakCase {
            let s = series(name, duration: duration, noise: noise, level: level, shape)
            return LeakCase(name: name, kind: kind, times: s.t, values: s.v, leaks: false)
        }
    }

    /// FNV-1a of the UTF-8 bytes: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}

/// SplitMix64: a tiny, fast, well-mixed generator; enough for reproducible synthetic noise.
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits so every value is exactly representable.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [-1, 1).
    public mutating func symmetric() -> Double { unit() * 2 - 1 }
}
