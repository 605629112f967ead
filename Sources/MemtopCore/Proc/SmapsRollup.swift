/// The totals of `/proc/PID/smaps_rollup`; every field nil when the process has no address space.
public struct SmapsRollup: Equatable, Sendable {
    public var rss: UInt64?
    public var pss: UInt64?
    public var privateClean: UInt64?
    public var privateDirty: UInt64?
    public var sharedClean: UInt64?
    public var sharedDirty: UInt64?
    public var anonymous: UInt64?
    public var swap: UInt64?
    public var lazyFree: UInt64?

    /// A rollup with every field unknown.
    public init() {}

    /// Unique set size: memory private to this process (`Private_Clean + Private_Dirty`).
    public var uss: UInt64? {
        guard let c = privateClean, let d = privateDirty else { return nil }
        return c + d
    }
}

extension SmapsRollup {
    /// Parses the bytes of `/proc/PID/smaps_rollup`. Empty input (a kernel thread) gives all-nil.
    public static func parse(_ bytes: [UInt8]) throws(ProcParseError) -> SmapsRollup {
        try bytes.withUnsafeBufferPointer { p throws(ProcParseError) in try parse(p) }
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>) throws(ProcParseError) -> SmapsRollup {
        var r = SmapsRollup()
        let end = p.count
        if end == 0 { return r }
        guard p[end - 1] == Bytes.newline else { throw .truncated }
        var i = 0
        var lineNo = 0
        while i < end {
            lineNo += 1
            let le = Bytes.lineEnd(p, from: i, end: end)
            if lineNo == 1 {
                // The header names the whole range and "[rollup]"; nothing to keep.
                guard SmapsField.isMappingHeader(p[i]) else { throw .malformedLine(1) }
                i = le + 1
                continue
            }
            guard let field = SmapsField.parse(p, from: i, lineEnd: le) else { throw .malformedLine(lineNo) }
            switch field.key {
            case .rss: r.rss = field.value
            case .pss: r.pss = field.value
            case .privateClean: r.privateClean = field.value
            case .privateDirty: r.privateDirty = field.value
            case .sharedClean: r.sharedClean = field.value
            case .sharedDirty: r.sharedDirty = field.value
            case .anonymous: r.anonymous = field.value
            case .swap: r.swap = field.value
            case .lazyFree: r.lazyFree = field.value
            case .size, .other: break
            }
            i = le + 1
        }
        return r
    }
}

/// One `Key: value kB` line of smaps or smaps_rollup.
struct SmapsField {
    enum Key { case size, rss, pss, privateClean, privateDirty, sharedClean, sharedDirty, anonymous, swap, lazyFree, other }
    var key: Key
    /// Bytes for kB fields; nil for fields memtop does not read as numbers (VmFlags, THPeligible…).
    var value: UInt64?

    /// Mapping headers start with a lowercase hex address; field keys start with an uppercase letter.
    @inline(__always) static func isMappingHeader(_ first: UInt8) -> Bool {
        Bytes.isDigit(first) || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "f"))
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>, from i: Int, lineEnd le: Int) -> SmapsField? {
        var colon = i
        while colon < le, p[colon] != Bytes.colon { colon += 1 }
        guard colon < le, colon > i else { return nil }
        let key = classify(p, i, colon)
        if key == .other { return SmapsField(key: .other, value: nil) }
        guard let v = Bytes.kilobytesOrCount(p, from: colon + 1, end: le), v.isKB else { return nil }
        return SmapsField(key: key, value: v.value)
    }

    @inline(__always)
    private static func classify(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ colon: Int) -> Key {
        let n = colon - i
        switch (p[i], n) {
        case (UInt8(ascii: "R"), 3) where Bytes.matches(p, at: i, end: colon, "Rss"): return .rss
        case (UInt8(ascii: "P"), 3) where Bytes.matches(p, at: i, end: colon, "Pss"): return .pss
        case (UInt8(ascii: "S"), 4) where Bytes.matches(p, at: i, end: colon, "Size"): return .size
        case (UInt8(ascii: "S"), 4) where Bytes.matches(p, at: i, end: colon, "Swap"): return .swap
        case (UInt8(ascii: "P"), 13) where Bytes.matches(p, at: i, end: colon, "Private_Clean"): return .privateClean
        case (UInt8(ascii: "P"), 13) where Bytes.matches(p, at: i, end: colon, "Private_Dirty"): return .privateDirty
        case (UInt8(ascii: "S"), 12) where Bytes.matches(p, at: i, end: colon, "Shared_Clean"): return .sharedClean
        case (UInt8(ascii: "S"), 12) where Bytes.matches(p, at: i, end: colon, "Shared_Dirty"): return .sharedDirty
        case (UInt8(ascii: "A"), 9) where Bytes.matches(p, at: i, end: colon, "Anonymous"): return .anonymous
        case (UInt8(ascii: "L"), 8) where Bytes.matches(p, at: i, end: colon, "LazyFree"): return .lazyFree
        default: return .other
        }
    }
}
