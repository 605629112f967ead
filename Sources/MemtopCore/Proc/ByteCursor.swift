/// Byte-level helpers shared by the `/proc` parsers, so no parser builds a `String` per line.
enum Bytes {
    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }

    /// Value of a hex digit, or nil.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt64? {
        switch b {
        case zero...nine: return UInt64(b - zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Parses an unsigned decimal at `i`, advancing past it; nil if no digit is there or it overflows.
    @inline(__always)
    static func decimal(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, end: Int) -> UInt64? {
        var value: UInt64 = 0
        let start = i
        while i < end, isDigit(p[i]) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(p[i] - zero))
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        return i > start ? value : nil
    }

    /// Parses a signed decimal (stat has a few signed fields).
    @inline(__always)
    static func signedDecimal(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, end: Int) -> Int64? {
        var negative = false
        if i < end, p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard let v = decimal(p, &i, end: end), v <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(v) : Int64(v)
    }

    /// Parses hex digits at `i`, advancing past them.
    @inline(__always)
    static func hex(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, end: Int) -> UInt64? {
        var value: UInt64 = 0
        let start = i
        while i < end, let d = hexValue(p[i]) {
            if value > (UInt64.max >> 4) { return nil }
            value = value << 4 | d
            i += 1
        }
        return i > start ? value : nil
    }

    @inline(__always)
    static func skipBlanks(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, end: Int) {
        while i < end, isBlank(p[i]) { i += 1 }
    }

    /// Index of the next newline at or after `i`, or `end`.
    @inline(__always)
    static func lineEnd(_ p: UnsafeBufferPointer<UInt8>, from i: Int, end: Int) -> Int {
        var j = i
        while j < end, p[j] != newline { j += 1 }
        return j
    }

    /// True when bytes `[i, i+key.count)` equal `key`.
    @inline(__always)
    static func matches(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, _ key: StaticString) -> Bool {
        let n = key.utf8CodeUnitCount
        guard i + n <= end else { return false }
        let k = key.utf8Start
        for j in 0..<n where p[i + j] != k[j] { return false }
        return true
    }

    /// Decodes bytes as UTF-8, replacing invalid sequences.
    static func string(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
    }

    /// Parses "  123 kB" (value in kB → bytes) or a bare count, from `i` to `end`.
    static func kilobytesOrCount(_ p: UnsafeBufferPointer<UInt8>, from i: Int, end: Int) -> (value: UInt64, isKB: Bool)? {
        var j = i
        skipBlanks(p, &j, end: end)
        guard let v = decimal(p, &j, end: end) else { return nil }
        skipBlanks(p, &j, end: end)
        if j == end { return (v, false) }
        if matches(p, at: j, end: end, "kB") {
            j += 2
            skipBlanks(p, &j, end: end)
            guard j == end else { return nil }
            let (bytes, overflow) = v.multipliedReportingOverflow(by: 1024)
            return overflow ? nil : (bytes, true)
        }
        return nil
    }
}
