/// A sample field that the history stores and graphs read.
public enum SeriesKey: Int, CaseIterable, Sendable {
    case rss, pss, uss, anon, file, shmem, swap, lazyfree, heap, stack, vmSize, vmHWM, threads
    case goHeapAlloc, goHeapInuse, goHeapSys, goNumGC, goroutines

    /// The fields read from `/proc`, stored compactly.
    public static let proc: [SeriesKey] = allCases.filter { !$0.isGo }
    /// The fields read from a Go endpoint, stored exactly (runtime figures are not in KiB).
    public static let go: [SeriesKey] = allCases.filter(\.isGo)

    /// True for the Go runtime's fields.
    public var isGo: Bool { rawValue >= SeriesKey.goHeapAlloc.rawValue }

    /// Reads this field from a sample.
    public func value(in s: Sample) -> UInt64? {
        switch self {
        case .rss: return s.rss
        case .pss: return s.pss
        case .uss: return s.uss
        case .anon: return s.anon
        case .file: return s.file
        case .shmem: return s.shmem
        case .swap: return s.swap
        case .lazyfree: return s.lazyfree
        case .heap: return s.heap
        case .stack: return s.stack
        case .vmSize: return s.vmSize
        case .vmHWM: return s.vmHWM
        case .threads: return s.threads.map { UInt64($0) }
        case .goHeapAlloc: return s.goHeapAlloc
        case .goHeapInuse: return s.goHeapInuse
        case .goHeapSys: return s.goHeapSys
        case .goNumGC: return s.goNumGC
        case .goroutines: return s.goroutines.map { UInt64($0) }
        }
    }

    /// Stores `v` into this field of `s` (counts are clamped to `Int`); the inverse of `value(in:)`.
    public func set(_ v: UInt64?, in s: inout Sample) {
        switch self {
        case .rss: s.rss = v
        case .pss: s.pss = v
        case .uss: s.uss = v
        case .anon: s.anon = v
        case .file: s.file = v
        case .shmem: s.shmem = v
        case .swap: s.swap = v
        case .lazyfree: s.lazyfree = v
        case .heap: s.heap = v
        case .stack: s.stack = v
        case .vmSize: s.vmSize = v
        case .vmHWM: s.vmHWM = v
        case .threads: s.threads = v.map { Int(clamping: $0) }
        case .goHeapAlloc: s.goHeapAlloc = v
        case .goHeapInuse: s.goHeapInuse = v
        case .goHeapSys: s.goHeapSys = v
        case .goNumGC: s.goNumGC = v
        case .goroutines: s.goroutines = v.map { Int(clamping: $0) }
        }
    }

    /// The field's column in the session file.
    public var column: String {
        switch self {
        case .rss: return "rss_bytes"
        case .pss: return "pss_bytes"
        case .uss: return "uss_bytes"
        case .anon: return "anon_bytes"
        case .file: return "file_bytes"
        case .shmem: return "shmem_bytes"
        case .swap: return "swap_bytes"
        case .lazyfree: return "lazyfree_bytes"
        case .heap: return "heap_bytes"
        case .stack: return "stack_bytes"
        case .vmSize: return "vm_size_bytes"
        case .vmHWM: return "vm_hwm_bytes"
        case .threads: return "threads"
        case .goHeapAlloc: return "go_heap_alloc_bytes"
        case .goHeapInuse: return "go_heap_inuse_bytes"
        case .goHeapSys: return "go_heap_sys_bytes"
        case .goNumGC: return "go_num_gc"
        case .goroutines: return "go_goroutines"
        }
    }

    /// Sizes (as opposed to counts), which graphs label in bytes.
    public var isSize: Bool { self != .threads && self != .goNumGC && self != .goroutines }
}
