/// Why a session file cannot be read: where (1-based line and column) and what was wrong.
public struct SessionFileError: Error, Equatable, Sendable {
    public var line: Int
    /// 1-based column (field) number.
    public var column: Int
    public var reason: String

    /// An error at `line`, `column`.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 12, column 4 (rss_bytes): not a whole number`.
    public var message: String { "line \(line), column \(column): \(reason)" }
}

/// A session file read back: its samples, and whether a cut-off last line was left out.
public struct SessionRecording: Sendable {
    public var history: SampleHistory
    /// True when the last line had no newline and did not parse (a recorder killed mid-write).
    public var droppedTruncatedLine: Bool
}

/// Reads the session CSV that `--csv` and `e` write (DESIGN.md "Session file"), for `--replay` and `report`.
public enum SessionCSVReader {
    /// Parses a whole file. Columns are found by header name; every standard column must be there,
    /// and the Go columns all or none.
    public static func read(_ bytes: [UInt8]) throws(SessionFileError) -> SessionRecording {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
            lines.append(bytes[start..<i])
            start = i + 1
        }
        let cutOff = start < bytes.count
        if cutOff { lines.append(bytes[start...]) }
        guard let headerLine = lines.first else { throw SessionFileError(line: 1, column: 1, reason: "empty file (no header)") }
        let header = try fields(headerLine, line: 1)
        let layout = try Layout(header)
        var history = SampleHistory(pid: 0, go: layout.hasGo)
        var dropped = false
        var pid: Int32?
        for n in 1..<lines.count {
            let raw = lines[n]
            if raw.isEmpty || (raw.count == 1 && raw.first == UInt8(ascii: "\r")) { continue }
            do throws(SessionFileError) {
                let cells = try fields(raw, line: n + 1)
                var s = try layout.sample(cells, line: n + 1)
                if pid == nil {
                    pid = s.pid
                    history = SampleHistory(pid: s.pid, go: layout.hasGo)
                }
                s.pid = pid ?? s.pid
                history.append(s)
            } catch {
                if cutOff && n == lines.count - 1 { dropped = true; break }
                throw error
            }
        }
        return SessionRecording(history: history, droppedTruncatedLine: dropped)
    }

    /// Splits one RFC 4180 line into cells, as slices of the line (a quoted cell is unquoted into its own bytes).
    static func fields(_ line: ArraySlice<UInt8>, line n: Int) throws(SessionFileError) -> [ArraySlice<UInt8>] {
        var cells: [ArraySlice<UInt8>] = []
        cells.reserveCapacity(24)
        var end = line.endIndex
        if end > line.startIndex, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var i = line.startIndex
        while true {
            if i < end, line[i] == UInt8(ascii: "\"") {
                var cell: [UInt8] = []
                i += 1
                var closed = false
                while i < end {
                    if line[i] == UInt8(ascii: "\"") {
                        if i + 1 < end, line[i + 1] == UInt8(ascii: "\"") { cell.append(line[i]); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    cell.append(line[i])
                    i += 1
                }
                guard closed else { throw SessionFileError(line: n, column: cells.count + 1, reason: "unclosed quote") }
                guard i == end || line[i] == UInt8(ascii: ",") else {
                    throw SessionFileError(line: n, column: cells.count + 1, reason: "text after a closing quote")
                }
                cells.append(cell[...])
            } else {
                let start = i
                while i < end, line[i] != UInt8(ascii: ",") { i += 1 }
                cells.append(line[start..<i])
            }
            if i >= end { return cells }
            i += 1  // the comma
        }
    }

    /// The cell's text, for names and messages.
    static func text(_ cell: ArraySlice<UInt8>) -> String { String(decoding: cell, as: UTF8.self) }

    /// An unsigned decimal with no sign, spaces or fraction; nil otherwise.
    static func unsigned(_ cell: ArraySlice<UInt8>) -> UInt64? {
        cell.withUnsafeBufferPointer { p in
            var i = 0
            let v = Bytes.decimal(p, &i, end: p.count)
            return i == p.count ? v : nil
        }
    }

    /// Where each column is, from the header.
    struct Layout {
        let index: [String: Int]
        let count: Int
        let hasGo: Bool

        init(_ header: [ArraySlice<UInt8>]) throws(SessionFileError) {
            var index: [String: Int] = [:]
            let known = Set(SessionCSV.columns(go: true))
            for (i, name) in header.enumerated() {
                let n = SessionCSVReader.text(name)
                guard known.contains(n) else {
                    throw SessionFileError(line: 1, column: i + 1, reason: "unknown column '\(TextSanitizer.clean(n, maxLength: 40))' (not a memtop session file?)")
                }
                guard index[n] == nil else { throw SessionFileError(line: 1, column: i + 1, reason: "column '\(n)' appears twice") }
                index[n] = i
            }
            for name in SessionCSV.columns where index[name] == nil {
                throw SessionFileError(line: 1, column: header.count, reason: "missing column '\(name)' (not a memtop session file?)")
            }
            let goPresent = SessionCSV.goColumns.filter { index[$0] != nil }
            guard goPresent.isEmpty || goPresent.count == SessionCSV.goColumns.count else {
                throw SessionFileError(line: 1, column: header.count, reason: "some but not all of the go_* columns")
            }
            self.index = index
            count = header.count
            hasGo = !goPresent.isEmpty
        }

        func sample(_ cells: [ArraySlice<UInt8>], line: Int) throws(SessionFileError) -> Sample {
            guard cells.count == count else {
                throw SessionFileError(line: line, column: min(cells.count, count) + 1, reason: "\(cells.count) fields where the header has \(count)")
            }
            func column(_ name: String) -> Int { index[name]! }
            func fail(_ name: String, _ what: String) -> SessionFileError {
                SessionFileError(line: line, column: column(name) + 1, reason: "\(name): \(what)")
            }
            func uint(_ name: String) throws(SessionFileError) -> UInt64? {
                let c = cells[column(name)]
                if c.isEmpty { return nil }
                guard let v = SessionCSVReader.unsigned(c) else {
                    throw fail(name, "'\(TextSanitizer.clean(SessionCSVReader.text(c), maxLength: 40))' is not a whole number")
                }
                return v
            }
            guard let time = Timestamp.parseISO8601(cells[column("time")]) else { throw fail("time", "not a UTC ISO 8601 time") }
            guard let elapsed = Double(SessionCSVReader.text(cells[column("elapsed_s")])), elapsed.isFinite, elapsed >= 0 else {
                throw fail("elapsed_s", "not a number of seconds")
            }
            guard let pid = SessionCSVReader.unsigned(cells[column("pid")]).flatMap({ Int32(exactly: $0) }), pid > 0 else { throw fail("pid", "not a process ID") }
            var s = Sample(time: time, elapsed: elapsed, pid: pid)
            for key in SeriesKey.proc { key.set(try uint(key.column), in: &s) }
            s.minflt = try uint("minflt")
            s.majflt = try uint("majflt")
            if hasGo {
                for key in SeriesKey.go { key.set(try uint(key.column), in: &s) }
            }
            let events = cells[column("event")]
            if !events.isEmpty {
                for token in SessionCSVReader.text(events).split(separator: ";") {
                    guard let e = SessionEvent(String(token)) else { throw fail("event", "unknown event '\(TextSanitizer.clean(String(token), maxLength: 40))'") }
                    s.events.append(e)
                }
            }
            return s
        }
    }
}
