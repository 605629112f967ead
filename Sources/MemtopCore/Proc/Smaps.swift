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
    /// `rwxp`-style permissions as printed.
    public var perms: String
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

    static func parse(_ p: UnsafeBufferPointer<UInt8>, keepMappings: Bool) throws(ProcParseError) -> SmapsSummary {
        var s = SmapsSummary()
        let end = p.count
        if end == 0 { return s }
        guard p[end - 1] == Bytes.newline else { throw .truncated }
        var current: Mapping?
        var currentKind = MappingKind.other
        var i = 0
        var lineNo = 0

        func finish(_ m: Mapping?) {
            guard let m else { return }
            if keepMappings { s.mappings.append(m) }
        }

        while i < end {
            lineNo += 1
            let le = Bytes.lineEnd(p, from: i, end: end)
            if SmapsField.isMappingHeader(p[i]) {
                guard let header = parseHeader(p, from: i, lineEnd: le, keepPath: keepMappings) else { throw .malformedLine(lineNo) }
                finish(current)
                current = header
                currentKind = header.kind
                s.mappingCount += 1
            } else {
                guard current != nil else { throw .malformedLine(lineNo) }
                guard let field = SmapsField.parse(p, from: i, lineEnd: le) else { throw .malformedLine(lineNo) }
                if let v = field.value {
                    switch field.key {
                    case .rss:
                        current!.rss = v
                        s.rss &+= v
                        if currentKind.countsAsHeap { s.heap &+= v } else if currentKind == .stack { s.stack &+= v }
                    case .size: current!.size = v
                    case .pss: current!.pss = v
                    case .privateClean: current!.privateClean = v
                    case .privateDirty: current!.privateDirty = v
                    case .swap: current!.swap = v
                    case .anonymous: current!.anonymous = v
                    default: break
                    }
                }
            }
            i = le + 1
        }
        finish(current)
        return s
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
        let m = Mapping(
            start: start, end: stop,
            perms: keepPath ? Bytes.string(p, permsRange) : "",
            inode: inode,
            path: keepPath ? Bytes.string(p, pathRange) : "",
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
