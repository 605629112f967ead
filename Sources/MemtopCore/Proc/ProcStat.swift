/// The fields memtop uses from `/proc/PID/stat`.
public struct ProcStat: Equatable, Sendable {
    public var pid: Int32
    /// The raw `comm` between the first `(` and the last `)`; may itself hold `)` and spaces.
    public var comm: String
    /// Field 3, one letter.
    public var state: UInt8
    public var ppid: Int32
    /// Field 10.
    public var minflt: UInt64
    /// Field 12.
    public var majflt: UInt64
    /// Fields 14 and 15, in clock ticks.
    public var utime: UInt64
    public var stime: UInt64
    /// Field 20.
    public var numThreads: Int
    /// Field 22: start time after boot in clock ticks; with the pid it identifies the process.
    public var startTime: UInt64
    /// Field 23, bytes.
    public var vsize: UInt64
    /// Field 24, pages.
    public var rssPages: Int64
}

extension ProcStat {
    /// Parses the bytes of `/proc/PID/stat`.
    public static func parse(_ bytes: [UInt8]) throws(ProcParseError) -> ProcStat {
        try bytes.withUnsafeBufferPointer { p throws(ProcParseError) in try parse(p) }
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>) throws(ProcParseError) -> ProcStat {
        let end = p.count
        guard end > 0 else { throw .empty }
        guard p[end - 1] == Bytes.newline else { throw .truncated }
        var i = 0
        guard let pid = Bytes.decimal(p, &i, end: end), pid <= UInt64(Int32.max) else { throw .badNumber(field: "pid") }
        guard i + 1 < end, p[i] == Bytes.space, p[i + 1] == UInt8(ascii: "(") else { throw .malformedLine(1) }
        let commStart = i + 2
        // comm may contain ')' — the real closing one is the last in the line.
        var close = end - 1
        while close > commStart, p[close] != UInt8(ascii: ")") { close -= 1 }
        guard close >= commStart, p[close] == UInt8(ascii: ")") else { throw .truncated }
        let comm = Bytes.string(p, commStart..<close)

        // Fields 3… are space-separated after ") ".
        var fields: [Range<Int>] = []
        fields.reserveCapacity(24)
        var j = close + 1
        while j < end, fields.count < 22 {
            guard p[j] == Bytes.space else { throw .malformedLine(1) }
            j += 1
            let start = j
            while j < end, p[j] != Bytes.space, p[j] != Bytes.newline { j += 1 }
            guard j > start else { throw .malformedLine(1) }
            fields.append(start..<j)
            if j < end, p[j] == Bytes.newline { break }
        }
        // fields[0] is field 3; field 24 (rss) is fields[21].
        guard fields.count >= 22 else { throw .truncated }

        func unsigned(_ n: Int, _ name: String) throws(ProcParseError) -> UInt64 {
            let r = fields[n - 3]
            var k = r.lowerBound
            guard let v = Bytes.decimal(p, &k, end: r.upperBound), k == r.upperBound else { throw .badNumber(field: name) }
            return v
        }
        func signed(_ n: Int, _ name: String) throws(ProcParseError) -> Int64 {
            let r = fields[n - 3]
            var k = r.lowerBound
            guard let v = Bytes.signedDecimal(p, &k, end: r.upperBound), k == r.upperBound else { throw .badNumber(field: name) }
            return v
        }
        let stateRange = fields[0]
        guard stateRange.count == 1 else { throw .malformedLine(1) }
        let ppid = try signed(4, "ppid")
        let threads = try signed(20, "num_threads")
        guard ppid >= 0, ppid <= Int64(Int32.max), threads >= 0 else { throw .badNumber(field: "ppid") }
        return ProcStat(
            pid: Int32(pid),
            comm: comm,
            state: p[stateRange.lowerBound],
            ppid: Int32(ppid),
            minflt: try unsigned(10, "minflt"),
            majflt: try unsigned(12, "majflt"),
            utime: try unsigned(14, "utime"),
            stime: try unsigned(15, "stime"),
            numThreads: Int(threads),
            startTime: try unsigned(22, "starttime"),
            vsize: try unsigned(23, "vsize"),
            rssPages: try signed(24, "rss")
        )
    }
}
