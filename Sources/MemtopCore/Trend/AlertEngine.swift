/// One growth alert, as the Alerts panel, the CSV and stderr report it.
public struct AlertRecord: Equatable, Sendable {
    /// How urgent: critical when the memory limit is less than an hour away.
    public enum Severity: String, Sendable { case warning, critical }

    public var metric: Metric
    /// Session time and wall time the alert fired.
    public var firedAt: Double
    public var firedWall: Double
    /// Session time the growth began (the start of the evidence).
    public var growthStart: Double
    /// Floor growth per second (bytes, or threads).
    public var slope: Double
    public var active: Bool
    public var clearedAt: Double?
    /// Seconds until the limit at this rate; nil when unknown or not a size.
    public var timeToLimit: Double?
    public var severity: Severity

    /// How long the metric has been growing (up to the clear, once cleared).
    public func growingFor(now: Double) -> Double { (clearedAt ?? now) - growthStart }

    /// The rate as people read it: `+2.10 MiB/min`, or `+6.0/min` for counts (the metric names the unit).
    public var rateText: String {
        metric.isCount ? "+" + Units.fixed(slope * 60, 1) + "/min" : Units.rate(bytesPerSecond: slope)
    }
}

extension Metric {
    /// Threads and goroutines are counts; the others are sizes.
    public var isCount: Bool { self == .threads || self == .goroutines }
}

/// Runs one `TrendDetector` per metric over the session's samples and keeps the alert history.
public struct AlertEngine: Sendable {
    public private(set) var records: [AlertRecord] = []
    public let limit: UInt64?
    /// One detector per metric, in `Metric.allCases` order. An array, not a dictionary: a detector
    /// copied out of a dictionary and written back copies its whole history on every sample.
    private var detectors: [TrendDetector]
    private var lastRSS: UInt64?
    private var now: Double = 0

    /// An engine that calls `rate` bytes/s a leak for sizes, and projects against `limit`.
    public init(rate: Double, limit: UInt64?) {
        self.limit = limit
        detectors = Metric.allCases.map { m in
            switch m {
            case .threads: return TrendDetector(settings: .count)
            case .goroutines: return TrendDetector(settings: .goroutines)
            case .rss, .heap, .goHeap: return TrendDetector(settings: .bytes(rate: rate))
            }
        }
    }

    /// True once any alert has fired in this session (for `--fail-on-alert`).
    public var anyFired: Bool { !records.isEmpty }
    /// Alerts active now.
    public var active: [AlertRecord] { records.filter(\.active) }

    /// Feeds one sample; returns the `alert:`/`clear:` events it caused.
    public mutating func feed(_ s: Sample) -> [SessionEvent] {
        now = s.elapsed
        if let r = s.rss { lastRSS = r }
        var events: [SessionEvent] = []
        let values: [(Metric, Double?)] = [
            (.rss, s.rss.map { Double($0) }), (.heap, s.heap.map { Double($0) }), (.threads, s.threads.map { Double($0) }),
            (.goHeap, s.goHeapAlloc.map { Double($0) }), (.goroutines, s.goroutines.map { Double($0) }),
        ]
        for (metric, value) in values {
            guard let value, let k = Metric.allCases.firstIndex(of: metric) else { continue }
            let transition = detectors[k].add(time: s.elapsed, value: value)
            let d = detectors[k]
            switch transition {
            case .fired?:
                records.append(AlertRecord(
                    metric: metric, firedAt: s.elapsed, firedWall: s.time, growthStart: d.growthStart ?? s.elapsed,
                    slope: d.slope, active: true, clearedAt: nil, timeToLimit: nil, severity: .warning))
                events.append(.alert(metric))
            case .cleared?:
                if let i = records.lastIndex(where: { $0.metric == metric && $0.active }) {
                    records[i].active = false
                    records[i].clearedAt = s.elapsed
                }
                events.append(.clear(metric))
            case nil:
                break
            }
            if d.isActive, let i = records.lastIndex(where: { $0.metric == metric && $0.active }) {
                records[i].slope = d.slope
                records[i].timeToLimit = projectedTimeToLimit(metric, slope: d.slope)
                records[i].severity = (records[i].timeToLimit ?? .infinity) < 3600 ? .critical : .warning
            }
        }
        return events
    }

    /// Floor slope of `metric` over the last few minutes, for graph titles.
    public func recentSlope(_ metric: Metric) -> Double? {
        guard let k = Metric.allCases.firstIndex(of: metric) else { return nil }
        let d = detectors[k]
        return d.isActive ? d.slope : d.recentSlope(now: now)
    }

    /// Seconds until RSS reaches the limit if `metric` keeps growing at `slope` (heap growth is RSS growth).
    func projectedTimeToLimit(_ metric: Metric, slope: Double) -> Double? {
        guard !metric.isCount, slope > 0, let limit, let rss = lastRSS else { return nil }
        return limit > rss ? Double(limit - rss) / slope : 0
    }

    /// One line for stderr or the status bar.
    public func describe(_ r: AlertRecord) -> String {
        if !r.active {
            return "cleared \(r.metric.rawValue): no longer growing (grew for \(Units.duration(r.growingFor(now: now))))"
        }
        var text = "\(r.metric.rawValue) has been growing at \(r.rateText) for \(Units.duration(r.growingFor(now: now)))"
        if let t = r.timeToLimit, let limit {
            text += "; at this rate it reaches the \(Units.bytes(limit)) limit in ~\(Units.duration(t))"
        }
        return text + " (\(r.severity.rawValue))"
    }
}
