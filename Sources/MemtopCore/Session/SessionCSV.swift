/// The session file format (DESIGN.md "Session file"): header and rows.
public enum SessionCSV {
    /// Columns written for every session, in order.
    public static let columns = ["time", "elapsed_s", "pid"] + SeriesKey.proc.map(\.column) + ["minflt", "majflt", "event"]

    /// Columns a `--go` session adds after `majflt`.
    public static let goColumns = SeriesKey.go.map(\.column)

    /// The columns of a session, with the Go ones when it polls a Go endpoint.
    public static func columns(go: Bool) -> [String] {
        go ? columns.dropLast() + goColumns + ["event"] : columns
    }

    /// The header line, with its trailing newline.
    public static func header(go: Bool = false) -> String { columns(go: go).joined(separator: ",") + "\n" }

    /// One sample as a CSV line with its trailing newline; unknown values are empty cells.
    public static func row(_ s: Sample, go: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(200)
        out += Timestamp.iso8601(s.time)
        out += ","
        out += Units.fixed(s.elapsed, 3)
        out += ","
        out += String(s.pid)
        for key in SeriesKey.proc {
            out += ","
            if let v = key.value(in: s) { out += String(v) }
        }
        out += ","
        if let v = s.minflt { out += String(v) }
        out += ","
        if let v = s.majflt { out += String(v) }
        out += ","
        if go {
            for key in SeriesKey.go {
                if let v = key.value(in: s) { out += String(v) }
                out += ","
            }
        }
        out += cell(s.events.map(\.description).joined(separator: ";"))
        out += "\n"
        return out
    }

    /// Quotes a cell per RFC 4180 when needed, and neutralizes spreadsheet formulas
    /// (`=`, `+`, `-`, `@` at the start) with a leading apostrophe.
    public static func cell(_ text: String) -> String {
        var t = text
        if let f = t.first, f == "=" || f == "+" || f == "-" || f == "@" { t = "'" + t }
        if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return t
    }
}

extension String {
    /// Plain substring replacement without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    /// First range of `target`, without Foundation.
    func range(of target: String) -> Range<Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i
            var k = 0
            while k < t.count, j != u.endIndex, u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}
