/// An integer a Go program publishes through `expvar` (its own counters: queue length, cache size…).
public struct GoExpvar: Equatable, Sendable {
    /// The variable's name; members of an `expvar.Map` are `map.key`. Untrusted: sanitize before drawing.
    public var name: String
    public var value: Int64

    /// An expvar with its name and value.
    public init(name: String, value: Int64) {
        self.name = name
        self.value = value
    }
}

/// The Go runtime's own memory figures, from `/debug/vars` (expvar) or a heap profile's MemStats trailer.
public struct GoMemStats: Equatable, Sendable {
    /// Bytes of live and not-yet-swept heap objects.
    public var heapAlloc: UInt64
    /// Bytes in heap spans holding at least one object.
    public var heapInuse: UInt64
    /// Bytes of heap address space obtained from the OS.
    public var heapSys: UInt64
    public var heapObjects: UInt64?
    public var numGC: UInt64
    /// Heap size at which the next GC starts.
    public var nextGC: UInt64?

    /// Memory figures as read from the runtime.
    public init(heapAlloc: UInt64, heapInuse: UInt64, heapSys: UInt64, heapObjects: UInt64? = nil, numGC: UInt64, nextGC: UInt64? = nil) {
        self.heapAlloc = heapAlloc
        self.heapInuse = heapInuse
        self.heapSys = heapSys
        self.heapObjects = heapObjects
        self.numGC = numGC
        self.nextGC = nextGC
    }
}

/// The body of `/debug/vars`: runtime memstats plus the program's own integer expvars.
public struct GoVars: Equatable, Sendable {
    public var memstats: GoMemStats
    /// Integer variables, sorted by name, at most `maximumExpvars` of them.
    public var expvars: [GoExpvar]

    /// More than this many integers is a program publishing tables, not counters; the rest are dropped.
    public static let maximumExpvars = 64

    /// Reads a `/debug/vars` body.
    public static func parse(_ bytes: [UInt8]) throws(GoParseError) -> GoVars {
        let doc = try JSONValue.parse(bytes)
        guard case .object(let members) = doc else { throw .missingMemstats }
        guard let ms = doc["memstats"], case .object = ms else { throw .missingMemstats }
        func field(_ name: String) throws(GoParseError) -> UInt64 {
            guard let v = ms[name]?.uint64 else { throw .missingField(name) }
            return v
        }
        let stats = GoMemStats(
            heapAlloc: try field("HeapAlloc"), heapInuse: try field("HeapInuse"), heapSys: try field("HeapSys"),
            heapObjects: ms["HeapObjects"]?.uint64, numGC: try field("NumGC"), nextGC: ms["NextGC"]?.uint64)

        var vars: [GoExpvar] = []
        for (key, value) in members where key != "memstats" && key != "cmdline" {
            if let n = value.int64 {
                vars.append(GoExpvar(name: key, value: n))
            } else if case .object(let inner) = value {
                // expvar.Map: one level of named integers.
                for (k, v) in inner { if let n = v.int64 { vars.append(GoExpvar(name: key + "." + k, value: n)) } }
            }
        }
        vars.sort { $0.name < $1.name }
        return GoVars(memstats: stats, expvars: Array(vars.prefix(maximumExpvars)))
    }
}
