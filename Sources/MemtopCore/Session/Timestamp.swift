#if canImport(Glibc)
import Glibc
#endif

/// UTC ISO 8601 timestamps with milliseconds, as the session file uses.
public enum Timestamp {
    /// `2026-12-04T19:39:47.123Z` for seconds since the epoch (milliseconds truncated, never rounded up a second).
    public static func iso8601(_ epochSeconds: Double) -> String {
        // A microsecond of slack: a time read back from a file (`…47.123`) is a hair below its
        // millisecond as a Double, and must not be written back as `.122`.
        let totalMs = Int64((epochSeconds * 1000 + 0.001).rounded(.down))
        var secs = time_t(totalMs / 1000)
        let ms = Int(totalMs % 1000)
        var tm = tm()
        gmtime_r(&secs, &tm)
        return pad(Int(tm.tm_year) + 1900, 4) + "-" + pad(Int(tm.tm_mon) + 1, 2) + "-" + pad(Int(tm.tm_mday), 2)
            + "T" + pad(Int(tm.tm_hour), 2) + ":" + pad(Int(tm.tm_min), 2) + ":" + pad(Int(tm.tm_sec), 2)
            + "." + pad(ms, 3) + "Z"
    }

    /// Local `HH:MM:SS` for the screen.
    public static func localClock(_ epochSeconds: Double) -> String {
        var secs = time_t(epochSeconds.rounded(.down))
        var tm = tm()
        localtime_r(&secs, &tm)
        return pad(Int(tm.tm_hour), 2) + ":" + pad(Int(tm.tm_min), 2) + ":" + pad(Int(tm.tm_sec), 2)
    }

    /// Local `YYYYmmdd-HHMMSS`, for file names.
    public static func fileStamp(_ epochSeconds: Double) -> String {
        var secs = time_t(epochSeconds.rounded(.down))
        var tm = tm()
        localtime_r(&secs, &tm)
        return pad(Int(tm.tm_year) + 1900, 4) + pad(Int(tm.tm_mon) + 1, 2) + pad(Int(tm.tm_mday), 2)
            + "-" + pad(Int(tm.tm_hour), 2) + pad(Int(tm.tm_min), 2) + pad(Int(tm.tm_sec), 2)
    }

    /// Reads `2026-12-04T19:39:47.123Z` (the session file's form: UTC, 0–3 fraction digits) back into
    /// seconds since the epoch; nil for anything else.
    public static func parseISO8601(_ text: Substring) -> Double? {
        parseISO8601(Array(text.utf8)[...])
    }

    /// `parseISO8601` over the bytes of the text.
    public static func parseISO8601(_ u: ArraySlice<UInt8>) -> Double? {
        let u = u.startIndex == 0 ? u : Array(u)[...]
        guard u.count >= 20, u.last == UInt8(ascii: "Z") else { return nil }
        func num(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= u.count else { return nil }
            var v = 0
            for b in u[from..<(from + n)] {
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard let y = num(0, 4), u[4] == 45, let mo = num(5, 2), u[7] == 45, let d = num(8, 2), u[10] == UInt8(ascii: "T"),
              let h = num(11, 2), u[13] == 58, let mi = num(14, 2), u[16] == 58, let s = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var ms = 0
        let rest = u.count - 1 - 19
        if rest > 0 {
            guard u[19] == UInt8(ascii: "."), rest >= 2, rest <= 4, let f = num(20, rest - 1) else { return nil }
            ms = f * [1, 100, 10, 1][rest - 1]
        } else if rest < 0 {
            return nil
        }
        // Days from the civil date (proleptic Gregorian), so no time zone or libc state is involved.
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let totalMs = Int64((days * 86_400 + h * 3600 + mi * 60 + s)) * 1000 + Int64(ms)
        return Double(totalMs) / 1000
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        var s = String(n)
        while s.count < width { s = "0" + s }
        return s
    }
}
