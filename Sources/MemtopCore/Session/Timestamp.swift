#if canImport(Glibc)
import Glibc
#endif

/// UTC ISO 8601 timestamps with milliseconds, as the session file uses.
public enum Timestamp {
    /// `2026-12-04T19:39:47.123Z` for seconds since the epoch (milliseconds truncated, never rounded up a second).
    public static func iso8601(_ epochSeconds: Double) -> String {
        let totalMs = Int64((epochSeconds * 1000).rounded(.down))
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

    static func pad(_ n: Int, _ width: Int) -> String {
        var s = String(n)
        while s.count < width { s = "0" + s }
        return s
    }
}
