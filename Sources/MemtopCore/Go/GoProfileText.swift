/// One symbolized frame of a Go stack. Untrusted text: sanitize before drawing.
public struct GoFrame: Equatable, Hashable, Sendable {
    /// Package-qualified function, e.g. `main.growMap` or `net/http.(*conn).serve`.
    public var function: String
    public var file: String
    public var line: Int?

    /// A frame with its function, file and line.
    public init(function: String, file: String, line: Int?) {
        self.function = function
        self.file = file
        self.line = line
    }

    /// `file:line`, as Go prints it.
    public var location: String { line.map { "\(file):\($0)" } ?? file }

    /// Frames of the runtime itself (malloc, map growth, parking) say where memory came from
    /// mechanically; the first frame outside them says which code asked for it.
    public var isRuntimeInternal: Bool {
        function.hasPrefix("runtime.") || function.hasPrefix("internal/") || function.hasPrefix("runtime/internal/")
    }
}

/// A stack and its counts from a `debug=1` pprof text profile.
public struct GoProfileRecord: Equatable, Sendable {
    /// The numbers before `@`: `[inuse objects, inuse bytes, alloc objects, alloc bytes]` for heap, `[count]` for goroutines.
    public var counts: [UInt64]
    /// Frame addresses, innermost first (keys into `GoProfileText.symbols`).
    public var stack: [UInt64]
}

/// The legacy text form of a Go profile (`?debug=1`): a header line, records with their frames,
/// and for heap profiles a `# runtime.MemStats` trailer of `# Name = value` lines.
public struct GoProfileText: Sendable {
    /// The first line, as read.
    public var header: String
    public var records: [GoProfileRecord]
    /// Frames by address; an address has more than one frame where calls were inlined.
    public var symbols: [UInt64: [GoFrame]]
    /// `# Name = N` lines (the heap profile's MemStats), by name.
    public var trailer: [String: UInt64]

    /// Parses a profile whose first line starts with `headerPrefix`; `kind` names it in errors.
    public static func parse(_ bytes: [UInt8], headerPrefix: StaticString, kind: String) throws(GoParseError) -> GoProfileText {
        try bytes.withUnsafeBufferPointer { p throws(GoParseError) in try parse(p, headerPrefix: headerPrefix, kind: kind) }
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>, headerPrefix: StaticString, kind: String) throws(GoParseError) -> GoProfileText {
        let end = p.count
        guard Bytes.matches(p, at: 0, end: end, headerPrefix) else { throw .notProfile(expected: kind) }
        let headerEnd = Bytes.lineEnd(p, from: 0, end: end)
        guard headerEnd < end else { throw .truncated }
        var out = GoProfileText(header: Bytes.string(p, 0..<headerEnd), records: [], symbols: [:], trailer: [:])
        // Which record filled an address's frames: later records repeat them and are not re-read.
        var filledBy: [UInt64: Int] = [:]
        // Whether the newest record's stack has been switched to its frame lines' addresses.
        var symbolized = false
        var i = headerEnd + 1
        var lineNumber = 1
        while i < end {
            lineNumber += 1
            let e = Bytes.lineEnd(p, from: i, end: end)
            guard e < end else { throw .truncated }
            defer { i = e + 1 }
            if e == i { continue }
            if Bytes.isDigit(p[i]) {
                out.records.append(try record(p, from: i, end: e, line: lineNumber))
                symbolized = false
            } else if p[i] == UInt8(ascii: "#") {
                var j = i + 1
                Bytes.skipBlanks(p, &j, end: e)
                if Bytes.matches(p, at: j, end: e, "0x") {
                    guard !out.records.isEmpty else { throw .malformedLine(lineNumber) }
                    try frame(p, from: j, end: e, line: lineNumber, into: &out, filledBy: &filledBy, symbolized: &symbolized)
                } else if let (name, value) = trailerValue(p, from: j, end: e) {
                    out.trailer[name] = value
                }
            } else {
                throw .malformedLine(lineNumber)
            }
        }
        return out
    }

    /// `a: b [c: d] @ 0x1 0x2` or `n @ 0x1 0x2`; the `@` addresses are replaced by frame addresses when frames follow.
    private static func record(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, line: Int) throws(GoParseError) -> GoProfileRecord {
        var counts: [UInt64] = []
        var j = start
        while j < end, p[j] != UInt8(ascii: "@") {
            if Bytes.isDigit(p[j]) {
                guard let v = Bytes.decimal(p, &j, end: end) else { throw .malformedLine(line) }
                counts.append(v)
            } else if p[j] == UInt8(ascii: ":") || p[j] == UInt8(ascii: "[") || p[j] == UInt8(ascii: "]") || Bytes.isBlank(p[j]) {
                j += 1
            } else {
                throw .malformedLine(line)
            }
        }
        guard j < end, !counts.isEmpty, counts.count <= 4 else { throw .malformedLine(line) }
        j += 1
        var stack: [UInt64] = []
        while j < end {
            Bytes.skipBlanks(p, &j, end: end)
            guard j < end, p[j] != UInt8(ascii: "#") else { break }  // `# labels: …` may follow
            guard Bytes.matches(p, at: j, end: end, "0x") else { throw .malformedLine(line) }
            j += 2
            guard let a = Bytes.hex(p, &j, end: end) else { throw .malformedLine(line) }
            stack.append(a)
        }
        return GoProfileRecord(counts: counts, stack: stack)
    }

    /// `#\t0x4a2b3b\tmain.growMap+0x5b\t\t/src/main.go:40` (tabs vary: Go aligns the columns).
    private static func frame(
        _ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, line: Int,
        into out: inout GoProfileText, filledBy: inout [UInt64: Int], symbolized: inout Bool
    ) throws(GoParseError) {
        var j = start + 2
        guard let address = Bytes.hex(p, &j, end: end) else { throw .malformedLine(line) }
        let r = out.records.count - 1
        // The `@` addresses are return addresses; frame lines give the call sites, and inlined
        // calls share one. The first frame line of a record replaces its stack.
        if !symbolized {
            out.records[r].stack = []
            symbolized = true
        }
        if out.records[r].stack.last != address { out.records[r].stack.append(address) }
        if let owner = filledBy[address], owner != r { return }
        filledBy[address] = r
        Bytes.skipBlanks(p, &j, end: end)
        let fnStart = j
        while j < end, !Bytes.isBlank(p[j]) { j += 1 }
        var fnEnd = j
        // Drop the `+0x5b` offset.
        var k = fnEnd - 1
        while k > fnStart, p[k] != UInt8(ascii: "+") { k -= 1 }
        if k > fnStart, Bytes.matches(p, at: k, end: fnEnd, "+0x") { fnEnd = k }
        Bytes.skipBlanks(p, &j, end: end)
        var fileEnd = end
        var lineNo: Int?
        var c = end - 1
        while c > j, Bytes.isDigit(p[c]) { c -= 1 }
        if c > j, c < end - 1, p[c] == UInt8(ascii: ":") {
            var d = c + 1
            lineNo = Bytes.decimal(p, &d, end: end).flatMap { Int(exactly: $0) }
            fileEnd = c
        }
        let f = GoFrame(function: Bytes.string(p, fnStart..<fnEnd), file: Bytes.string(p, j..<max(j, fileEnd)), line: lineNo)
        out.symbols[address, default: []].append(f)
    }


    /// `Name = 123` (a MemStats trailer line); nil for anything else.
    private static func trailerValue(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> (String, UInt64)? {
        var j = start
        while j < end, p[j] != UInt8(ascii: " "), p[j] != UInt8(ascii: "=") { j += 1 }
        let nameEnd = j
        guard nameEnd > start else { return nil }
        Bytes.skipBlanks(p, &j, end: end)
        guard j < end, p[j] == UInt8(ascii: "=") else { return nil }
        j += 1
        Bytes.skipBlanks(p, &j, end: end)
        guard let v = Bytes.decimal(p, &j, end: end), j == end else { return nil }
        return (Bytes.string(p, start..<nameEnd), v)
    }
}
