/// A metric memtop trends and alerts on; its raw value names it in CSV events.
public enum Metric: String, Sendable, CaseIterable {
    case rss, heap, threads
    case goHeap = "go_heap"
    case goroutines
}

/// Something that happened at a sample, recorded in the CSV `event` column.
public enum SessionEvent: Equatable, Sendable, CustomStringConvertible {
    case alert(Metric)
    case clear(Metric)
    case baseline
    case exit

    public var description: String {
        switch self {
        case .alert(let m): return "alert:" + m.rawValue
        case .clear(let m): return "clear:" + m.rawValue
        case .baseline: return "baseline"
        case .exit: return "exit"
        }
    }

    /// Parses one event token as written in CSV.
    public init?(_ text: String) {
        switch text {
        case "baseline": self = .baseline
        case "exit": self = .exit
        default:
            if text.hasPrefix("alert:"), let m = Metric(rawValue: String(text.dropFirst(6))) { self = .alert(m) }
            else if text.hasPrefix("clear:"), let m = Metric(rawValue: String(text.dropFirst(6))) { self = .clear(m) }
            else { return nil }
        }
    }
}

/// One row of measurements taken at one instant; every panel and the CSV read this type.
///
/// A nil field was not measured at this sample (not read this tick, permission denied,
/// process gone) and must be shown as unknown, never as 0.
public struct Sample: Equatable, Sendable {
    /// Wall-clock time, seconds since the Unix epoch.
    public var time: Double
    /// Seconds since the session started (monotonic).
    public var elapsed: Double
    public var pid: Int32
    public var rss: UInt64?
    public var pss: UInt64?
    public var uss: UInt64?
    public var anon: UInt64?
    public var file: UInt64?
    public var shmem: UInt64?
    public var swap: UInt64?
    public var lazyfree: UInt64?
    public var heap: UInt64?
    public var stack: UInt64?
    public var vmSize: UInt64?
    public var vmHWM: UInt64?
    public var threads: Int?
    public var minflt: UInt64?
    public var majflt: UInt64?
    /// The Go runtime's view with `--go`: HeapAlloc, HeapInuse, HeapSys, NumGC and the goroutine
    /// count; nil when not polled at this sample or the endpoint did not answer.
    public var goHeapAlloc: UInt64?
    public var goHeapInuse: UInt64?
    public var goHeapSys: UInt64?
    public var goNumGC: UInt64?
    public var goroutines: Int?
    /// Process state letter from `stat` (R, S, D, T, Z…), for labelling; not exported.
    public var state: UInt8?
    public var events: [SessionEvent] = []

    /// A sample with every measurement unknown.
    public init(time: Double, elapsed: Double, pid: Int32) {
        self.time = time
        self.elapsed = elapsed
        self.pid = pid
    }
}
