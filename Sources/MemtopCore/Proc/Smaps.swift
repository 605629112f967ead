#if canImport(Glibc)
import Glibc
#endif

/// What a mapping holds, as far as memtop's heap/stack accounting is concerned.
public enum MappingKind: UInt8, Sendable {
    /// `[heap]`: the brk heap.
    case brkHeap
    /// `[stack]`: the main thread's stack.
    case stack
    /// Private, no path: malloc arenas, Go/JVM heaps, thread stacks.
    case anonymous
    /// `[anon:NAME]`: an anonymous mapping named with `PR_SET_VMA_ANON_NAME`.
    case namedAnonymous
    /// A file, shared memory, or a special kernel mapping (`[vdso]`, `[vvar]`…).
    case other

    /// DESIGN.md's heap: `[heap]` plus private mappings with no path or an `[anon:…]` name.
    public var countsAsHeap: Bool { self == .brkHeap || self == .anonymous || self == .namedAnonymous }
}

/// One mapping from `/proc/PID/smaps`, sizes in bytes.
public struct Mapping: Equatable, Sendable {
    public var start: UInt64
    public var end: UInt64
    /// The four permission letters as printed (`rw-p`), packed; `perms` spells them.
    public var permBytes: UInt32
    /// `rwxp`-style permissions as printed.
    public var perms: String {
        String(decoding: [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: permBytes >> $0) }, as: UTF8.self)
    }
    public var inode: UInt64
    /// As printed by the kernel (newlines arrive escaped as `\012`); untrusted text.
    public var path: String
    public var kind: MappingKind
    public var size: UInt64 = 0
    public var rss: UInt64 = 0
    public var pss: UInt64 = 0
    public var privateClean: UInt64 = 0
    public var privateDirty: UInt64 = 0
    public var swap: UInt64 = 0
    public var anonymous: UInt64 = 0
}

/// The heap/stack totals memtop derives from `smaps`, and optionally the mappings themselves.
public struct SmapsSummary: Equatable, Sendable {
    /// Rss of every mapping that `MappingKind.countsAsHeap`.
    public var heap: UInt64 = 0
    /// Rss of `[stack]`.
    public var stack: UInt64 = 0
    /// Sum of Rss over all mappings (cross-checks status `VmRSS`).
    public var rss: UInt64 = 0
    public var mappingCount: Int = 0
    /// Filled only when asked for (the mappings table); empty otherwise.
    public var mappings: [Mapping] = []

    /// An empty summary.
    public init() {}
}

extension SmapsSummary {
    /// Parses the bytes of `/proc/PID/smaps`. Empty input (a kernel thread) is a valid, empty summary.
    public static func parse(_ bytes: [UInt8], keepMappings: Bool = false) throws(ProcParseError) -> SmapsSummary {
        try bytes.withUnsafeBufferPointer { p throws(ProcParseError) in try parse(p, keepMappings: keepMappings) }
    }

    /// Parses smaps bytes where they lie (a `ReadBuffer` kept between reads).
    public static func parse(_ p: UnsafeBufferPointer<UInt8>, keepMappings: Bool) throws(ProcParseError) -> SmapsSummary {
        var s = SmapsSummary()
        let end = p.count
        if end == 0 { return s }
        guard p[end - 1] == Bytes.newline, let base = p.baseAddress else { throw .truncated }
        // The mapping being read is kept in scalars, not a `Mapping`: a struct holding Strings is
        // copied and reference-counted on every field it is given, which cost more than the text.
        var current: Mapping?
        var kind = MappingKind.other
        var size: UInt64 = 0, rss: UInt64 = 0, pss: UInt64 = 0, privateClean: UInt64 = 0
        var privateDirty: UInt64 = 0, swap: UInt64 = 0, anonymous: UInt64 = 0
        var i = 0
        var lineNo = 0
        // About 700 bytes per mapping on current kernels; growing the array by doubling copied it.
        if keepMappings { s.mappings.reserveCapacity(end / 640 + 16) }

        @inline(__always) func record(_ key: SmapsField.Key, _ v: UInt64) {
            switch key {
            case .rss:
                rss = v
                s.rss &+= v
                if kind.countsAsHeap { s.heap &+= v } else if kind == .stack { s.stack &+= v }
            case .size: size = v
            case .pss: pss = v
            case .privateClean: privateClean = v
            case .privateDirty: privateDirty = v
            case .swap: swap = v
            case .anonymous: anonymous = v
            default: break
            }
        }

        func finish() {
            guard keepMappings, var m = current else { return }
            m.size = size; m.rss = rss; m.pss = pss; m.privateClean = privateClean
            m.privateDirty = privateDirty; m.swap = swap; m.anonymous = anonymous
            s.mappings.append(m)
        }

        while i < end {
            lineNo += 1
            let first = p[i]
            if SmapsField.isMappingHeader(first) {
                let le = lineEnd(base, from: i, end: end)
                guard let header = parseHeader(p, from: i, lineEnd: le, keepPath: keepMappings) else { throw .malformedLine(lineNo) }
                if s.mappingCount > 0 { finish() }
                current = keepMappings ? header : nil
                kind = header.kind
                size = 0; rss = 0; pss = 0; privateClean = 0; privateDirty = 0; swap = 0; anonymous = 0
                s.mappingCount += 1
                i = le + 1
                continue
            }
            guard s.mappingCount > 0 else { throw .malformedLine(lineNo) }
            // Nearly every field line is the kernel's fixed 28 bytes: a name padded to 16 columns, a
            // number in 8, ` kB`. Those are read with two word compares and no search.
            if i + 27 < end, p[i + 27] == Bytes.newline, p[i + 24] == Bytes.space, p[i + 25] == UInt8(ascii: "k"), p[i + 26] == UInt8(ascii: "B") {
                let w0 = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let w1 = UnsafeRawPointer(base + i + 8).loadUnaligned(as: UInt64.self)
                if let key = FixedField.key(w0, w1) {
                    var j = i + 16
                    Bytes.skipBlanks(p, &j, end: i + 24)
                    guard let kb = Bytes.decimal(p, &j, end: i + 24), j == i + 24 else { throw .malformedLine(lineNo) }
                    let v = kb &* 1024  // at most 8 digits: no overflow
                    record(key, v)
                    i += 28
                    continue
                }
                // A number wider than 8 digits reaches column 15, where no field name has a digit:
                // that line goes the general way below; any other 28-byte line is one memtop skips.
                if !Bytes.isDigit(p[i + 15]) {
                    guard first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { throw .malformedLine(lineNo) }
                    i += 28
                    continue
                }
            }
            // A field memtop reads ends right after its `kB`, so only the others need a newline search.
            if let (key, length) = SmapsField.knownKey(p, at: i, end: end) {
                var j = i + length + 1
                // The kernel pads names to 16 columns and numbers to 8: up to 20 spaces, skipped 8 at a time.
                while j + 8 <= end, UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { j += 8 }
                Bytes.skipBlanks(p, &j, end: end)
                guard let kb = Bytes.decimal(p, &j, end: end), j + 3 < end, p[j] == Bytes.space, p[j + 1] == UInt8(ascii: "k"),
                      p[j + 2] == UInt8(ascii: "B"), p[j + 3] == Bytes.newline else { throw .malformedLine(lineNo) }
                let (v, overflow) = kb.multipliedReportingOverflow(by: 1024)
                guard !overflow else { throw .malformedLine(lineNo) }
                record(key, v)
                i = j + 4
            } else {
                // Every smaps field is `Name: …` with a capitalized name; anything else is not smaps.
                guard first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { throw .malformedLine(lineNo) }
                i = lineEnd(base, from: i, end: end) + 1
            }
        }
        if s.mappingCount > 0 { finish() }
        return s
    }

    /// The first 16 bytes of the fixed-width lines memtop reads, as two little-endian words.
    enum FixedField {
        // Literals, not computed statics: a global's lazy initialization check costs more than the compare.
        static let spaces: UInt64 = 0x2020202020202020  // "        "
        static let rss: UInt64 = 0x202020203A737352  // "Rss:    "
        static let pss: UInt64 = 0x202020203A737350  // "Pss:    "
        static let size: UInt64 = 0x2020203A657A6953  // "Size:   "
        static let swap: UInt64 = 0x2020203A70617753  // "Swap:   "
        static let privateWord: UInt64 = 0x5F65746176697250  // "Private_"
        static let clean: UInt64 = 0x20203A6E61656C43  // "Clean:  "
        static let dirty: UInt64 = 0x20203A7974726944  // "Dirty:  "
        static let anonymou: UInt64 = 0x756F6D796E6F6E41  // "Anonymou"
        static let s: UInt64 = 0x2020202020203A73  // "s:      "
        static let lazyFree: UInt64 = 0x65657246797A614C  // "LazyFree"
        static let colon: UInt64 = 0x202020202020203A  // ":       "

        /// The field these 16 bytes name, if memtop reads it.
        @inline(__always)
        static func key(_ w0: UInt64, _ w1: UInt64) -> SmapsField.Key? {
            if w1 == spaces {
                if w0 == rss { return .rss }
                if w0 == pss { return .pss }
                if w0 == size { return .size }
                if w0 == swap { return .swap }
                return nil
            }
            if w0 == privateWord { return w1 == clean ? .privateClean : (w1 == dirty ? .privateDirty : nil) }
            if w0 == anonymou, w1 == s { return .anonymous }
            if w0 == lazyFree, w1 == colon { return .lazyFree }
            return nil
        }
    }

    /// Index of the newline at or after `i` (memchr scans with vector instructions).
    @inline(__always)
    private static func lineEnd(_ base: UnsafePointer<UInt8>, from i: Int, end: Int) -> Int {
        memchr(base + i, Int32(Bytes.newline), end - i).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? end
    }

    /// `start-end perms offset major:minor inode [path]`.
    private static func parseHeader(_ p: UnsafeBufferPointer<UInt8>, from i0: Int, lineEnd le: Int, keepPath: Bool) -> Mapping? {
        var i = i0
        guard let start = Bytes.hex(p, &i, end: le), i < le, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let stop = Bytes.hex(p, &i, end: le), i < le, p[i] == Bytes.space else { return nil }
        i += 1
        guard i + 4 < le, p[i + 4] == Bytes.space else { return nil }
        let permsRange = i..<(i + 4)
        let isPrivate = p[i + 3] == UInt8(ascii: "p")
        i += 5
        guard Bytes.hex(p, &i, end: le) != nil, i < le, p[i] == Bytes.space else { return nil }
        i += 1
        guard Bytes.hex(p, &i, end: le) != nil, i < le, p[i] == Bytes.colon else { return nil }
        i += 1
        guard Bytes.hex(p, &i, end: le) != nil, i < le, p[i] == Bytes.space else { return nil }
        i += 1
        guard let inode = Bytes.decimal(p, &i, end: le) else { return nil }
        Bytes.skipBlanks(p, &i, end: le)
        let pathRange = i..<le
        let kind = classify(p, pathRange, isPrivate: isPrivate)
        let permBytes = UInt32(p[permsRange.lowerBound]) | UInt32(p[permsRange.lowerBound + 1]) << 8
            | UInt32(p[permsRange.lowerBound + 2]) << 16 | UInt32(p[permsRange.lowerBound + 3]) << 24
        let m = Mapping(
            start: start, end: stop, permBytes: permBytes, inode: inode,
            path: keepPath && !pathRange.isEmpty ? Bytes.string(p, pathRange) : "",
            kind: kind
        )
        return m
    }

    private static func classify(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, isPrivate: Bool) -> MappingKind {
        if r.isEmpty { return isPrivate ? .anonymous : .other }
        guard p[r.lowerBound] == UInt8(ascii: "[") else { return .other }
        if r.count == 6, Bytes.matches(p, at: r.lowerBound, end: r.upperBound, "[heap]") { return .brkHeap }
        if r.count == 7, Bytes.matches(p, at: r.lowerBound, end: r.upperBound, "[stack]") { return .stack }
        if Bytes.matches(p, at: r.lowerBound, end: r.upperBound, "[anon:") { return isPrivate ? .namedAnonymous : .other }
        return .other
    }
}
