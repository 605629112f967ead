import Glibc

/// A Go heap profile (`/debug/pprof/heap?debug=1`): in-use objects and bytes per allocation stack,
/// as of the last completed GC, sampled about once per `samplingRate` bytes allocated.
public struct GoHeapProfile: Sendable {
    public var profile: GoProfileText
    /// Average bytes between samples (`runtime.MemProfileRate`); the header carries twice this.
    public var samplingRate: UInt64
    /// The runtime's memory figures from the `# runtime.MemStats` trailer, when present.
    public var memstats: GoMemStats?

    /// Reads a heap profile body.
    public static func parse(_ bytes: [UInt8]) throws(GoParseError) -> GoHeapProfile {
        let text = try GoProfileText.parse(bytes, headerPrefix: "heap profile:", kind: "heap")
        var rate: UInt64 = 0
        if let r = text.header[...].range(of: "@ heap/") {
            rate = UInt64(text.header[r.upperBound...].prefix { $0.isNumber }).map { $0 / 2 } ?? 0
        }
        if text.records.contains(where: { $0.counts.count != 4 }) { throw .notProfile(expected: "heap") }
        let t = text.trailer
        var stats: GoMemStats?
        if let alloc = t["HeapAlloc"], let inuse = t["HeapInuse"], let sys = t["HeapSys"], let gc = t["NumGC"] {
            stats = GoMemStats(heapAlloc: alloc, heapInuse: inuse, heapSys: sys, heapObjects: t["HeapObjects"], numGC: gc, nextGC: t["NextGC"])
        }
        return GoHeapProfile(profile: text, samplingRate: rate, memstats: stats)
    }

    /// Estimated true in-use (objects, bytes) for sampled counts: an allocation of `size` bytes is
    /// sampled with probability 1 − e^(−size/rate), so each sample stands for 1/that many.
    public static func unsample(objects: UInt64, bytes: UInt64, rate: UInt64) -> (objects: Double, bytes: Double) {
        guard objects > 0, bytes > 0 else { return (0, 0) }
        guard rate > 1 else { return (Double(objects), Double(bytes)) }
        let average = Double(bytes) / Double(objects)
        // -expm1(-x) is 1 − e^(−x) without the rounding to 0 for tiny x (hostile counts).
        let scale = 1 / -expm1(-average / Double(rate))
        return (Double(objects) * scale, Double(bytes) * scale)
    }

    /// Estimated in-use bytes and objects per allocation site (the first frame outside the runtime).
    public func sites() -> [GoSite: (bytes: Double, objects: Double)] {
        var out: [GoSite: (bytes: Double, objects: Double)] = [:]
        for r in profile.records {
            let (objects, bytes) = Self.unsample(objects: r.counts[0], bytes: r.counts[1], rate: samplingRate)
            let site = GoSite.of(r.stack, symbols: profile.symbols)
            let cur = out[site] ?? (0, 0)
            out[site] = (cur.bytes + bytes, cur.objects + objects)
        }
        return out
    }
}

/// Where memory was allocated or goroutines wait: the first frame outside the Go runtime.
public struct GoSite: Hashable, Sendable {
    public var function: String
    /// `file:line`, or empty when the profile carries no symbols.
    public var location: String

    /// A site with its function and `file:line`.
    public init(function: String, location: String) {
        self.function = function
        self.location = location
    }

    /// The site of a stack: its first non-runtime frame, else its innermost frame, else its address.
    public static func of(_ stack: [UInt64], symbols: [UInt64: [GoFrame]]) -> GoSite {
        var first: GoFrame?
        for a in stack {
            for f in symbols[a] ?? [] where !f.function.isEmpty {
                if first == nil { first = f }
                if !f.isRuntimeInternal { return GoSite(function: f.function, location: f.location) }
            }
        }
        if let first { return GoSite(function: first.function, location: first.location) }
        return GoSite(function: stack.first.map { "0x" + String($0, radix: 16) } ?? "?", location: "")
    }
}

/// One row of the heap diff: an allocation site and how its in-use memory changed since the baseline.
public struct GoHeapSiteChange: Equatable, Sendable {
    public var site: GoSite
    /// Estimated in-use bytes now, and the change since the baseline profile.
    public var bytes: Double
    public var bytesChange: Double
    public var objectsChange: Double

    /// A diff row: the site, its in-use bytes now, and the changes since the baseline.
    public init(site: GoSite, bytes: Double, bytesChange: Double, objectsChange: Double) {
        self.site = site
        self.bytes = bytes
        self.bytesChange = bytesChange
        self.objectsChange = objectsChange
    }

    /// Sites ranked by in-use bytes gained since `base` (all in-use bytes when there is no base),
    /// like `go tool pprof -base`; sites that shrank come last.
    public static func diff(base: GoHeapProfile?, current: GoHeapProfile) -> [GoHeapSiteChange] {
        let now = current.sites()
        let before = base?.sites() ?? [:]
        var rows: [GoHeapSiteChange] = []
        for site in Set(now.keys).union(before.keys) {
            let n = now[site] ?? (0, 0)
            let b = before[site] ?? (0, 0)
            rows.append(GoHeapSiteChange(site: site, bytes: n.bytes, bytesChange: n.bytes - b.bytes, objectsChange: n.objects - b.objects))
        }
        return rows.sorted { ($0.bytesChange, $0.bytes, $1.site.function) > ($1.bytesChange, $1.bytes, $0.site.function) }
    }
}

/// A goroutine profile (`/debug/pprof/goroutine?debug=1`): the total and the stacks goroutines wait in.
public struct GoroutineProfile: Sendable {
    public var total: Int
    public var profile: GoProfileText

    /// Reads a goroutine profile body.
    public static func parse(_ bytes: [UInt8]) throws(GoParseError) -> GoroutineProfile {
        let text = try GoProfileText.parse(bytes, headerPrefix: "goroutine profile: total ", kind: "goroutine")
        guard let total = Int(text.header.dropFirst("goroutine profile: total ".count)), total >= 0 else { throw .malformedLine(1) }
        if text.records.contains(where: { $0.counts.count != 1 }) { throw .notProfile(expected: "goroutine") }
        return GoroutineProfile(total: total, profile: text)
    }

    /// Goroutine counts per site, largest first.
    public func sites() -> [(site: GoSite, count: Int)] {
        var out: [GoSite: Int] = [:]
        for r in profile.records {
            // Saturating: counts are the endpoint's word, and a hostile one must not overflow the sum.
            let site = GoSite.of(r.stack, symbols: profile.symbols)
            let (sum, overflow) = out[site, default: 0].addingReportingOverflow(Int(clamping: r.counts[0]))
            out[site] = overflow ? Int.max : sum
        }
        return out.map { ($0.key, $0.value) }.sorted { ($0.count, $1.site.function) > ($1.count, $0.site.function) }
    }
}
