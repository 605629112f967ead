/// Every sample of a session, stored by column in compact form.
///
/// Sizes are kept in KiB as `UInt32` (the kernel reports kB, so nothing is lost; 4 TiB max),
/// with `UInt32.max` meaning "not measured". 24 h at 1 s is 86,400 rows of ~84 bytes.
/// Columns grow in fixed blocks (`BlockColumn`), so memtop's RSS follows the data.
public struct SampleHistory: Sendable {
    static let missing = UInt32.max
    static let goMissing = UInt64.max
    /// Marks a size of 4 TiB or more (VmSize of ASan or ZGC processes): the value is in `large`.
    static let overflow = UInt32.max - 1

    public private(set) var pid: Int32
    private var times = BlockColumn<Double>()
    private var elapsed = BlockColumn<Double>()
    private var columns = Array(repeating: BlockColumn<UInt32>(), count: SeriesKey.proc.count)
    /// Go fields by `SeriesKey.go` order, `UInt64.max` meaning "not measured"; empty unless `hasGo`.
    private var goColumns: [BlockColumn<UInt64>]
    /// True when the session polls a Go endpoint (the CSV then has the Go columns).
    public let hasGo: Bool
    private var minflt = BlockColumn<UInt64>()
    private var majflt = BlockColumn<UInt64>()
    /// Rows with a missing fault count; rare, so kept aside.
    private var faultsMissing: Set<Int> = []
    /// Sizes too large for a `UInt32` of KiB, by row and column; rare except for VmSize of huge reservations.
    private var large: [Int: UInt64] = [:]
    /// Events are rare: kept by row index.
    private var events: [Int: [SessionEvent]] = [:]

    /// An empty history for `pid`, with Go columns when `go`.
    public init(pid: Int32, go: Bool = false) {
        self.pid = pid
        hasGo = go
        goColumns = go ? Array(repeating: BlockColumn<UInt64>(), count: SeriesKey.go.count) : []
    }

    /// Number of samples stored.
    public var count: Int { times.count }
    /// True before the first sample.
    public var isEmpty: Bool { times.count == 0 }

    /// Appends one sample.
    public mutating func append(_ s: Sample) {
        times.append(s.time)
        elapsed.append(s.elapsed)
        let row = times.count - 1
        for key in SeriesKey.proc {
            let v = key.value(in: s)
            let raw = Self.encode(v, size: key.isSize)
            if raw == Self.overflow, let v { large[row * 16 + key.rawValue] = v }
            columns[key.rawValue].append(raw)
        }
        if hasGo {
            for (n, key) in SeriesKey.go.enumerated() { goColumns[n].append(key.value(in: s) ?? Self.goMissing) }
        }
        if s.minflt == nil || s.majflt == nil { faultsMissing.insert(times.count - 1) }
        minflt.append(s.minflt ?? 0)
        majflt.append(s.majflt ?? 0)
        if !s.events.isEmpty { events[times.count - 1] = s.events }
    }

    /// Adds an event to the newest sample (e.g. the user set a baseline).
    public mutating func addEventToLast(_ e: SessionEvent) {
        guard !isEmpty else { return }
        events[times.count - 1, default: []].append(e)
    }

    /// The sample at `index`, rebuilt in full.
    public subscript(index: Int) -> Sample {
        var s = Sample(time: times[index], elapsed: elapsed[index], pid: pid)
        for key in SeriesKey.proc { key.set(value(key, at: index), in: &s) }
        if hasGo {
            for key in SeriesKey.go { key.set(value(key, at: index), in: &s) }
        }
        if !faultsMissing.contains(index) {
            s.minflt = minflt[index]
            s.majflt = majflt[index]
        }
        s.events = events[index] ?? []
        return s
    }

    /// One field at `index`, in bytes (or a count); nil when not measured.
    public func value(_ key: SeriesKey, at index: Int) -> UInt64? {
        if key.isGo {
            guard hasGo else { return nil }
            let v = goColumns[key.rawValue - SeriesKey.goHeapAlloc.rawValue][index]
            return v == Self.goMissing ? nil : v
        }
        let raw = columns[key.rawValue][index]
        if raw == Self.overflow { return large[index * 16 + key.rawValue] }
        return Self.decode(raw, size: key.isSize)
    }

    /// Session time of sample `index`, seconds.
    public func elapsed(at index: Int) -> Double { elapsed[index] }
    /// Wall time of sample `index`, seconds since the epoch.
    public func time(at index: Int) -> Double { times[index] }

    /// The newest sample where `key` was measured, searching back from the end.
    public func latest(_ key: SeriesKey) -> (value: UInt64, index: Int)? {
        var i = count - 1
        while i >= 0 {
            if let v = value(key, at: i) { return (v, i) }
            i -= 1
        }
        return nil
    }

    /// Index of the first sample at or after session time `t`.
    public func firstIndex(atOrAfter t: Double) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if elapsed[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Min and max of `key` in each of `columns` time buckets of `secondsPerColumn`, ending at session time `end`.
    /// Buckets with no measured sample are nil.
    public func buckets(_ key: SeriesKey, end: Double, secondsPerColumn: Double, columns n: Int) -> [(low: Double, high: Double)?] {
        guard n > 0, secondsPerColumn > 0 else { return [] }
        var result = [(low: Double, high: Double)?](repeating: nil, count: n)
        let start = end - Double(n) * secondsPerColumn
        var i = firstIndex(atOrAfter: start)
        while i < count, elapsed[i] <= end {
            if let v = value(key, at: i) {
                let b = min(n - 1, max(0, Int((elapsed[i] - start) / secondsPerColumn)))
                let d = Double(v)
                if let cur = result[b] { result[b] = (min(cur.low, d), max(cur.high, d)) } else { result[b] = (d, d) }
            }
            i += 1
        }
        return result
    }

    /// Approximate bytes held, for memtop's own budget (24 h at 1 s must stay under 8 MiB).
    public var approximateBytes: Int {
        let wide: Int = times.capacityBytes + elapsed.capacityBytes + minflt.capacityBytes + majflt.capacityBytes
        let narrow: Int = columns.reduce(0) { $0 + $1.capacityBytes }
        let go: Int = goColumns.reduce(0) { $0 + $1.capacityBytes }
        return wide + narrow + go + events.count * 48 + faultsMissing.count * 16 + large.count * 32
    }

    static func encode(_ v: UInt64?, size: Bool) -> UInt32 {
        guard let v else { return missing }
        let stored = size ? v / 1024 : v
        return stored >= UInt64(overflow) ? overflow : UInt32(stored)
    }

    static func decode(_ raw: UInt32, size: Bool) -> UInt64? {
        raw == missing ? nil : (size ? UInt64(raw) * 1024 : UInt64(raw))
    }
}
