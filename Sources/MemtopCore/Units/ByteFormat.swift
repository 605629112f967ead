/// Sizes, durations and rates as users type them and as memtop prints them.
public enum Units {
    /// Formats bytes in binary units with three significant digits: `0 B`, `512 B`, `1.21 GiB`, `76.4 MiB`, `180 MiB`.
    public static func bytes(_ value: UInt64) -> String {
        if value < 1024 { return "\(value) B" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var v = Double(value) / 1024
        var u = 0
        while v >= 1023.5 && u < units.count - 1 { v /= 1024; u += 1 }
        return decimal3(v) + " " + units[u]
    }

    /// Formats a signed byte delta: `+2.10 MiB`, `-512 B`, `0 B`.
    public static func signedBytes(_ value: Int64) -> String {
        if value == 0 { return "0 B" }
        return (value > 0 ? "+" : "-") + bytes(value.magnitude)
    }

    /// Formats a growth rate in the shortest time unit whose amount reaches 1 MiB:
    /// `+2.00 MiB/s`, `+2.10 MiB/min`, `+10.0 MiB/h`, `+200 KiB/h`.
    public static func rate(bytesPerSecond r: Double) -> String {
        let sign = r < 0 ? "-" : "+"
        let m = abs(r)
        let mib = 1048576.0
        if m >= mib { return sign + bytes(UInt64(m)) + "/s" }
        if m * 60 >= mib { return sign + bytes(UInt64(m * 60)) + "/min" }
        return sign + bytes(UInt64(m * 3600)) + "/h"
    }

    /// Three significant digits: 1.21, 76.4, 180.
    static func decimal3(_ v: Double) -> String {
        if v < 9.995 { return fixed(v, 2) }
        if v < 99.95 { return fixed(v, 1) }
        return fixed(v, 0)
    }

    /// `v` with exactly `places` decimals, without Foundation's locale-dependent formatting.
    public static func fixed(_ v: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let negative = v < 0
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e18 else { return String(v) }
        let n = UInt64(scaled)
        let whole = n / UInt64(scale)
        var s = (negative && n != 0 ? "-" : "") + String(whole)
        if places > 0 {
            var frac = String(n % UInt64(scale))
            while frac.count < places { frac = "0" + frac }
            s += "." + frac
        }
        return s
    }

    /// Formats seconds compactly: `850ms`, `5.0s`, `2m05s`, `3h12m`, `2d04h`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 { return fixed(seconds, 1) + "s" }
        let total = Int(seconds.rounded(.down))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if total < 3600 { return "\(total / 60)m\(two(total % 60))s" }
        if total < 86400 { return "\(total / 3600)h\(two(total % 3600 / 60))m" }
        return "\(total / 86400)d\(two(total % 86400 / 3600))h"
    }
}
