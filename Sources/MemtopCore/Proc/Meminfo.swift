/// `/proc/meminfo` fields memtop uses.
public struct Meminfo: Equatable, Sendable {
    /// `MemTotal`, bytes.
    public var memTotal: UInt64?
    /// `MemAvailable`, bytes.
    public var memAvailable: UInt64?
}

extension Meminfo {
    /// Parses the bytes of `/proc/meminfo`.
    public static func parse(_ bytes: [UInt8]) throws(ProcParseError) -> Meminfo {
        try bytes.withUnsafeBufferPointer { p throws(ProcParseError) in
            let end = p.count
            guard end > 0 else { throw .empty }
            guard p[end - 1] == Bytes.newline else { throw .truncated }
            var m = Meminfo(memTotal: nil, memAvailable: nil)
            var i = 0
            var lineNo = 0
            while i < end {
                lineNo += 1
                let le = Bytes.lineEnd(p, from: i, end: end)
                var colon = i
                while colon < le, p[colon] != Bytes.colon { colon += 1 }
                guard colon < le else { throw .malformedLine(lineNo) }
                if colon - i == 8, Bytes.matches(p, at: i, end: colon, "MemTotal") {
                    guard let v = Bytes.kilobytesOrCount(p, from: colon + 1, end: le) else { throw .badNumber(field: "MemTotal") }
                    m.memTotal = v.value
                } else if colon - i == 12, Bytes.matches(p, at: i, end: colon, "MemAvailable") {
                    guard let v = Bytes.kilobytesOrCount(p, from: colon + 1, end: le) else { throw .badNumber(field: "MemAvailable") }
                    m.memAvailable = v.value
                }
                i = le + 1
            }
            guard m.memTotal != nil else { throw .missingField("MemTotal") }
            return m
        }
    }
}
