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
        // Each is the kernel's number times 1024; a sum past 2^64 is garbage, not a size.
        let (sum, overflow) = c.addingReportingOverflow(d)
        return overflow ? nil : sum
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

    /// A key memtop reads, recognized by its first letter and the colon at its fixed length
    /// (no scan for the colon: a process with 65k mappings has 1.5 million field lines); with the
    /// key's length.
    @inline(__always)
    static func knownKey(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (Key, Int)? {
        // The colon's position and the second letter rule out nearly every other line in two
        // comparisons; the full name is compared only then.
        @inline(__always) func keyIs(_ name: StaticString) -> Bool {
            let c = name.utf8CodeUnitCount
            return i + c < end && p[i + c] == Bytes.colon && p[i + 1] == name.utf8Start[1] && Bytes.matches(p, at: i, end: end, name)
        }
        switch p[i] {
        case UInt8(ascii: "R"): if keyIs("Rss") { return (.rss, 3) }
        case UInt8(ascii: "P"):
            if keyIs("Pss") { return (.pss, 3) }
            if keyIs("Private_Clean") { return (.privateClean, 13) }
            if keyIs("Private_Dirty") { return (.privateDirty, 13) }
        case UInt8(ascii: "S"):
            if keyIs("Size") { return (.size, 4) }
            if keyIs("Swap") { return (.swap, 4) }
            if keyIs("Shared_Clean") { return (.sharedClean, 12) }
            if keyIs("Shared_Dirty") { return (.sharedDirty, 12) }
        case UInt8(ascii: "A"): if keyIs("Anonymous") { return (.anonymous, 9) }
        case UInt8(ascii: "L"): if keyIs("LazyFree") { return (.lazyFree, 8) }
        default: break
        }
        return nil
    }

    /// Reads one field line (smaps_rollup's); fields memtop does not read come back as `.other`.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, from i: Int, lineEnd le: Int) -> SmapsField? {
        guard le - i >= 2 else { return nil }
        guard let (key, length) = knownKey(p, at: i, end: le) else {
            guard p[i] >= UInt8(ascii: "A"), p[i] <= UInt8(ascii: "Z") else { return nil }
            return SmapsField(key: .other, value: nil)
        }
        guard let v = Bytes.kilobytesOrCount(p, from: i + length + 1, end: le), v.isKB else { return nil }
        return SmapsField(key: key, value: v.value)
    }
}
