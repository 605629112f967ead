/// The fields memtop uses from `/proc/PID/status`; a field the kernel did not print is nil.
public struct ProcStatus: Equatable, Sendable {
    /// `Name`, with the kernel's escaping undone only for `\\` and `\n`; untrusted text.
    public var name: String = ""
    /// First letter of `State` (R, S, D, T, t, Z, X, I…).
    public var state: UInt8?
    public var pid: Int32?
    public var ppid: Int32?
    /// Real user id (first of the four `Uid` numbers).
    public var uid: UInt32?
    public var vmPeak: UInt64?
    public var vmSize: UInt64?
    public var vmHWM: UInt64?
    public var vmRSS: UInt64?
    public var rssAnon: UInt64?
    public var rssFile: UInt64?
    public var rssShmem: UInt64?
    public var vmSwap: UInt64?
    public var threads: Int?
    /// `Kthread: 1` on kernels that print it; otherwise inferred from the absence of `VmSize`.
    public var isKernelThread: Bool = false

    /// An empty status, all fields unknown.
    public init() {}
}

extension ProcStatus {
    /// Parses the bytes of `/proc/PID/status`. Sizes are returned in bytes.
    public static func parse(_ bytes: [UInt8]) throws(ProcParseError) -> ProcStatus {
        try bytes.withUnsafeBufferPointer { p throws(ProcParseError) in try parse(p) }
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>) throws(ProcParseError) -> ProcStatus {
        let end = p.count
        guard end > 0 else { throw .empty }
        guard p[end - 1] == Bytes.newline else { throw .truncated }
        var s = ProcStatus()
        var sawName = false
        var sawKthreadLine = false
        var i = 0
        var lineNo = 0
        while i < end {
            lineNo += 1
            let le = Bytes.lineEnd(p, from: i, end: end)
            var colon = i
            while colon < le, p[colon] != Bytes.colon { colon += 1 }
            guard colon < le else { throw .malformedLine(lineNo) }
            let v = colon + 1
            switch p[i] {
            case UInt8(ascii: "N") where Bytes.matches(p, at: i, end: colon, "Name") && colon - i == 4:
                var j = v
                Bytes.skipBlanks(p, &j, end: le)
                s.name = unescapeName(p, j..<le)
                sawName = true
            case UInt8(ascii: "S") where Bytes.matches(p, at: i, end: colon, "State") && colon - i == 5:
                var j = v
                Bytes.skipBlanks(p, &j, end: le)
                if j < le { s.state = p[j] }
            case UInt8(ascii: "P") where Bytes.matches(p, at: i, end: colon, "PPid") && colon - i == 4:
                s.ppid = try int32(p, v, le, "PPid")
            case UInt8(ascii: "P") where Bytes.matches(p, at: i, end: colon, "Pid") && colon - i == 3:
                s.pid = try int32(p, v, le, "Pid")
            case UInt8(ascii: "U") where Bytes.matches(p, at: i, end: colon, "Uid") && colon - i == 3:
                var j = v
                Bytes.skipBlanks(p, &j, end: le)
                guard let u = Bytes.decimal(p, &j, end: le), u <= UInt64(UInt32.max) else { throw .badNumber(field: "Uid") }
                s.uid = UInt32(u)
            case UInt8(ascii: "T") where Bytes.matches(p, at: i, end: colon, "Threads") && colon - i == 7:
                guard let t = Int(exactly: try number(p, v, le, "Threads")) else { throw .badNumber(field: "Threads") }
                s.threads = t
            case UInt8(ascii: "K") where Bytes.matches(p, at: i, end: colon, "Kthread") && colon - i == 7:
                sawKthreadLine = true
                s.isKernelThread = try number(p, v, le, "Kthread") == 1
            case UInt8(ascii: "V"):
                let key = colon - i
                if key == 6, Bytes.matches(p, at: i, end: colon, "VmPeak") { s.vmPeak = try number(p, v, le, "VmPeak") }
                else if key == 6, Bytes.matches(p, at: i, end: colon, "VmSize") { s.vmSize = try number(p, v, le, "VmSize") }
                else if key == 5, Bytes.matches(p, at: i, end: colon, "VmHWM") { s.vmHWM = try number(p, v, le, "VmHWM") }
                else if key == 5, Bytes.matches(p, at: i, end: colon, "VmRSS") { s.vmRSS = try number(p, v, le, "VmRSS") }
                else if key == 6, Bytes.matches(p, at: i, end: colon, "VmSwap") { s.vmSwap = try number(p, v, le, "VmSwap") }
            case UInt8(ascii: "R"):
                let key = colon - i
                if key == 7, Bytes.matches(p, at: i, end: colon, "RssAnon") { s.rssAnon = try number(p, v, le, "RssAnon") }
                else if key == 7, Bytes.matches(p, at: i, end: colon, "RssFile") { s.rssFile = try number(p, v, le, "RssFile") }
                else if key == 8, Bytes.matches(p, at: i, end: colon, "RssShmem") { s.rssShmem = try number(p, v, le, "RssShmem") }
            default:
                break
            }
            i = le + 1
        }
        guard sawName else { throw .missingField("Name") }
        if !sawKthreadLine { s.isKernelThread = s.vmSize == nil }
        return s
    }

    private static func number(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int, _ field: String) throws(ProcParseError) -> UInt64 {
        guard let r = Bytes.kilobytesOrCount(p, from: from, end: end) else { throw .badNumber(field: field) }
        return r.value
    }

    private static func int32(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int, _ field: String) throws(ProcParseError) -> Int32 {
        let v = try number(p, from, end, field)
        guard v <= UInt64(Int32.max) else { throw .badNumber(field: field) }
        return Int32(v)
    }

    /// The kernel prints `\n` as `\\n` and `\` as `\\\\` in `Name`; other bytes pass through.
    private static func unescapeName(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var i = r.lowerBound
        while i < r.upperBound {
            if p[i] == UInt8(ascii: "\\"), i + 1 < r.upperBound {
                if p[i + 1] == UInt8(ascii: "n") { out.append(Bytes.newline); i += 2; continue }
                if p[i + 1] == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")); i += 2; continue }
            }
            out.append(p[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
