/// Decides how often an expensive read runs so that it stays within a CPU budget.
///
/// The kernel builds `smaps` under the target's `mmap_lock` at a few µs per mapping;
/// reading it every tick on a large process would cost memtop (and the target) a lot.
public struct AdaptiveCadence: Sendable {
    /// Fraction of one core the read may use on average (0.003 = 0.3%).
    public var budget: Double
    /// Longest allowed gap between reads, seconds.
    public var maxPeriod: Double
    /// Typical cost of one read, seconds: the median of the last few, so one read delayed by
    /// the scheduler does not stretch the period, while a lasting change shows within three reads.
    public var cost: Double? {
        guard !recent.isEmpty else { return nil }
        let sorted = recent.sorted()
        return sorted[sorted.count / 2]
    }
    private var recent: [Double] = []
    /// Monotonic time of the last read.
    public private(set) var lastRun: Double?

    /// A cadence with a CPU budget and a ceiling on the gap between reads.
    public init(budget: Double, maxPeriod: Double) {
        self.budget = budget
        self.maxPeriod = maxPeriod
    }

    /// Seconds between reads the budget allows (0 before the first measurement).
    public var period: Double {
        guard let cost, budget > 0 else { return 0 }
        return min(maxPeriod, cost / budget)
    }

    /// True when a read is due at monotonic time `now`; the first read is always due.
    /// A 5% slack keeps a tick that arrives a hair early from skipping a whole period.
    public func isDue(at now: Double) -> Bool {
        guard let lastRun else { return true }
        return now - lastRun >= period * 0.95
    }

    /// Records a read that started at `now` and took `seconds`.
    public mutating func record(at now: Double, seconds: Double) {
        lastRun = now
        recent.append(seconds)
        if recent.count > 5 { recent.removeFirst() }
    }
}
